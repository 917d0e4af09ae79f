"""Comparisons: which side of "which was bigger: A or B?" the quoted figures or dates favour.

The answerer quotes one sentence per side (rag/answerers/extractive.py); this module reads the
figure (or date) each sentence gives for its side and says which side wins, with both values, so
the reader can check the verdict against the quotes. When a side's figure cannot be found, or the
two are not of one kind (a percentage against a sum of money), there is no verdict.

What is compared follows the question's comparative:
- "longer"/"shorter" compares durations ("a 30-minute call", "talks lasted two hours");
- a change ("fell more", "grew faster") compares the rates of change, usually percentages;
- any other ("bigger", "more", "higher") compares amounts: "exports dropped 20% to $124.8
  billion" gives $124.8 billion, not the 20% change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import stems, term_present

MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080,
           "month": 43200, "year": 525600}
SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "ninety": 90}

FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2}
COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}

_FIGURE = re.compile(
    # a share in words: "nearly half of", "a third of", "two-thirds of"
    r"\b(?P<frac>(?:(?:nearly|almost|about|roughly|more than|over|less than|under)\s+)?"
    r"(?:(?P<times>a|one|two|three|four)[\s-]+)?(?P<part>half|thirds?|quarters?|fifths?))"
    r"\s+of\b|"
    r"(?P<cur>US\\?\$|\\?\$|€|£|¥)?\s?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(SPELLED) + r")\b)"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b)"
    r"|[\s-]*(?P<mult>thousand|million|billion|trillion)\b"
    r"|[\s-]*(?P<dur>second|minute|hour|day|week|month|year)s?\b)?",
    re.I)
# Clauses of one sentence: "exports fell 20% to $124.8 billion, while imports dipped 8%".
_CLAUSE = re.compile(r"[^;—–]+?(?=,\s+(?:while|whereas|but|and)\b|;|\s[—–]\s|$)")
# "fell more", "grew faster", "dropped further": the comparative is about a change.
_CHANGE = re.compile(r"\b(fell|fall|falls|drop|dropped|drops|declined?|shrank|shrink|grew|grow|"
                     r"grows|rose|rise|rises|increased?|jumped?|dipped|dip|slid|surged?|"
                     r"faster|slower)\b", re.I)
_MORE = re.compile(r"\b(more|most|bigger|biggest|larger|largest|greater|higher|highest|longer|"
                   r"longest|faster|further|heavier|older|wider)\b", re.I)
_LESS = re.compile(r"\b(less|least|fewer|smaller|smallest|lower|lowest|shorter|shortest|"
                   r"slower|lighter|younger|narrower)\b", re.I)


@dataclass(frozen=True)
class Figure:
    text: str  # as the sentence writes it
    value: float  # in the unit below (durations in minutes)
    unit: str  # "%", "money", "duration" or "count"
    pos: int


@dataclass(frozen=True)
class Measure:
    """What a comparison question compares: `wants` the side with more or less of `kind`."""

    wants: str  # "more" | "less"
    kind: str  # "duration" | "change" | "amount"


def measure(comparative: str) -> Measure | None:
    """The measure a comparison's wording asks about; None when it names neither more nor less.

    >>> measure("Which was longer")
    Measure(wants='more', kind='duration')
    >>> measure("Which fell more in 2023")
    Measure(wants='more', kind='change')
    >>> measure("In 2023, which was bigger")
    Measure(wants='more', kind='amount')
    >>> measure("Which came first") is None
    True
    >>> measure("Was the call longer or shorter than the summit?")
    Measure(wants='more', kind='duration')
    """
    more, less = _MORE.search(comparative), _LESS.search(comparative)
    if more and less and re.search(rf"\b{more.group(1)}\s+or\s+{less.group(1)}\b|"
                                   rf"\b{less.group(1)}\s+or\s+{more.group(1)}\b",
                                   comparative, re.I):
        # "Was A longer or shorter than B?": either way, the side that has more is named
        less = None
    if bool(more) == bool(less):
        return None
    wants = "more" if more else "less"
    if re.search(r"\b(longer|longest|shorter|shortest)\b", comparative, re.I):
        return Measure(wants, "duration")
    return Measure(wants, "change" if _CHANGE.search(comparative) else "amount")


def figures(text: str) -> list[Figure]:
    """The figures a sentence gives, with their unit; bare years and days of a month are none.

    >>> [(f.value, f.unit) for f in figures("Exports fell 20% to $124.8 billion in 2023.")]
    [(20.0, '%'), (124800000000.0, 'money')]
    >>> [(f.value, f.unit) for f in figures("their 30-minute call, after two hours of talks")]
    [(30.0, 'duration'), (120.0, 'duration')]
    >>> [(round(f.value), f.unit) for f in figures("Nearly half of it, and a third of that")]
    [(50, '%'), (33, '%')]
    """
    out = []
    for m in _FIGURE.finditer(text):
        if m.group("frac"):  # "nearly half of", "a third of": a share
            part = FRACTIONS[m.group("part").lower().rstrip("s")]
            times = COUNTS.get((m.group("times") or "one").lower(), 1)
            out.append(Figure(m.group("frac"), 100 * part * times, "%", m.start()))
            continue
        raw = m.group("num").replace(",", "")
        value = float(SPELLED[raw.lower()]) if raw.isalpha() else float(raw)
        if m.group("pct"):
            unit = "%"
        elif m.group("dur"):
            unit, value = "duration", value * MINUTES[m.group("dur").lower()]
        else:
            if raw.isalpha() and not m.group("mult"):
                continue  # "one of the", "two leaders": a word, not a figure
            if re.fullmatch(r"(19|20)\d\d", raw) and not m.group("cur"):
                continue  # a year
            value *= MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
            unit = "money" if m.group("cur") else "count"
        out.append(Figure(m.group(0).strip().replace("\\$", "$"), value, unit, m.start()))
    return out


def side_figure(sentence: str, side: Sequence[str], kind: str) -> Figure | None:
    """The figure a sentence gives for one side: in the clause that names the side, of the
    kind the comparison asks about, nearest the side's words.

    >>> s = "Tourists fell from 8 million in 2016 to 4.17 million in 2017."
    >>> side_figure(s, ["2016", "2017"], "count").text
    '4.17 million'
    >>> side_figure("Tourists dropped to 4.6 million in 2024 from 8 million in 2016.", ["2024"],
    ...             "count").text
    '4.6 million'
    >>> side_figure("They talked in their 30-minute first phone call, six days after June 4.",
    ...             ["phone", "call", "2025"], "duration").text
    '30-minute'
    """
    low, st = sentence.lower(), stems(sentence)
    spans = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)] or [(0, len(sentence))]

    def names_side(a: int, b: int) -> int:
        part = low[a:b]
        return sum(term_present(t, part, stems(part)) for t in side)

    a, b = max(spans, key=lambda ab: names_side(*ab))
    if not names_side(a, b) and not any(term_present(t, low, st) for t in side):
        return None
    found = _of_kind([f for f in figures(sentence) if a <= f.pos < b] or figures(sentence), kind)
    if not found:
        return None
    # "their 30-minute first phone call, six days after ...": the figure that measures the
    # side's thing is its figure
    own = [f for f in found if _measures(low, f, side)]
    if own:
        return own[0]
    # A side that spans years ("2016 to 2017") is measured where it ended: by its last year.
    years = sorted(t for t in side if re.fullmatch(r"(19|20)\d\d", t))
    marks = [years[-1]] if len(years) > 1 else side
    spots = [m.span() for t in marks for m in re.finditer(re.escape(t), low)] or [(a, a)]

    def gap(f: Figure, spot: tuple[int, int]) -> int:
        # characters between the two, either way round: "4.6 million in 2024 from 8 million
        # in 2016" gives 2024 the figure just before it
        end = f.pos + len(f.text)
        return spot[0] - end if end <= spot[0] else max(0, f.pos - spot[1])

    return min(found, key=lambda f: min(gap(f, s) for s in spots))


def _of_kind(found: list[Figure], kind: str) -> list[Figure]:
    if kind == "duration":
        return [f for f in found if f.unit == "duration"]
    if kind == "change":
        return [f for f in found if f.unit == "%"] or found
    return [f for f in found if f.unit not in ("%", "duration")] or found


def _in_parallel(sentence: str, sides: Sequence[Sequence[str]],
                 kind: str) -> Sequence[Figure | None] | None:
    """Both sides in one sentence with one figure each: news keeps a parallel sentence in order
    ("spoke for 20 minutes with Trump and for 25 minutes with Ishiba"), so the figures pair with
    the sides in the order the sides are named. None when that is not the sentence's shape.

    >>> s = "Lee spoke for 20 minutes with Trump on June 6 and for 25 minutes with Ishiba."
    >>> [f.text for f in _in_parallel(s, [["trump"], ["ishiba"]], "duration")]
    ['20 minutes', '25 minutes']
    >>> _in_parallel("Lee and Xi talked in their 30-minute first phone call, six days after "
    ...              "the inauguration.", [["lee", "summit"], ["phone", "call"]], "duration")
    """
    low = sentence.lower()

    def named_at(side: Sequence[str]) -> int | None:
        # where the side's last-named word first appears: what sets it apart from the other
        spots = [low.find(t) for t in side if low.find(t) >= 0]
        return max(spots) if spots else None

    at = [named_at(side) for side in sides]
    found = _of_kind(figures(sentence), kind)
    if len(found) != 2 or len(at) != 2 or at[0] is None or at[1] is None or at[0] == at[1]:
        return None
    paired = found if at[0] < at[1] else found[::-1]
    # "their 30-minute first phone call, ... six days after the inauguration": a figure that
    # measures one side's own thing is that side's, whatever the order says
    for k, f in enumerate(paired):
        theirs = [j for j, side in enumerate(sides) if _measures(low, f, side)]
        if theirs and k not in theirs:
            return None
    return paired


def _measures(low: str, f: Figure, side: Sequence[str]) -> bool:
    """Does the figure stand before one of the side's words as its measure ("30-minute first
    phone call")?"""
    after = low[f.pos: f.pos + len(f.text) + 32].lstrip()
    gap = r"(?:(?!(?:in|on|at|for|from|to|by|of|and|or)\s)[\w-]+\s+)?"  # "first", not "in"
    return any(re.match(rf"{re.escape(f.text.lower())}\s+{gap}{re.escape(t)}\b", after)
               for t in side if not re.fullmatch(r"(?:19|20)\d\d", t))


