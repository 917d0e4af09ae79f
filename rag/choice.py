"""Choice questions: which of the offered options do the articles support?

"He plays for which team? Options: Steelers; Bengals; Bills; Browns." Each option is scored from
the evidence sentences that name it: how likely those sentences are to hold the answer (the
evidence model's probability), how many name it, whether a retrieved article's headline names
it. The option model (fitted by `rag tune`, in rag/data/scorer.json) weighs these; the option
with the highest score wins. An option no sentence names cannot win; when none is named, the
answerer abstains.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .dates import MONTHS, WEEKDAYS
from .places import demonyms
from .query import Query, asking_clause
from .scorer import Linear
from .text import KIND_FORMS, NAME_SUFFIXES, content_terms, stems, term_present
from .types import Evidence

TOP_TITLES = 5  # headlines of the best sentences' articles that count as naming an option
NEAR_CHARS = 30  # a gap of this many characters halves an option's closeness (about 5 words)


@dataclass(frozen=True)
class Option:
    text: str
    score: float  # the option model's linear score (higher wins)
    features: dict[str, float]
    best: Evidence | None  # the most probable sentence that names it


def option_terms(option: str) -> list[str]:
    """Content words of an option; an option of only stopwords ("The Who") keeps its words.
    A generational suffix after a name is left out: news writes "Carlos Sainz" as often as
    "Carlos Sainz Jr.".

    >>> option_terms("Carlos Sainz Jr")
    ['carlos', 'sainz']
    """
    terms = content_terms(option) or [w.lower() for w in option.split()]
    named = [t for t in terms if t not in NAME_SUFFIXES]
    return named if len(named) > 1 else terms


def match(option: Sequence[str], text: str, text_stems: set[str] | None = None,
          forms: Sequence[str] = ()) -> float:
    """Share of an option's words found in a text; 1.0 when the text uses another form of the
    option's name (`forms`: "Swedish singer Loreen won" names the option "Sweden").

    >>> match(["sweden"], "Swedish singer Loreen won", forms=("swedish", "swede"))
    1.0
    """
    if not option:
        return 0.0
    low = text.lower()
    if forms and _forms_pattern(tuple(forms)).search(low):
        return 1.0
    st = text_stems if text_stems is not None else stems(text)
    return sum(term_present(t, low, st) for t in option) / len(option)


@lru_cache(maxsize=512)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A word of `forms`, also plural ("Israelis"), not inside a longer word."""
    alts = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w.])(?:{alts})(?:s|es)?(?![\w])")


@dataclass(frozen=True)
class Matches:
    """Where each option is named: what the option model's features are computed from.

    Kept apart from the probabilities so `rag tune` can store it and recompute the features
    with out-of-fold probabilities.
    """

    sentence: list[list[float]]  # [sentence][option]: share of the option's words it has
    near: list[list[float]]  # [sentence][option]: closeness of the option to the question's words
    lex: list[float]  # [sentence]: its coverage of the question's terms (evidence feature)
    title: list[int]  # [sentence]: index of its article headline in `titles`
    titles: list[list[float]]  # [headline][option]: 1.0 when the headline names the option
    in_question: list[float]  # [option]: share of its words the question itself has
    nested: list[float]  # [option]: 1.0 when it is part of another option ("Bills")
    # [sentence][option]: +1 when the sentence has it in the role the question asks for (the
    # winner of "X beat Y" for "which team won"; the loser for "romped past this opponent"),
    # -1 in the other role, 0 when it names no contest.
    role: list[list[float]]


def _positions(term: str, low: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"\b{re.escape(term)}", low)]


def closeness(option: Sequence[str], anchors: Sequence[str], text: str) -> float:
    """1 / (1 + characters between the option and the nearest question word, / NEAR_CHARS).

    In news prose the answer stands next to what the question is about ("Buffalo Bills safety
    Damar Hamlin collapsed during the game against the Cincinnati Bengals").

    >>> round(closeness(["buffalo", "bills"], ["hamlin"], "Buffalo Bills safety Damar Hamlin"), 2)
    0.61
    """
    low = text.lower()
    spots = [p for t in option for p in _positions(t, low)]
    near = [p for t in anchors for p in _positions(t, low)]
    if not spots or not near:
        return 0.0
    gap = min(abs(a - b) for a in spots for b in near)
    return 1.0 / (1.0 + gap / NEAR_CHARS)


