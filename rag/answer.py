"""The default answerer: no LLM. It answers from the evidence sentences it retrieved.

Shape of an answer: a short typed answer where the question type allows (a date, a number, a
name, a place), then the 1-3 sentences that support it, each cited. When the evidence does not
cover what the question asks (its year, its names, the attribute it asks for) it abstains and
shows the closest evidence instead. Every word shown besides the short answer and the fixed
connective phrases is a verbatim quote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from . import dates
from .cite import cite
from .evidence import (
    COMMENT_WORDS,
    NAME,
    NUMBER,
    PLACE_CUE,
    question_terms_covered,
    stems,
    term_present,
)
from .query import Query
from .types import Answer, Citation, Evidence

CANNOT_ANSWER = "The articles do not answer this."
# Abstention thresholds, tuned on eval/questions.jsonl (see README "Eval").
MIN_COVERAGE = 0.5  # IDF-weighted share of question terms the best sentences must contain
MIN_SCORE = 0.30  # evidence score of the best sentence
MAX_EVIDENCE = 3
TITLES = re.compile(
    r"\b(President|Prime Minister|Minister|Premier|Secretary|professor|Professor|adviser|advisor|"
    r"spokesperson|spokesman|Mr|Ms|Dr|CEO|chief|Chief|fellow|ambassador|Ambassador|leader)\b\.?\s*$"
)


def month_label(iso: str) -> str:
    """'2014-07' -> 'July 2014'; '2025-06-10' -> 'June 10, 2025'; '2014' -> '2014'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {int(parts[2])}, {parts[0]}"


def _date_key(e: Evidence) -> str:
    """Sort key for 'latest'/'earliest': the newest date a sentence names, else its article's."""
    return max(e.dates) if e.dates else (e.chunk.date or "")


def _short_when(query: Query, best: Evidence) -> str | None:
    """The date the sentence gives for the asked event: the mention nearest the question terms."""
    anchor = best.chunk.date
    found = [(iso, pos) for iso, pos in dates.mentions(best.text, anchor)]
    if not found:
        return None
    low = best.text.lower()

    def rank(item: tuple[str, int]) -> tuple[int, int, int]:
        iso, pos = item
        year_ok = 0 if not query.years or int(iso[:4]) in query.years else 1
        # distance to the nearest occurrence of each question term, summed over terms
        by_term = [
            min(abs(pos - m.start()) for m in re.finditer(re.escape(t), low))
            for t in query.terms if t in low
        ]
        return (year_ok, sum(by_term) // 40, -len(iso))

    return month_label(min(found, key=rank)[0])


def _near_terms(text: str, pos: int, terms: Sequence[str]) -> int:
    window = text[max(0, pos - 60) : pos + 60].lower()
    return sum(1 for t in terms if t in window)


_MONTH_NEAR = re.compile(rf"(?:{dates.MONTH})\s*$", re.I)


def _in_a_date(text: str, m: re.Match[str]) -> bool:
    """"4" in "June 4" or "4 June": a day of the month, not a quantity."""
    return bool(_MONTH_NEAR.search(text[max(0, m.start() - 12) : m.start()])
                or re.match(rf"\s*(?:{dates.MONTH})\b", text[m.end() : m.end() + 12], re.I))


_MONEY = re.compile(r"\$|\b(?:dollars?|won|yuan|yen|euros?)\b", re.I)
_PERCENT = re.compile(r"%|\bper ?cent\b", re.I)


def _wanted_unit(question: str) -> re.Pattern[str] | None:
    """What kind of figure the question asks for: money, a percentage, or either."""
    if re.search(r"\b(worth|value|cost|costs|spend|spent|invest\w*|price|revenue|deficit|"
                 r"surplus|how much money)\b", question, re.I):
        return _MONEY
    if re.search(r"\b(percent\w*|per cent|share|proportion|rate)\b", question, re.I):
        return _PERCENT
    return None


def _short_numeric(query: Query, best: Evidence) -> str | None:
    found = [m for m in NUMBER.finditer(best.text) if re.search(r"\d", m.group(0))]
    found = [m for m in found if not _in_a_date(best.text, m)]
    found = [m for m in found if not re.fullmatch(r"(19|20)\d\d", m.group(0).strip())] or found
    if not found:
        return None
    years = [y.start() for y in re.finditer("|".join(str(y) for y in query.years), best.text)
             ] if query.years else []
    # Terms that tell one clause from another: not names ("South Korea" is every clause's
    # subject) and not years (they scope the whole sentence).
    specific = [t for t in query.terms if t not in query.capitalized and not t.isdigit()]
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^;—–]+?(?=,\s+(?:while|whereas|but)\b|"
                                                       r";|\s[—–]\s|$)", best.text)]

    def clause_terms(pos: int) -> int:
        a, b = next(((a, b) for a, b in spans if a <= pos < b), (0, len(best.text)))
        low = best.text[a:b].lower()
        return sum(term_present(t, low, stems(low)) for t in specific)

    unit = _wanted_unit(query.text)

    def fit(m: re.Match[str]) -> tuple[int, int, int, int, int]:
        # The unit asked for ($ for "worth", % for "share"), the clause that holds the question's
        # own terms ("imports ... $142.8 billion", not "exports ... $124.8 billion"), nearest the
        # year asked about ("4.17 million in 2017"), then near the terms.
        near_year = -min((abs(p - m.end()) for p in years), default=0)
        return (int(bool(unit and unit.search(m.group(0)))), clause_terms(m.start()), near_year,
                _near_terms(best.text, m.start(), query.terms), -m.start())

    m = max(found, key=fit)
    return m.group(0).strip().rstrip(",").replace("\\$", "$")


