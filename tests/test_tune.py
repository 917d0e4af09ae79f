"""The fitted evidence model: the packaged file loads, and it is exactly what `rag tune` fits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag import scorer, tune
from rag.cli import app
from rag.errors import RagError

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / tune.TABLE


def test_the_packaged_model_loads_with_every_feature():
    model = scorer.load()
    assert set(model.cheap.weights) == set(tune.CHEAP)
    assert set(model.full.weights) == set(tune.FULL)
    assert set(model.choice.weights) == set(tune.CHOICE)
    assert 0.0 < model.abstain_below < 1.0


def test_a_damaged_model_file_names_the_fix(tmp_path):
    bad = tmp_path / "scorer.json"
    bad.write_text("{not json")
    with pytest.raises(RagError, match="rag tune"):
        scorer.load(bad)


@pytest.mark.slow
def test_the_packaged_model_is_what_rag_tune_fits_from_the_saved_table(tmp_path):
    """`rag tune --refit` on the committed table reproduces rag/data/scorer.json."""
    out = tmp_path / "scorer.json"
    shutil.copy(scorer.PATH, out)
    result = CliRunner().invoke(app, ["tune", "--refit", "--table", str(TABLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "no change" in result.output, result.output
    assert json.loads(out.read_text()) == json.loads(scorer.PATH.read_text())


def test_the_threshold_is_the_highest_that_keeps_abstention_precision():
    # Unanswerable questions have weak best sentences: the threshold falls between the groups.
    best = [0.05, 0.08, 0.1, 0.6, 0.7, 0.9, 0.2]
    abstain = [True, True, True, False, False, False, False]
    t, scores = tune._threshold(best, abstain)
    assert 0.1 < t <= 0.2
    assert scores["abstention_precision"] == 1.0 and scores["abstention_recall"] == 1.0
    # An answerable question among the weak ones: going past it would cost precision.
    t, scores = tune._threshold([0.05, 0.06, 0.07, 0.08, 0.09, 0.5, 0.6],
                                [True, True, True, True, False, False, False])
    assert t == 0.09 and scores["abstention_recall"] == 1.0


def test_the_threshold_search_stops_where_precision_first_falls_below_the_target():
    # 40 unanswerable questions score lowest, then 10 answerable ones, then 20 unanswerable
    # again: past the answerable ones precision is 0.80, and it climbs back to 0.857 only
    # further up. The threshold stays among the answerable ones, where precision first fell.
    best = [i / 100 for i in range(1, 41)] + [0.405 + i / 1000 for i in range(10)] \
        + [0.42 + i / 1000 for i in range(20)]
    abstain = [True] * 40 + [False] * 10 + [True] * 20
    t, scores = tune._threshold(best, abstain)
    assert t < 0.415 and scores["abstention_precision"] >= 0.85


def test_changes_lists_what_moved():
    old = {"cheap": {"weights": {"lex": 1.0}, "bias": -2.0}, "abstain_below": 0.2}
    new = {"cheap": {"weights": {"lex": 1.5}, "bias": -2.0}, "abstain_below": 0.2}
    assert tune.changes(old, new) == ["cheap.weights.lex: 1.0 -> 1.5"]
    assert tune.changes(new, new) == []


def test_each_repeat_deals_questions_into_folds_differently_and_keeps_forms_together():
    # The threshold pools REPEATS fold splits; a split that repeated another would add nothing,
    # and a question's open and choice forms in different folds would leak its answer.
    records = [{"group": f"q{i}"} for i in range(200)] + [{"group": "q7"}]
    splits = [tune._folds(records, r) for r in range(tune.REPEATS)]
    assert all(s[7] == s[-1] for s in splits)
    assert len({tuple(s) for s in splits}) == tune.REPEATS
    assert splits[0] == tune._folds(records)  # the first split is the one every CV score uses


def test_an_interrupted_collect_leaves_the_previous_table_whole(tmp_path):
    table = tmp_path / "features.jsonl.gz"
    table.write_bytes(b"the previous table")
    missing = tune.QuestionSet("gone", tmp_path / "no-such-corpus", tmp_path / "q.jsonl")
    with pytest.raises(RagError):
        tune.collect([missing], out=table)
    assert table.read_bytes() == b"the previous table"
    assert not list(tmp_path.glob("*.partial"))


def test_a_users_own_question_sets_join_the_fit(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    questions = tmp_path / "mine.jsonl"
    questions.write_text("{}\n")
    sets = tune.default_sets(ROOT, None, [(corpus, questions)])
    names = [s.name for s in sets]
    assert names[:2] == ["seeds", "holdout"] and names[-1] == "mine"
    # The check sets written by people who saw no code are not fitted on.
    assert not {"fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15",
                "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21", "fresh22",
                "fresh23", "fresh24", "fresh25", "fresh26", "fresh27", "fresh28", "fresh29",
                "fresh30", "fresh31", "fresh32", "fresh33", "fresh34", "fresh35", "fresh36",
                "fresh37", "fresh38", "fresh39", "fresh40", "fresh41", "fresh42", "fresh43", "lee",
                "lee10", "lee2", "lee3", "lee4", "lee5", "lee6", "lee7", "lee8", "lee9", "rtart",
                "rtart2", "rtart3", "rtart4", "rtart5", "rtart6", "rtart7", "rtart8", "rtart9",
                "rtart10", "rtart11", "rtart12", "rtart13", "rtart14", "rtart15", "rtart16",
                "rtart17", "rtart18", "rtart19", "rtart20", "rtart21", "rtart22", "rtart23",
                "rtart24", "rtart25", "rtart26", "rtart27", "rtart28", "rtart29", "rtart30",
                "rtart31"} \
        & set(names)
    assert all(s.questions.is_file() for s in sets)


def test_a_bad_extra_set_is_one_line_that_names_the_form(tmp_path):
    result = CliRunner().invoke(app, ["tune", "--set", f"{tmp_path / 'nowhere'}:q.jsonl",
                                      "--table", str(tmp_path / "t.jsonl.gz")])
    assert result.exit_code == 1
    assert "CORPUS_DIR:QUESTIONS.jsonl" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "t.jsonl.gz").exists()
