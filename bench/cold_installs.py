"""Cold one-shot `ask` of two installs, alternated in one run: e.g. a core-only install of the
wheel against the full development venv, on the same index.

    python bench/cold_installs.py --ask A/bin/ask --ask B/bin/ask [--corpus seeds] [--runs 10]

The index is built once first by the first install that can (`rag index`; a core-only install
cannot, it lacks [index]); both then answer the same question in a new process each time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "when did Xi last visit Seoul?"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ask", action="append", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    corpus = str(args.corpus.resolve())
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env |= {"RAG_HOME": home, "HF_HUB_OFFLINE": "1"}
        for ask in args.ask:
            rag = ask.parent / "rag"
            if subprocess.run([str(rag), "index", corpus], env=env,
                              capture_output=True).returncode == 0:
                break
        else:
            sys.exit("no install could build the index")
        times: dict[Path, list[float]] = {a: [] for a in args.ask}
        for _ in range(args.runs):
            for ask in args.ask:
                times[ask].append(timed([str(ask), QUESTION, "--corpus", corpus, "--json"], env))
    first = statistics.median(times[args.ask[0]])
    print(f"{args.runs} cold runs each of {QUESTION!r} on {args.corpus}, alternating")
    for ask, ts in times.items():
        p50 = statistics.median(ts)
        print(f"{str(ask):<48} p50 {p50:.3f} s  max {max(ts):.3f} s  "
              f"p50/first {p50 / first:.2f}  runs " + " ".join(f"{t:.2f}" for t in ts))


if __name__ == "__main__":
    main()
