"""What a question asks: its type, its content terms, years and time direction.

Pure functions over the question string; no models. The evidence scorer and the answerer use
this to decide what a supporting sentence must contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates

# Small, explicit stopword list: question words, auxiliaries, function words.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with about into over after before
    between during since until than as is are was were be been being do does did done have has
    had having will would shall should can could may might must what which who whom whose when
    where why how much many that this these those there here it its it's he she they them his her
    their our we you your i me my not no yes so such very more most less least also just only
    any some all each both either neither other another according say said says tell told
    """.split()
)
# Words that carry no discriminating content in questions ("what did X say about Y").
GENERIC = frozenset(
    "article articles report reports news mention mentioned mentions name named last latest "
    "recent recently first earliest newest current currently ever".split()
)

TYPES = ("when", "numeric", "who", "where", "which", "yesno", "other")
_TYPE_RULES = [
    ("numeric", r"^(how (many|much|long|far|large|big|old)|what (percentage|percent|share|number|"
                r"proportion|amount|fraction)|by how much)\b"),
    ("when", r"^(when|what (year|date|month|day|time)|in what (year|month)|since when|"
             r"how long ago|on what date)\b"),
    ("who", r"^(who|whom|whose|which (person|official|leader|president|minister|professor|"
            r"reader|commenter|analyst|company|firm))\b"),
    ("where", r"^(where|in what (city|country|place)|which (city|country|place))\b"),
    ("which", r"^(which|what)\b"),
    ("yesno", r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b"),
]
LATEST = re.compile(r"\b(last|latest|most recent(ly)?|recent(ly)?|newest|current(ly)?|now)\b", re.I)
EARLIEST = re.compile(r"\b(first|earliest|initial(ly)?|originally)\b", re.I)
BEFORE = re.compile(r"\bbefore\s+((?:19|20)\d\d)\b", re.I)
AFTER = re.compile(r"\b(?:after|since)\s+((?:19|20)\d\d)\b", re.I)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*%?")


@dataclass(frozen=True)
class Query:
    text: str
    type: str  # one of TYPES
    terms: tuple[str, ...]  # lowercased content terms, in order
    capitalized: tuple[str, ...]  # terms the user capitalised (likely names)
    years: tuple[int, ...]
    direction: str | None  # "latest" | "earliest" | None
    before: int | None = None
    after: int | None = None


def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to match visit/visits/visited/visiting.

    >>> [stem(w) for w in ["visited", "visits", "tourists", "agreed", "cities"]]
    ['visit', 'visit', 'tourist', 'agre', 'city']
    """
    w = word.lower().replace("’", "'").removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            if suffix == "es" and not w.endswith(("ses", "xes", "ches", "shes")):
                return w[:-1]
            return w[: -len(suffix)] + repl
    return w


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def content_terms(text: str) -> list[str]:
    """Lowercased content words of `text` (stopwords and generic words dropped)."""
    out = []
    for tok in tokens(text):
        low = tok.lower().replace("’", "'").removesuffix("'s")
        for part in low.split("-"):
            if part and part not in STOPWORDS and part not in GENERIC and part not in out:
                out.append(part)
    return out


def question_type(question: str) -> str:
    q = question.strip().lower()
    for name, pattern in _TYPE_RULES:
        if re.match(pattern, q):
            return name
    if re.search(r"\b(how many|how much|what percentage|what number)\b", q):
        return "numeric"
    if re.search(r"\b(when|what year|what date)\b", q):
        return "when"
    return "other"


def analyze(question: str) -> Query:
    """Parse a question into what the evidence must cover.

    >>> q = analyze("When did Xi last visit Seoul?")
    >>> q.type, q.terms, q.direction
    ('when', ('xi', 'visit', 'seoul'), 'latest')
    """
    words = tokens(question)
    caps = tuple(
        w.lower() for i, w in enumerate(words) if w[0].isupper() and (i > 0 or len(words) == 1)
        and w.lower() not in STOPWORDS
    )
    direction = None
    if LATEST.search(question):
        direction = "latest"
    elif EARLIEST.search(question):
        direction = "earliest"
    before = BEFORE.search(question)
    after = AFTER.search(question)
    return Query(
        text=question,
        type=question_type(question),
        terms=tuple(content_terms(question)),
        capitalized=caps,
        years=tuple(dict.fromkeys(dates.years(question))),
        direction=direction,
        before=int(before.group(1)) if before else None,
        after=int(after.group(1)) if after else None,
    )
