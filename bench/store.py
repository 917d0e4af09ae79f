"""Past one machine, measured on real news: index builds and dense queries per store.

(a) Build the index of a corpus three ways, each in a fresh process: single-process (FAISS
    store), Ray local (FAISS store; ingest tasks + embedding actors), and the Milvus-lite store.
    Wall time, chunks/s and peak RSS of the whole process tree (Ray's raylet and workers
    included), sampled from /proc every 0.2 s. The Milvus build is given the single-process
    vectors (looked up by text), so its time is ingest + Milvus writes; its total is that plus
    the single build's embedding time (stated as such).
(b) Dense queries on those real vectors: p50/p95 per query and recall@10 against exact search,
    for FAISS flat, FAISS IVF (nprobe 32), FAISS HNSW and the Milvus-lite collection. Queries
    are the corpus's real questions, embedded with the index's ONNX query encoder. The vectors
    and query vectors are kept in ~/.cache/rag-bench for `bench/scale.py --sources news`.

    python bench/store.py [--corpus /tmp/rtdev2023/corpus] [--limit 0] [--queries 200]

Every run builds from scratch into a temp folder; ratios are from this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/tmp/rtdev2023")
CACHE = Path(os.environ.get("RAG_BENCH_CACHE", Path.home() / ".cache" / "rag-bench"))

BUILD = """
import json, sys, time
from pathlib import Path
import numpy as np
from rag.index import build_index
from rag.settings import Settings
corpus, index_dir, mode, cache = sys.argv[1:5]
embedder = None
if cache != "-":  # the single-process build's vectors, by embedded text
    from rag.index import open_index
    src = open_index(Settings(corpus_dir=Path(corpus), index_dir=Path(cache)))
    ids = src.chunk_ids()
    chunks = src.chunks(ids)
    vecs = src.store.vectors(ids)
    table = {chunks[i].embed_text(): v for i, v in zip(ids, vecs)}
    class Cached:
        id, dim = src.manifest["embedder"]["id"], vecs.shape[1]
        def embed(self, texts):
            return np.stack([table[t] for t in texts])
    embedder = Cached()
t = time.perf_counter()
s = Settings(corpus_dir=Path(corpus), index_dir=Path(index_dir),
             store="milvus" if mode == "milvus" else "faiss")
r = build_index(s, embedder=embedder, ray_address="local" if mode == "ray" else None)
print(json.dumps({"seconds": time.perf_counter() - t, "chunks": r.chunks, "files": r.files,
                  "embedded": r.chunks_embedded, "embed_seconds": r.embed_seconds}))
"""


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in family]
        family.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def build(corpus: Path, index_dir: Path, mode: str, cache: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RAG_HOME": str(index_dir.parent / "home")}
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(corpus), str(index_dir), mode,
                             str(cache) if cache else "-"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    stop.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{mode} build failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mib"] = peak / 2**20
    result["chunks_per_s"] = result["chunks"] / result["seconds"]
    return result


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def questions(corpus: Path, limit: int) -> list[str]:
    found = []
    for name in ("questions_open.jsonl", "questions_choice.jsonl"):
        path = corpus.parent / name
        if path.is_file():
            found += [json.loads(line)["question"] for line in path.read_text().splitlines()
                      if line.strip()]
    if not found:
        found = [json.loads(line)["question"] for line in
                 (ROOT / "eval" / "questions.jsonl").read_text().splitlines() if line.strip()]
    return found[:limit]


def queries(single: Path, milvus: Path, corpus: Path, n: int) -> list[dict]:
    from rag.embed import query_embedder
    from rag.index import make_faiss, open_index
    from rag.settings import Settings

    idx = open_index(Settings(corpus_dir=corpus, index_dir=single))
    ids = np.array(idx.chunk_ids(), dtype=np.int64)
    vectors = idx.store.vectors(ids.tolist())
    encoder = query_embedder(idx.version, Settings(corpus_dir=corpus))
    qs = encoder.embed(questions(corpus, n))
    # bench/scale.py --sources news builds its 1M rows from these real chunk vectors
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(CACHE / f"news-minilm-{len(ids)}.npy", vectors)
    np.save(CACHE / f"news-minilm-queries-{len(ids)}.npy", qs)
    exact = [set(ids[np.argsort(-(vectors @ q))[:10]].tolist()) for q in qs]
    rows = []

    def measure(name: str, search) -> None:
        search(qs[0])  # warm: first loads, caches
        times, recall = [], []
        for q, truth in zip(qs, exact, strict=True):
            t = time.perf_counter()
            got = search(q)
            times.append((time.perf_counter() - t) * 1000)
            recall.append(len(set(got[:10]) & truth) / 10)
        rows.append({"store": name, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                     "recall@10": statistics.mean(recall)})

    for kind in ("flat", "ivf", "hnsw"):
        index = make_faiss(vectors, kind)
        measure(f"FAISS {kind}", lambda q, index=index: [
            int(ids[r]) for r in index.search(q.reshape(1, -1), 10)[1][0]])
    m = open_index(Settings(corpus_dir=corpus, index_dir=milvus, store="milvus"))
    measure("Milvus-lite (FLAT, via alias)", lambda q: [i for i, _ in m.dense(q, 10)])
    rows.append({"queries": len(qs), "rows": len(ids)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV / "corpus")
    ap.add_argument("--limit", type=int, default=0, help="first N files only (0: all)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--out", type=Path, default=None, help="also write the numbers as JSON")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rag-bench-store-"))
    try:
        corpus = args.corpus.resolve()
        if args.limit:
            sub = work / "corpus"
            sub.mkdir()
            for p in sorted(corpus.iterdir())[: args.limit]:
                shutil.copy2(p, sub / p.name)
            for name in ("questions_open.jsonl", "questions_choice.jsonl"):
                if (corpus.parent / name).is_file():
                    shutil.copy2(corpus.parent / name, work / name)
            corpus = sub
        results = {}
        for mode in ("single", "ray", "milvus"):
            cache = work / "single" if mode == "milvus" else None
            results[mode] = build(corpus, work / mode, mode, cache)
            print(mode, json.dumps(results[mode]), flush=True)
        single = results["single"]
        print(f"\nbuilds on {corpus} ({single['files']} files, {single['chunks']} chunks, "
              f"{os.cpu_count()} cores)")
        print(f"{'build':40s} {'wall s':>8s} {'chunks/s':>9s} {'peak RSS MiB':>13s}")
        for mode, label in (("single", "single process (FAISS store)"),
                            ("ray", "Ray local (FAISS store)"),
                            ("milvus", "Milvus-lite store, vectors given")):
            r = results[mode]
            print(f"{label:40s} {r['seconds']:8.1f} {r['chunks_per_s']:9.1f} "
                  f"{r['peak_rss_mib']:13.0f}")
        total = results["milvus"]["seconds"] + single["embed_seconds"]
        print(f"{'Milvus-lite store incl. embedding (est.)':40s} {total:8.1f} "
              f"{single['chunks'] / total:9.1f}")
        print(f"Ray / single wall time: {results['ray']['seconds'] / single['seconds']:.2f}")
        rows = queries(work / "single", work / "milvus", corpus, args.queries)
        print(f"\ndense queries ({rows[-1]['queries']} real questions, {rows[-1]['rows']} rows)")
        print(f"{'store':32s} {'p50 ms':>8s} {'p95 ms':>8s} {'recall@10':>10s}")
        for r in rows[:-1]:
            print(f"{r['store']:32s} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} "
                  f"{r['recall@10']:10.3f}")
        if args.out:
            args.out.write_text(json.dumps({"builds": results, "queries": rows}, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