def without_question_phrases(text: str, query: Query) -> str:
    """The text with the question's own two-word phrases blanked out: in "How many times did
    he reach the Final Four?", "Four" in "five Final Four trips" is the question's phrase, not
    evidence for the option "Four".

    >>> from rag.query import analyze
    >>> q = analyze("How many times did he reach the Final Four? Options: Four; Five.")
    >>> without_question_phrases("He made five Final Four trips.", q)
    'He made five ___ trips.'
    """
    for a, b in zip(query.terms, query.terms[1:], strict=False):
        text = re.sub(rf"\b{re.escape(a)}[\s-]+{re.escape(b)}\b", "___", text, flags=re.I)
    return text


# How news reports a contest: the winner stands before "beat", "defeated", "edge" ("Kansas City
# Chiefs edge Philadelphia Eagles"), after "defeated by" or "lost to".
_WIN = re.compile(r"\b(?:beat|beats|defeat(?:s|ed)?|edged?|edges|overc[ao]me|upset|rout(?:ed|s)?|"
                  r"thrash(?:ed|es)?|crush(?:ed|es)?|won|wins|triumphed|romped past|swept|"
                  r"(?:win|victory|triumph) (?:over|against))\b")
_LOSE = re.compile(r"\b(?:lost|loses|lose|fell|falls)\s+to\b|\b(?:defeated|beaten|edged|"
                   r"routed|upset|crushed|knocked out)\s+by\b")
ROLE_CHARS = 40  # an option this close before or after the verb is its subject or object
# A question about the loser: "which opponent", "suffered a 7-0 defeat by Liverpool".
_ASKS_LOSER = re.compile(r"\b(?:opponents?|lost|loses|loser|runners?-up|beaten|suffered|"
                         r"defeat(?:ed)? by|fell to|eliminated)\b", re.I)
_ASKS_WINNER = re.compile(r"\b(?:won|wins?|winners?|victory|victorious|champions?|crowned|beat|"
                          r"defeated|triumph\w*)\b", re.I)


def contest_side(option: Sequence[str], text: str) -> float:
    """+1 when the text has the option as a contest's winner, -1 as its loser, 0 neither.

    >>> contest_side(["chiefs"], "Kansas City Chiefs edge Philadelphia Eagles in Super Bowl 57")
    1.0
    >>> contest_side(["eagles"], "Kansas City Chiefs edge Philadelphia Eagles in Super Bowl 57")
    -1.0
    >>> contest_side(["tcu"], "Georgia was defeated by TCU"), contest_side(["tcu"], "TCU rested.")
    (1.0, 0.0)
    >>> contest_side(["united"], "Liverpool's 7-0 win over Manchester United was an annihilation.")
    -1.0
    """
    low = text.lower()
    spots = [p for t in option for p in _positions(t, low)]
    if not spots:
        return 0.0
    for pattern, before in ((_LOSE, -1.0), (_WIN, 1.0)):
        for m in pattern.finditer(low):
            if any(m.start() - ROLE_CHARS <= p < m.start() for p in spots):
                return before
            if any(m.end() <= p <= m.end() + ROLE_CHARS for p in spots):
                return -before
    return 0.0


def asked_side(question: str) -> float:
    """+1 when the question asks for a contest's winner, -1 for its loser, 0 for neither.

    >>> asked_side("Which team won the Women's World Cup?")
    1.0
    >>> asked_side("Georgia romped past this opponent to win the championship. Which one?")
    -1.0
    """
    if _ASKS_LOSER.search(question):
        return -1.0
    return 1.0 if _ASKS_WINNER.search(question) else 0.0


_QUOTED = re.compile(r"“([^”]{1,120})”|\"([^\"]{1,120})\"|‘([^’]{1,120})’"
                     r"|(?<!\w)'([^']{1,120})'(?!\w)")
_CALENDAR = frozenset(WEEKDAYS) | {m for m in MONTHS if len(m) > 3}


def calendar_title(option: str) -> bool:
    """Is the option a title in quotes that is also a weekday or month ("“Wednesday”", a show)?

    >>> calendar_title("“Wednesday”"), calendar_title("Wednesday"), calendar_title("“Squid Game”")
    (True, False, False)
    """
    m = _QUOTED.fullmatch(option.strip())
    return m is not None and next(g for g in m.groups() if g).strip().lower() in _CALENDAR


