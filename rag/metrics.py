"""Pure metric functions for `rag eval`: answer matching, file-level retrieval, rates, percentiles.

No models and no I/O here, so every function is table-tested in tests/test_metrics.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

# Typographic variants the articles use; folding them lets a must_include written with a
# plain keyboard match the verbatim quotes in the answer.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": " ", "–": " ", "—": " "})
_ESCAPED = re.compile(r"\\([^\w\s])")


def normalize(text: str) -> str:
    r"""Lower-case; hyphens/dashes as spaces; curly quotes straight; `\$` as `$`; spaces collapsed.

    >>> normalize("Wi Sung-lac’s  30-Minute call")
    "wi sung lac's 30 minute call"
    >>> normalize("a US\\$18 billion deficit")
    'a us$18 billion deficit'
    """
    text = _ESCAPED.sub(r"\1", text)  # Markdown escapes in the articles: "US\$18" is "US$18"
    return " ".join(text.translate(_FOLD).replace("-", " ").lower().split())


def _pattern(alternative: str) -> re.Pattern[str]:
    # Start at a word boundary so "8%" does not match "18%"; when the alternative ends in a digit
    # it must end the number too ("4.6" is not "4.65", "77" not "77,000"), though zero decimals
    # change no value ("77" is "77.0"); a word may take a suffix ("memorandum" matches
    # "memorandums").
    alt = normalize(alternative)
    head = r"(?<![a-z0-9])" if alt[:1].isalnum() else ""
    tail = r"(?![0-9]|,[0-9]|\.0*[1-9])" if alt[-1:].isdigit() else ""
    return re.compile(head + re.escape(alt) + tail)


def matches(text: str, alternatives: Sequence[str]) -> bool:
    """True when any alternative occurs in `text` (see `normalize` and `_pattern`).

    >>> matches("Talks lasted 90 minutes.", ["90-minute", "90 minutes"])
    True
    >>> matches("exports fell 18%", ["8%"])
    False
    >>> matches("77.0 inches", ["77"]), matches("4.65 million", ["4.6"]), matches("77,000", ["77"])
    (True, False, False)
    """
    norm = normalize(text)
    return any(_pattern(a).search(norm) for a in alternatives if normalize(a))


def missing_groups(
    text: str, groups: Sequence[Sequence[str]]
) -> tuple[tuple[str, ...], ...]:
    """The must_include groups that `text` does not satisfy (empty tuple: all satisfied)."""
    return tuple(tuple(g) for g in groups if not matches(text, g))


def dedupe(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats: ranked chunk files -> ranked files.

    >>> dedupe(["b.txt", "a.txt", "b.txt"])
    ['b.txt', 'a.txt']
    """
    return list(dict.fromkeys(items))


def first_gold_rank(ranked: Sequence[str], gold: Iterable[str], k: int) -> int | None:
    """1-based rank of the first gold item among the top `k`, or None."""
    wanted = set(gold)
    for rank, item in enumerate(ranked[:k], start=1):
        if item in wanted:
            return rank
    return None


def hit_at(ranked: Sequence[str], gold: Iterable[str], k: int) -> bool:
    """True when a gold item is among the top `k`."""
    return first_gold_rank(ranked, gold, k) is not None


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str], k: int = 10) -> float:
    """1/rank of the first gold item within the top `k`, else 0."""
    rank = first_gold_rank(ranked, gold, k)
    return 1.0 / rank if rank else 0.0


def citation_hit(cited: Iterable[str], gold: Iterable[str]) -> bool:
    """True when at least one cited file is a gold file."""
    return bool(set(cited) & set(gold))


def citation_precision(cited: Iterable[str], gold: Iterable[str]) -> float | None:
    """Share of distinct cited files that are gold; None when nothing is cited."""
    files = set(cited)
    if not files:
        return None
    return len(files & set(gold)) / len(files)


def precision_recall(
    predicted: Sequence[bool], actual: Sequence[bool]
) -> tuple[float | None, float | None]:
    """(precision, recall) of `predicted` against `actual`; None where the denominator is 0."""
    tp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    n_pred = sum(predicted)
    n_act = sum(actual)
    return (tp / n_pred if n_pred else None, tp / n_act if n_act else None)


def mean(values: Iterable[float | bool | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, None when the denominator is 0."""
    return numerator / denominator if denominator else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation between ranks, as numpy's default.

    >>> percentile([10, 20, 30, 40], 50)
    25.0
    """
    if not values:
        return None
    data = sorted(values)
    pos = (len(data) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)