# NAME, but long enough for "Japanese Prime Minister Sanae Takaichi" before the title is cut.
_TITLED_NAME = re.compile(NAME.pattern.replace("{1,3}", "{1,6}"))
_TITLE_WORDS = frozenset("president prime minister premier secretary professor adviser advisor "
                         "spokesperson spokesman ambassador chief ceo leader foreign national "
                         "security defence defense vice deputy".split())


def _person(name: str, qterms: set[str]) -> str | None:
    """"Japanese Prime Minister Sanae Takaichi" -> "Sanae Takaichi" when the question asked for
    the Japanese prime minister: leading words the question or a title supplies are dropped."""
    words = name.split()
    def titular(i: int) -> bool:
        return i < len(words) and (words[i].lower() in qterms or words[i].lower() in _TITLE_WORDS)

    while words and (titular(0) or (len(words) > 2 and titular(1))):  # "Chinese President ..."
        words = words[1:]
    if not words or set(re.split(r"[ -]", " ".join(words).lower())) & qterms:
        return None
    return " ".join(words)


def _short_who(query: Query, best: Evidence) -> str | None:
    qterms = set(query.terms)
    names = [(m, p) for m in _TITLED_NAME.finditer(best.text)
             if (p := _person(m.group(0), qterms)) and not is_country(p)]
    if not names:
        return None

    def cue(m: re.Match[str]) -> int:
        before = best.text[: m.start()]
        after = best.text[m.end() : m.end() + 30]
        titled = TITLES.search(before[-40:]) or any(
            w.lower() in _TITLE_WORDS for w in m.group(0).split())
        return int(bool(titled)) + int(
            bool(re.match(r",? (said|told|added|noted|wrote|responded|stated)", after))
        )

    return max(names, key=lambda mp: (cue(mp[0]), -mp[0].start()))[1]


def _short_where(query: Query, best: Evidence) -> str | None:
    places = [p for p in PLACE_CUE.findall(best.text) if p.lower() not in set(query.terms)]
    cities = [p for p in places if not is_country(p)]
    return (cities or places or [None])[0]


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pytz  # ships ISO 3166 names; a dependency of dateparser

    names = {n.lower() for n in pytz.country_names.values()}
    names |= {"south korea", "north korea", "korea", "us", "u.s", "usa", "america", "the us",
              "taiwan", "russia", "britain", "asia", "europe", "east asia", "northeast asia",
              "asia-pacific", "korean peninsula", "the korean peninsula"}
    return frozenset(names)


def is_country(name: str) -> bool:
    """Country or region names (not a city): used to prefer the specific place."""
    return name.lower().rstrip(".") in _countries()


def quoted(e: Evidence) -> str:
    """The sentence in quotes; a reader comment says whose, from its header line."""
    if e.author:
        when = f", {month_label(e.posted)}" if e.posted else ""
        return f'{e.author} (reader comment{when}): "{e.text}"'
    return f'"{e.text}"'


def short_answer(query: Query, best: Evidence) -> str | None:
    """A typed short answer from one sentence, or None when the type has none."""
    if (best.author and query.type in ("who", "which") and COMMENT_WORDS.search(query.text)
            and best.author.lower() not in query.text.lower()):
        return best.author  # "which commenter ...": the comment's author
    return {
        "when": _short_when,
        "numeric": _short_numeric,
        "who": _short_who,
        "where": _short_where,
    }.get(query.type, lambda q, b: None)(query, best)


def supporting(query: Query, ranked: Sequence[Evidence]) -> list[Evidence]:
    """Evidence that covers the question: enough of its terms and, if it names a year, that year."""
    top = ranked[:10]
    support = [e for e in top if e.features.get("coverage", 0.0) >= MIN_COVERAGE]
    if query.years:
        support = [e for e in support if e.features.get("time", 0.0) > 0]
    return support


