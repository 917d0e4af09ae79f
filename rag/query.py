"""What a question asks: its type, its content terms, years and time direction.

Pure functions over the question string; no models. The evidence scorer and the answerer use
this to decide what a supporting sentence must contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates, places
from .errors import InputError
from .text import (
    ABBREVIATED,
    ACTS,
    ADVERBS,
    GENERIC,
    HEARERS,
    HEDGES,
    IRREGULAR,
    KINDS,
    NAMED_KINDS,
    QUANTITIES,
    SEARCH_TYPES,
    SOFT,
    SOURCE_NOUNS,
    STOPWORDS,
    Act,
    content_terms,
    numbers_in,
    stem,
    tokens,
)

TYPES = ("when", "numeric", "who", "where", "which", "yesno", "other")
_TYPE_RULES = [
    # (a size is a figure: "how tall is the drop" is answered "a 40-foot drop")
    ("numeric", r"^(how (many|much|long|far|large|big|old|tall|high|deep|wide|heavy|fast|small|"
                r"short)\b|what (percentage|percent|share|number|"
                r"proportion|amount|fraction|level of|size(?: of)?|volume of)|by how much|"
                r"to what (total|level|amount|figure)|"
                # "what record high did inflation reach": a high or a low is a figure
                r"what (?:record|all-time|new|[\w-]+-year) (?:high|low)|"
                # "what is driving up costs" asks for a cause, not a figure
                r"what\b(?![^?]*\b(?:driv\w*|caus\w*|behind|fuel\w*|reasons?)\b)"
                r"[^?]*\b(worth|cost|costs|value|price|percentage|share))\b"),
    # (a deadline is a date: "what deadline did they agree on" is answered "by July 8")
    ("when", r"^(when|(?:in |on )?(?:what|which) (year|date|month|day|time|deadline)s?|"
             r"(?:what|which) [\w-]+ (?:date|deadline)s?|since when|"
             r"how long ago|what (?:is|was|will be) the (?:date|deadline))\b"),
    ("who", r"^(who|whom|whose|which ([\w-]+ ){0,2}(person|official|leader|president|minister|"
            r"professor|reader|commenter|analyst|scholar|adviser|advisor|"
            # "which senior Hamas figure": a person ("what figure" asks for a number)
            r"spokesperson|ambassador|figure))\b"),
    # "which state" asks for a place as "which city" does; "which state-owned firm", "which
    # State Department official" and "which state media" ask for a thing the state has
    ("where", r"^(where|in what ([\w.-]+ ){0,2}(city|country|place|state|province)|"
              r"which ([\w.-]+ ){0,2}(city|country|place|state|province))(?![\w-])"
              r"(?!\s+(?:media|department|council|officials?|senators?|lawmakers?|legislators?|"
              r"music|club|"
              r"legislatures?|police|agency|agencies|secretary|news|television|tv|run|owned|of)\b)"),
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
# "Which was longer: the call or the summit?", "Which fell more in 2023, exports or imports?"
# "Which came first, A or B?" compares dates.
COMPARE = re.compile(
    r"^(?:[^,:?]{1,80},\s*)?(?:(?:in|on|at|for|during)\s+)?(?:which|what|who)\b[^:,?]*?"
    r"\b(?:\w+er|more|less|most|least|first|last)\b[^:,?]*?(?:[:,]|\s[-–—])\s*"
    r"(?P<a>[^?]+?),?\s+or\s+(?P<b>[^?]+?)\??$", re.I)
# "chinese tourists to korea: lower in 2017 or 2024?": a search box's topic, then the comparison.
COMPARE_TOPIC = re.compile(
    r"^(?P<topic>[^:?]{3,80}):\s*(?P<cmp>\w+er|more|less|fewer)\s+(?:(?:in|on|at|for|by|"
    r"during)\s+)?(?P<a>[^?]+?),?\s+or\s+(?P<b>[^?]+?)\??$", re.I)
# "Did A grow faster than B?", "Is Seoul bigger than Busan?": a yes/no comparison.
COMPARE_YESNO = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?(?:did|does|do|is|was|were|are|has|have|had)\s+(?P<a>.+?)\s+"
    r"(?:(?:grow|grew|fall|fell|rise|rose|increase|decline|drop|shrink|expand|move)\s+)?"
    r"(?:(?:\w+er|more|less)\s+or\s+)?(?:\w+er|more|less)\s+than\s+(?P<b>[^?]+?)\??$", re.I)
# "Was Lee's call with Trump or with Ishiba longer?": which of two, the comparative last.
COMPARE_OR = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?(?:did|does|do|is|was|were|are|has|have|had)\s+(?P<a>.+?)\s+or\s+"
    r"(?P<b>[^?]+?)\s+(?P<cmp>\w+er|more|less)\s*\??$", re.I)
# "Were there more visitors in 2017 or in 2024?", "Did Lee spend longer on the phone with Trump
# or with Ishiba?": the comparative first, then the two sides, each led by a preposition.
_COMPARATIVE = (r"more|less|fewer|longer|shorter|bigger|larger|smaller|higher|lower|greater|"
                r"faster|slower|older|younger|cheaper|earlier|later")
_LEADS = r"(?:in|on|at|with|for|to|from|during|by|between|among|of)"
COMPARE_MID = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?(?:did|does|do|is|was|were|are|has|have|had)\s+[^?]*?"
    rf"\b(?P<cmp>{_COMPARATIVE})\b[^?]*\s(?P<a>(?P<lead>{_LEADS})\s+[^?]+?),?\s+or\s+"
    r"(?P<b>(?P=lead)\s+[^?]+?)\??$", re.I)
# "Is China a bigger source of Korea's rare earths or a bigger market for its chips?", "Does
# China supply a bigger share of X, or take a bigger share of Y?": the comparative on each side.
# (A closing aside, ", in terms of share", is not the second side's.)
COMPARE_TWICE = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?(?:did|does|do|is|was|were|are|has|have|had)\s+[^?]*?"
    rf"\b(?P<cmp>{_COMPARATIVE})\s+(?P<a>[^?]+?),?\s+or\s+(?:[\w’'-]+\s+){{0,2}}?"
    r"(?P=cmp)\s+(?P<b>[^?,]+?)(?:,\s+in\s+terms\s+of\s+[^?]+)?\s*\??$", re.I)
# "lee's call with trump vs his call with ishiba - which one ran longer?": the sides first
COMPARE_VS = re.compile(
    r"^(?P<a>[^?]+?)\s+(?:vs\.?|versus)\s+(?P<b>[^?]+?)\s*[-–—:,]\s*"
    r"(?P<cmp>(?:which|who|what)\b[^?]*?\b(?:\w+er|more|less|fewer)\b[^?]*"
    # ("the call versus the summit - how long was each?": both sides asked)
    r"|how\s+(?:long|many|much|big|large|old|far)\b[^?]*\b(?:each|both)\b[^?]*)\??$", re.I)
EARLIER = re.compile(r"\b(first|earlier|sooner|before)\b", re.I)
LATER = re.compile(r"\b(last|later|after)\b", re.I)
# "according to the 2024 analysis": the year dates the source, not the event asked about.
SOURCE_YEAR = re.compile(r"\baccording to (?:the |a |an |its |their )?((?:19|20)\d\d)\b", re.I)
# "in the Globalist article", "according to the Free Press's 50th-anniversary series": the
# report the question cites (up to its noun)
_SOURCE_NOUN = "|".join(re.escape(n) for n in sorted(SOURCE_NOUNS, key=len, reverse=True))
_CITED = re.compile(r"\b(?:according\s+to|in|from|per)\s+(?:the\s+|a\s+|an\s+)?"
                    rf"(?:[\w’'.&-]+\s+){{0,6}}?(?:{_SOURCE_NOUN})\b", re.I)


def cited_only(question: str, words: str) -> bool:
    """Are `words` of the question only in the report it cites as its source? They point at a
    report ("the Globalist article"); a passage from another report may still answer.

    >>> cited_only("In the Globalist article, what pact did China push?", "Globalist")
    True
    >>> cited_only("How many died, according to the Free Press's 50th-anniversary series?",
    ...            "50th")
    True
    >>> cited_only("What did the Globalist say in its article?", "Globalist")
    False
    >>> cited_only("In the 2014 piece, what did Xi say about the 2014 summit?", "2014")
    False
    """
    low, w = question.lower(), re.escape(words.lower())
    clauses = [m.group(0) for m in _CITED.finditer(low)]
    rest = _CITED.sub(" ", low)
    return any(re.search(rf"(?<!\w){w}(?!\w)", c) for c in clauses) \
        and not re.search(rf"(?<!\w){w}(?!\w)", rest)


# "Which official, rather than the foreign minister or Lee himself, said ...": what the question
# sets aside is not asked about; it names nothing the answer must mention.
SET_ASIDE = re.compile(r"\b(?:rather than|instead of|other than|apart from|besides)\b[^,?;]*",
                       re.I)
# "Gordon Lightfoot, who died in May 2023, ...": a year in a clause set off by commas
# describes a name; it does not date what the question asks.
DESCRIBED_YEAR = re.compile(r",\s*(?:(?:the|a|an)\s+[^,?]{1,60}?\s+)?(?:who|which|whose|where)\s+"
                            r"[^,?]*?\b((?:19|20)\d\d)\b[^,?]*,", re.I)
# "before 2025", "before his 2025 APEC trip": the year bounds the answer; it is not asked for.
BEFORE = re.compile(r"\bbefore\s+(?:[\w'’-]+\s+){0,3}?((?:19|20)\d\d)\b", re.I)
AFTER = re.compile(r"\b(?:after|since)\s+(?:[\w'’-]+\s+){0,3}?((?:19|20)\d\d)\b", re.I)
# "Before the Gyeongju APEC trip, when had Xi last visited South Korea?": an event named as the
# reference point. It is not what is asked: the answer is an earlier event.
# ("before dawn", "ahead of midnight" say the time of day, not an event)
REFERENCE = re.compile(r"\b(?:before|prior to|ahead of)\s+(?!(?:dawn|daybreak|sunrise|sunup|"
                       r"sunset|sundown|dusk|nightfall|dark|noon|midday|midnight|lunch|"
                       r"breakfast|dinner)\b)(?P<event>[^,;?]+?)\s*"
                       r"(?=[,;?]|$|\b(?:when|what|which|how|did|do|does|was|were|had|has|is|are)\b)",
                       re.I)


def _reference(question: str) -> re.Match[str] | None:
    """The "before/ahead of <event>" a question dates its answer against, if any.

    >>> _reference("When will the results be put before the Industrial Relations Commission?")
    >>> _reference("When had Xi last visited before the APEC trip?").group("event")
    'the APEC trip'
    """
    m = REFERENCE.search(question)
    last = re.findall(r"[a-z]+", m.group("event").lower())[-1:] if m else []
    # ("put before the Industrial Relations Commission": in front of a body, at no time)
    return None if not m or set(last) & HEARERS else m


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
    precision: str | None = None  # "day" | "month" | "time": the detail the question insists on
    given_names: tuple[str, ...] = ()  # "jae", "myung" of "Lee Jae-myung": weigh like SOFT
    sides: tuple[tuple[str, ...], ...] = ()  # "which was longer: A or B?": the terms only A / B has
    side_names: tuple[str, ...] = ()  # A and B as the question writes them
    options: tuple[str, ...] = ()  # "... Options: a; b; c." / "which of X, Y or Z": pick one
    entities: tuple[str, ...] = ()  # names the question is about: hard constraints
    numbers: tuple[str, ...] = ()  # figures the question states (not years): hard constraints
    focus: str | None = None  # "what gift did ...": the kind of thing asked for (hard constraint)
    # "when had Xi last visited Seoul before the Gyeongju APEC trip?": the reference event's words
    # (only for "when" questions; not among `terms`, since the answer is about another event)
    reference: tuple[str, ...] = ()
    kind: str | None = None  # "which South Australian yacht ...": "yacht", the answer's kind
    verdict: bool = False  # "True or false: <statement>": judge the statement, do not pick
    # "According to Shihoko Goto's article, ...": terms only in the report the question cites
    # as its source; they say where to look, not what the answer sentence is about
    cited: tuple[str, ...] = ()

    def soft(self, term: str) -> bool:
        """A term that weighs less: question phrasing, or a part of a hyphenated given name
        (articles write "Lee" for Lee Jae-myung; his name must not outweigh the question)."""
        return term in SOFT or term in self.given_names or term in self.cited


# A phrasing word counts a quarter of a content word in term coverage. Not fitted: it shapes a
# feature (coverage) whose weight the evidence model fits (rag tune); it still breaks ties.
SOFT_WEIGHT = 0.25


# "what did life expectancy fall to?", "what has inflation risen to?": the level a figure
# moved to, in whatever unit ("fell to 76.1 years")
_LEVEL = (r"^what (?:did|does|do|has|have|had|will) [^?]*\b(?:fall|fallen|rise|risen|drop|dropped|"
          r"climb|climbed|grow|grown|decline|declined|jump|jumped|slip|slipped|sink|sunk|plunge|"
          r"plunged|increase|increased|decrease|decreased|reach|reached) to\b")
ASKS_LEVEL = re.compile(_LEVEL, re.I)
# "What was X's trade deficit?": the subject of "what is/was" is a quantity (words.toml).
_QUANTITY = re.compile(r"^what (?:is|was|are|were|will be) (?:[\w’'-]+ ){0,5}?"
                       rf"(?:{'|'.join(sorted(QUANTITIES))})\b(?!['’]s)"
                       # "what pay rise is the union demanding?", "what rate cut did it make?":
                       # the size of a change
                       r"|^what (?:[\w’'-]+ )?(?:rise|increase|hike|cut|drop|fall|decline)s? "
                       r"(?:is|was|are|were|did|do|does|has|have|had|will)\b"
                       # "what tournament budget did they give?": a quantity noun asked for
                       rf"|^what (?:[\w’'-]+ ){{0,2}}?(?:{'|'.join(sorted(QUANTITIES))}) "
                       r"(?:did|do|does|has|have|had|will|would|is|was|are|were)\b"
                       rf"|{_LEVEL}")


_BLANK = re.compile(r"\b(since|until|(?:held|won|led|written|directed|played|owned|founded) by)"
                    r"(?:\s+at\s+least)?\s*(?::|\.\.\.|…|_+)$")


def question_type(question: str) -> str:
    """The kind of answer asked for: one of TYPES.

    >>> question_type("What was South Korea's trade deficit with China in 2024?")
    'numeric'
    >>> question_type("What caused the deficit?"), question_type("What was the budget row about?")
    ('which', 'which')
    >>> question_type("What is the trade deficit's effect on jobs?")
    'which'
    >>> question_type("What does the report say is driving up health costs?")
    'which'
    >>> question_type("The survey tested students of what age?")
    'numeric'
    >>> question_type("At what price will Huawei sell its chips?")
    'numeric'
    >>> question_type("In which month did China start visa-free entry?")
    'when'
    >>> question_type("Which Japanese city did Lee stop in?")
    'where'
    >>> question_type("What pay rise is the union demanding?")
    'numeric'
    >>> question_type("What did US life expectancy at birth fall to in 2021?")
    'numeric'
    >>> question_type("At what time did the networks broadcast?")
    'when'
    >>> question_type("death toll lima fireworks fire"), question_type("Lee's visit to Beijing")
    ('numeric', 'other')
    >>> question_type("Fans cheered when the trailer came out for which remake?")
    'which'
    >>> question_type("How tall is the drop on the ride?"), question_type("How deep is the lake?")
    ('numeric', 'numeric')
    >>> question_type("Shihoko Goto, who wrote about Seoul, works at which think tank?")
    'which'
    >>> question_type("What tournament budget did the committee give CNN?")
    'numeric'
    >>> question_type("what trade volume were seoul and beijing targeting in 2014")
    'numeric'
    >>> question_type("It has been the world's most populous nation since at least:")
    'when'
    >>> question_type("Back in 2014, they said an FTA could lift trade to what level?")
    'numeric'
    >>> question_type("She broke the record for wins, previously held by:")
    'who'
    >>> question_type("How did the actor who played Karen's friend die?")
    'other'
    >>> question_type("They were staying as house guests where when they were seized?")
    'where'
    >>> question_type("What release date was given for the film?")
    'when'
    >>> question_type("When Han went to China, Busan's bid to host what event did he back?")
    'which'
    >>> question_type("He called it the worst disaster since an earthquake in which year?")
    'when'
    >>> question_type("Back in 2014, what level of two-way trade did they aim for?")
    'numeric'
    >>> question_type("Yoel Roth, the former official who fled his home, had held what job?")
    'which'
    >>> question_type("smith was recovering from what kind of accident when he took over the probe")
    'which'
    >>> question_type("The pact was signed in which city, and when did it take effect?")
    'when'
    """
    # "Roughly what time ...?", "Approximately how many ...?": a hedge before the question word
    q = re.sub(r"^(?:roughly|approximately|about|around|exactly|precisely)\s+", "",
               question.strip().lower())
    # "When Han went to China in 2023, Busan's bid to host what event did he ask Beijing to
    # back?": a leading "when" clause sets the scene; the question word after it asks
    scene = re.match(rf"when\s+(?!{_AUX}\b)[^,?]*,\s*(?=[^?]*\b(?:what|which|who|whom|whose|"
                     r"where|how)\b)", q)
    if scene:
        q = q[scene.end():]
    # A quiz's fill-in ("It has been the most populous nation since at least:"): the word
    # before the blank says what fills it
    blank = _BLANK.search(q)
    if blank:
        return "when" if blank.group(1) in ("since", "until") else "who"
    for name, pattern in _TYPE_RULES:
        if re.match(pattern, q):
            return name
        if name == "numeric" and _QUANTITY.match(q) and not re.search(r"\b(about|why|how)\b", q):
            return name
    # The question word inside the clause: "At what price will Huawei sell its chips?"
    # ("could lift two-way trade to what level?": a level is a figure)
    if re.search(r"\b(how many|how much|what (?:percentage|number|price|amount|proportion|share|"
                 r"size|age|level of|volume of)|to what (?:level|total|amount|figure)|"
                 r"what (?:record|all-time|new|[\w-]+-year) (?:high|low))\b", q):
        return "numeric"
    # "How did the actor who played Karen's friend die?": a question that opens with "how" asks
    # how; a "who" or "when" later in it is a relative clause
    if re.match(rf"how\s+{_AUX}\b", q):
        return "other"
    when = re.search(r"\b(when|(?:what|which) (?:year|decade|century)|what (?:[\w-]+ )?date|"
                     r"what deadline|(?:what|which) (?:local )?time"
                     r"(?! (?:of (?!day)|in|since|frame)))\b", q)
    # "...thrilled this week when the trailer was released for which remake?": a "when" before
    # the question word joins a clause; it does not ask. Nor does one after an asking "where"
    # ("were staying as guests where when they were seized?"), nor a "when" and a clause after
    # another question word ("was recovering from what kind of accident when he took over").
    if when and not (when.group(1) == "when"
                     and (re.search(r"\b(which|what|who|whom|whose|where)\b", q[when.end():])
                          or re.search(r"\bwhere\b", q[: when.start()])
                          or re.search(r"\b(which|what|who|whom|whose)\b", q[: when.start()])
                          and not re.match(rf"\s+{_AUX}\b", q[when.end():]))):
        return "when"
    if re.search(r"\bwhere(?=\s+when\b|\s*\?|\s*$)", q):
        return "where"  # "... were staying where when they were seized?", "... born where?"
    # The question word inside the clause: "He plays for which team?", "...in which city?"
    # ("china eastern crash in guangxi, which city did the plane depart from")
    if re.search(r"(?:\b(?:in|to|from)|,) (which|what) (?:[\w.-]+ ){0,2}(city|country|state|"
                 r"place|town|region)\b(?![\w-])", q):
        return "where"
    who = re.search(r"\b(who|whom|whose)\b", q)
    # "Shihoko Goto, who wrote about the 'romance', works at which think tank?": ", who" and a
    # verb open a relative clause about a name; the question word comes later
    # (as does "the former official who fled his home, had held what job")
    relative = who and re.match(r"(?:,|\w)\s*who\s+(?!(?:did|does|do|is|was|were|are|has|have|"
                                r"had|will|would|can|could)\b)", q[who.start() - 2:]
                                if who.start() > 1 else "") \
        and re.search(r"\b(which|what)\b", q[who.end():])
    if who and not relative:
        return "who"
    if re.search(r"\b(which|what)\b", q):
        return "which"
    if search_box(q):  # "death toll lima fireworks fire", "kofi annan native country"
        words = set(re.findall(r"[a-z]+", q))
        for kind in ("numeric", "when", "where"):
            if words & SEARCH_TYPES[kind]:
                return kind
    return "other"


def search_box(question: str) -> bool:
    """Is it typed like a search box: no question word, no question mark ("kofi annan native
    country")?"""
    return not re.search(r"\b(when|where|who|whom|whose|what|which|why|how|is|are|was|were|did|"
                         r"does|do|can|will|should)\b|\?", question, re.I)


_WH = r"(?:when|where|who|whom|what|which|how|why|is|was|were|did|does|do|has|had)\b"
# ", and when ...", ", and to what total?", ", and since when?": a preposition may lead the part.
_SPLIT = re.compile(
    rf",?\s+and\s+(?=(?:(?:before|after|during|in|on|at)\s+[^,?]{{1,40}},\s*)?"
    rf"(?:(?:to|since|from|by|in|for|until|at|on|with|about|roughly|approximately|around|"
    rf"nearly|exactly)\s+)?{_WH})", re.I)
_LEAD = re.compile(rf"^(?:(?:by|to|in|for|since|from)\s+)?(?:how\s+\w+|{_WH})(?:\s+{_WH})?\s*",
                   re.I)


# "..., and what was the lower figure?", "..., and how long was it?": the compared figure
_ASKS_COMPARED_FIGURE = re.compile(
    r"(?:what|which)\s+(?:was|is|were|are)\s+the\s+(?:\w+er|\w+est|more|less|most|least)\s+"
    r"(?:figure|number|one|total|amount)|how\s+(?:long|much|many|big|large)\s+(?:was|is|were|are)"
    r"\s+(?:it|that|that one|each)\b", re.I)


def split_parts(question: str) -> list[str]:
    """Split a question that asks two things ("Where did Yoon meet Xi, and where did Lee host Xi?").
    A short second part ("and to what total?") borrows what the first part is about.

    >>> split_parts("Where did Yoon meet Xi, and where did Lee host Xi?")
    ['Where did Yoon meet Xi?', 'where did Lee host Xi?']
    >>> split_parts("When did Lee and Xi talk?")
    ['When did Lee and Xi talk?']
    >>> split_parts("Who paid them, and about how many workers were paid?")[1]
    'about how many workers were paid?'
    >>> split_parts("By how much did exports to China fall in 2023, and to what total?")[1]
    'to what total: exports to China fall in 2023?'
    >>> split_parts("At the Busan meeting in 2023, who met Park Jin, and who represented Japan?")[1]
    'who represented Japan: At the Busan meeting in 2023?'
    >>> split_parts("What visa policy did China extend, and since when?")[1]
    'since when: visa policy did China extend?'
    >>> split_parts("The final saw New Zealand win. What was the score, and in which stadium was "
    ...             "it played?")[1]
    'The final saw New Zealand win. In which stadium was it played?'
    >>> split_parts("Was the number lower in 2017 or in 2024, and what was the lower figure?")
    ['Was the number lower in 2017 or in 2024?']
    >>> split_parts("Before Han's trip, how long since a PM visited, and before Lee's trip, "
    ...             "since when had no president visited?")[1]
    "before Lee's trip, since when had no president visited?"
    """
    parts = [p.strip(" ,;?") for p in _SPLIT.split(question) if p.strip(" ,;?")]
    if len(parts) < 2 or len(parts[0].split()) < 3:
        return [question]
    if len(parts) == 2 and _ASKS_COMPARED_FIGURE.match(parts[1]) \
            and comparison_sides(parts[0] + "?"):
        # "Was it lower in 2017 or in 2024, and what was the lower figure?": a comparison's
        # answer gives both sides' figures, so the second part is answered with the first
        return [parts[0] + "?"]
    # "At the Busan meeting in 2023, who was China's envoy, and who represented Japan?": the
    # scene before the first question word is what the short part is about
    scene = re.match(rf"^(?P<scene>[^,?]{{3,80}}),\s*{_WH}", parts[0], re.I)
    topic = scene.group("scene").strip() if scene else _LEAD.sub("", parts[0]).strip()
    # "The final saw New Zealand win. What was the score, and in which stadium was it played?":
    # the sentences before the one that asks set the scene for every part
    lead = " ".join(re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", parts[0])[:-1])
    out = []
    for p in parts:
        if len(p.split()) < 4 and p is not parts[0]:
            if not topic:
                return [question]
            p = f"{p}: {topic}"
        elif lead and p is not parts[0]:
            p = f"{lead} {p[:1].upper()}{p[1:]}"
        out.append(p + "?")
    return out



# "... Options: a; b; c; d." (quiz style), "which of X, Y or Z", "X or Y?" at the end.
_OPTIONS = re.compile(r"\s*\b(?:options|choices|answers?)\s*:\s*(?P<list>.+?)\s*\.?\s*$", re.I)
# "Which city hosted APEC: Seoul, Busan or Gyeongju?": a list after a colon that ends the question.
_LISTED = re.compile(r"(?::|\s[-–—])\s*(?P<list>[^:?–—]+?\bor\b[^:?–—]+?)\s*\?\s*$", re.I)


# "True or false: LIV golfers may play the Masters." (quiz style): a statement to judge.
_VERDICT = re.compile(r"^\s*(?:true or false|yes or no|fact or fiction)\s*[:?,.–-]\s*", re.I)
_VERDICT_END = re.compile(r"\s+(?:true or false|yes or no|fact or fiction)\s*\??\s*$", re.I)
_VERDICT_OPTIONS = ({"true", "false"}, {"yes", "no"})


def statement(question: str) -> str | None:
    """The statement a true-or-false question asks to judge, else None.

    >>> statement("True or false: LIV golfers may play at the Masters. Options: TRUE; FALSE.")
    'LIV golfers may play at the Masters.'
    >>> statement("LIV golfers may play at the Masters. Options: Yes; No."), statement("Who won?")
    ('LIV golfers may play at the Masters.', None)
    >>> statement("Phil saw his shadow this year. True or False?")
    'Phil saw his shadow this year.'
    """
    m = _OPTIONS.search(question)
    body = question[: m.start()].strip() if m else question.strip()
    verdict = _VERDICT.match(body)
    if verdict:
        return body[verdict.end():].strip() or None
    verdict = _VERDICT_END.search(body)  # "Phil saw his shadow this year. True or False?"
    if verdict and verdict.start() > 0:
        return body[: verdict.start()].rstrip(" :,–-")
    options = {o.strip(" .").lower() for o in m.group("list").split(";")} if m else set()
    return body if options in _VERDICT_OPTIONS else None


def split_options(question: str) -> tuple[str, tuple[str, ...]]:
    """(question without its options, the options) for a choice question, else (question, ()).
    True or false is not a choice between things the articles name (see `statement`).

    >>> split_options("Which team? Options: Buffalo Bills; Cincinnati Bengals; Dallas.")
    ('Which team?', ('Buffalo Bills', 'Cincinnati Bengals', 'Dallas'))
    >>> split_options("Which city hosted APEC in 2025: Seoul, Busan or Gyeongju?")
    ('Which city hosted APEC in 2025?', ('Seoul', 'Busan', 'Gyeongju'))
    >>> split_options("which city hosted apec in 2025 - seoul, busan or gyeongju?")
    ('which city hosted apec in 2025?', ('seoul', 'busan', 'gyeongju'))
    """
    said = statement(question)
    if said is not None:
        return said, ()
    m = _OPTIONS.search(question)
    if m and ";" in m.group("list"):
        opts = tuple(o.strip(" .") for o in m.group("list").split(";") if o.strip(" ."))
        if len(opts) >= 2:
            return question[: m.start()].strip(), opts
    m = _LISTED.search(question)
    if m and not COMPARE.match(question.strip()) and not COMPARE_TOPIC.match(question.strip()):
        # "which was bigger: A or B", "tourists: lower in 2017 or 2024?" compare figures
        opts = tuple(o.strip(" .,") for o in re.split(r",\s*(?:or\s+)?|\s+or\s+",
                                                      m.group("list")) if o.strip(" .,"))
        if 2 <= len(opts) <= 6 and all(len(o.split()) <= 6 for o in opts):
            return question[: m.start()].strip() + "?", opts
    return question, ()


# "When asked about Taiwan, what did Lee say?": a clause that opens with when/if/after (and no
# auxiliary: "When did ..." asks itself) sets the scene; the question word after its comma asks.
_SCENE = re.compile(
    r"^(?:when|if|after|before|as|while|once|although|though|in|on|at|during|by)\s+"
    # (the scene may list things: "When Lee went with the heads of Samsung, SK and LG, how many")
    # ("In what year did Lightfoot, who died in May, ...": a question word opens the question)
    r"(?!(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|what|which|whose|how)"
    r"\b)[^?]*?,\s*"
    # ("..., by what year did it say ...": a preposition may lead the question word)
    r"(?=(?:(?:by|in|on|at|to|for|from|since|until|with)\s+(?=what|which|whom|when|how))?"
    r"(?:what|who|whom|whose|which|where|when|how|why|"
    r"did|does|do|is|was|were|are|has|have|had)\b)", re.I)


# ("relaunched the bar in 2014 — to what decade does it date back?": a preposition may lead)
_TOPIC = re.compile(r"\s[-–—]\s+(?=(?:(?:to|in|at|by|for|from|of|on|with|since|until)\s+)?"
                    r"(?:what|who|whom|whose|which|where|when|how|why)\b)", re.I)


def asking_clause(question: str) -> str:
    """The sentence that asks: quiz questions set a scene first ("X happened this week. He
    plays for which team?"), and so does an opening "When asked ..., " clause.

    >>> asking_clause("A storm hit California. Which part of the state got the most rain?")
    'Which part of the state got the most rain?'
    >>> asking_clause("When asked about a conflict, what did Lee say the country should tell?")
    'what did Lee say the country should tell?'
    >>> asking_clause("When did Xi visit Seoul, and what did he sign?")
    'When did Xi visit Seoul, and what did he sign?'
    >>> asking_clause("In 2023, were exports bigger than imports?")
    'were exports bigger than imports?'
    >>> asking_clause("When Lee went with the heads of Samsung, SK and LG, how many deals were "
    ...               "signed?")
    'how many deals were signed?'
    >>> asking_clause("Vaughan out handling the ball - what was his score?")
    'what was his score?'
    >>> asking_clause("In what year did Lightfoot, who died in May, first chart?")
    'In what year did Lightfoot, who died in May, first chart?'
    >>> asking_clause("How much did Warner Bros. Discovery refund to subscribers?")
    'How much did Warner Bros. Discovery refund to subscribers?'
    >>> asking_clause("When General Mills dropped dyes from cereals like Trix, by what year did "
    ...               "it say all would be free of them?")
    'by what year did it say all would be free of them?'
    """
    parts = sentences_of(question)
    asks = [p for p in parts if p.rstrip().endswith("?")]
    clause = (asks or parts or [question])[-1]
    topic = _TOPIC.search(clause)  # search-box style: "vaughan bangalore - what was his score?"
    if topic:
        clause = clause[topic.end():]
    scene = _SCENE.match(clause)
    return clause[scene.end():] if scene else clause


# "how long did it last", "how long was the call": a length of time (not "how long ago")
ASKS_LENGTH = re.compile(r"\bhow long\b(?!\s+ago\b)", re.I)


# Capitalised words that name no thing in the world: days, months, quiz formulas.
NOT_NAMES = frozenset([*dates.WEEKDAYS, *dates.MONTHS, "true", "false", "options", "option"])


def sentences_of(question: str) -> list[str]:
    """The question's sentences: a scene, then the asking one. A full stop after an initial or
    a common abbreviation ends none ("Warner Bros. Discovery", "a U.S. State Department
    official").

    >>> sentences_of("Fiona hit. Whose trip as a U.S. State Department official was it?")
    ['Fiona hit.', 'Whose trip as a U.S. State Department official was it?']
    """
    parts: list[str] = []
    for p in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", question.strip()):
        if parts and ABBREVIATED.search(parts[-1]):  # "Warner Bros. Discovery" goes on
            parts[-1] = f"{parts[-1]} {p}"
        elif p:
            parts.append(p)
    return parts


def entity_names(question: str) -> tuple[str, ...]:
    """Capitalised names in the question (not a sentence's first word, not a question word):
    what an answer must be about. Acronyms count ("THAAD").

    >>> entity_names("When did Xi Jinping last visit Seoul? Did he meet Lee?")
    ('Xi Jinping', 'Seoul', 'Lee')
    >>> entity_names("Phil saw his shadow on Monday. True or False?")
    ()
    >>> entity_names("In the touring 'Lion King', which character does Jürgen Hooper play?")
    ('Lion King', 'Jürgen Hooper')
    >>> entity_names("Who were Park Jin's Chinese and Japanese counterparts?")
    ('Park Jin', 'Chinese', 'Japanese')
    """
    out: list[str] = []
    for sentence in sentences_of(question):
        words = re.findall(r"[\w’'.-]+", sentence)
        run: list[str] = []
        for i, w in enumerate([*words, ""]):
            w = w.strip(".'’‘")  # (quotes around a title: "the touring 'Lion King'")
            low = w.lower().replace("’", "'").removesuffix("'s")
            name_like = (bool(w) and w[0].isupper() and low not in STOPWORDS and i > 0
                         and low not in NOT_NAMES)
            if name_like:
                run.append(w.replace("’s", "").replace("'s", ""))
            # a possessive before a nationality ends the name too: "Park Jin's Chinese
            # counterpart" (but "the Women's World Cup" is one name)
            ends = name_like and re.search(r"['’]s$", w) is not None and i + 1 < len(words) \
                and bool(places.nations(words[i + 1].strip(".'’‘")))
            if run and (not name_like or ends):
                name = " ".join(run)
                if name not in out:
                    out.append(name)
                run = []
    known = {w.lower() for n in out for w in n.split()}
    out += [p for p in _lowercase_places(question) if p.lower() not in known]
    return tuple(out)


def _lowercase_places(question: str) -> list[str]:
    """Countries and nationalities typed in lower case, as a search box gets them ("what is
    nigeria's projected population"): a country is a name however it is typed. (Cities are
    left out: many are ordinary words, "reading", "mobile".)

    >>> _lowercase_places("what is nigeria's projected population in 2050")
    ['Nigeria']
    >>> _lowercase_places("how many chinese tourists came to south korea in 2017")
    ['Chinese', 'South Korea']
    >>> _lowercase_places("how long can south koreans stay in China"), _lowercase_places("Korea")
    (['South Koreans'], [])
    """
    words = [w.replace("’", "'").removesuffix("'s")
             for w in re.findall(r"(?<![\w’'])[a-z][a-z’']*", question)]
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) > 3 and phrase not in STOPWORDS and (
                    places.kind(phrase) in ("country", "region") or places.nations(phrase)
                    or (phrase.endswith("s") and places.nations(phrase[:-1]))):
                out.append(phrase.title())
                i += size
                break
        else:
            i += 1
    return list(dict.fromkeys(out))


def hometown(question: str, name: str) -> bool:
    """Is the name where a named person is from, as news introduces people ("the Adelaide man
    David Hicks", "Sydney-born Jane Smith")? That describes who; it is not what is asked, and a
    passage that names the person answers without it.

    >>> q = "On which ship is the Adelaide man David Hicks held?"
    >>> hometown(q, "Adelaide"), hometown(q, "David Hicks")
    (True, False)
    """
    return bool(re.search(
        rf"\b{re.escape(name)}(?:[\s-]+(?:born|based|raised))?\s+(?:{_PERSON_WORDS})\s+"
        r"[A-Z][\w’'-]+\s+[A-Z]", question)
        or re.search(rf"\b{re.escape(name)}-(?:born|based|raised)\s+[A-Z][\w’'-]+\s+[A-Z]",
                     question))


_PERSON_WORDS = ("man|woman|men|women|boy|girl|teenager|teen|mother|father|resident|couple|"
                 "family|student|youth|pensioner|grandmother|grandfather")

_AUX = r"(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could)"
# "What gift did Xi give?", "He plays for which team?": the noun right before the verb or the end.
_FOCUS = re.compile(rf"\b(?:what|which)\s+(?:[\w’'-]+\s+){{0,2}}?([a-z][a-z-]*)\s*"
                    rf"(?:\b{_AUX}\b|\?\s*$)")
# "What is Xi Jinping's favourite Korean dish?": the last noun of what the copula asks about.
_COPULA = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:[\w’'-]+\s+){0,5}?"
                     r"([a-z][a-z-]*)\s*\?\s*$")


# "What did they agree on?", "what trade deal did they sign?": what (a kind of thing) the act
# produced, asked with the act's verb.
_ASKS_CONTENT = re.compile(rf"^(?:[^,]*,\s*)?(?:what|which)\s+(?P<kind>(?:[\w’'-]+\s+){{0,3}}?)"
                           rf"{_AUX}\b(?P<rest>.*)", re.I)


def asked_act(question: str) -> Act | None:
    """The act whose content the question asks for, if any (rag/data/words.toml, `acts`): its
    verb after "what did/was ...", and a kind before the verb must be the act's ("what trade
    deal did they sign", not "what phone did he sign with").

    >>> asked_act("What did Xi and Moon agree on during Xi's 2019 visit?").asked
    'what was agreed'
    >>> asked_act("During the call, what did Trump tell Lee about China?").asked
    'what was said'
    >>> [asked_act(q).asked for q in ("What deal did they sign?", "What sentence did he get?")]
    ['what was signed', 'what sentence was given']
    >>> asked_act("What gift did Xi sign?"), asked_act("What did he get?")
    (None, None)
    >>> asked_act("Which candidate did Suarez endorse?").asked
    'whom they endorsed'
    >>> asked_act("Did Busan end up winning the bid?").asked  # an outcome, asked yes or no
    'whether it was won'
    >>> asked_act("Did sales top 5 trillion won?"), asked_act("What were 2024 sales in won?")
    (None, None)
    """
    clause = asking_clause(question)
    if re.match(rf"^\s*{_AUX}\b", clause, re.I):
        # (won after a figure is money: "5 trillion won")
        said = re.sub(r"(\d|million|billion|trillion)\s+won\b", r"\1", clause, flags=re.I)
        words = {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", said)}
        return next((a for a in ACTS.values() if a.outcome and words & a.asks), None)
    m = _ASKS_CONTENT.search(clause)
    if not m:
        return None
    kind = asked_kind(question) if m.group("kind").strip() else None
    for word in re.findall(r"[A-Za-z]+", m.group("rest")):
        s = stem(word.lower())
        for act in ACTS.values():  # (an outcome is asked yes or no: "what ... in won" is money)
            if not act.outcome and s in act.asks and (
                    kind in act.kinds if kind or act.needs_kind else True):
                return act
    return None


def focus_noun(question: str) -> str | None:
    """The kind of thing a "what/which X" question asks for, when it is a thing an answering
    passage must mention ("gift", "dish", "team"); None for kinds of answer ("which city",
    "what year") and question phrasing.

    >>> focus_noun("What gift did Xi give Lee?"), focus_noun("What is Xi's favourite Korean dish?")
    ('gift', 'dish')
    >>> focus_noun("Which city hosted APEC?"), focus_noun("When did Xi visit Seoul?")
    (None, None)
    >>> focus_noun("On what dates was Lee due to attend the G7?")
    >>> focus_noun("What kind of handgun did staff find?")
    """
    clause = asking_clause(question).strip()
    clause = clause[:1].lower() + clause[1:]
    m = _COPULA.search(clause) or _FOCUS.search(clause)
    if not m:
        return None
    word = m.group(1)
    if re.search(r"\b(?:kind|type|sort|make|model|brand)s?\s+of\s+(?:[\w’'-]+\s+)?"
                 rf"{re.escape(word)}\b", clause, re.I):
        return None  # "what kind of handgun": a kind of it ("a 9mm Beretta pistol") answers
    if word in KINDS or word in NAMED_KINDS or word in SOFT or word in GENERIC \
            or word in STOPWORDS or len(word) < 3 or (word.endswith("s") and word[:-1] in KINDS):
        return None
    return word


_PHRASE_ENDS = frozenset("in of to from for on at by with near about over under into after before "
                         "during behind across between against within without through around "
                         "that who whose which whom and or but did "
                         "does do is are was were has have had will would can could should "
                         "may might must".split())


def asked_kind(question: str) -> str | None:
    """The noun of "which X ..." / "in which neighbouring republic": what kind of thing the
    answer is (its last word before a verb or a preposition); None when the question has none.

    >>> asked_kind("Which South Australian yacht in the race was towed?")
    'yacht'
    >>> asked_kind("It happened in which neighbouring republic?"), asked_kind("Which team won?")
    ('republic', 'team')
    >>> asked_kind("When did Xi visit?"), asked_kind("Which was longer?")
    (None, None)
    >>> asked_kind("Which chocolate bar now has paper wrappers?"), asked_kind("What injury kept "
    ... "Boje out?"), asked_kind("Which minister sat down with Wang Yi?")
    ('bar', 'injury', 'minister')
    >>> asked_kind("what kind of air force jet took down the balloon?")
    'jet'
    >>> asked_kind("Which power station's owner is in the dispute?")
    'station'
    >>> asked_kind("A balloon, which Pentagon officials said was a spy, was shot down off the "
    ...            "coast of which state?")
    'state'
    >>> asked_kind("Which newly appointed security adviser said so?"), asked_kind("Which recently "
    ... "retired player won?"), asked_kind("Which family owned the dairy?")
    ('adviser', 'player', 'family')

    """
    # "what kind of air force jet": a jet of some kind ("An F-22 Raptor jet")
    # ("A balloon, which Pentagon officials said ..., was shot down off which state?": a
    # "which" after a comma opens a relative clause when another asks later)
    clause = one_place(asking_clause(question))
    found = list(re.finditer(r"\b(?:which|what)\s+(?:(?:kind|type|sort)s?\s+of\s+)?([^?,.;:]*)",
                             clause, re.I))
    m = next((f for f in found if not (re.search(r",\s*$", clause[: f.start()])
                                        and f is not found[-1])), None)
    if not m:
        return None
    head = None
    words = re.findall(r"[\w’'-]+", m.group(1))
    # "which newly appointed adviser", "which recently retired player": an adverb and the
    # participle after it describe the noun that follows
    # ("which family owned the dairy": not every word in -ly is an adverb)
    while len(words) > 2 and words[0].lower() in ADVERBS and words[1].lower().endswith("ed"):
        words = words[2:]
    for word in words[:5]:
        low = word.lower()
        if low in _PHRASE_ENDS or low in STOPWORDS or low in IRREGULAR or low in ADVERBS \
                or low.endswith("ed"):
            break
        if re.search(r"['’]s?$", low) and word.islower():
            # "which power station's owner", "which US state's governor": the owner is asked
            # for, and the answer names it (Yallourn, Florida)
            return re.sub(r"['’]s?$", "", low)
        head = low if word.islower() and low.isalpha() else head
    return head


# "What was the name of the Gold Coast teenager that ...", "what are the names of the midwives",
# "what is the title of the episode"
_NAME_OF = re.compile(r"\b(?:names?|(?<=\bthe\s)titles?)\s+of\s+"
                      r"(?:the\s+|his\s+|her\s+|its\s+|their\s+|an?\s+)?([^?,.;:]*)", re.I)


def _verb_after_name(rest: list[str]) -> bool:
    """Is the first word a verb, as after a name that opens a clause: one of intent
    ("intends"), or a present-tense form before a preposition or the end ("plays in")?"""
    first = rest[0].lower()
    return first in HEDGES or (re.fullmatch(r"[a-z]+[^su]s", first) is not None and (
        len(rest) == 1 or rest[1].lower() in ("in", "on", "at", "for", "to", "with", "the")))


def one_place(text: str) -> str:
    """The text with each "City, State" (or "City, Country") written as one name, without the
    commas news sets around it, so it reads as part of its noun phrase: "the Gilbert, Arizona,
    apartment complex" is an apartment complex.

    >>> one_place("the name of the gilbert, arizona apartment complex whose managers")
    'the name of the gilbert arizona apartment complex whose managers'
    >>> one_place("the Gilbert, Arizona, apartment complex"), one_place("Lee, Xi and Kim met")
    ('the Gilbert Arizona apartment complex', 'Lee, Xi and Kim met')
    """
    def join(m: re.Match[str]) -> str:
        for size in (2, 1):
            words = m.group(2).split()[:size]
            if len(words) == size and places.kind(" ".join(words)) in ("state", "country"):
                rest = m.group(2).split(maxsplit=size)[size:]
                return " ".join([m.group(1), *words, *rest])
        return m.group(0)

    return re.sub(r"\b([A-Za-z][\w.-]*),\s+([A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*)?)(?:,(?=\s))?",
                  join, text)


def named_kind(question: str) -> str | None:
    """The kind of thing "what was the name of ..." asks to name ("teenager", "yacht").

    >>> named_kind("What was the name of the Gold Coast teenager that Gabriel stabbed?")
    'teenager'
    >>> named_kind("What was the name of Sir Peter Blake's yacht when pirates attacked it?")
    'yacht'
    >>> named_kind("What is the name of the initiative South Korea's trade ministry announced?")
    'initiative'
    >>> named_kind("name of the second australian reportedly fighting with the taliban")
    'australian'
    >>> named_kind("What is the name of the AI chip Huawei intends to roll out?")
    'chip'
    >>> named_kind("What are the names of the two Swiss guides who told the court?")
    'guides'
    >>> named_kind("What is the name of the character Mads Mikkelsen plays in the film?")
    'character'
    >>> named_kind("What is the name of Rishi Sunak's new Brexit deal with the EU?")
    'deal'
    """
    m = _NAME_OF.search(one_place(question))
    if not m:
        return None
    head = None
    words = re.findall(r"[\w’'-]+", m.group(1))[:6]
    for i, word in enumerate(words):
        low = word.lower()
        if low in _PHRASE_ENDS or low in IRREGULAR or low in ADVERBS or low.endswith("ed") \
                or low in ("when", "where"):
            break  # "the second Australian reportedly fighting": an adverb ends the noun
        # ("the chip Huawei intends to ...", "the character Mads Mikkelsen plays in ...": a name
        # followed by a verb opens a clause; "his new Brexit deal" goes on)
        opens = word[:1].isupper() and i + 1 < len(words) and _verb_after_name(words[i + 1:])
        if head and (low in ("the", "a", "an") or low.endswith("ing") or opens
                     or re.search(r"['’]s$", low)):
            break  # "the satellite the crew deployed", "the variant triggering a surge", "the
            # initiative South Korea's trade ministry announced", "the chip Huawei intends")
        head = low if word.islower() and low.isalpha() else head
    return head


# ("the 1970s and '80s": a decade written short is one too)
_DECADE = re.compile(r"\b(1\d\d0|20\d0)['’]?s\b|(?<![\w'’‘])['’‘](\d0)s\b")
_SEASON = re.compile(r"\b((?:19|20)\d\d)[-–/](\d\d)\b")


def described_dates(question: str) -> list[tuple[str, str | None]]:
    """(year, month or None) of each date in a clause that describes a name ("Lightfoot, who
    died in May 2023, ..."): the date of another event than the one asked about.

    >>> described_dates("When did Lightfoot, who died in May 2023, first chart?")
    [('2023', 'may')]
    >>> described_dates("Who won in 2023?")
    []
    >>> described_dates("In what year did Childers, the host who left Fox News in 2020, join it?")
    [('2020', None)]
    """
    found = []
    for m in DESCRIBED_YEAR.finditer(question):
        month = re.search(rf"\b({dates.MONTH})\s+(?:\d{{1,2}},?\s+)?{m.group(1)}", m.group(0), re.I)
        found.append((m.group(1), month.group(1).lower()[:3] if month else None))
    return found


_CONTRACTED = re.compile(r"\b(what|who|where|when|how|which)['’]s\b", re.I)


def analyze(question: str) -> Query:
    """Parse a question into what the evidence must cover.

    >>> q = analyze("When did Xi last visit Seoul?")
    >>> q.type, q.terms, q.direction
    ('when', ('xi', 'visit', 'seoul'), 'latest')
    >>> analyze("Which team? Options: Buffalo Bills; Cincinnati Bengals.").terms
    ('team',)
    >>> analyze("What's the deadline for the tariff deal?").type
    'when'
    >>> analyze("When did Lightfoot, who died in May 2023, first chart?").years
    ()
    >>> analyze("Which official, rather than Lee himself, said so?").entities
    ()
    """
    # "What's the deadline ...?": the question word and its verb, written out
    question = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question)
    full = question
    verdict = statement(question) is not None
    question, options = split_options(question)  # a true-or-false question: its statement
    asked = SET_ASIDE.sub(" ", question)
    words = tokens(asked)
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
    exact = r"\b(exact dates?|what dates?|which dates?|which days?|what days?|exact days?)\b"
    if re.search(exact, question, re.I):
        precision = "day"
    elif re.search(r"\b(which|what|exact) month\b", question, re.I):
        precision = "month"
    elif re.search(r"\b(which|what|exact) (?:local )?time\b(?! (of (?!day)|in|since|frame))",
                   question, re.I):
        precision = "time"  # "at what time did the quake hit?": a time of day
    before = BEFORE.search(question)
    after = AFTER.search(question)
    bound_before = int(before.group(1)) if before else None
    bound_after = int(after.group(1)) if after else None
    given = [part.lower().replace("’", "'").removesuffix("'s")
             for prev, w in zip(words, words[1:], strict=False)
             if "-" in w and w[0].isupper() and prev[0].isupper() for part in w.split("-")]
    source = {int(y) for y in SOURCE_YEAR.findall(question)}
    # "In the 1790s": a decade, not the year 1790 (a sentence says "in 1794"); "the 2023-24
    # season" is a season, not the figure 24 (a report says "the new season").
    decades = {int(d or short) for d, short in _DECADE.findall(question)}
    seasons = {part for m in _SEASON.finditer(question) for part in m.groups()}
    bounds = {str(bound_before), str(bound_after), *map(str, source), *map(str, decades),
              *seasons}
    described = {int(y) for y, _ in described_dates(question)}
    years = tuple(y for y in dict.fromkeys(dates.years(question))
                  if y not in {bound_before, bound_after, *source, *decades, *described})
    # ("as of Sept. 21, 2022": the 21 is a day of a date, not a figure the question states)
    days = {d for m in _DAY_OF_MONTH.finditer(question) for d in m.groups() if d}
    stated = [n for n in numbers_in(question) if n not in bounds and n not in days
              and n not in map(str, (*years, *described))]
    qtype = "yesno" if verdict else question_type(asking_clause(question))
    reference = reference_terms(question) if qtype == "when" else ()
    terms = tuple(t for t in content_terms(asked)
                  if t.rstrip("s'") not in bounds and t not in reference)
    return Query(
        text=full,
        type=qtype,
        terms=terms,
        capitalized=caps,
        years=years,
        direction=direction,
        before=bound_before,
        after=bound_after,
        precision=precision,
        given_names=tuple(dict.fromkeys(given)),
        sides=comparison_sides(question),
        side_names=comparison_names(question),
        options=options,
        entities=tuple(n for n in entity_names(asked)
                       if not set(content_terms(n)) <= set(reference)
                       and not hometown(question, n)),
        numbers=tuple(dict.fromkeys(stated)),
        focus=focus_noun(question),
        verdict=verdict,
        reference=reference,
        cited=tuple(t for t in terms if cited_only(question, t)),
        kind=named_kind(question) or (asked_kind(question) if qtype == "which" else None),
    )


_DAY_OF_MONTH = re.compile(rf"\b(?:{dates.MONTH})\s+(\d{{1,2}})\b(?![,.]?\d)|\b(\d{{1,2}})\s+"
                           rf"(?:{dates.MONTH})\b", re.I)


def without_reference(question: str) -> str:
    """A "when" question without the event it dates its answer against: what to search for.

    >>> without_reference("Before the Gyeongju APEC trip, when had Xi last visited Seoul?")
    'when had Xi last visited Seoul?'
    >>> without_reference("Who met Xi before the summit?")
    'Who met Xi before the summit?'
    """
    m = _reference(question)
    if not m or question_type(asking_clause(question)) != "when":
        return question
    rest = re.sub(r"\s+([,?;])", r"\1", f"{question[: m.start()]} {question[m.end():]}")
    return rest.strip(" ,;")


def reference_terms(question: str) -> tuple[str, ...]:
    """The words of the event a question dates its answer against, which the rest of the
    question does not use; () when it names none (or only a year: "before 2025").

    >>> reference_terms("Before the Gyeongju APEC trip, when had Xi last visited South Korea?")
    ('gyeongju', 'apec', 'trip')
    >>> reference_terms("When did Xi visit Seoul before his 2025 APEC trip?")
    ('apec', 'trip')
    >>> reference_terms("When did Xi visit Seoul before 2025?"), reference_terms("When was it?")
    ((), ())
    >>> reference_terms("on what date did russia's invasion of ukraine begin before dawn?")
    ()
    """
    m = _reference(question)
    if not m:
        return ()
    rest = set(content_terms(question[: m.start()] + " " + question[m.end():]))
    return tuple(t for t in content_terms(m.group("event"))
                 if t not in rest and not dates.years(t))


def comparison_sides(question: str) -> tuple[tuple[str, ...], ...]:
    """The two things a "which was bigger: A or B?" question compares, as the content terms
    only one side has ("Lee and Xi's first phone call or their Beijing summit").

    >>> comparison_sides("Which was longer: Lee and Xi's first phone call or their Beijing summit?")
    (('lee', 'xi', 'phone', 'call'), ('beijing', 'summit'))
    >>> comparison_sides("which year had fewer chinese tourists visiting korea - 2017 or 2024?")
    (('2017',), ('2024',))
    >>> comparison_sides("chinese tourists to korea: lower in 2017 or 2024?")
    (('2017',), ('2024',))
    """
    m = _comparison_match(question)
    if not m:
        return ()
    a, b = content_terms(m.group("a")), content_terms(m.group("b"))
    only_a = tuple(t for t in a if t not in b)
    only_b = tuple(t for t in b if t not in a)
    return (only_a, only_b) if only_a and only_b else ()


def comparison_names(question: str) -> tuple[str, ...]:
    """The two things compared, as written: ("Han Duck-soo's China visit", "the 3050 ...")."""
    m = _comparison_match(question)
    return (m.group("a").strip(), m.group("b").strip()) if m and comparison_sides(question) else ()


def _comparison_match(question: str) -> re.Match[str] | None:
    """The match of a comparison question, "which ...: A or B?" or "did A ... -er than B?".

    >>> comparison_sides("Did exports to China fall faster than imports from China?")
    (('exports',), ('imports',))
    >>> comparison_sides("Were there more Chinese visitors in 2017, after the row, or in 2024?")
    (('2017', 'row'), ('2024',))
    >>> comparison_sides("Of Lee's first calls with foreign leaders, which lasted longer: the one "
    ...                  "with Donald Trump or the one with Shigeru Ishiba?")
    (('donald', 'trump'), ('shigeru', 'ishiba'))
    >>> comparison_sides("Does China have a larger share of Korea's rare earths or of its chip "
    ...                  "exports?")
    (('korea', 'rare', 'earths'), ('chip', 'exports'))
    >>> comparison_sides("Does China supply a bigger share of Korea's rare earths, or take a "
    ...                  "bigger share of its chip exports?")
    (('korea', 'rare', 'earths'), ('chip', 'exports'))
    >>> comparison_sides("Is China a bigger source of Korea's rare earths or a bigger market for "
    ...                  "its chip exports, in terms of share?")
    (('source', 'korea', 'rare', 'earths'), ('market', 'chip', 'exports'))
    >>> comparison_sides("Did Lee talk longer with Trump or with Ishiba?")
    (('trump',), ('ishiba',))
    >>> comparison_sides("lee's call with trump vs his call with ishiba - which one ran longer?")
    (('lee', 'trump'), ('ishiba',))
    >>> comparison_sides("Which is more dependent on China: its rare earths or its chip exports? "
    ...                  "Give the shares.")
    (('rare', 'earths'), ('chip', 'exports'))
    """
    # (an instruction after the question, "Give the shares.", is not the second side's)
    q = re.sub(r"(?<=\?)\s+[^?]*$", "", question.strip())
    return COMPARE.match(q) or COMPARE_TOPIC.match(q) or COMPARE_OR.match(q) \
        or COMPARE_MID.match(q) or COMPARE_TWICE.match(q) or COMPARE_VS.match(q) \
        or COMPARE_YESNO.match(q)


def comparison_wording(question: str) -> str:
    """The words that say how the sides compare: before the sides in "In 2023, which was
    bigger: A or B?", the whole question in "Were A bigger than B?"; '' for no comparison.

    >>> comparison_wording("In 2023, which was bigger: exports or imports?")
    'In 2023, which was bigger: '
    """
    q = question.strip()
    m = COMPARE.match(q) or COMPARE_TOPIC.match(q)
    if m:
        return q[: m.start("a")]
    m = COMPARE_OR.match(q) or COMPARE_MID.match(q) or COMPARE_TWICE.match(q) \
        or COMPARE_VS.match(q)
    if m:
        return m.group("cmp")
    return q if COMPARE_YESNO.match(q) else ""


def compares_yes_no(question: str) -> bool:
    """"Were exports bigger than imports?" is answered yes or no, not with a side's name; "was
    the call longer or shorter than the summit?" by the side that is longer.

    >>> compares_yes_no("Were exports bigger than imports?")
    True
    >>> compares_yes_no("Was the call longer or shorter than the summit?")
    False
    """
    q = question.strip()
    if re.search(r"\b(?:\w+er|more|less)\s+or\s+(?:\w+er|more|less)\s+than\b", q, re.I):
        return False
    return not COMPARE.match(q) and not COMPARE_TOPIC.match(q) and not COMPARE_OR.match(q) \
        and not COMPARE_MID.match(q) and not COMPARE_TWICE.match(q) and not COMPARE_VS.match(q) \
        and bool(COMPARE_YESNO.match(q))


def comparison_order(question: str) -> str | None:
    """"first"/"earlier" asks which came before ("earliest"); "later"/"last" which came after.
    A scene set before the question word is not the comparison ("Of Lee's first calls, which
    lasted longer: ...").

    >>> comparison_order("Which came first: the call or the summit?")
    'earliest'
    >>> comparison_order("Of Lee's first calls, which lasted longer: the one with Trump or Abe?")
    """
    if not COMPARE.match(question.strip()):
        return None
    head = re.sub(r"^[^?]*?,\s*(?=(?:(?:in|on|at|for|during)\s+)?(?:which|what|who)\b)", "",
                  comparison_wording(question), flags=re.I)
    if EARLIER.search(head):
        return "earliest"
    if LATER.search(head):
        return "latest"
    return None


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
