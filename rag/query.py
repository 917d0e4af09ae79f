"""What a question asks: its type, its content terms, years and time direction.

Pure functions over the question string; no models. The evidence scorer and the answerer use
this to decide what a supporting sentence must contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates
from .errors import InputError

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
    ("who", r"^(who|whom|whose|which ([\w-]+ ){0,2}(person|official|leader|president|minister|"
            r"professor|reader|commenter|analyst|scholar|adviser|advisor|"
            r"spokesperson|ambassador))\b"),
    ("where", r"^(where|in what (city|country|place)|which (city|country|place))\b"),
    ("which", r"^(which|what)\b"),
    ("yesno", r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b"),
]
LATEST = re.compile(r"\b(last|latest|most recent(ly)?|recent(ly)?|newest|current(ly)?|now)\b", re.I)
# "When did Xi first visit" asks for the earliest event; "their first phone call" names one.
EARLIEST = re.compile(
    r"(?<!\bthe )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\ba )"
    r"(?<!'s )(?<!’s )\b(first|earliest|initially|originally)\b",
    re.I,
)
# "before 2025", "before his 2025 APEC trip": the year bounds the answer; it is not asked for.
# "Which was longer: the call or the summit?", "Which fell more in 2023, exports or imports?"
COMPARE = re.compile(
    r"^(?:which|what|who)\b[^:,?]*?\b(?:\w+er|more|less|most|least)\b[^:,?]*[:,]\s*"
    r"(?P<a>[^?]+?),?\s+or\s+(?P<b>[^?]+?)\??$", re.I)
BEFORE = re.compile(r"\bbefore\s+(?:[\w'’-]+\s+){0,3}?((?:19|20)\d\d)\b", re.I)
AFTER = re.compile(r"\b(?:after|since)\s+(?:[\w'’-]+\s+){0,3}?((?:19|20)\d\d)\b", re.I)
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
    precision: str | None = None  # "day" | "month": the date detail the question insists on
    given_names: tuple[str, ...] = ()  # "jae", "myung" of "Lee Jae-myung": weigh like SOFT
    sides: tuple[tuple[str, ...], ...] = ()  # "which was longer: A or B?": the terms only A / B has

    def soft(self, term: str) -> bool:
        """A term that weighs less: question phrasing, or a part of a hyphenated given name
        (articles write "Lee" for Lee Jae-myung; his name must not outweigh the question)."""
        return term in SOFT or term in self.given_names


# Question phrasing words: they rarely appear in the sentence that answers ("What happened
# before Lee left?" is answered by "...hours before Lee departed"), so they weigh less.
SOFT = frozenset(
    """happen happened go went come came bring brought post posted expect expected stay describe
    described differ hope call called mean use used make made get got put keep kept take took
    bigger biggest longer longest larger largest faster higher lower more less better worse
    actually still once finally just exactly really ever again also already yet
    share percentage percent proportion number amount level total figure value
    comment comments commenter commenters reader readers responded response posted wrote
    """.split()
)
SOFT_WEIGHT = 0.25

# Irregular past forms news prose uses; a lemmatizer would need spaCy's tagger at query time.
IRREGULAR = {
    "took": "take", "taken": "take", "met": "meet", "went": "go", "gone": "go", "gave": "give",
    "given": "give", "won": "win", "made": "make", "held": "hold", "began": "begin",
    "begun": "begin", "spoke": "speak", "spoken": "speak", "came": "come", "saw": "see",
    "seen": "see", "left": "leave", "told": "tell", "said": "say", "wrote": "write",
    "written": "write", "sent": "send", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "grew": "grow", "grown": "grow", "led": "lead", "paid": "pay",
    "sought": "seek", "brought": "bring", "thought": "think", "became": "become", "chose": "choose",
    "chosen": "choose", "flew": "fly", "signed": "sign", "struck": "strike", "hosted": "host",
}


def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to match visit/visits/visited/visiting.

    >>> [stem(w) for w in ["visited", "visits", "tourists", "agreed", "cities", "meetings"]]
    ['visit', 'visit', 'tourist', 'agre', 'city', 'meet']
    """
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("ings", ""), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
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


_SPLIT = re.compile(
    r",?\s+and\s+(?=(?:when|where|who|whom|what|which|how|why|is|was|were|did|does|do|has|had)\b)",
    re.I,
)


def split_parts(question: str) -> list[str]:
    """Split a question that asks two things ("Where did Yoon meet Xi, and where did Lee host Xi?").

    >>> split_parts("Where did Yoon meet Xi, and where did Lee host Xi?")
    ['Where did Yoon meet Xi?', 'where did Lee host Xi?']
    >>> split_parts("When did Lee and Xi talk?")
    ['When did Lee and Xi talk?']
    """
    parts = [p.strip(" ,;") for p in _SPLIT.split(question) if p.strip(" ,;")]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [question]
    return [p if p.endswith("?") else p + "?" for p in parts]


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
    precision = None
    exact = r"\b(exact date|what date|which date|which day|what day|exact day)\b"
    if re.search(exact, question, re.I):
        precision = "day"
    elif re.search(r"\b(which|what|exact) month\b", question, re.I):
        precision = "month"
    before = BEFORE.search(question)
    after = AFTER.search(question)
    bound_before = int(before.group(1)) if before else None
    bound_after = int(after.group(1)) if after else None
    given = [part.lower().replace("’", "'").removesuffix("'s")
             for prev, w in zip(words, words[1:], strict=False)
             if "-" in w and w[0].isupper() and prev[0].isupper() for part in w.split("-")]
    return Query(
        text=question,
        type=question_type(question),
        terms=tuple(t for t in content_terms(question)
                    if t not in {str(bound_before), str(bound_after)}),
        capitalized=caps,
        years=tuple(y for y in dict.fromkeys(dates.years(question))
                    if y not in {bound_before, bound_after}),
        direction=direction,
        before=bound_before,
        after=bound_after,
        precision=precision,
        given_names=tuple(dict.fromkeys(given)),
        sides=comparison_sides(question),
    )


def comparison_sides(question: str) -> tuple[tuple[str, ...], ...]:
    """The two things a "which was bigger: A or B?" question compares, as the content terms
    only one side has ("Lee and Xi's first phone call or their Beijing summit").

    >>> comparison_sides("Which was longer: Lee and Xi's first phone call or their Beijing summit?")
    (('lee', 'xi', 'phone', 'call'), ('beijing', 'summit'))
    """
    m = COMPARE.match(question.strip())
    if not m:
        return ()
    a, b = content_terms(m.group("a")), content_terms(m.group("b"))
    only_a = tuple(t for t in a if t not in b)
    only_b = tuple(t for t in b if t not in a)
    return (only_a, only_b) if only_a and only_b else ()


MAX_QUESTION_CHARS = 2000


def validate_question(question: str) -> str:
    """The question, stripped; raises InputError for empty or oversized input."""
    q = " ".join(question.split())
    if not q:
        raise InputError(
            'the question is empty; ask something, e.g. ask "when did Xi visit Seoul?"')
    if len(q) > MAX_QUESTION_CHARS:
        raise InputError(
            f"the question is {len(q):,} characters; keep it under {MAX_QUESTION_CHARS:,} "
            "(ask one thing at a time)"
        )
    return q