def _question_numbers(query: Query) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,.]*", query.text)}


def _should_abstain(query: Query, ranked: Sequence[Evidence]) -> str | None:
    """Why the evidence does not answer the question, or None if it does."""
    if not ranked:
        return "nothing relevant was retrieved"
    seen = [f"{e.chunk.title}\n{e.text}" for e in ranked]  # the title is the sentence's context
    unknown = [t for t in query.capitalized if t in query.terms
               and not any(term_present(t, s.lower(), stems(s)) for s in seen)]
    if unknown:
        return f"the articles never mention {', '.join(unknown)}"
    support = supporting(query, ranked)
    if not support:
        if query.years and any(e.features.get("coverage", 0) >= MIN_COVERAGE for e in ranked[:10]):
            years = ", ".join(str(y) for y in query.years)
            return f"the passages on this topic are not about {years}"
        _, missing = question_terms_covered(query, ranked[:5])
        return f"the closest passages do not mention {', '.join(missing) or 'what is asked'}"
    best = support[0]
    if query.precision:
        want = 10 if query.precision == "day" else 7
        if not any(len(d) >= want for e in support[:3] for d in e.dates):
            return f"no passage gives the exact {query.precision}"
    if query.type == "numeric":
        figures = [short_answer(query, e) for e in support[:3]]
        asked = _question_numbers(query)
        # A year is not a quantity: "how many tourists in 2023" is not answered by "2014".
        if not any(f and f.replace(",", "").rstrip("%") not in asked
                   and not re.fullmatch(r"(19|20)\d\d", f) for f in figures):
            return "no passage gives that figure"
    if best.score < MIN_SCORE:
        return "the closest passages are only loosely related"
    return None


def _pick(query: Query, ranked: Sequence[Evidence]) -> list[Evidence]:
    """The 1-3 sentences to show: the best, then strong ones from other articles."""
    pool = supporting(query, ranked) or list(ranked)
    if pool[0].features.get("type", 0) == 0:
        # The covering sentence cannot answer the question type (no date for "when"); a typed
        # sentence that scores higher overall (it says "United States" where we asked "US") can.
        typed = [e for e in ranked[:5] if e.features.get("type", 0) > 0 and e.score > pool[0].score
                 and e.features.get("coverage", 0) >= MIN_COVERAGE - 0.1]
        if typed:
            pool = [typed[0]] + [e for e in pool if e is not typed[0]]
    if query.direction in ("latest", "earliest") and query.type in ("when", "other", "which"):
        dated = [e for e in pool[:6] if e.dates and e.score >= pool[0].score - 0.15]
        if dated:
            newest = query.direction == "latest"
            best = sorted(dated, key=_date_key, reverse=newest)[0]
            pool = [best] + [e for e in pool if e is not best]
    if query.sides:
        return _pick_sides(query, ranked) or [pool[0]]
    chosen = [pool[0]]
    for e in pool[1:]:
        if len(chosen) == MAX_EVIDENCE:
            break
        if e.score < pool[0].score - 0.2:
            continue
        if all((e.chunk.file, e.chunk.article) != (c.chunk.file, c.chunk.article) for c in chosen):
            chosen.append(e)
    return chosen


DURATION = re.compile(r"\b\d+(?:\.\d+)?[- ](?:minute|hour|day|week|month|year)s?\b", re.I)
QUANTITY = re.compile(r"(?<![A-Za-z])\d[\d,]*(?:\.\d+)?(?!\d)(?!\s*(?:19|20)\d\d)"
                      r"(?:\s*(?:%|percent|per cent|million|billion|trillion))?")


def _pick_sides(query: Query, ranked: Sequence[Evidence]) -> list[Evidence]:
    """For "which was longer: A or B?", the best sentence with a figure for each side."""
    chosen: list[Evidence] = []
    # "longer" compares durations; "bigger", "more" compare quantities (not dates).
    wants = DURATION if re.search(r"\b(longer|shorter)\b", query.text, re.I) else QUANTITY

    def measure(e: Evidence) -> bool:
        return any(not _in_a_date(e.text, m) for m in wants.finditer(e.text))

    for side in query.sides:
        def covers(e: Evidence, side: tuple[str, ...] = side) -> float:
            low, st = e.text.lower(), stems(e.text)
            return sum(term_present(t, low, st) for t in side) / len(side)

        figured = [e for e in ranked if covers(e) >= 0.5 and e not in chosen
                   and (e.dates or any(re.search(r"\d", m.group(0))
                                       for m in NUMBER.finditer(e.text)))]
        if figured:
            chosen.append(max(figured, key=lambda e: (measure(e), covers(e), e.score)))
    return chosen if len(chosen) == len(query.sides) else []


