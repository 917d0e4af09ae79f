"""Shared fixtures: the real seeds, the real packaged model, a seeds index built once a session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own RAG_HOME so nothing touches the project's .rag/."""
    home = tmp_path_factory.mktemp("rag_home")
    monkeypatch.setenv("RAG_HOME", str(home))
    for var in [v for v in os.environ if v.startswith("RAG_") and v != "RAG_HOME"]:
        monkeypatch.delenv(var)
    yield home


@pytest.fixture(scope="session")
def embedder():
    """The packaged all-MiniLM-L6-v2, loaded once."""
    from rag.embed import get_embedder

    return get_embedder("minilm")


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, embedder):
    """(settings, index) for a copy of the seeds, built once per session with the real model."""
    from rag.index import build_index, open_index
    from rag.settings import Settings

    base = tmp_path_factory.mktemp("seeds_index")
    corpus = base / "seeds"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    build_index(settings, embedder=embedder)
    return settings, open_index(settings)


@pytest.fixture(scope="session")
def pipeline(seeds_index):
    from rag.pipeline import Pipeline

    settings, index = seeds_index
    return Pipeline(settings, index=index)


class HashEmbedder:
    """A tiny deterministic embedder for fast tests: stems hashed into 256 buckets, L2-normalised.

    Texts that share words are close, like a real model's on the lexical side; no model loads.
    """

    id = "test-hash-256"
    dim = 256

    def embed(self, texts):
        import zlib

        import numpy as np

        from rag.text import stem, tokens

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in tokens(text):
                out[i, zlib.crc32(stem(tok).encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


def tiny_pipeline(base: Path, files: dict[str, str]):
    """A Pipeline over `files` (name -> text), indexed with the HashEmbedder; no model loads."""
    from rag.index import build_index, open_index
    from rag.pipeline import Pipeline
    from rag.settings import Settings

    corpus = base / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    embedder = HashEmbedder()
    build_index(settings, embedder=embedder)
    return Pipeline(settings, index=open_index(settings), encoder=embedder)
