"""Ingest and embedding on Ray (`rag index DIR --ray [ADDRESS]`), for corpora past one machine.

Ray Data runs the same stage functions as a local build (rag/index/build.py): `ingest_file` in
parallel tasks (read, clean, sentence-split, chunk), then the embedder in a pool of actors, each
loading the model once. Chunk ids come from file and offsets (never from order), so the result
is the single-process build's: same ids, same texts, vectors equal within float noise
(tests/test_bulk.py). The driver keeps the rest: hashing, deciding what to re-embed, writing
the store and publishing.

"local" starts a Ray on this machine; "" follows Ray's own rule (the cluster in RAY_ADDRESS, else
a local one); any other address joins that cluster (`ray://head:10001`, or `auto` on a node).
On a cluster every node needs rag installed and the corpus folder at the same path (a shared
file system); a node with a GPU runs the sentence-transformers model there.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..corpus import Skip
from ..errors import InputError
from ..settings import Settings
from ..stores import FilePart
from .build import Progress, Runner, ingest_file

FILES_PER_TASK = 8  # small tasks keep both cores busy on a corpus of a few hundred files


def start(address: str) -> Any:
    """Connect to Ray at `address`, or start a local one; reuses a Ray this process started."""
    try:
        import ray
    except ImportError as e:
        raise InputError("`rag index --ray` needs `pip install 'rag[ray]'`") from e
    if not ray.is_initialized():
        local = address == "local" or not (address or os.environ.get("RAY_ADDRESS"))
        # address None: Ray's own rule (RAY_ADDRESS, else start one); "local": always start one
        ray.init(address=address or None, include_dashboard=False,
                 log_to_driver=False, configure_logging=False,
                 # local workers import this checkout's rag, as the driver does
                 runtime_env={"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}}
                 if local else None)
    return ray


def ray_ingest(settings: Settings, hashes: dict[str, str],
               emit: Progress) -> list[FilePart | Skip]:
    """Stage 2 on Ray: one task per few files; results in corpus order."""
    import ray

    corpus = settings.corpus_dir.resolve()
    size, overlap = settings.chunk_size, settings.chunk_overlap

    def work(batch: dict[str, Any]) -> dict[str, Any]:
        done = [pickle.dumps(ingest_file(corpus, str(n), str(h), size, overlap))
                for n, h in zip(batch["name"], batch["sha"], strict=True)]
        return {"name": list(batch["name"]), "result": done}

    items = [{"name": n, "sha": h} for n, h in hashes.items()]
    ds = ray.data.from_items(items).map_batches(work, batch_size=FILES_PER_TASK)
    found: dict[str, FilePart | Skip] = {}
    chunks = 0
    for row in ds.iter_rows():
        result = pickle.loads(row["result"])
        found[str(row["name"])] = result
        chunks += len(result.chunks) if isinstance(result, FilePart) else 0
        emit("parsed", {"done": len(found), "files": len(hashes), "chunks": chunks})
    return [found[n] for n in hashes]


class Encoder:
    """A Ray actor: loads the embedder once, then embeds batches of texts.

    `model` is either the ONNX export's files (CPU workers: onnxruntime, no torch; its vectors
    match sentence-transformers' within 2e-7) or a zero-argument factory (a GPU worker, or an
    embedder that has no export).
    """

    def __init__(self, model: dict[str, bytes] | Callable[[], Any], threads: int) -> None:
        if isinstance(model, dict):
            import tempfile
            from pathlib import Path

            from ..onnxembed import OnnxEmbedder

            folder = Path(tempfile.mkdtemp(prefix="rag-onnx-"))
            for name, data in model.items():
                (folder / name).write_bytes(data)
            self.embedder = OnnxEmbedder(folder, threads=threads)
            return
        self.embedder = model()
        try:  # Ray gives the actor `threads` CPUs; torch must not use every core of the node
            import torch

            torch.set_num_threads(max(1, threads))
        except ImportError:
            pass

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        return {"i": batch["i"], "vector": self.embedder.embed([str(t) for t in batch["text"]])}


def onnx_files(embedder: Any) -> dict[str, bytes] | None:
    """The embedder's ONNX export as file contents, for CPU actors; None when it has none."""
    if not hasattr(embedder, "export_query_encoder"):
        return None
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="rag-onnx-") as tmp:
        out = Path(tmp) / "onnx"
        if embedder.export_query_encoder(out) is False:
            return None
        return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def ray_embed(make: Callable[[], Any], embedder: Any, texts: Sequence[str], batch: int,
              emit: Progress) -> np.ndarray:
    """Stage 3 on Ray: an actor pool as large as the cluster's CPUs (or GPUs) allow.

    `embedder` is the driver's (it also exports the ONNX query encoder into the index): CPU
    actors get its ONNX export; GPU actors, or an embedder without one, load `make()`.
    """
    import ray

    emit("embedding", {"total": len(texts)})
    gpus = int(ray.cluster_resources().get("GPU", 0))
    cpus = int(ray.cluster_resources().get("CPU", 1))
    actors = max(1, min(gpus or cpus, -(-len(texts) // batch)))
    model: dict[str, bytes] | Callable[[], Any] | None = None if gpus else onnx_files(embedder)
    if model is None:
        model = make if embedder is None or gpus else (lambda: embedder)
    items = ray.data.from_items([{"i": i, "text": t} for i, t in enumerate(texts)])
    ds = items.map_batches(Encoder, fn_constructor_args=(model, 1), batch_size=batch,
                        concurrency=actors, num_cpus=0 if gpus else 1, num_gpus=1 if gpus else 0)
    out: np.ndarray | None = None
    done = 0
    for part in ds.iter_batches(batch_format="numpy", batch_size=None):
        vecs = np.asarray(part["vector"], dtype=np.float32)
        if out is None:
            out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
        out[np.asarray(part["i"], dtype=np.int64)] = vecs
        done += len(vecs)
        emit("embedded", {"done": done, "total": len(texts)})
    return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def ray_runner(address: str, settings: Settings, embedder: Any = None) -> Runner:
    """Stages 2 and 3 on Ray at `address` ("local": start one here; "": RAY_ADDRESS or local)."""
    start(address)
    name, batch_size = settings.embedder, settings.batch_size

    def make() -> Any:
        from ..embed import get_embedder

        return get_embedder(name, batch_size, device="cuda")

    def embed(emb: Any, texts: Sequence[str], batch: int, emit: Progress) -> np.ndarray:
        return ray_embed(make, emb, texts, batch, emit)

    return Runner(ingest=ray_ingest, embed=embed)