def _notes(query: Query, chosen: Sequence[Evidence], shorts: list[str | None],
           labels: dict[tuple[str, int], str]) -> list[str]:
    notes = []
    # Sources of different dates that give different short answers: say so with both dates.
    given = [s for s in shorts if s]
    if query.type == "when":
        # "2014" and "July 2014" agree: only dates that are not refinements of each other differ.
        given = [s for s in given if not any(o != s and s in o for o in given)]
    if len(set(given)) > 1:
        parts = [
            f"{labels[(e.chunk.file, e.chunk.article)]} ({e.chunk.file}) gives {s}"
            for s, e in zip(shorts, chosen, strict=True) if s
        ]
        notes.append("Sources differ: " + "; ".join(parts) + ".")
    return notes


VISITED = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip to|travel(?:l?ed|s)? to|went to|go(?:es)? to|came to|come to)"
    r"\s+(?:the\s+)?([A-Z][a-z]+)")
MONTHS = frozenset(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13))


def _place_note(query: Query, chosen: Sequence[Evidence], ranked: Sequence[Evidence],
                labels: dict[tuple[str, int], str]) -> tuple[str, Evidence] | None:
    """A later related event at another place (asked: visit Seoul; the 2025 one was in Gyeongju).

    Only for a question about going to a named city ("visit Seoul", "trip to Busan"), and only a
    sentence linked to it by a name it asks about (Xi) or by most of its terms, dated after the
    answer: the case where a reader would otherwise take the later event for the one asked about.
    """
    m = VISITED.search(query.text)
    if not m or is_country(m.group(1)):
        return None
    place = m.group(1).lower()
    after = max(chosen[0].dates)[:4] if chosen[0].dates else ""
    for e in ranked:
        low = e.text.lower()
        if e in chosen or place in low or not e.dates or max(e.dates)[:4] <= after:
            continue
        others = [p for p in PLACE_CUE.findall(e.text) if p.lower() != place and len(p) > 3
                  and not is_country(p) and p not in MONTHS and p.lower() not in query.terms]
        named = [t for t in query.capitalized if t != place and t in low]
        shared = [t for t in query.terms if t != place and t in low]
        if others and (named or (shared and e.features.get("coverage", 0) >= 0.3)):
            label = labels[(e.chunk.file, e.chunk.article)]
            return (
                f"Not {place.title()}: a related event in {month_label(max(e.dates))} "
                f"was in {others[-1]}, per {e.chunk.file} ({label}).",
                e,
            )
    return None


def compose(query: Query, ranked: Sequence[Evidence], labels: dict[tuple[str, int], str]) -> Answer:
    """Build the extractive Answer from scored evidence (best first).

    `labels` maps (file, article) to a human date label (ISO date or why there is none).
    """
    reason = _should_abstain(query, ranked)
    if reason:
        shown = list(ranked[:2])
        closest = tuple(cite(e, labels.get((e.chunk.file, e.chunk.article))) for e in shown)
        lines = [f"{CANNOT_ANSWER} ({reason}.)"]
        if shown:
            lines.append("Closest evidence:")
            lines += [f"[{i}] {quoted(e)}" for i, e in enumerate(shown, 1)]
        return Answer(query.text, "\n".join(lines), None, True, closest, tuple(ranked))
    chosen = _pick(query, ranked)
    shorts = [short_answer(query, e) for e in chosen]
    short = shorts[0]
    if query.type == "when" and short:
        # "2014" and "July 2014" agree; show the most specific date the sources agree on.
        refinements = [s for s in shorts if s and s != short and s.endswith(short)]
        short = max(refinements, key=len, default=short)
    notes = _notes(query, chosen, shorts, labels)
    place = _place_note(query, chosen, ranked, labels)
    cited: list[Evidence] = list(chosen)
    if place:
        notes.append(place[0])
        cited.append(place[1])
    citations: tuple[Citation, ...] = tuple(
        cite(e, labels.get((e.chunk.file, e.chunk.article))) for e in cited
    )
    lines = [f"{short}." if short else ""]
    lines += [f"[{i}] {quoted(e)}" for i, e in enumerate(chosen, 1)]
    lines += [f"Note: {n}" + (f" [{len(cited)}]" if place and n == place[0] else "") for n in notes]
    return Answer(
        question=query.text,
        answer="\n".join(x for x in lines if x),
        short_answer=short,
        abstained=False,
        citations=citations,
        evidence=tuple(ranked),
        notes=tuple(notes),
    )