def quoted_only(text: str) -> str:
    """The text's quoted parts: where a title that is also a date word is named as a title.

    >>> quoted_only('Netflix released the trailer Wednesday for "Tiger King".')
    'Tiger King'
    """
    return " ".join(next(g for g in m.groups() if g) for m in _QUOTED.finditer(text))


def option_matches(query: Query, evidence: Sequence[Evidence]) -> Matches:
    terms = [option_terms(o) for o in query.options]
    # "Swedish" names the option "Sweden"; "gas prices" name "Gasoline" (kind_forms)
    forms = [(*demonyms(o), *KIND_FORMS.get(o.strip().lower(), ())) for o in query.options]
    # A show called “Wednesday”: in news prose the bare word is the day ("released the trailer
    # Wednesday"), so only a quoted mention names the title.
    titled = [calendar_title(o) for o in query.options]
    heads: dict[str, int] = {}
    for e in evidence:
        heads.setdefault(e.chunk.title, len(heads))
    body = " ".join(query.terms)
    anchors = [t for t in query.terms if not query.soft(t)]
    texts = [without_question_phrases(e.text, query) for e in evidence]

    def seen(k: int, text: str) -> str:
        return quoted_only(text) if titled[k] else text

    return Matches(
        sentence=[[match(t, seen(k, text), stems(seen(k, text)), f)
                   for k, (t, f) in enumerate(zip(terms, forms, strict=True))]
                  for text in texts],
        near=[[closeness(t, anchors, seen(k, text)) for k, t in enumerate(terms)]
              for text in texts],
        lex=[e.features.get("lex", 0.0) for e in evidence],
        title=[heads[e.chunk.title] for e in evidence],
        titles=[[float(match(t, seen(k, h), forms=f) == 1.0)
                 for k, (t, f) in enumerate(zip(terms, forms, strict=True))] for h in heads],
        in_question=[match(t, body) for t in terms],
        nested=[float(any(set(t) < set(o) for o in terms if o is not t)) for t in terms],
        # The asking sentence says what is asked: in "The Chiefs defeated the Eagles. Who was
        # named MVP?" the scene names a contest, the question no side of it.
        role=[[side * contest_side(t, e.text) for t in terms] for e in evidence]
        if (side := asked_side(asking_clause(query.text)))
        else [[0.0] * len(terms) for _ in evidence],
    )


def features_from(m: Matches, probs: Sequence[float]) -> list[tuple[dict[str, float], int | None]]:
    """Per option: its features and the index of the most probable sentence naming it in full."""
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    top_titles = list(dict.fromkeys(m.title[i] for i in order))[:TOP_TITLES]
    out = []
    for k in range(len(m.in_question)):
        weighted = sorted((probs[i] * m.sentence[i][k] for i in order), reverse=True)
        full = [rank for rank, i in enumerate(order) if m.sentence[i][k] == 1.0]
        feats = {
            "best": weighted[0] if weighted else 0.0,
            "near": max((probs[i] * m.near[i][k] for i in order if m.sentence[i][k] == 1.0),
                        default=0.0),
            # Named in a sentence that has the question's specifics ("Liverpool's 7-0 win").
            "lex": max((m.lex[i] for i in order if m.sentence[i][k] == 1.0), default=0.0),
            "top3": sum(weighted[:3]),
            "count": math.log1p(len(full)),
            "first": 1.0 / (1 + full[0]) if full else 0.0,
            "title": float(any(m.titles[t][k] for t in top_titles)),
            "in_question": m.in_question[k],
            # An option inside another ("Bills" in "Buffalo Bills") matches wherever the longer
            # one does; it says less.
            "nested": m.nested[k],
            # Named in the role asked for (the winner of "X beat Y" for "who won"), weighed by
            # how likely its sentences are to answer.
            "role": sum(probs[i] * m.role[i][k] for i in order),
        }
        out.append((feats, order[full[0]] if full else None))
    return out


def rank_options(query: Query, evidence: Sequence[Evidence], model: Linear) -> list[Option]:
    """The options, best supported first."""
    scored = []
    per_option = features_from(option_matches(query, evidence), [e.score for e in evidence])
    for option, (feats, best) in zip(query.options, per_option, strict=True):
        z = model.bias + sum(w * feats.get(k, 0.0) for k, w in model.weights.items())
        scored.append(Option(option, z, feats, evidence[best] if best is not None else None))
    return sorted(scored, key=lambda o: -o.score)


def named(option: Option) -> bool:
    """Does any evidence name the option at all?"""
    return option.features["best"] > 0 or option.features["title"] > 0
