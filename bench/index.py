"""Indexing cost: `build_index` against raw `SentenceTransformer.encode` of the same texts.

    .venv/bin/python bench/index.py                       # seeds, lee (300), wiki (--n 2000)
    .venv/bin/python bench/index.py --corpus wiki --n 10033 --repeat 1

For each corpus, in one process with one loaded model: a full `build_index` (instrumented per
stage), raw `model.encode` of exactly the `Chunk.embed_text()` strings it embedded (same batch
size, one call), then the incremental cases: re-index unchanged (in-process and through the
`rag index` CLI, Python start-up included) and re-index after editing one file. With --repeat
> 1 the full build and the raw encode alternate and the fastest of each is kept (the machine is
shared, so single runs are noisy). Only ratios measured in this run are comparable.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import corpora  # bench/corpora.py (the script's folder is on sys.path)

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Stages:
    """Wall seconds per stage; a call nested inside another timed call counts only once."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._depth = 0

    @contextlib.contextmanager
    def _clock(self, stage: str) -> Iterator[None]:
        outer = self._depth == 0
        self._depth += 1
        t = time.perf_counter()
        try:
            yield
        finally:
            self._depth -= 1
            if outer:
                self.seconds[stage] += time.perf_counter() - t

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Any:
            with self._clock(stage):
                return fn(*a, **kw)

        return timed

    def wrap_gen(self, stage: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Iterator[Any]:
            it = fn(*a, **kw)
            while True:
                with self._clock(stage):
                    try:
                        item = next(it)
                    except StopIteration:
                        return
                yield item

        return timed


@contextlib.contextmanager
def instrumented(embedder: Any) -> Iterator[Stages]:
    """Patch the stage functions build_index calls; restore them afterwards."""
    import bm25s
    import faiss
    import numpy as np

    import rag.index.build as build
    import rag.index.catalog as catalog
    import rag.ingest
    import rag.stores.faiss as store

    st = Stages()
    patches: list[tuple[Any, str, str, bool]] = [
        (build, "file_hash", "hash files", False),
        (rag.ingest, "load_file", "ingest", False),
        (build, "chunk_documents", "sentences+chunk", True),
        (embedder, "embed", "embed", False),
        (np, "save", "save vectors", False),
        (store, "make_faiss", "faiss build", False),
        (faiss, "write_index", "faiss write", False),
        (store, "_tokenize", "bm25", False),
        (bm25s.BM25, "index", "bm25", False),
        (bm25s.BM25, "save", "bm25", False),
        (store, "write_chunks", "sqlite store", False),
        (catalog, "write_documents", "sqlite store", False),
    ]
    if hasattr(embedder, "export_query_encoder"):
        patches.append((embedder, "export_query_encoder", "onnx export", False))
    saved = []
    for obj, name, stage, gen in patches:
        own = vars(obj).get(name)  # None when inherited (a bound method on an instance)
        saved.append((obj, name, own))
        setattr(obj, name, (st.wrap_gen if gen else st.wrap)(stage, getattr(obj, name)))
    try:
        yield st
    finally:
        for obj, name, own in reversed(saved):
            if own is None:
                delattr(obj, name)
            else:
                setattr(obj, name, own)


def chunk_texts(settings: Any) -> list[str]:
    from rag.index import open_index

    idx = open_index(settings)
    return [c.embed_text() for c in idx.chunks(idx.chunk_ids()).values()]


def cli_reindex_seconds(settings: Any) -> float:
    rag_bin = Path(sys.executable).parent / "rag"
    cmd = [str(rag_bin)] if rag_bin.exists() else [sys.executable, "-m", "rag.cli"]
    cmd += ["index", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0 or "up to date" not in done.stdout:
        raise SystemExit(f"`{' '.join(cmd)}` did not report an up-to-date index:\n"
                         f"{done.stdout}{done.stderr}")
    return seconds


def run_corpus(name: str, n: int | None, embedder: Any, args: argparse.Namespace,
               work: Path) -> dict[str, Any]:
    from rag.index import build_index
    from rag.settings import Settings

    corpus = corpora.materialise(name, work / name, n)
    settings = Settings(corpus_dir=corpus, index_dir=work / f"{name}-index",
                        batch_size=args.batch_size)
    model = embedder.model  # the SentenceTransformer build_index's embedder wraps
    best: dict[str, Any] = {}
    for _ in range(args.repeat):
        with instrumented(embedder) as st:
            rep = build_index(settings, rebuild=True, embedder=embedder)
        if "report" not in best or rep.seconds < best["report"].seconds:
            best["report"], best["stages"] = rep, dict(st.seconds)
        texts = best.get("texts") or chunk_texts(settings)
        best["texts"] = texts
        t = time.perf_counter()
        model.encode(texts, batch_size=settings.batch_size, normalize_embeddings=True,
                     convert_to_numpy=True, show_progress_bar=False)
        best["raw"] = min(best.get("raw", float("inf")), time.perf_counter() - t)

    same = build_index(settings, embedder=embedder)
    cli = cli_reindex_seconds(settings)
    files = sorted(corpus.iterdir())
    edited = files[len(files) // 2]
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("\nThis paragraph was added by the incremental indexing benchmark.\n")
    one = build_index(settings, embedder=embedder)
    return {"name": name, "report": best["report"], "stages": best["stages"], "raw": best["raw"],
            "same": same, "cli": cli, "one": one, "edited": edited.name}


def table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=corpora.NAMES,
                    help="corpus to index (repeatable; default: all three)")
    ap.add_argument("--n", type=int, default=2000, help="wiki summaries to index (max 10033)")
    ap.add_argument("--repeat", type=int, default=1, help="alternate full build/raw encode N times")
    ap.add_argument("--batch-size", type=int, default=None, help="override settings.batch_size")
    args = ap.parse_args()
    names = args.corpus or list(corpora.NAMES)

    import torch

    from rag.embed import get_embedder
    from rag.settings import Settings

    if args.batch_size is None:
        args.batch_size = Settings().batch_size
    t = time.perf_counter()
    embedder = get_embedder(Settings().embedder, args.batch_size)
    load = time.perf_counter() - t
    embedder.embed(["warm-up sentence"] * 8)  # first call pays one-off allocation costs
    print(f"model load {load:.2f}s (once per `rag index`, not counted below); "
          f"torch threads {torch.get_num_threads()}, batch size {args.batch_size}, "
          f"repeat {args.repeat}\n")

    results = []
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
        for name in names:
            n = args.n if name == "wiki" else None
            print(f"indexing {name}{f' (n={n})' if n else ''} ...", file=sys.stderr, flush=True)
            results.append(run_corpus(name, n, embedder, args, Path(tmp)))

    rows = []
    for r in results:
        rep, raw = r["report"], r["raw"]
        over = rep.seconds - rep.embed_seconds
        rows.append([
            r["name"], str(rep.files), str(rep.chunks), f"{rep.seconds:.2f}",
            f"{rep.embed_seconds:.2f}", f"{raw:.2f}", f"{over:.2f}",
            f"{100 * over / rep.embed_seconds:.1f} %", f"{rep.chunks / rep.seconds:.1f}",
            f"{rep.chunks / raw:.1f}", f"{100 * raw / rep.seconds:.1f} %",
        ])
    print("Full build vs raw encode (targets: overhead <= 10 % of embedding, throughput >= 90 %)")
    print(table(["corpus", "files", "chunks", "index s", "embed s", "raw encode s", "overhead s",
                 "overhead/embed", "index chunks/s", "raw chunks/s", "throughput/raw"], rows))

    stages = sorted({s for r in results for s in r["stages"]} - {"embed"})
    rows = []
    for s in [*stages, "other (manifest, digests, swap)"]:
        row = [s]
        for r in results:
            rep = r["report"]
            sec = (r["stages"].get(s, 0.0) if not s.startswith("other")
                   else rep.seconds - sum(r["stages"].values()))
            row.append(f"{sec:.3f}s ({100 * sec / rep.embed_seconds:.1f} %)")
        rows.append(row)
    print("\nOverhead by stage, seconds (% of embedding time)")
    print(table(["stage", *[r["name"] for r in results]], rows))

    rows = []
    for r in results:
        same, one = r["same"], r["one"]
        rows.append([
            r["name"], f"{same.seconds:.3f}", str(same.chunks_embedded), f"{r['cli']:.2f}",
            f"{one.seconds:.2f}", f"{one.chunks_embedded} of {one.chunks}",
        ])
    print("\nIncremental (target: unchanged <= 1 s with 0 chunks embedded)")
    print(table(["corpus", "unchanged s", "embedded", "unchanged via CLI s (incl. start-up)",
                 "one file edited s", "chunks embedded"], rows))


if __name__ == "__main__":
    main()