def verdict(how: Measure, names: Sequence[str], sides: Sequence[Sequence[str]],
            sentences: Sequence[str]) -> tuple[int, str] | None:
    """(index of the winning side, "A: x; B: y") from each side's sentence, or None.

    >>> s = ("South Korean exports to China dropped 20% to $124.8 billion, while imports from "
    ...      "China dipped 8% to $142.8 billion.")
    >>> verdict(measure("which was bigger"), ["exports", "imports"], [["exports"], ["imports"]],
    ...         [s, s])
    (1, 'exports: $124.8 billion; imports: $142.8 billion')
    >>> verdict(measure("which fell more"), ["exports", "imports"], [["exports"], ["imports"]],
    ...         [s, s])
    (0, 'exports: 20%; imports: 8%')
    >>> both = "Lee spoke for 20 minutes with Trump and for 25 minutes with Ishiba."
    >>> verdict(measure("which lasted longer"), ["Trump", "Ishiba"], [["trump"], ["ishiba"]],
    ...         ["Trump and Lee agreed to work together during their first call.", both])
    (1, 'Trump: 20 minutes; Ishiba: 25 minutes')
    """
    # A sentence that gives both sides' figures side by side compares them itself, whichever
    # sentences were found for each side alone.
    found = next((f for s in dict.fromkeys(sentences) if (f := _in_parallel(s, sides, how.kind))),
                 None)
    found = found or [side_figure(s, side, how.kind)
                      for s, side in zip(sentences, sides, strict=True)]
    if len(found) != 2:
        return None
    a, b = found
    if a is None or b is None:
        return None
    if a.unit != b.unit or a.value == b.value:
        return None
    win = int(b.value > a.value) if how.wants == "more" else int(b.value < a.value)
    return win, "; ".join(f"{n}: {f.text}" for n, f in zip(names, (a, b), strict=True))
