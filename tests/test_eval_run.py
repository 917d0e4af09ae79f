"""`rag eval` end to end with the real pipeline (slow): a tiny corpus written here, and the seeds
against the committed eval/baseline.json (the CI regression gate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag.cli import app
from rag.evaluate import METRICS

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "eval" / "baseline.json"
QUESTIONS = ROOT / "eval" / "questions.jsonl"

ARTICLES = {
    "bridge.txt": """Harbor Bridge reopens after two-year repair
By Mara Lindqvist
March 3, 2024
The Harbor Bridge in Port Elwin reopened on Saturday after a repair that cost 48 million euros.
Mayor Tomas Reinholt cut the ribbon at a ceremony attended by about 600 residents.
Engineers replaced the steel cables and widened the cycle lane to three metres.
""",
    "library.txt": """Port Elwin library wins national design prize
By Jonas Aalto
June 12, 2024
The new public library in Port Elwin has won the National Architecture Prize for its timber roof.
The building was designed by the studio Kettu Arkkitehdit and opened in January 2023.
The library lends about 1,200 books a day, according to head librarian Sini Varis.
""",
    "festival.txt": """River festival draws record crowds
By Mara Lindqvist
August 20, 2024
The Elwin River Festival attracted a record 35,000 visitors over three days, organisers said.
The festival's boat race was won by the rowing club Aalto Oars for the third year running.
Organisers plan to move the festival to July next year to avoid the autumn storms.
""",
}
TINY_QUESTIONS = [
    {"id": "t1", "type": "fact", "question": "Who cut the ribbon when the Harbor Bridge reopened?",
     "answerable": True, "gold_files": ["bridge.txt"], "must_include": [["Reinholt"]]},
    {"id": "t2", "type": "numeric",
     "question": "How many visitors did the Elwin River Festival attract?", "answerable": True,
     "gold_files": ["festival.txt"], "must_include": [["35,000"]]},
    {"id": "t3", "type": "unanswerable",
     "question": "How much did the new library in Port Elwin cost to build?",
     "answerable": False, "gold_files": [], "must_include": []},
]


def cli(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})


def regression_error(result) -> str:
    """Exit 3 with exactly one `error: regressed vs baseline: ...` line on stderr."""
    assert result.exit_code == 3, (result.exit_code, result.output)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: regressed vs baseline: "), lines
    return lines[0]


@pytest.mark.slow
def test_tiny_corpus_eval_and_baseline(tmp_path: Path) -> None:
    """Any folder plus a question file works, with no code changes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in TINY_QUESTIONS))
    runs, base = tmp_path / "runs", tmp_path / "baseline.json"
    common = ["--questions", str(questions), "--corpus", str(corpus), "--runs-dir", str(runs)]

    first = cli("eval", *common, "--json", str(tmp_path / "out.json"),
                "--baseline", str(base), "--update-baseline")
    assert first.exit_code == 0, first.output
    assert "answers · run" in first.output and "unanswerable" in first.output
    assert f"baseline updated: {base}" in first.output
    written = sorted(p.name for p in runs.iterdir())
    assert len(written) == 2 and written[0].endswith(".json") and written[1].endswith(".md")
    run = json.loads(base.read_text())
    assert run == json.loads((tmp_path / "out.json").read_text())
    assert run["counts"]["questions"] == 3 and run["counts"]["unanswerable"] == 1
    assert [r["id"] for r in run["results"]] == ["t1", "t2", "t3"]
    assert set(run["overall"]) == set(METRICS) and set(run["by_type"]) == {
        "fact", "numeric", "unanswerable"}
    # Three unrelated articles: the gold file is the top file; quotes are verbatim by design.
    assert run["overall"]["hit_at_1"] == 1.0 and run["overall"]["quote_validity"] == 1.0
    assert [r["retrieved_files"][0] for r in run["results"][:2]] == ["bridge.txt", "festival.txt"]

    # Same settings, same corpus: no regression against the run just saved.
    again = cli("eval", *common, "--baseline", str(base))
    assert again.exit_code == 0, again.output
    assert "vs baseline" in again.output

    # A baseline claiming a perfect run: exit 3 exactly when some gated rate is below 0.98.
    perfect = dict(run, overall={k: (v if k.startswith("latency") else 1.0)
                                 for k, v in run["overall"].items()})
    (tmp_path / "perfect.json").write_text(json.dumps(perfect))
    current = json.loads(sorted(runs.glob("*.json"))[-1].read_text())["overall"]
    below = [k for k, v in current.items()
             if not k.startswith("latency") and v is not None and v < 0.98]
    judged = cli("eval", *common, "--baseline", str(tmp_path / "perfect.json"))
    if below:
        line = regression_error(judged)
        assert all(k in line for k in below)
    else:
        assert judged.exit_code == 0, judged.output


@pytest.mark.slow
def test_seeds_match_the_committed_baseline(seeds_index, tmp_path: Path) -> None:
    """The CI gate: `rag eval --baseline eval/baseline.json` on the seeds exits 0."""
    settings, _ = seeds_index
    result = cli("eval", "--baseline", str(BASELINE), "--questions", str(QUESTIONS),
                 "--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir),
                 "--runs-dir", str(tmp_path / "runs"), "--json", str(tmp_path / "run.json"))
    assert result.exit_code == 0, result.output + result.stderr
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["counts"]["questions"] == 82
    assert run["overall"]["quote_validity"] == 1.0


@pytest.mark.slow
def test_broken_retrieval_fails_the_baseline(seeds_index, tmp_path: Path) -> None:
    """One passage per question (-k 1) starves the answerer: the gate must exit 3."""
    settings, _ = seeds_index
    result = cli("eval", "-k", "1", "--baseline", str(BASELINE), "--questions", str(QUESTIONS),
                 "--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir),
                 "--runs-dir", str(tmp_path / "runs"))
    line = regression_error(result)
    assert "accuracy" in line
    assert "REGRESSED" in result.output
