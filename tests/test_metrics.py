"""Table-driven tests for the pure eval metrics in rag/metrics.py."""

from __future__ import annotations

import pytest

from rag import metrics as m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wi Sung-lac", "wi sung lac"),
        ("a 30-minute   call\n", "a 30 minute call"),
        ("Lee’s “pragmatic” policy", "lee's \"pragmatic\" policy"),
        ("2016 – 2017", "2016 2017"),
        (r"US\$18 billion", "us$18 billion"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert m.normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "alternatives", "expected"),
    [
        ("Talks lasted 90 minutes.", ["90-minute", "90 minutes"], True),  # any alternative
        ("a 90-minute summit", ["90 minute"], True),  # hyphen == space, both ways
        ("WI SUNG-LAC said", ["Wi Sung"], True),  # case-insensitive, prefix of a name
        ("exports fell 18%", ["8%"], False),  # must start at a word boundary
        ("exports fell 8% in 2023", ["8%"], True),
        ("4.65 million visitors", ["4.6"], False),  # a number must end where the number ends
        ("4.6 million visitors", ["4.6"], True),
        ("it was 4.6.", ["4.6"], True),  # sentence full stop is not a decimal point
        ("signed 14 memorandums", ["memorandum"], True),  # words may take a suffix
        ("a US\\$18 billion deficit", ["$18 billion"], True),  # markdown escape in the source
        ("Lee’s office", ["Lee's office"], True),  # curly apostrophe
        ("nothing here", ["", "  "], False),  # blank alternatives never match
        ("xie xie", [], False),
    ],
)
def test_matches(text: str, alternatives: list[str], expected: bool) -> None:
    assert m.matches(text, alternatives) is expected


@pytest.mark.parametrize(
    ("text", "groups", "missing"),
    [
        ("The 30-minute call and the 90-minute summit", [["30 minute"], ["90 minute"]], ()),
        ("The 30-minute call", [["30 minute"], ["90 minute", "90 minutes"]],
         (("90 minute", "90 minutes"),)),
        ("anything", [], ()),
    ],
)
def test_missing_groups(text: str, groups: list[list[str]], missing: tuple) -> None:
    assert m.missing_groups(text, groups) == missing


@pytest.mark.parametrize(
    ("ranked", "gold", "k", "rank", "rr"),
    [
        (["a", "b", "c"], ["a"], 10, 1, 1.0),
        (["a", "b", "c"], ["c", "b"], 10, 2, 0.5),
        (["a", "b", "c"], ["c"], 2, None, 0.0),  # beyond k
        (["a", "b", "c"], ["z"], 10, None, 0.0),
        ([], ["a"], 10, None, 0.0),
    ],
)
def test_ranks(ranked: list[str], gold: list[str], k: int, rank: int | None, rr: float) -> None:
    assert m.first_gold_rank(ranked, gold, k) == rank
    assert m.hit_at(ranked, gold, k) is (rank is not None)
    assert m.reciprocal_rank(ranked, gold, k) == pytest.approx(rr)


@pytest.mark.parametrize(
    ("items", "expected"),
    [(["b", "a", "b", "c", "a"], ["b", "a", "c"]), ([], []), (["x"], ["x"])],
)
def test_dedupe(items: list[str], expected: list[str]) -> None:
    assert m.dedupe(items) == expected


@pytest.mark.parametrize(
    ("cited", "gold", "hit", "precision"),
    [
        (["a", "b"], ["a"], True, 0.5),
        (["a", "a", "b"], ["a"], True, 0.5),  # distinct files, not citations
        (["b"], ["a"], False, 0.0),
        (["a"], ["a", "b"], True, 1.0),
        ([], ["a"], False, None),  # nothing cited: precision undefined
    ],
)
def test_citations(cited: list[str], gold: list[str], hit: bool, precision: float | None) -> None:
    assert m.citation_hit(cited, gold) is hit
    assert m.citation_precision(cited, gold) == precision


@pytest.mark.parametrize(
    ("predicted", "actual", "expected"),
    [
        ([True, True, False, False], [True, False, True, False], (0.5, 0.5)),
        ([True, False], [True, False], (1.0, 1.0)),
        ([False, False], [True, False], (None, 0.0)),  # never abstained
        ([True, False], [False, False], (0.0, None)),  # nothing should be abstained
        ([], [], (None, None)),
    ],
)
def test_precision_recall(predicted: list[bool], actual: list[bool], expected: tuple) -> None:
    assert m.precision_recall(predicted, actual) == expected


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([10, 20, 30, 40], 50, 25.0),
        ([10, 20, 30, 40], 0, 10.0),
        ([10, 20, 30, 40], 100, 40.0),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 95, 20.0),
        ([40, 10, 30, 20], 95, 38.5),  # unsorted input
        ([7.0], 95, 7.0),
        ([], 50, None),
    ],
)
def test_percentile(values: list[float], p: float, expected: float | None) -> None:
    assert m.percentile(values, p) == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1, 0, None, 1], 2 / 3), ([True, False], 0.5), ([None], None), ([], None), ([0.25], 0.25)],
)
def test_mean(values: list, expected: float | None) -> None:
    assert m.mean(values) == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(("num", "den", "expected"), [(1, 4, 0.25), (0, 3, 0.0), (2, 0, None)])
def test_ratio(num: int, den: int, expected: float | None) -> None:
    assert m.ratio(num, den) == expected
