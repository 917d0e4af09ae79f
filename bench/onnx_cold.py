"""Cold start of question embedding: ONNX (onnxruntime) vs sentence-transformers (torch).

Builds a seeds index in a temp folder (reporting the ONNX export time and the reuse on an
incremental re-index), then times import + load + embed one question in fresh processes,
alternating the two encoders. Usage: .venv/bin/python bench/onnx_cold.py [runs]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "When did Xi Jinping last visit Seoul?"

CHILD = {
    "onnx": """
import time; t0 = time.perf_counter()
import sys
from pathlib import Path
from rag.onnxembed import OnnxEmbedder
t1 = time.perf_counter(); enc = OnnxEmbedder(Path(sys.argv[1]) / "onnx")
t2 = time.perf_counter(); enc.embed([sys.argv[2]])
t3 = time.perf_counter()
""",
    "torch": """
import time; t0 = time.perf_counter()
import sys
from rag.embed import SentenceTransformerEmbedder
t1 = time.perf_counter(); enc = SentenceTransformerEmbedder("minilm")
t2 = time.perf_counter(); enc.embed([sys.argv[2]])
t3 = time.perf_counter()
""",
}
REPORT = """
print({"import": t1 - t0, "load": t2 - t1, "embed": t3 - t2, "total": t3 - t0,
       "torch": "torch" in sys.modules})
"""


def build(tmp: Path) -> Path:
    from rag.index import build_index, open_index
    from rag.settings import Settings

    corpus = tmp / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp / "index")
    events: list[tuple[str, dict]] = []
    report = build_index(settings, progress=lambda e, d: events.append((e, d)))
    onnx = [d for e, d in events if e == "onnx"]
    print(f"full build: {report.seconds:.1f}s, embedding {report.chunks} chunks "
          f"{report.embed_seconds:.1f}s, onnx export {onnx[0]['seconds']:.1f}s "
          f"(exported={onnx[0].get('exported')})")
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text() + "\nOfficials said talks would resume.\n")
    events.clear()
    report = build_index(settings, progress=lambda e, d: events.append((e, d)))
    onnx = [d for e, d in events if e == "onnx"]
    print(f"incremental build: {report.seconds:.1f}s, {report.chunks_embedded} chunks embedded, "
          f"onnx {onnx}")
    return open_index(settings).version


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    tmp = Path(tempfile.mkdtemp(prefix="onnx-bench-"))
    try:
        version = build(tmp)
        results: dict[str, list[dict]] = {"onnx": [], "torch": []}
        for _ in range(runs):
            for name, code in CHILD.items():
                t = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", code + REPORT, str(version), QUESTION],
                                     capture_output=True, text=True, check=True,
                                     env={**os.environ, "PYTHONWARNINGS": "ignore"})
                row = eval(out.stdout.strip().splitlines()[-1])  # our own dict literal
                row["process"] = time.perf_counter() - t
                results[name].append(row)
        for name, rows in results.items():
            med = {k: statistics.median(r[k] for r in rows)
                   for k in ("import", "load", "embed", "total", "process")}
            cells = ", ".join(f"{k} {v:.2f}s" for k, v in med.items())
            print(f"{name:5s} median of {runs}: {cells}"
                  f"; runs total: {[round(r['total'], 2) for r in rows]}; "
                  f"torch imported: {rows[0]['torch']}")
        print(json.dumps({k: [r["process"] for r in v] for k, v in results.items()}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
