"""Short answers: the date, figure, name or place a sentence gives for a typed question.

Rules over one sentence, not a model: no extractive-QA model ships offline. Each picks, among the
spans of the wanted kind (dates, numbers, names, places), the one closest to the question's own
terms. The answerer (rag/answerers/extractive.py) decides which sentence; this module only reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from . import dates
from .places import kind as place_kind
from .query import ASKS_LENGTH, SET_ASIDE, Query, asking_clause, search_box
from .text import (
    ACTS,
    COMMENT_WORDS,
    COUNTED_PEOPLE,
    COUNTING_COMPOUNDS,
    EVENT_NOUNS,
    EXCLUSIVE,
    HONORIFICS,
    IRREGULAR,
    KIND_FORMS,
    KINDS,
    LABEL_NOUNS,
    LENGTHS,
    LOOSE_TITLES,
    MEASURE_FORMS,
    MONEY_WORDS,
    NAME,
    NUMBER,
    OF_KINDS,
    OPPOSITES,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACE_CUE,
    PLACE_NOUNS,
    RELATIVES,
    STOPWORDS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    TITLED_KINDS,
    TOWARDS,
    TYPED_KINDS,
    UNITS,
    WRITER_NOUNS,
    city_countries,
    content_terms,
    countries_of,
    demonyms,
    hedged,
    is_country,
    is_place,
    nations,
    numbers_in,
    plain,
    same_country,
    stem,
    stems,
    term_present,
)
from .types import Evidence

_TITLE_BEFORE = re.compile(r"\b(" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
                           + r")\b\.?\s*$", re.I)


def month_label(iso: str) -> str:
    """'2014-07' -> 'July 2014'; '2025-06-10' -> 'June 10, 2025'; '2014' -> '2014'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {int(parts[2])}, {parts[0]}"


_SINCE_BEFORE = re.compile(r"\bsince\b[^,.;:]{0,40}$")  # "since" opens the clause the date is in
# "By what deadline ...?": news states a deadline with "by", "until" or "deadline" before the
# date ("have until December 31, 2023, to apply"); a day something was announced is none.
ASKS_DEADLINE = re.compile(r"\bdeadline\b|\bby (?:what|which) (?:date|day)\b|\bby when\b", re.I)
_DEADLINE_BEFORE = re.compile(r"(?:\b(?:by|until|till|through|before|no later than)\s+(?:the\s+"
                              r"(?:end|close)\s+of\s+|early\s+|mid-?|late\s+)?(?:\w+\s+)?|"
                              r"\bdeadline\b[^,.;]{0,30})$", re.I)
# "Xi's first visit since July 2014", "the first by a Chinese president since 2014": the date is
# when the same thing last happened before.
_FIRST_SINCE = re.compile(r"\bfirst\b[^,.;:]{0,60}\bsince\b[^,.;:]{0,40}$")


def previous_time(text: str, pos: int) -> bool:
    """Is the date at `pos` the one a "first ... since" clause gives: the previous time?

    >>> t = "Xi's visit was the first by a Chinese president since 2014."
    >>> previous_time(t, t.index("2014")), previous_time("He has led since 2014.", 21)
    (True, False)
    """
    return bool(_FIRST_SINCE.search(text[:pos].lower()))


def about_reference(query: Query, e: Evidence) -> bool:
    """Does the sentence name the event the question dates its answer against ("before the
    Gyeongju APEC trip": Gyeongju and APEC)? Its names decide; without names, all its words."""
    caps = {c.replace("’", "'").removesuffix("'s") for c in query.capitalized}
    names = [t for t in query.reference if t in caps] or list(query.reference)
    low = e.text.lower()
    return bool(names) and all(term_present(t, low, stems(e.text)) for t in names)


def reference_year(query: Query, ranked: Sequence[Evidence]) -> int | None:
    """The year the question's reference event took place, as the most probable passage that
    names it dates it (not by its "first since" date): the latest year the answer may have. The
    question's own year ("before his 2025 APEC trip") first."""
    if query.before or not query.reference:
        return query.before
    for e in ranked:
        if about_reference(query, e):
            found = [iso for iso, pos in dates.mentions(e.text, e.chunk.date)
                     if not previous_time(e.text, pos)]
            if found:
                return min(int(iso[:4]) for iso in found)
    return None


def since_only(query: Query, e: Evidence) -> bool:
    """Does every date the sentence gives follow "since" ("her first visit since July 2014")?
    Such a sentence dates the previous time, not the event it reports."""
    if re.search(r"\bsince\b", query.text, re.I):
        return False
    low = e.text.lower()
    # Undated copy: its "since his inauguration on June 4" makes no date, but it says when too.
    found = list(dates.mentions(e.text, e.chunk.date)) or dates.days_of_month(e.text)
    return bool(found) and all(_SINCE_BEFORE.search(low[:pos]) for _, pos in found)


# A month by its full name, not as a sentence's first word (where "May" may be the verb).
_MONTH_NAME = re.compile(r"(?<!^)\b(?:January|February|March|April|May|June|July|August|"
                         r"September|October|November|December)\b")


# "Which day of the week ...?": a weekday, even where the sentence gives a year
ASKS_DAY_OF_WEEK = re.compile(r"\bday of the week\b|\bweekday\b", re.I)


def asks_weekday(query: Query) -> bool:
    """"On which day ...?", "what day": a weekday answers when no date is given ("what date"
    wants the date)."""
    return bool(re.search(r"\b(?:which|what) days?\b(?! of the month)", query.text, re.I))


def month_named(text: str) -> str | None:
    """The month a sentence names even without a year: "visa-free travel ... last November" in an
    undated article answers "in which month" though it makes no date.

    >>> month_named("the introduction of visa-free travel for Korean visitors last November")
    'November'
    >>> month_named("May the talks go well."), month_named("They met on Tuesday.")
    (None, None)
    """
    m = _MONTH_NAME.search(text)
    return m.group(0) if m else None


# A question about what is planned: "when is it due to meet", "when is it expected to finish"
_PLANNED = (r"\b(?:due|expected|scheduled|set|planned|going)\s+to\s+"
            r"(?!the\b|an?\b|his\b|her\b|its\b|their\b)\w+")
# ... or still to come: "when will they vote"
_AHEAD = re.compile(rf"\bwill\b|{_PLANNED}", re.I)


def asks_planned(question: str) -> bool:
    """Does the question ask what is expected or planned? Then a sentence that speaks of it as
    expected or planned is what answers, not a weaker one. ("Who will she play for?" asks what
    is settled: a hope or a guess does not answer it.)

    >>> asks_planned("when is the royal commission expected to finish"), asks_planned(
    ...     "when did the commission finish"), asks_planned("who is due to the throne")
    (True, False, False)
    >>> asks_planned("Who will she play for next season?")
    False
    """
    return bool(re.search(_PLANNED, question, re.I))


# A date as written, from where it starts: "September 11", "11 September 2001", "July 2014", "2014"
_DATE_AT = re.compile(rf"(?:{dates.MONTH} \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} {dates.MONTH}"
                      rf"(?:,? \d{{4}})?|{dates.MONTH},? \d{{4}}|\d{{4}})\b")


def names_other_event(query: Query, text: str, pos: int) -> bool:
    """Is the date at `pos` the name of an event the question does not ask about? "The September
    11 attacks" and "the 2014 summit" name the attacks and the summit: the date is when those
    happened, not when bin Laden was captured.

    >>> from rag.query import analyze
    >>> s = "He showed surprise at the damage caused by the September 11 attacks."
    >>> q = analyze("what date was bin laden captured?")
    >>> names_other_event(q, s, s.index("Sep")), names_other_event(
    ...     analyze("when were the attacks?"), s, s.index("Sep"))
    (True, False)
    >>> names_other_event(q, "He was captured on September 11 last year.", 27)
    False
    """
    if not re.search(r"\bthe\s+$", text[:pos], re.I):
        return False
    date = _DATE_AT.match(text, pos)
    noun = re.match(r"\s+([a-z][a-z-]+)\b", text[date.end():]) if date else None
    if not noun or noun.group(1) in STOPWORDS:
        return False
    return stem(noun.group(1)) not in stems(" ".join(query.terms))


# A photo caption: "The receipt ... is photographed Friday, Aug. 12, 2022."; "A photo taken at
# 11:40 a.m. ... shows a small crater"
_CAPTION_BEFORE = re.compile(r"\b(?:photographed|pictured|(?:poses?|posing|posed)\s+for\s+(?:a\s+)?"
                             r"(?:photo|picture|portrait)s?|(?:photo|picture|image)s?\s+"
                             r"(?:was\s+|were\s+)?taken)\b[^.;:]{0,30}$", re.I)


def photo_date(question: str, text: str, pos: int) -> bool:
    """Is the date at `pos` when a photo was taken ("... is photographed Friday, Aug. 12,
    2022.")? A caption dates the picture, not the event it shows, unless a photo is asked about.

    >>> s = "The receipt for property seized by the FBI is photographed Friday, Aug. 12, 2022."
    >>> photo_date("When did the FBI search Mar-a-Lago?", s, s.index("Aug"))
    True
    >>> photo_date("When was the photo of the receipt taken?", s, s.index("Aug"))
    False
    >>> s = "A photo taken at 11:40 a.m. and sent back by Chang'e 4 shows a small crater."
    >>> photo_date("At what local time did Chang'e 4 land?", s, s.index("11:40"))
    True
    """
    return bool(_CAPTION_BEFORE.search(text[:pos])) and not re.search(
        r"\b(?:photo\w*|picture\w*|pictured|image|portrait)\b", question, re.I)


# "when will they vote", "when is Lee scheduled to visit": the event is still to come
_STILL_AHEAD = re.compile(r"\bwill\b|\b(?:is|are)\s+(?:\w+\s+)?(?:due|expected|scheduled|set|"
                          r"planned|going)\s+to\b", re.I)


def past_for_ahead(question: str, text: str, published: str | None) -> bool:
    """Does a question about what is still to come get only dates before the sentence's article
    was `published`? Those were past when it was written: no date of what is scheduled.

    >>> q = "On what date is Lee scheduled to visit Japan?"
    >>> past_for_ahead(q, "Lee visits the ambassador on June 8, 2023.", "2025-06-09")
    True
    >>> past_for_ahead(q, "Lee will visit Japan on June 20.", "2025-06-09")
    False
    >>> past_for_ahead("When did Lee visit?", "On June 8, 2023.", "2025-06-09")
    False
    """
    if not published or not _STILL_AHEAD.search(question):
        return False
    found = dates.mentions(text, published)
    return bool(found) and all(iso < published[: len(iso)] for iso, _ in found)


# "in 1818", "of 1794": a year before 1900 (not "since 1850", which is a reference point)
_HISTORIC_YEAR = re.compile(r"\b(?:in|of|by|until|from|around|circa)\s+(1[0-8]\d\d)\b(?![,.]\d)")


def _short_when(query: Query, best: Evidence) -> str | None:
    """The date the sentence gives for the asked event: the mention nearest the question terms."""
    low = best.text.lower()
    if query.precision == "time":  # "at what time": the time of day nearest the question terms
        times = [(t, pos) for t, pos in dates.clock_times(best.text)
                 if not photo_date(query.text, best.text, pos)]
        return min(times, key=lambda t: -_near_terms(low, t[1], query.terms))[0] if times \
            else None
    anchor = best.chunk.date
    # A history piece: "Congress passed the Flag Act in 1818 ... on July 4" is not July 4 of
    # the year the article was written (years before 1900 are not dates here, only years).
    old = [m for m in _HISTORIC_YEAR.finditer(best.text) if not names_other_event(query, best.text,
                                                                                m.start(1))]
    if old:
        anchor = None
    # "calling off the June 12 summit": the question's own day names the event, not its answer
    # (unless the question offers dates to choose from)
    own = set() if query.sides or query.options else dates.month_days(query.text)
    found = [(iso, pos) for iso, pos in dates.mentions(best.text, anchor)
             if not names_other_event(query, best.text, pos)
             and not photo_date(query.text, best.text, pos)
             and not (len(iso) == 10 and (int(iso[5:7]), int(iso[8:10])) in own)]
    if found and ASKS_DEADLINE.search(query.text):
        found = [(iso, pos) for iso, pos in found if _DEADLINE_BEFORE.search(best.text[:pos])]
        if not found:
            return None  # the sentence dates something else: an announcement, a meeting
    if old and not found:
        return min(old, key=lambda m: -_near_terms(low, m.start(1), query.terms)).group(1)
    if not found:
        if best.author and best.posted and COMMENT_WORDS.search(query.text):
            return month_label(best.posted)  # "when was the first reader comment posted?"
        if query.precision == "month":
            return month_named(best.text)
        # An undated article's "on March 7" has no year to make it a date, but it says when;
        # so does "at about 12:30am" when the sentence gives no day.
        times = [(t, pos) for t, pos in dates.clock_times(best.text)
                 if not photo_date(query.text, best.text, pos)]
        # "since his inauguration on June 4" is the reference point, not the event's day.
        asks_since = bool(re.search(r"\bsince\b", query.text, re.I))
        day = next((d for d, pos in dates.days_of_month(best.text)
                    if (asks_since or not _SINCE_BEFORE.search(low[:pos]))
                    and not names_other_event(query, best.text, pos)
                    and not photo_date(query.text, best.text, pos)
                    and not dates.month_days(d) & own), None)
        if query.precision == "day" and not day and asks_weekday(query):
            return dates.weekday_named(best.text)
        if query.precision:
            return day
        # "When is the committee due to meet?": "in about four weeks" is when, from the report.
        ahead = dates.from_now(best.text) if _AHEAD.search(query.text) else None
        # "When was the last time ...?", "before 2023, when ...?": a time of day alone says
        # not which occasion it was.
        if query.direction or query.before or query.after:
            times = []
        return day or (times[0][0] if times else None) or dates.unresolved(best.text) or ahead
    if ASKS_DAY_OF_WEEK.search(query.text) and all(len(iso) < 10 for iso, _ in found) \
            and (weekday := dates.weekday_named(best.text)):
        return weekday  # "which day of the week": "On Sunday", not "since 2019"
    asks_since = bool(re.search(r"\bsince\b", query.text, re.I))
    asks_previous = query.direction == "latest" or bool(query.reference)

    # "On what date ...?": a day, not the year the question itself names ("Eurovision 2022")
    finest = {"day": 10, "month": 7}.get(query.precision or "", 0)

    def rank(item: tuple[str, int]) -> tuple[int, int, int, int, int]:
        iso, pos = item
        year_ok = 0 if not query.years or int(iso[:4]) in query.years else 1
        if query.before and int(iso[:4]) > query.before:
            year_ok = 2  # "before 2025": a later date is another event
        # "the first call since Lee took office last week": a date after "since" is the
        # reference point, not when the reported event happened. But "his first visit since
        # July 2014" says when he last visited.
        since = int(not asks_since and bool(_SINCE_BEFORE.search(low[:pos])))
        if since and asks_previous and previous_time(best.text, pos):
            since = 0
        # distance to the nearest occurrence of each question term, summed over terms
        by_term = [
            min(abs(pos - m.start()) for m in re.finditer(re.escape(t), low))
            for t in query.terms if t in low
        ]
        return (year_ok, since, int(len(iso) < finest), sum(by_term) // 40, -len(iso))

    iso = min(found, key=rank)[0]
    if len(iso) == 4 and re.search(rf"\b{iso}['’]?s\b", best.text) and iso.endswith("0"):
        return f"{iso}s"  # "dates back to the 1930s": a decade
    span = re.search(rf"\b{iso}\s?[-–]\s?((?:19|20)\d\d)\b", best.text) if len(iso) == 4 else None
    if span and span.group(1) > iso:
        return f"{iso}-{span.group(1)}"  # "during the 1979-1989 war": the years it lasted
    if len(iso) == 10 and asks_weekday(query) and not ASKS_DAY_OF_WEEK.search(query.text):
        # "Which day was Pi Day?" asks for a weekday or a date: a full date gives both, the
        # weekday from the calendar ("Tuesday, March 14, 2023").
        return f"{dt.date.fromisoformat(iso):%A}, {month_label(iso)}"
    return month_label(iso)


def date_near(e: Evidence, terms: Sequence[str]) -> str | None:
    """The ISO date the sentence gives nearest to `terms` ("the September 2023 visit to China",
    not "since 2014"), or None when it names no date."""
    found = list(dates.mentions(e.text, e.chunk.date))
    if not found:
        return None
    low = e.text.lower()

    def distance(item: tuple[str, int]) -> tuple[int, int]:
        _, pos = item
        near = [min(abs(pos - m.start()) for m in re.finditer(re.escape(t), low))
                for t in terms if t in low]
        return (sum(near) if near else 10**6, -len(item[0]))

    return min(found, key=distance)[0]


def _near_terms(text: str, pos: int, terms: Sequence[str]) -> int:
    window = text[max(0, pos - 60) : pos + 60].lower()
    return sum(1 for t in terms if t in window)


# "June 4", the end of a range of days ("June 16–17") or of years ("2017-22")
_MONTH_NEAR = re.compile(rf"(?:{dates.MONTH})\s*(?:\d{{1,2}}\s*[–-]\s*)?$|\b(?:19|20)\d\d[–-]$",
                         re.I)


_MONTH_WORD = "|".join(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13))
# "in October", "during late November": one month the question is about (not "January-May").
_IN_MONTH = re.compile(rf"\b(?:in|during|for|of)\s+(?:early\s+|late\s+|mid-?)?({_MONTH_WORD})\b"
                       r"(?!\s*(?:[-–]|to\b|and\b))", re.I)
MONTH_NAMED = re.compile(rf"\b(?:{_MONTH_WORD})\b", re.I)


def asked_month(question: str) -> str | None:
    """The one month a question is about, as written.

    >>> asked_month("How many arrived in October?"), asked_month("How many in January-May?")
    ('October', None)
    """
    m = _IN_MONTH.search(question)
    return m.group(1) if m else None


def in_a_date(text: str, m: re.Match[str]) -> bool:
    r""""4" in "June 4" or "4 June": a day of the month, not a quantity; "12" in "at 12:30am":
    a time of day.

    >>> [in_a_date(t, re.search(r"\d+", t)) for t in ("on June 4", "at 12:30am", "12 hurt")]
    [True, True, False]
    >>> in_a_date("on June 16–17", re.search(r"17", "on June 16–17")), in_a_date("(2017-22)",
    ...     re.search(r"22", "(2017-22)"))
    (True, True)
    >>> in_a_date("since the 10th of November", re.search(r"10", "since the 10th of November"))
    True
    """
    if any(p <= m.start() < p + len(t) for t, p in dates.clock_times(text)):
        return True
    return bool(_MONTH_NEAR.search(text[max(0, m.start() - 12) : m.start()])
                or re.match(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{dates.MONTH})\b",
                            text[m.end() : m.end() + 16], re.I))


MONEY = re.compile(r"[$£€¥]|\b(?:dollars?|won|yuan|yen|euros?|rupees?|pesos?|sterling|"
                   r"pounds? sterling)\b", re.I)
PERCENT = re.compile(r"%|\bper ?cent\b", re.I)
# A share as news gives it: "20%", "12 per cent", "nearly one third", "two-thirds", "half".
SHARE = re.compile(PERCENT.pattern + r"|\b(?:half|thirds?|quarters?|fifths?)\b", re.I)


def counts(question: str) -> bool:
    """Does the question ask for a count ("how many tourists", "the number of recruits")?

    >>> counts("How many Chinese tourists came in 2016?"), counts("How much did exports fall?")
    (True, False)
    >>> counts("What was the exact number of recruits?"), counts("A number of people said what?")
    (True, False)
    >>> counts("By how much has the number of obese children increased?")  # a change: "2%"
    False
    """
    if re.search(r"\bhow many\b", question, re.I):
        return True
    return bool(_NUMBER_OF.search(question)) and not re.search(
        r"\bhow much\b|\bby what\b|\bpercent(?:age)?\b|\bshare\b|\bproportion\b", question, re.I)


# "the (total) number of X": the question counts X
_NUMBER_OF = re.compile(r"\b(?:the|what|exact|total)\s+number\s+of\b", re.I)


def _after(text: str, m: re.Match[str]) -> set[str]:
    """Stems of the two words after a match: what a figure counts ("18 tourists, 14 of them
    Australians": the words after "of them"). A figure joined by a hyphen counts the word it is
    joined to: a "six-storey hotel" has six storeys, not six of any hotel; but a "3,000-strong
    crowd" or a "five-man crew" counts the crowd or the crew.

    >>> text = "The fire began in the six-storey hotel."
    >>> sorted(_after(text, re.search("six", text))), sorted(_after("a five-man crew", re.search(
    ...     "five", "a five-man crew")))
    (['storey'], ['crew', 'man'])
    """
    rest = re.sub(r"^\s*of (?:them|whom|those)\b", "", text[m.end():])
    joined = re.match(r"-([\w’']+)", rest)
    if joined and joined.group(1).lower() not in COUNTING_COMPOUNDS:
        return stems(joined.group(1))
    return stems(" ".join(rest.replace("-", " ", 1 if joined else 0).split()[:2]))



def _counted(question: str) -> set[str]:
    """Stems of what "how many" counts: "how many face-to-face meetings" -> face-to-face, meet;
    "how many of the people killed were Australians" -> australian.

    >>> sorted(_counted("how many of the people killed were australians"))
    ['australian']
    """
    m = re.search(r"\bhow many of (?:the|those|them)\b[^?]*?\b(?:were|are|was|is)\s+"
                  r"((?:[\w’'-]+\s*){1,2})", question, re.I)
    return stems(" ".join(content_terms(m.group(1)))) if m else _counted_head(question)


def _counted_head(question: str) -> set[str]:
    """Stems of the noun "how many" counts and the word before it: the phrase ends at its verb
    or a preposition, and its head is its last word ("how many Hamas and Islamic Jihad
    militants were rounded up" counts militants, not Hamas supporters).

    >>> sorted(_counted_head("how many hamas and islamic jihad militants were rounded up"))
    ['jihad', 'militant']
    >>> sorted(_counted_head("How many Chinese tourists visited South Korea in 2016?"))
    ['chinese', 'tourist']
    >>> sorted(_counted_head("how many crew members"))
    ['crew', 'member']
    >>> sorted(_counted_head("How many nuclear-powered submarines will Korea build?"))
    ['nuclear', 'power', 'submarine']
    >>> sorted(_counted_head("How many points per game did she average?"))
    ['point']
    >>> sorted(_counted_head("How many confirmed cases of TTS had it counted?"))
    ['cas']
    """
    m = re.search(r"\b(?:how many|number of)\s+([^?,.;:]*)", question, re.I)
    if not m or not counts(question):
        return set()
    words: list[str] = []
    for w in re.findall(r"[\w’'-]+", m.group(1).lower())[:6]:
        if w in ("and", "or", "&"):
            continue
        if not words and len(w) > 4 and w.endswith("ed") and "-" not in w:
            continue  # an adjective before the noun: "how many confirmed cases"
        if w in STOPWORDS or w in IRREGULAR or (len(w) > 4 and w.endswith("ed") and "-" not in w) \
                or w in ("per", "each", "every"):
            break  # (a compound is an adjective: "how many nuclear-powered submarines"; "how
            # many points per game" counts points)
        words.append(w)
    return stems(" ".join(words[-2:]))


def counts_people_not_asked(question: str, short: str, text: str) -> bool:
    """Does the figure count people when "how many" asks for things ("how many flights were
    cancelled": "more than 3,000 maintenance workers voted")?

    >>> q = "how many qantas flights were cancelled by the strike"
    >>> counts_people_not_asked(q, "3,000", "more than 3,000 maintenance workers voted")
    True
    >>> counts_people_not_asked(q, "400", "400 flights carrying passengers were cancelled")
    False
    >>> counts_people_not_asked(q, "3,000", "3,000 Qantas maintenance workers voted")
    True
    >>> counts_people_not_asked("how many people were hurt", "12", "12 workers were hurt")
    False
    >>> counts_people_not_asked("how many US troops are in Korea", "28,500", "28,500 soldiers")
    False
    >>> counts_people_not_asked("how many Swedes died", "1,570", "1,570 people died")
    False
    >>> counts_people_not_asked("How many leaflets did they drop?", "3,300", "about 3,300 U.S. "
    ...                         "troops in Iraq")
    True
    """
    head = _counted_head(question)
    if not head or head & _PERSON_STEMS or any(nations(h) or nations(h + "s") for h in head):
        return False  # people are asked for ("how many Australians")
    found = re.search(re.escape(short) + r"[\s-]+((?:[\w’'.-]+\s+){0,2}[\w’'.-]+)", text)
    for word in found.group(1).split() if found else []:  # the noun phrase after it
        if word[0].isupper():
            continue  # a name before the noun ("3,000 Qantas maintenance workers", "U.S.")
        w = word.lower().rstrip(".,")
        if stem(w) in head or w in STOPWORDS:
            return False
        if w in PERSON_NOUNS or w in COUNTED_PEOPLE:  # ("3,300 U.S. troops" are no leaflets)
            return True
    return False


_PERSON_STEMS = frozenset(stem(w) for w in PERSON_NOUNS | COUNTED_PEOPLE)


def in_asked_place(query: Query, after: str) -> bool:
    """Do the words after a figure put it in the place the question counts in? Of a total
    broken down by place ("five people, including one in Guadeloupe, two in Puerto Rico"),
    "how many people in Puerto Rico" asks for the figure for that place.

    >>> from rag.query import analyze
    >>> q = analyze("How many people in Puerto Rico were killed by Fiona?")
    >>> in_asked_place(q, " in Puerto Rico and two in"), in_asked_place(q, " in Guadeloupe, two")
    (True, False)
    """
    return any(re.search(rf"\bin\s+(?:the\s+)?{re.escape(n)}\b", query.text)
               and re.match(rf"\s+(?:[a-z]+\s+){{0,2}}?in\s+(?:the\s+)?{re.escape(n)}\b", after)
               for n in query.entities)


def counts_the_asked(query: Query, e: Evidence) -> bool:
    """Is the figure the sentence gives followed by what "how many" counts ("600 years" for
    "in how many years", "15 man crew" for "how many crew members", "two in Puerto Rico" for
    "how many people in Puerto Rico"), not by something else?"""
    short = short_answer(query, e)
    if not counts(query.text) or not short:
        return False
    counted = _counted_head(query.text)
    at = re.search(re.escape(short), e.text)
    if at and in_asked_place(query, e.text[at.end():]):
        return True
    found = re.search(re.escape(short) + r"[\s-]+((?:[\w’'-]+\s*){1,2})", e.text)
    # whole words: "second all-time" counts no times
    after = {stem(w) for w in re.findall(r"[\w’'-]+", found.group(1).lower())} if found else set()
    return bool(after & counted)


def measures(short: str, text: str) -> bool:
    """Does the figure measure rather than count: a bare decimal ("4.1 on the Richter scale") or
    a figure with a unit of measure ("240 kilometres north-east of Perth")? Things are counted in
    whole numbers, so such a figure answers "how many people" only when its unit is what is
    asked ("27.3 points", "in how many hours").

    >>> measures("4.1", "measuring 4.1 on the Richter scale"), measures("240", "240 kilometres")
    (True, True)
    >>> measures("10", "she fell at gate 10 and was out in less than 10 seconds")
    True
    >>> measures("12", "12 people were hurt"), measures("1.5 million", "1.5 million visitors")
    (False, False)
    """
    if re.fullmatch(r"\d+\.\d+", short):
        return True
    # (the figure where it counts, not where it labels: "at gate 10 ..., less than 10 seconds")
    found = [m for m in re.finditer(rf"(?<![\d,.]){re.escape(short)}[\s-]+([\w’'-]+)", text)
             if not _LABEL_BEFORE.search(text[: m.start()])]
    return bool(found and found[0].group(1).lower() in UNITS)


def in_asked_unit(question: str, short: str, text: str) -> bool:
    """Is the figure in the unit "how many" asks for, when it asks for a unit of measure ("how
    many acres": "4,000 acres", "a 12-acre plot"; not "two new lava flows")? True when the
    question asks for no unit.

    >>> q = "How many acres did the lava flows cover?"
    >>> in_asked_unit(q, "two", "two new lava flows were seen"), in_asked_unit(q, "4,000",
    ... "covering 4,000 acres"), in_asked_unit(q, "12", "a 12-acre plot")
    (False, True, True)
    >>> in_asked_unit("How many days did they spend in space?", "371", "after 371 days aloft")
    True
    >>> in_asked_unit("How many people came?", "two", "two new flows")
    True
    """
    m = re.search(r"\bhow many\s+(?:more\s+|square\s+|cubic\s+)?([a-z]+)\b", question, re.I)
    forms = next((f for f in MEASURE_FORMS if m and m.group(1).lower() in f), None)
    if not forms:
        return True
    unit = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return bool(re.search(rf"\b(?:{unit})\b", short, re.I) or re.search(
        rf"{re.escape(short)}[\s-]+(?:[a-z]+[\s-]+)?(?:{unit})\b", text, re.I))


# Words that ask for a sum of money (rag/data/words.toml, money_words), or "in dollars".
_MONEY_ASKED = re.compile(
    r"\b(?:" + "|".join(sorted(MONEY_WORDS)) + r"|in dollars|in (?:us )?\$|in pounds|in euros|"
    r"sterling)\b", re.I)


def wanted_unit(question: str) -> re.Pattern[str] | None:
    """What kind of figure the question asks for: money, a percentage, or either.

    >>> wanted_unit("How much financial assistance did Bracks promise?") is MONEY
    True
    >>> wanted_unit("What share of the market does Qantas hold?") is SHARE
    True
    >>> wanted_unit("What monthly amount did the Pentagon agree to pay SpaceX?") is MONEY
    True
    >>> wanted_unit("How many workers voted to reject the wage freeze?") is None
    True
    >>> wanted_unit("How long has the wage dispute been going on?") is None
    True
    >>> wanted_unit("By how much did US consumer prices rise in October?") is None
    True
    >>> wanted_unit("What percentage went without care because of the cost?") is PERCENT
    True
    >>> wanted_unit("How many dollars in incentives did Arizona pull?") is MONEY
    True
    """
    if re.search(r"\bhow long\b", question, re.I):
        return None  # a length of time or distance, whatever it is about
    # "what percentage of Americans put off care because of the cost": the question word says
    # what figure is asked, whatever the money words after it
    if asked := re.search(r"\b(?:what|which)\s+(percentage|percent|per cent|share|proportion|"
                          r"fraction)\b", question, re.I):
        return PERCENT if asked.group(1).lower().startswith("per") else SHARE
    if counts(question) and not re.search(r"\bhow many\s+(?:[\w-]+\s+)?(?:dollars|euros|pounds|"
                                          r"yuan|yen|won|percent|per cent|percentage points)\b",
                                          question, re.I):
        return None  # "how many workers ... the wage freeze": a count, whatever it is about
    if asks_change(question) and _MONEY_ASKED.search(question) and not re.search(
            r"\bin (?:dollars|us \$|\$)|\bhow many (?:dollars|euros|pounds)", question, re.I):
        return None  # "by how much did consumer prices rise": "jumped 6.2%" (or "$1 a gallon")
    if re.search(r"\bhow many\s+(?:[\w-]+\s+)?(?:dollars|euros|pounds|yuan|yen|won)\b", question,
                 re.I):
        return MONEY  # "how many dollars in incentives": a sum, not "500 full-time jobs"
    if _MONEY_ASKED.search(question) or re.search(
            r"\b(?:how much|what\s+(?:[\w-]+\s+)?(?:amount|sum))\b.*"
            r"\b(paid|pay|earn\w*|fined?|charged?|salary|wages?)\b", question, re.I):
        return MONEY
    if re.search(r"\b(percent\w*|per cent)\b", question, re.I):
        return PERCENT
    if re.search(r"\b(share|proportion|fraction|rate)\b", question, re.I):
        return SHARE
    return None


# News style (AP) spells out counts below ten: "made five Final Four trips", "their fifth
# face-to-face meeting" answer "how many".
COUNT_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)


_ORDINAL = re.compile(r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth", re.I)


# "the second summit in two months", "his third visit in a year": a span that holds events.
_ORDINAL_IN = re.compile(r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                         r"\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){1,2}(?:in|within)\s+"
                         r"(?:the\s+(?:past|last)\s+|just\s+|only\s+)?$", re.I)
_APART = re.compile(r"(?:\s+(?:days?|weeks?|months?|years?|hours?))?\s+(?:after|before|later|"
                    r"earlier|ago)\b", re.I)
# "up to half a kilometre", "half an hour": a length news gives in words
_HALF = re.compile(r"\bhalf\s+an?\s+(?:" + "|".join(sorted(LENGTHS)) + r")\b", re.I)
# "could take several months", "within a few weeks": a length news gives without a figure
VAGUE_LENGTH = re.compile(r"\b(?:several|a few|a couple of|many)\s+(?:years|months|weeks|days|"
                          r"hours|minutes)\b", re.I)
SPELLED_DURATION = re.compile(
    COUNT_WORD.pattern + r"[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?)\b", re.I)
# A figure with a length of time or distance ("20 minutes", "four-day", "half a kilometre"),
# read from the figure on, one word (an adjective, "a") allowed before the unit.
_LENGTH = re.compile(r"\S+\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(LENGTHS)) + r")\b", re.I)


def lasts(figure: str, after: str) -> bool:
    """Is the figure (and the text after it) a length of time or distance, what "how long"
    asks for?

    >>> lasts("six months", "."), lasts("3,000", " maintenance workers"), lasts("90", "-minute")
    (True, False, True)
    """
    return bool(_LENGTH.match(f"{figure} {after}".replace("-", " ")))


# How news gives a person's age: "Sir Peter Blake, 53, was ...", "aged 53", "a 53-year-old",
# "died at age 95", "will turn 36 in March".
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_AGE_WORD = "(?:" + "|".join(_SMALL[1:]) + ")"
# "aged three and 13", "a five-year-old": ages news spells out.
_AGED_WORDS = re.compile(rf"\baged\s+({_AGE_WORD}|\d{{1,3}})(?:\s+and\s+({_AGE_WORD}|\d{{1,3}}))?\b"
                         rf"|\b({_AGE_WORD})-year-old\b", re.I)
AGE = re.compile(r"(?:,\s|\baged\s|\bat (?:the )?age (?:of )?|\bage\s)(\d{1,3})(?![,.]?\d)"
                 r"(?=,|\s|\.|$)"
                 r"|\b(\d{1,3})[- ]year[- ]old\b"
                 r"|\bturn(?:s|ed|ing)?\s+(\d{1,3})(?=[,.;]|\s+(?:in|on|this|next|last|years?)\b|$)"
                 # ("Hesseman was 81.", "He was 81 when he died": a person's age, said last)
                 r"|\b(?:[A-Z][a-z]+|[Hh]e|[Ss]he)\s+(?:was|is)\s+(\d{1,3})(?=[.;](?!\d)|\s+when\b)")


def age(text: str) -> str | None:
    """The age a sentence gives, as news writes ages ("how old was he?").

    >>> age("Mr Blake, 53, was aboard a boat."), age("Benedict, who died at age 95, ...")
    ('53', '95')
    >>> age("a 14-year-old won"), age("Blake won two awards in 1995."), age("In 2001, 40 died.")
    ('14', None, None)
    >>> age("Lockett will turn 36 in March."), age("Jagger turned 80."), age("turned 180 degrees")
    ('36', '80', None)
    >>> age("He was killed in the Amazon, 3,000 kilometres from the sea.") is None
    True
    """
    found = ages(text)
    return text[found[0][0]:found[0][1]] if found else None


def ages(text: str) -> list[tuple[int, int]]:
    """Where the text gives someone's age (a figure that counts nothing asked but years). Young
    children's ages are spelt out ("two boys aged three and 13 died").

    >>> t = "Today, the 35-year-old changed his mind; Blake, 53, sailed 3,000 km."
    >>> [t[a:b] for a, b in ages(t)]
    ['35', '53']
    >>> t = "The gunman – identified as Ethan Blair Miller, 20 – was found dead."
    >>> [t[a:b] for a, b in ages(t)]
    ['20']
    >>> t = "Two boys aged three and 13 died; a five-year-old was hurt."
    >>> [t[a:b] for a, b in ages(t)]
    ['three', '13', 'five']
    >>> t = "“16 year old me needed this Disney short,” one user said."
    >>> [t[a:b] for a, b in ages(t)]
    ['16']
    >>> t = "Hesseman was 81. The score was 81. He was 40 when he died; it was 3.5."
    >>> [t[a:b] for a, b in ages(t)]
    ['81', '40']
    """
    out = []
    for m in AGE.finditer(text):
        group = next(g for g in (1, 2, 3, 4) if m.group(g))
        if group == 1 and m.group(0).startswith(",") and not re.match(r",|\s*[–—]", text[m.end():]):
            continue  # "Name, 53, ..." is an apposition: a comma (or a dash) after it too
        out.append(m.span(group))
    for m in _AGED_WORDS.finditer(text):
        out += [m.span(g) for g in (1, 2, 3) if m.group(g) and m.span(g) not in out]
    return sorted(out)


def age_asked(question: str, text: str) -> str | None:
    """The age "how old" asks for: the younger's of two ("how old was the younger boy") when the
    question says which.

    >>> age_asked("How old was the younger of the two boys?", "Two boys aged three and 13 died.")
    'three'
    """
    found = [text[a:b] for a, b in ages(text)]
    if not found:
        return None
    value = {w: i for i, w in enumerate(_SMALL)}
    years = [(value.get(f.lower(), int(f) if f.isdigit() else 0), f) for f in found]
    if re.search(r"\b(?:younger|youngest)\b", question, re.I):
        return min(years)[1]
    if re.search(r"\b(?:older|oldest|elder|eldest)\b", question, re.I):
        return max(years)[1]
    return found[0]


# "the minimum age", "raise the age to 21", "to what age": an age set by a rule, not a person's
ASKS_AGE_LIMIT = re.compile(r"\b(?:minimum|legal|voting|drinking|retirement|pension|purchase|"
                            r"purchasing|buying)\s+age\b|\bage\s+(?:limit|threshold|requirement)"
                            r"|\b(?:rais\w*|lower\w*)\s+the\s+age\b|\bto what age\b", re.I)
# "the age to purchase assault weapons must be raised from 18 to 21", "a minimum age of 16"
_AGE_LIMIT = re.compile(r"\bage\b[^.;]{0,80}?\b(?:to|of|at)\s+(\d{1,3})\b(?!\s*(?:%|percent))",
                        re.I)


def age_limit(text: str) -> str | None:
    """The age a rule sets, as news writes it.

    >>> age_limit("The age to purchase assault weapons must be raised from 18 to 21.")
    '21'
    >>> age_limit("Norway set a minimum age of 15 for social media."), age_limit("He is 53.")
    ('15', None)
    """
    m = _AGE_LIMIT.search(text)
    return m.group(1) if m else None


_PHONE = re.compile(r"(?:\b1-)?(?:\(\d{3}\)\s*|\b\d{3}[-.])\d{3}[-.]\d{4}\b")


def _figures(text: str) -> list[re.Match[str]]:
    """Figures in digits, and shares in words ("nearly one third", "two-thirds"); not a day of
    the month or a time of day, nor a decade.

    >>> [m.group(0) for m in _figures("China takes a third of chip exports, in the high 30s.")]
    ['a third']
    >>> [m.group(0).strip() for m in _figures("Since Covid-19, an F-22 and 300 jets flew.")]
    ['300']
    >>> [m.group(0).strip() for m in _figures("Call (315) 913-4060 or 1-800-555-0199; 12 came.")]
    ['12']
    >>> [m.group(0).strip(" ,") for m in _figures("Chiefs beat Eagles in Super Bowl 57, 38 ...")]
    ['57']
    >>> [m.group(0).strip() for m in _figures("for the 31st month, prices were 32.5% higher")]
    ['32.5%']
    >>> [m.group(0).strip() for m in _figures("Eagles (16-3) won a 7-0 win; 10-15 people came.")]
    ['10', '15']
    >>> [m.group(0).strip() for m in _figures("They beat the Nationals 7-0.")]
    []
    >>> [m.group(0).strip(" (,") for m in _figures("(ABC, 8 EDT/5 PDT), 11 nominations, 8 am")]
    ['11']
    >>> [m.group(0).strip(" ,") for m in _figures("She fell at gate 10, 12 seconds in.")]
    ['12']
    """
    phones = [m.span() for m in _PHONE.finditer(text)]
    found = [m for m in NUMBER.finditer(text) if (re.search(r"\d", m.group(0))
             or re.fullmatch(r"\w+[- ](?:thirds?|quarters?|fifths?)", m.group(0)))
             and not any(a <= m.start() < b for a, b in phones)]
    # "temperatures in the high 30s", "the 1990s": a range of values or years, no figure;
    # "Covid-19", "an F-22": a number that is part of a name; a telephone number counts nothing;
    # a cut-off headline's last figure may be cut too ("beat Eagles in Super Bowl 57, 38 ...")
    # ("the 31st consecutive month": an ordinal ranks; it is no amount); a team's record or a
    # result ("Eagles (16-3)", "a 7-0 win") is a score, no amount
    tallies = [t.span() for t in _TALLY.finditer(text)] + [
        t.span(1) for t in _RESULT.finditer(text)]
    return [m for m in found if not in_a_date(text, m)
            and not any(a <= m.start() < b for a, b in tallies)
            and not re.match(r"['’]?s\b|(?:st|nd|rd|th)\b", text[m.end():])
            and not re.search(r"[A-Za-z]-$", text[: m.start()])
            and not re.match(r"\s*(?:\.\.\.|…)\s*$", text[m.end():])
            and not _CLOCK_AFTER.match(text, m.end())
            and not _LABEL_BEFORE.search(text[: m.start()])
            and not _name_number(text, m)]


# "losing her balance at gate 10": a number after these nouns names one, counts nothing
_LABEL_BEFORE = re.compile(rf"\b(?i:{'|'.join(sorted(LABEL_NOUNS))})\s+$")


# "at 8 EDT/5 PDT", "8 p.m.", "7:30 GMT": a time of day counts nothing
_CLOCK_AFTER = re.compile(r"(?::[0-5]\d)?\s?(?:(?i:[ap]\.m\.|[ap]m)(?![a-z])|"
                          r"(?:[ECMP][SD]?T|GMT|UTC|BST|CET|KST|JST)\b)")


# A score written as a team's record "(16-3)" or a result "a 7-0 win", "a 5-4 vote"
_TALLY = re.compile(r"\(\d{1,3}\s?[-–]\s?\d{1,3}\)|\b\d{1,3}\s?[-–]\s?\d{1,3}(?=[\s-]+(?:win|wins|"
                    r"victory|loss|losses|defeat|lead|record|vote|draw|tie|rout|drubbing|"
                    r"thrashing|triumph|decision|ruling|majority|split|season)\b)", re.I)


# "beat the Washington Nationals 7-0", "defeated the Eagles 38-35": a result after the verb
_RESULT = re.compile(r"\b(?:beat|beats|beaten|defeat(?:s|ed)?|down(?:s|ed)|edg(?:es|ed)|"
                     r"rout(?:s|ed)|blank(?:s|ed)|top(?:s|ped)|won|wins?|lost|loses?|fell|"
                     r"trounc(?:es|ed)|thrash(?:es|ed)|crush(?:es|ed)|outlast(?:s|ed)|"
                     r"improv(?:es|ed)|shut\s+out)\b[^.;]{0,60}?"
                     r"\b(\d{1,3}\s?[-–]\s?\d{1,3})\b", re.I)


# A bare number right after a capitalised word: "the Indy 500", "Game 4", "Boeing 737"
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z]+)\s$")
_AMOUNT_AFTER = re.compile(r"\s*(?:%|percent|per cent|million|billion|trillion)\b")


def _name_number(text: str, m: re.Match[str]) -> bool:
    """Is the figure part of a name ("an Indy 500 victory", "Game 4 of the World Series")? Not
    after a month or a weekday ("May 14"), nor before a unit of amount ("Trump 45%").

    >>> t = "Not an Indy 500 victory, and Delta cancelled 121 flights; in May 2023, 40 died."
    >>> [m.group(0).strip(" ,") for m in _figures(t)]
    ['121', '40']
    """
    before = _NAME_BEFORE.search(text[: m.start()])
    return bool(before and re.fullmatch(r"\s*\d+\s*", m.group(0))
                and before.group(1).lower() not in dates.MONTHS
                and before.group(1).lower() not in dates.WEEKDAYS
                and not _AMOUNT_AFTER.match(text, m.end()))


def gives_figure(text: str) -> bool:
    """Does the sentence give a figure that is not a date: a year ("in 1999") or "July 27"
    dates the sentence; it counts nothing.

    >>> gives_figure("The wave swept down the canyon on July 27, 1999."), gives_figure("It "
    ... "killed 18 tourists, 14 of them Australians."), gives_figure("He made five trips.")
    (False, True, True)
    >>> gives_figure("Senator Hill says the operation could take several months.")
    True
    """
    return any(m.group(0).strip() and not re.fullmatch(r"(19|20)\d\d", m.group(0).strip())
               and not in_a_date(text, m) for m in NUMBER.finditer(text)) or bool(
        VAGUE_LENGTH.search(text))


# "What was the final score?", "South Africa's score": a game's score, not "his score" (a
# player's tally) or "how many did they score" (a count)
ASKS_SCORE = re.compile(r"(?:\b(?:the|final|what|by)\s+|['’]s\s+(?:final\s+)?)score(?:line)?\b"
                        r"|\bscoreline\b", re.I)
# How news writes a score: "4-1", "23–20", in cricket "three for 89"
SCORE = re.compile(r"(?<![\w.,$-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\w.,%-])|\b(?:\d|one|two|three|four|"
                   r"five|six|seven|eight|nine|ten)\s+for\s+\d{1,3}\b", re.I)


# A score during a game, not at its end: "26-19 in England's favor at halftime"
_AT_THE_BREAK = re.compile(r"[^.;]{0,40}?\b(?:at|by)\s+(?:half-?time|the\s+(?:break|interval|half))"
                           r"|\s*(?:at\s+)?(?:half-?time|the\s+(?:break|interval))\b", re.I)


def game_score(query: Query, text: str) -> str | None:
    """The score a sentence gives, nearest the question's words. When the question names the
    sides ("the tie between Ohio State and Texas Christian"), a score beside another team
    ("hammered Michigan 50-20") is another game's.

    >>> from rag.query import analyze
    >>> q = analyze("What was the final score in the penalty shoot-out for the Community Shield?")
    >>> game_score(q, "Arsenal beat City 4-1 in a penalty shootout, after a 1-1 draw.")
    '4-1'
    >>> q = analyze("What was the final score of the tie between Ohio State and Texas Christian?")
    >>> game_score(q, "The Buckeyes tied Texas Christian, then hammered Michigan 50-20.")
    >>> game_score(q, "The Buckeyes tied Texas Christian. They hammered Michigan 50-20 later.")
    >>> game_score(analyze("What was the final score?"), "It was 26-19 to England at halftime "
    ...            "before New Zealand won 34-31 in Auckland.")
    '34-31'
    >>> game_score(analyze("What was the final score?"), "Georgia (10-1) is a 17-point favorite.")
    """
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", query.text)}
    found = []
    for m in SCORE.finditer(text):
        if _AT_THE_BREAK.match(text, m.end()) and not _AT_THE_BREAK.search(query.text):
            continue  # "leaving the score 26-19 at halftime": not how the game ended
        if text[: m.start()].endswith("(") and re.match(r"\s*\)", text[m.end():]):
            continue  # "where Georgia (10-1) is a 17-point favorite": a team's record
        side = re.search(r"([A-Z][\w’'-]*)\s+$", text[: m.start()])
        # (the clause may name an asked side as the winner: "New Zealand defeated England 34-31")
        clause = re.split(r"[,;.!?]|\b(?:and|then|but)\b", text[: m.start()])[-1].lower()
        if len(query.entities) >= 2 and side and side.group(1).lower() not in asked \
                and not any(n.lower() in clause for n in query.entities):
            continue
        found.append(m)
    if not found:
        return None
    return max(found, key=lambda m: (_near_terms(text, m.start(), query.terms), -m.start())
               ).group(0)


# After a figure and its unit, a preposition ties what follows to it ("for 20 minutes with
# Trump", "$18 billion with China"); "and"/"but" start the next item instead.
_TIES_AFTER = re.compile(r"\s*(?:(?!(?:and|or|but|while|whereas)\b)[\w%$.-]+\s+){0,2}?"
                         r"(?:with|from|to|for|against|by|between|over)\b", re.I)


def owned_names(text: str, figures: Sequence[re.Match[str]], names: Iterable[str]
                ) -> list[int]:
    """How many of `names` each figure of a list owns: the names between it and the next figure
    when a preposition ties them to it ("20 minutes with Trump, and 25 minutes with Ishiba"),
    otherwise the few words between the previous figure and it ("Trump got 20% and Biden 25%").

    >>> t = "Lee spoke for 20 minutes with Trump on June 6, and for 25 minutes with Ishiba."
    >>> owned_names(t, list(re.finditer(r"[0-9]+", t)), ["ishiba"])
    [0, 0, 1]
    >>> t = "Trump got 20% and Biden 25% of the vote."
    >>> owned_names(t, list(re.finditer(r"[0-9]+", t)), ["biden"])
    [0, 1]
    """
    marks = sorted({m.span(): m for m in figures}.values(), key=lambda m: m.start())
    low = text.lower()
    counts = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        start = marks[i - 1].end() if i else 0
        # (a long stretch before a figure is the sentence's scene, not the figure's own words)
        head = low[start:m.start()] if len(low[start:m.start()].split()) <= 4 else ""
        own = low[m.end():end] if _TIES_AFTER.match(text, m.end()) else head
        counts[m.span()] = sum(bool(re.search(rf"\b{re.escape(n)}\b", own)) for n in names)
    return [counts[m.span()] for m in figures]


_PLACES_AFTER = re.compile(r"\s*(?:[A-Z][\w.]*\s+)?(?:" + "|".join(
    sorted(p for p in PLACE_NOUNS if p.endswith("s"))) + r")\b")


# A figure followed by a unit of length ("153 feet", "4,600 km"), not of area ("square feet")
_A_LENGTH = re.compile(r"[\s-]*(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m|foot|feet|ft|"
                       r"yards?|inch(?:es)?)\b", re.I)


# "16 days longer than", "$2 more than": a figure that is a difference between two others
_DIFFERENCE_AFTER = re.compile(r"[\s-]*(?:[a-z]+[\s-]+){0,2}(?:longer|shorter|more|fewer|less|"
                               r"higher|lower|older|younger|bigger|smaller|larger|greater)\s+"
                               r"than\b", re.I)
_ASKS_DIFFERENCE = re.compile(r"\bhow (?:much|many|many \w+|long) (?:longer|shorter|more|fewer|"
                              r"less|higher|lower|older|younger|bigger|smaller|larger|greater)\b"
                              r"|\bby how (?:much|many)\b|\bdifference\b", re.I)


def _short_numeric(query: Query, best: Evidence) -> str | None:
    if ASKS_AGE_LIMIT.search(query.text):
        return age_limit(best.text)  # "the minimum age": the age a rule sets
    if re.search(r"\bhow old\b|\bwhat age\b", query.text, re.I):
        return age_asked(query.text, best.text)  # a figure that is no age says not how old
    if ASKS_SCORE.search(asking_clause(query.text)):
        return game_score(query, best.text)  # a sentence without a score gives none
    found = _figures(best.text)
    if not re.search(r"\bages?\b|\byears?\b", query.text, re.I):
        # "the 35-year-old changed his mind" gives an age: no count of goals, no sum paid.
        aged = ages(best.text)
        found = [m for m in found if not any(a <= m.start() < b for a, b in aged)]
    counted = _counted(query.text)
    if counts(query.text) and not counted & PLACE_NOUNS:
        # "shipped to all 50 states": how far something spread, no count of illnesses
        found = [m for m in found if not _PLACES_AFTER.match(best.text, m.end())]
    if counts(query.text):
        # A spelled-out count of what is asked: the words after it name the counted thing or
        # the question's own ("five Final Four trips"; not "over four years", "the third leader").
        # An ordinal counts only what is asked ("their fifth face-to-face meeting"): "their second
        # Senate spot" is no count of votes.
        asked = set(query.text.lower().split())
        topic = counted | stems(" ".join(query.terms))
        found += [m for m in COUNT_WORD.finditer(best.text) if m.group(0).lower() not in asked
                  and _after(best.text, m) & (counted if _ORDINAL.fullmatch(m.group(0)) else topic)]
        # ... and so does one in digits: "the 20th time out of 124" for "how many times"
        found += [m for m in re.finditer(r"\b\d+(?:st|nd|rd|th)\b", best.text)
                  if _after(best.text, m) & counted]
    if re.search(r"\bhow long\b", query.text, re.I):
        # "How long since ...?": "in over four years", a spelled-out duration (AP style).
        found += [*SPELLED_DURATION.finditer(best.text), *_HALF.finditer(best.text),
                  *VAGUE_LENGTH.finditer(best.text)]
        # "their second summit in two months" says how often, not how long the summit was;
        # "six days after his inauguration" how far apart two events were, unless that is asked
        apart = re.search(r"\b(?:after|before|later|earlier|ago)\b", query.text, re.I)
        # ("battled the blaze for four hours before bringing it under control" is a length)
        found = [m for m in found if not _ORDINAL_IN.search(best.text[: m.start()])
                 and (apart or not _APART.match(best.text, m.end())
                      or re.search(r"\b(?:for|lasting|over)\s+$", best.text[: m.start()]))]
        # A length answers it: "the dispute involving 3,000 workers has been running for around
        # six months" has run six months, not 3,000.
        found = [m for m in found if lasts(m.group(0), best.text[m.end():])] or found
    if re.search(r"\bhow\s+(?:tall|high|deep|wide|far)\b", query.text, re.I):
        # "153 feet from bottom to top and spanning 65,000 square feet": a height is a length
        found = [m for m in found if _A_LENGTH.match(best.text, m.end())] or found
    found = [m for m in found if not re.fullmatch(r"(19|20)\d\d", m.group(0).strip(" ,"))] or found
    if not (_ASKS_DIFFERENCE.search(query.text) or asks_change(query.text)):
        # "Rubio's stay was 16 days longer than Vande Hei's": a difference, not the stay (but
        # "prices 32.5% higher than the year before" is the rise a question may ask for)
        found = [m for m in found if not _DIFFERENCE_AFTER.match(best.text, m.end())
                 or PERCENT.search(m.group(0))]
    # The answer is not a figure the question itself gives ("town number 12").
    found = [m for m in found if not set(numbers_in(m.group(0))) & set(query.numbers)]
    if not found:
        return None
    years = [y.start() for y in re.finditer("|".join(str(y) for y in query.years), best.text)
             ] if query.years else []
    if month := asked_month(query.text):  # "1,200 in September", not "1,000 in August"
        years += [x.start() for x in re.finditer(rf"\b{month}\b", best.text, re.I)]
    # Terms that tell one clause from another: not names ("South Korea" is every clause's
    # subject) and not years (they scope the whole sentence).
    specific = [t for t in query.terms if t not in query.capitalized and not t.isdigit()]
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^;—–]+?(?=,\s+(?:while|whereas|but)\b|"
                                                       r";|\s[—–]\s|$)", best.text)]

    def clause_terms(pos: int) -> int:
        a, b = next(((a, b) for a, b in spans if a <= pos < b), (0, len(best.text)))
        low = best.text[a:b].lower()
        return sum(term_present(t, low, stems(low)) for t in specific)

    unit = wanted_unit(query.text)

    def names_counted(m: re.Match[str]) -> int:
        """"the two presidents' fifth face-to-face meeting": the count of what is asked."""
        return int(bool(counted & _after(best.text, m)))

    # The figure whose own words hold a name the question gives ("25 minutes with Ishiba")
    owned = dict(zip([m.span() for m in found], owned_names(
        best.text, found, [t.lower() for t in query.capitalized if not t.isdigit()]), strict=True))

    def in_place(m: re.Match[str]) -> int:
        return int(in_asked_place(query, best.text[m.end():]))

    def fit(m: re.Match[str]) -> tuple[int, int, int, int, int, int, int, int]:
        # The unit asked for ($ for "worth", % for "share"), the count for the place asked
        # about, the clause that holds the question's own terms ("imports ... $142.8 billion",
        # not "exports ... $124.8 billion"), nearest the year asked about ("4.17 million in
        # 2017"), the figure that owns a name asked about, then near the terms.
        near_year = -min((abs(p - m.end()) for p in years), default=0)
        return (int(bool(unit and unit.search(m.group(0)))), in_place(m), names_counted(m),
                clause_terms(m.start()), near_year, owned[m.span()],
                _near_terms(best.text, m.start(), query.terms), -m.start())

    m = max(found, key=fit)
    return m.group(0).strip().rstrip(",").replace("\\$", "$")


def with_time_unit(question: str, short: str, text: str) -> str:
    """A length of time with its unit, as the answer to "how long": "the 90-minute summit" was
    "90 minutes" long.

    >>> with_time_unit("How long was the summit?", "90", "During the 90-minute summit, ...")
    '90 minutes'
    >>> with_time_unit("How many were there?", "90", "the 90-minute summit")
    '90'
    """
    at = re.search(rf"(?<![\d.,]){re.escape(short)}", text)
    unit = _TIME_UNIT.match(text, at.end()) if at else None
    if not unit or not short[-1:].isdigit() or not ASKS_LENGTH.search(question):
        return short
    word = unit.group(1) if unit.group(1).endswith("s") or short == "1" else f"{unit.group(1)}s"
    return f"{short} {word}"


# The unit after a length of time: "90-minute", "25 minutes", "a four-day visit"
_TIME_UNIT = re.compile(r"[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b")


# NAME, but long enough for "Japanese Prime Minister Sanae Takaichi" before the title is cut.
_TITLED_NAME = re.compile(NAME.pattern.replace("{1,3}", "{1,6}"))
_TITLE_WORDS = TITLE_WORDS


def _person(name: str, qterms: set[str], common: set[str] | frozenset[str] = frozenset()
            ) -> str | None:
    """"Japanese Prime Minister Sanae Takaichi" -> "Sanae Takaichi" when the question asked for
    the Japanese prime minister: leading words the question or a title supplies are dropped, and
    so is a capitalised sentence opener ("After Lincoln"). A name sharing a word with the
    question (also as another form: "Proclamations" for "proclamation") is the question's own.

    >>> _person("After Lincoln", {"president"}), _person("On Sunday", {"lee"})
    ('Lincoln', None)
    >>> _person("Earlier Tuesday", set()), _person("Florida Gov.", {"desantis"})
    (None, None)
    >>> _person("June Carter", set())
    'June Carter'
    >>> _person("President Lee Jae-myung", {"lee", "residence"}) is None
    True
    >>> _person("Thanksgiving Proclamations", {"proclamation"}) is None
    True

    Words the question writes in lower case (`common`) are the title's, not the name's: "Public
    Diplomacy Liz Allen" of "Under Secretary of State for Public Diplomacy Liz Allen".

    >>> _person("Public Diplomacy Liz Allen", {"public", "diplomacy"}, {"public", "diplomacy"})
    'Liz Allen'
    """
    words = name.split()
    def titular(i: int) -> bool:
        """A title, or a word the question supplies before one ("Japanese" Prime Minister);
        not the question's own person ("President Lee Jae-myung" when it asks about Lee)."""
        if i >= len(words):
            return False
        low = words[i].lower()
        return low in _TITLE_WORDS or (
            low in qterms and any(w.lower() in _TITLE_WORDS for w in words[i + 1:]))

    while words and (titular(0) or (len(words) > 2 and titular(1))
                     or words[0].lower() in STOPWORDS  # "Chinese President ...", "After ..."
                     or (len(words) > 2 and words[0].lower() in common)):
        words = words[1:]
    if not words or _repeats(" ".join(words), qterms):
        return None
    lows = [w.lower().rstrip(".") for w in words]
    # (a month may be a first name: "June Carter", "April Ryan")
    if any(w in dates.WEEKDAYS for w in lows) or (lows[-1] in dates.MONTHS and lows[-1] != "may"):
        return None  # "On Sunday, it was Lee's turn", "Earlier Tuesday": a day, nobody's name
    if lows[-1] in _TITLE_WORDS:
        return None  # "Florida Gov." (Ron DeSantis): a title, its holder named after it
    return " ".join(words)


def _repeats(span: str, qterms: set[str]) -> bool:
    """Does a candidate answer share a word with the question? Then it is what the question
    is about, not its answer ("Vladimir Putin" for "In which city did Vladimir Putin ...").
    The kind of answer asked for does not count ("Mexico City" answers "which city").

    >>> _repeats("Vladimir Putin", {"city", "putin"}), _repeats("Mexico City", {"city", "putin"})
    (True, False)
    """
    asked = {stem(t) for t in qterms if t not in KINDS}
    return any(stem(w) in asked for w in re.split(r"[ -]", span.lower()) if w)


def role(query: Query) -> set[str]:
    """The office a "who" question asks about, as stems: a run of title words that ends in an
    office, not a qualifier ("seeking security" names none); empty when it names none.

    >>> from rag.query import analyze
    >>> sorted(role(analyze("Who was South Korea's foreign minister in 2023?")))
    ['foreign', 'minister']
    >>> role(analyze("Which official warned that seeking security from Washington is risky?"))
    set()
    >>> role(analyze("Which political leader met Kim Jong Un?"))  # any office holder
    set()
    >>> sorted(role(analyze("Who is the spokeswoman for the Criminal Justice Coalition?")))
    ['spokeswoman']
    >>> role(analyze("When adviser Jake Sullivan flew to Rome, which Chinese official did he "
    ...              "meet?"))
    set()
    >>> role(analyze("Which official, rather than the foreign minister, said it?"))
    set()
    >>> sorted(role(analyze("Who is Lee's chief of staff?")))
    ['chief', 'staff']
    >>> sorted(role(analyze("Who was the administrator whose letter cited threats against staff?")))
    []
    """
    # A title word inside a name ("Criminal Justice Coalition") names no office.
    inside = {(m.start(), m.end()) for n in query.entities
              if any(w.lower() not in _TITLE_WORDS for w in n.split())
              for m in re.finditer(re.escape(n), query.text)}
    office: set[str] = set()
    run: list[str] = []
    # "Which official, rather than the foreign minister, said ...": an office set aside
    text = SET_ASIDE.sub(lambda m: " " * len(m.group(0)), query.text)
    found = list(re.finditer(r"[\w’'-]+", text))
    words = ["" if any(a <= m.start() < b for a, b in inside) else m.group(0).lower()
             for m in found]
    # "White House national security adviser Jake Sullivan": a title before a name the
    # question gives is that person's, not the office asked about
    named = [m.group(0)[:1].isupper() for m in found]
    for i, w in enumerate([*words, ""]):
        if w in _TITLE_WORDS:
            run.append(w)
            continue
        if w == "of" and run and i + 1 < len(words) and words[i + 1] in _TITLE_WORDS:
            continue  # "chief of staff": one office
        # ("threats against staff": the staff is an office only in "chief of staff")
        if run and run[-1] not in TITLE_MODIFIERS and run[-1] not in LOOSE_TITLES \
                and run != ["staff"] and not (i < len(named) and named[i]):
            office |= {stem(t) for t in run}
        run = []
    return office


def nation_of_title(words: str) -> frozenset[str]:
    """The country whose office a title names, from the words before the title ("South Korea's
    national security adviser", "then-Chinese Ambassador"); empty when none is named.

    >>> sorted(nation_of_title("the residence of then-Chinese Ambassador"))
    ['china', 'hong kong', 'macau']
    >>> sorted(nation_of_title("who was south korea's ambassador")), nation_of_title("Mr")
    (['south korea'], frozenset())
    """
    tokens = re.findall(r"[\w’'.-]+", words)
    while tokens and tokens[-1].lower() in _TITLE_WORDS:
        tokens.pop()
    for n in (2, 1):
        phrase = re.sub(r"^(?:then|ex|former)-", "", " ".join(tokens[-n:]), flags=re.I)
        if len(tokens) >= n and (found := nations(phrase)):
            return found
    return frozenset()


def _country_mentions(text: str, places: bool = True) -> list[frozenset[str]]:
    """Each country a text names, by name or nationality word; a word several countries share
    ("Chinese": China, Hong Kong, Macau) is one mention of any of them. With `places` False, a
    country named as where something happened ("sorties over Afghanistan") is left out."""
    words = list(re.finditer(r"[A-Z][\w’'.]*", text))
    found: list[frozenset[str]] = []
    i = 0
    while i < len(words):
        where = not places and _WHERE_BEFORE.search(text[: words[i].start()])
        if i + 1 < len(words) and (two := nations(f"{words[i].group(0)} {words[i + 1].group(0)}")):
            if not where:
                found.append(two)  # "South Korea", not also "Korea"
            i += 2
            continue
        person = re.match(r"\s+[A-Z][a-z’'-]+\s+([A-Z][\w’'-]*)", text[words[i].end():])
        if person and not places and i + 1 < len(words) \
                and words[i + 1].group(0).lower() not in TITLE_WORDS \
                and words[i + 1].group(0).lower() not in ORG_WORDS \
                and person.group(1).lower() not in ORG_WORDS | TITLE_WORDS \
                and not nations(words[i + 1].group(0)):
            # "Russian Mikhail Tyurin": a nationality before a name is the person's, not the
            # figure's ("Russian President Vladimir Putin" and "the Chinese Commerce Ministry"
            # keep their country)
            i += 1
            continue
        if not places and re.search(r"\b[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+\s+of\s+$",
                                    text[: words[i].start()]) \
                and text[words[i].start() - 3: words[i].start()] == "of " \
                and words[i - 1].group(0).lower() not in ORG_WORDS | TITLE_WORDS:
            i += 1  # "Koichi Wakata of Japan": the person's country too
            continue
        if (one := nations(words[i].group(0))) and not where:
            # "U.S.", "America": the country the form names ("united states")
            found.append(frozenset(n if demonyms(n) else next(iter(
                countries_of(n) or countries_of(f"{n}.") or (n,))) for n in one))
        i += 1
    return found


_WHERE_BEFORE = re.compile(r"\b(?:in|over|across|into|inside|throughout|at)\s+(?:the\s+)?$",
                           re.I)


# "US$18 billion", "HK$5": a currency, not a country named
_NO_CURRENCY = re.compile(r"\b[A-Z]{1,3}\\?\$")


def _same_country(a: str, b: str) -> bool:
    # "Korea" in a report on South Korea is South Korea
    return a == b or a.endswith(f" {b}") or b.endswith(f" {a}")


def other_nationals(question: str, text: str) -> bool:
    """Does the sentence count another country's people or things than the question asks
    about ("how many US troops": "the coalition trained 100,000 Iraqi troops")?

    >>> q = "How many US troops were in Iraq in late 2017?"
    >>> other_nationals(q, "The coalition has trained more than 100,000 Iraqi troops.")
    True
    >>> other_nationals(q, "About 5,500 U.S. troops are in Iraq, training Iraqi troops.")
    False
    >>> other_nationals("How many missiles had the US sent, according to a US official?",
    ...                 "The US sent 17,000 missiles, a German official said.")
    False
    """
    # (the counted noun, right after "how many" and its nationality: "how many US troops")
    for m in re.finditer(r"\b(?i:how\s+many)\s+(?:[a-z-]+\s+){0,2}?((?:[A-Z][\w.’']*\s){1,2}?)"
                         r"([a-z]{3,})\b", question):
        asked = _country_mentions(m.group(1).strip())
        if not asked:
            continue
        before_noun = rf"\b((?:[A-Z][\w.’'-]*\s){{1,2}}?){re.escape(m.group(2))}\b"
        said = [g for s in re.finditer(before_noun, text)
                for g in _country_mentions(s.group(1).strip())]
        if said and not any(_same_country(a, b) for g in asked for a in g for h in said for b in h):
            return True
    return False


def other_country(question: str, text: str) -> tuple[str, str] | None:
    """(the question's country, the sentence's) when a sentence gives a figure for another
    country than the one asked about: "Korea's trade deficit with China" for "the deficit with
    Japan". It must leave out a country the question names and name one the question does
    not. None when it fits.

    >>> other_country("What was South Korea's deficit with Japan?", "South Korea recorded an $18 "
    ... "billion trade deficit with China.")
    ('japan', 'china')
    >>> other_country("How many Chinese tourists came to South Korea?", "Chinese tourists to "
    ... "Korea fell to 4.6 million.")
    >>> other_country("nigeria's population in 2050", "By 2050, India will have 1.6 billion.")
    ('nigeria', 'india')
    >>> other_country("How many aircraft did the US send?", "80 aircraft flew over Afghanistan.")
    >>> other_country("How many MOUs were signed during Lee's state visit to China?", "As Lee was "
    ... "accompanied by South Korean conglomerates, the two sides signed 14 MOUs.")
    >>> other_country("How many officials did Japan send?", "The Chinese Commerce Ministry sent "
    ...               "12.")
    ('japan', 'china')
    >>> other_country("When did Trump call off the June 12 Singapore summit with Kim?", "Trump "
    ... "canceled the summit on May 24 over comments by the North Korean government.")
    >>> other_country("How many days did they spend in space before landing in Kazakhstan?",
    ...               "Russian Mikhail Tyurin and Koichi Wakata of Japan spent 188 days in space.")
    """
    # A question may be typed in lower case ("nigeria's population in 2050"): its words may be
    # names ("us" is a pronoun there).
    question = re.sub(r"\b[a-z][\w’'.-]*", lambda w: w.group(0) if w.group(0) in STOPWORDS
                      or w.group(0) == "us" else w.group(0).capitalize(), question)
    # ("during Lee's state visit to China", "the Singapore summit": where the event was, not
    # whose figure it is)
    asked = _country_mentions(_VENUE.sub(" ", _DESTINATION.sub(" ", _NO_CURRENCY.sub(" ",
                                                                                question))))
    said = _country_mentions(_NO_CURRENCY.sub(" ", text), places=False)
    if any(not demonyms(c) for g in (*asked, *said) for c in g):
        return None  # a name the country list does not resolve ("Korea", "Britain"): unsure

    def within(group: frozenset[str], others: list[frozenset[str]]) -> bool:
        return any(_same_country(a, b) for a in group for o in others for b in o)

    missing = next((g for g in asked if not within(g, said)), None)
    extra = next((g for g in said if not within(g, asked)), None)
    if missing is None or extra is None:
        return None
    return min(missing), min(extra)


_VENUE = re.compile(rf"\b[A-Z][\w’'.-]*(?=\s+(?i:{'|'.join(sorted(EVENT_NOUNS))})\b)")
_DESTINATION = re.compile(r"\b(?i:visit|visits|trip|trips|tour|journey|travel|flight|voyage)\s+"
                         r"(?i:to)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s?)+")


def _countries_named(text: str) -> frozenset[str]:
    """The countries a sentence names, by name or nationality word.

    >>> sorted(_countries_named("the trilateral China-Japan-South Korea meeting"))
    ['china', 'japan', 'south korea']
    """
    return frozenset().union(*_country_mentions(text))


def asked_nation(query: Query) -> frozenset[str]:
    """Whose office a "who" question asks about: "South Korea's ambassador" -> south korea."""
    office = role(query)
    for m in re.finditer(r"[\w’'-]+", query.text):
        if stem(m.group(0).lower()) in office:
            return nation_of_title(query.text[: m.start()])
    return frozenset()


def _titled(office: set[str], words: set[str]) -> bool:
    """Are all the office's words among `words`, each as written or in a form news uses for it
    ("her attorney" for the lawyer)?"""
    return all(o in words or any(stem(f) in words for f in KIND_FORMS.get(o, ())) for o in office)


def holds(office: set[str], text: str, m: re.Match[str],
          nation: frozenset[str] = frozenset()) -> bool:
    """Does the sentence give the name the office, right before it ("Foreign Minister Park
    Jin", "South Korea's national security adviser Wi Sung Lac") or as an apposition after it
    ("Park Jin, the foreign minister,")? Another person's title nearby does not count, nor does
    another country's office when the question names whose (`nation`): China's ambassador is
    not South Korea's.

    >>> s = "Prime Minister Han Duck-soo said Foreign Minister Park Jin would go."
    >>> [holds({"foreign", "minister"}, s, m) for m in _TITLED_NAME.finditer(s)]
    [False, True]
    >>> s = "It came with Under Secretary of State for Public Diplomacy Liz Allen's visit."
    >>> [holds({"secretary"}, s, m) for m in _TITLED_NAME.finditer(s)][-1]
    True
    >>> s = "Her attorney, James Bopp Jr., called it a show trial."
    >>> [holds({"lawyer"}, s, m) for m in _TITLED_NAME.finditer(s)]
    [True]
    >>> s = "Lee visited the residence of then-Chinese Ambassador Xing Haiming."
    >>> [holds({"ambassador"}, s, m, frozenset({"south korea"})) for m in _TITLED_NAME.finditer(s)]
    [False]
    """
    if not office:
        return True
    words = text[: m.start()].split()
    # A long title runs on in capitals: "US Under Secretary of State for Public Diplomacy"
    run = len(words)
    while run > 0 and (words[run - 1][:1].isupper() or words[run - 1] in ("of", "for", "and")):
        run -= 1
    before = " ".join(words[min(run, len(words) - 4):])
    after = re.match(r",\s+([^,.;]{0,60})", text[m.end():])
    if not _titled(office, stems(f"{before} {m.group(0)} {after.group(1) if after else ''}")):
        return False
    if not nation:
        return True
    lead = text[: m.end()]

    def office_at(part: str) -> list[re.Match[str]]:
        return [w for w in re.finditer(r"[\w’'-]+", part) if stem(w.group(0).lower()) in office]

    own: frozenset[str] = frozenset()
    titled = after.group(1) if after else ""
    if office <= stems(f"{before} {m.group(0)}") and (found := office_at(lead)):
        own = nation_of_title(lead[: found[-1].end()])  # "then-Chinese Ambassador Xing Haiming"
    elif found := office_at(titled):  # "Xing Haiming, China's ambassador to Seoul,"
        own = nation_of_title(titled[: found[0].start()])
    return not own or bool(own & nation)


def _qualified_head(query: Query, office: set[str]) -> str | None:
    """The office word the question qualifies with what it is for ("minister of trade",
    "trade minister"), as a stem; None for an office it does not qualify ("which French
    minister": any minister will do; "foreign minister": the title words say which).

    >>> from rag.query import analyze
    >>> q = analyze("Who did Lee pick as minister of trade, industry and energy?")
    >>> _qualified_head(q, role(q)), _qualified_head(q := analyze("Which French minister "
    ... "spoke?"), role(q))
    ('minister', None)
    """
    words = re.findall(r"[\w’'-]+", query.text)
    for i, w in enumerate(words):
        low = w.lower()
        if stem(low) not in office or low in TITLE_MODIFIERS:
            continue
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        before = words[i - 1].lower() if i else ""
        if after in ("of", "for") or (before and before not in _TITLE_WORDS
                                      and before not in STOPWORDS and not nations(before)):
            return stem(low)
    return None


def _other_office(head: str, asked: set[str], text: str, m: re.Match[str]) -> bool:
    """Does the title at the name put a title word the question does not use right before the
    office word ("Prime Minister" for "who is the minister of trade")?

    >>> s = "He spoke to Japanese Prime Minister Shigeru Ishiba and Trade Minister Ahn Duk-geun."
    >>> [_other_office("minister", {"minister", "trade"}, s, m) for m in _TITLED_NAME.finditer(s)]
    [True, False]
    """
    words = [w.lower().strip(",") for w in [*text[: m.start()].split()[-4:], *m.group(0).split()]]
    return any(a in TITLE_MODIFIERS and a not in asked and stem(b) == head
               for a, b in zip(words, words[1:], strict=False))


def _the_name(name: str) -> bool:
    """Does the name open with "The" and no title follow ("The Week", "The Associated Press")?
    People's names take no article; those of publications and bodies do.

    >>> _the_name("The Week"), _the_name("The Prime Minister Han"), _the_name("Sam Altman")
    (True, False, False)
    >>> _the_name("The Reverend Tim Costello")
    False
    """
    words = name.split()
    return words[0] == "The" and not any(w.lower().rstrip(".") in _TITLE_WORDS | HONORIFICS
                                         for w in words[1:])


# "Who is ...", "who currently ...": the present holder of an office is asked for
_ASKS_CURRENT = re.compile(r"^\W*who\s+(?:is|are)\b|\b(?:current|currently|now|incumbent)\b",
                           re.I)
# "then-Chinese Ambassador", "former Prime Minister", "ex-President", "the former envoy,": before
# a name, the office it held in the past
_FORMER = re.compile(r"(?:\b(?:then|ex)-|\bformer\s+)(?:[\w’'.-]+,?\s+){0,3}$", re.I)


def _titled_otherwise(office: set[str], text: str, m: re.Match[str]) -> bool:
    """Does the name carry a title of an office other than the one asked ("Gov. Greg Abbott"
    when a judge is asked for)? Loose titles ("leader") and qualifiers ("deputy") say nothing.

    >>> s = "Gov. Greg Abbott must remove the buoys, a federal judge ruled."
    >>> [_titled_otherwise({"judge"}, s, m) for m in _TITLED_NAME.finditer(s)]
    [True]
    >>> s = "Senior U.S. Judge David Ezra said so."
    >>> [_titled_otherwise({"judge"}, s, m) for m in _TITLED_NAME.finditer(s)]
    [False]
    """
    words = re.findall(r"[\w’'-]+", f"{text[max(0, m.start() - 30): m.start()]} {m.group(0)}")
    titles = {w.lower() for w in words[-6:]} & _TITLE_WORDS
    titles -= TITLE_MODIFIERS | LOOSE_TITLES
    return bool(titles) and not {stem(t) for t in titles} & office


# A name that closes a report with its source: "..., Eric Rinehart announced Tuesday."
_SOURCE_AFTER = re.compile(r"\s+(?:said|says|announced|announces|told|added|wrote|confirmed|"
                           r"reported|stated|noted)\b(?![^.;]*\b(?:that|was|were|is|are|has|had|"
                           r"would|will)\b)")


def _short_who(query: Query, best: Evidence) -> str | None:
    """The person the sentence names; for an office the question asks about, the person the
    sentence gives that office (a prime minister does not answer "who was foreign minister"),
    else anyone in a sentence about that office ("Park Jin met Wang Yi at the foreign
    ministers' meeting"); no one when the sentence never names the office."""
    qterms = set(query.terms)
    office = role(query)
    nation = asked_nation(query)
    # A question that capitalises names writes common words in lower case
    common = set(re.findall(r"\b[a-z][a-z-]+", query.text)) if re.search(
        r"(?<!^)[A-Z]", query.text.strip()) else set()
    # "the trilateral China-Japan-South Korea meeting": places joined by hyphens are nobody
    people = [(m, p) for m in _TITLED_NAME.finditer(best.text)
              if (p := _person(m.group(0), qterms, common)) and not is_country(p)
              and not ("-" in p and all(is_place(part) for part in p.split("-")))
              and not _place_or_body(p) and not body_continues(best.text, m.end())
              and not _the_name(m.group(0)) and not _ORG_BEFORE.search(best.text[: m.start()])
              and not photo_credit(best.text, m.start(), m.end())
              and not town_of(best.text, m.end())
              and not _ORG_NOUN_BEFORE.search(best.text[: m.start()])]
    if not {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", query.text)} & ACTS["say"].reports:
        # "The suspect has been charged with seven counts, State's Attorney Eric Rinehart
        # announced": the name at the end of the sentence is its source, not who was charged
        people = [(m, p) for m, p in people if not (_SOURCE_AFTER.match(best.text[m.end():])
                                                    and "," in best.text[: m.start()])]
    # "Prime Minister Shigeru Ishiba" holds another office than "the minister of trade"
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", query.text)}
    head = _qualified_head(query, office)
    other = [(m, p) for m, p in people if head and _other_office(head, asked, best.text, m)]
    people = [mp for mp in people if mp not in other]
    if _ASKS_CURRENT.search(asking_clause(query.text)):
        # "Who is China's ambassador?": "then-Chinese Ambassador Xing Haiming" held it before
        people = [(m, p) for m, p in people if not _FORMER.search(best.text[: m.start()])]
    holders = [(m, p) for m, p in people if holds(office, best.text, m)]
    names = [(m, p) for m, p in holders if holds(office, best.text, m, nation)]
    if not holders and not other and office <= stems(best.text) \
            and not (nation and _countries_named(best.text) - nation):
        # no one holds the office by title: a sentence about the office names its holder, but
        # not someone titled for another office ("Gov. Greg Abbott must remove the buoys, a
        # federal judge ruled" does not name the judge), nor, when the question asks whose
        # office, in a sentence about other countries' holders too ("Park Jin met Wang Yi at the
        # China-Japan-South Korea foreign ministers' meeting" names no Japanese minister)
        names = [(m, p) for m, p in people if not _titled_otherwise(office, best.text, m)]
    if not names:
        return None

    def cue(m: re.Match[str]) -> int:
        before = best.text[: m.start()]
        after = best.text[m.end() : m.end() + 30]
        titled = _TITLE_BEFORE.search(before[-40:]) or any(
            w.lower() in _TITLE_WORDS for w in m.group(0).split())
        return int(bool(titled)) + int(
            bool(re.match(r",? (said|told|added|noted|wrote|responded|stated)", after))
        )

    several = asks_several(query.text)
    if several and len({p for _, p in names}) >= 2:
        # "who were Park Jin's Chinese and Japanese counterparts?": "counterparts Wang Yi and
        # Kamikawa Yoko", in the order the sentence gives them
        return " and ".join(list(dict.fromkeys(p for _, p in names))[:several])
    # Then the name nearest what the question says ("setting up the 27-yard game-winning field
    # goal by Harrison Butker" for who kicked the game-winning field goal), then the first.
    return max(names, key=lambda mp: (cue(mp[0]), _near_terms(best.text, mp[0].start(),
                                                              query.terms), -mp[0].start()))[1]


def asks_several(question: str) -> int:
    """How many people a "who" question asks for when it asks for more than one ("who were
    his Chinese and Japanese counterparts?", "who were the two pilots?"); 0 for one.

    >>> asks_several("At the Busan meetings, who were Park Jin's Chinese and Japanese "
    ...              "counterparts?"), asks_several("Who was Park Jin's counterpart?")
    (2, 0)
    >>> asks_several("Who were the three suspects?"), asks_several("Who are the Bills' owners?")
    (3, 0)
    >>> asks_several("Park met his Chinese and Japanese counterparts. Who were they?")
    2
    """
    clause = asking_clause(question)
    if not re.match(r"^\W*(?:who\s+(?:were|are)|name\s+(?:the|both))\b", clause, re.I):
        return 0
    if re.match(r"^\W*who\s+(?:were|are)\s+they\b", clause, re.I):
        clause = question  # "Park met his Chinese and Japanese counterparts. Who were they?"
    counted = re.search(r"\b(two|three|both)\b", clause, re.I)
    if counted:
        return {"two": 2, "both": 2, "three": 3}[counted.group(1).lower()]
    # "his Chinese and Japanese counterparts": one for each word joined by "and"
    return 2 if re.search(r"\b[A-Za-z]+\s+and\s+[A-Za-z]+\s+(?:[a-z]+\s+)?[a-z]+s\b", clause) else 0


# "Pakistan's close ally China", "China's capital, Beijing", "South Korea's southeastern city of
# Gyeongju": the place after the owner's words is the one meant
_OWNED = re.compile(r"['’]s\s+(?:[a-z-]+,?\s+){1,3}([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)")


def _owned_place(text: str, cue: re.Match[str]) -> str:
    """The place a PLACE_CUE match names: the owner's place when the owner is followed by it.

    >>> t = "During the visit to Pakistan's close ally China, he spoke."
    >>> _owned_place(t, PLACE_CUE.search(t)), _owned_place("in Seoul's", PLACE_CUE.search(
    ...     "in Seoul's"))
    ('China', 'Seoul')
    >>> t = "He arrived in China's capital, Beijing, on Sunday."
    >>> _owned_place(t, PLACE_CUE.search(t))
    'Beijing'

    """
    owned = _OWNED.match(text, cue.end(1))
    return owned.group(1) if owned and is_place(owned.group(1)) else cue.group(1)


def _place_part(name: str) -> str:
    """The known place a name opens with: "Delaware Superior Court" was in Delaware.

    >>> _place_part("Delaware Superior Court"), _place_part("New York"), _place_part("Xi Jinping")
    ('Delaware', 'New York', 'Xi Jinping')
    """
    words = name.split()
    if is_place(name) or len(words) < 2:
        return name
    return next((" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)
                 if is_place(" ".join(words[:n]))), name)


# "Which Chinese city", "what South Korean town", "which city in Japan": whose city is asked for
_OWNED_CITY = re.compile(r"\b(?:which|what)\s+((?:[A-Z][\w.-]*\s+){1,2})"
                         r"(?:city|cities|town|towns)\b|"
                         r"\b(?:city|cities|town|towns)\s+(?:in|of)\s+(?:the\s+)?"
                         r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)", re.I)


def asked_owners(question: str) -> frozenset[str]:
    """The countries whose city the question asks for (lowercased); empty when it names none.

    >>> sorted(asked_owners("Which Chinese city will host APEC?"))
    ['china', 'hong kong', 'macau']
    >>> sorted(asked_owners("which city in Japan did Lee visit?")), asked_owners("Which city won?")
    (['japan'], frozenset())
    >>> sorted(asked_owners("which south korean city hosted apec")), asked_owners("Which host "
    ...                                                                         "city won?")
    (['south korea'], frozenset())
    """
    m = _OWNED_CITY.search(question)
    if not m:
        return frozenset()
    words = (m.group(1) or m.group(2) or "").split()
    # "South Korean", "Chinese"; "Japan" of "city in Japan did"; "which host city": none
    for phrase in (" ".join(words), words[0], words[-1]):
        if found := nations(phrase):
            return found
    return frozenset()


def foreign_city(name: str, owners: frozenset[str], text: str = "") -> bool:
    """Is the name a city of other countries only than those asked about ("Gyeongju" for
    "which Chinese city")? A name no places file knows is judged by the country the sentence
    puts after it ("in Alberta, Canada"), or not at all.

    >>> foreign_city("Gyeongju", frozenset({"china"})), foreign_city("Shanghai", frozenset({
    ...     "china"})), foreign_city("Gyeongju", frozenset())
    (True, False, False)
    >>> foreign_city("Alberta", frozenset({"china"}), "the G7 summit in Alberta, Canada, in June")
    True
    """
    countries = city_countries(name)
    after = re.search(rf"\b{re.escape(name)},\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)", text)
    if not countries and after and is_country(after.group(1)):
        countries = nations(after.group(1)) or frozenset({after.group(1).lower()})
    return bool(owners and countries) and not any(
        same_country(c, o) for c in countries for o in owners)


def _joined_places(name: str) -> bool:
    """Places joined by a hyphen name a relation, not a place ("in Korea-U.S. relations");
    a hyphenated city is known as one ("Winston-Salem").

    >>> _joined_places("Korea-U."), _joined_places("Winston-Salem"), _joined_places("Seoul")
    (True, False, False)
    """
    parts = [p.strip(".") for p in name.split("-")]
    return len(parts) > 1 and not is_place(name) and any(is_place(p) or nations(p) for p in parts)


_CITY_NOUNS = frozenset({"city", "cities", "town", "towns", "village", "villages", "capital"})
_COMPASS_WORD = r"(?:North|South|East|West)(?:ern)?"


def _elided(place: str, text: str) -> bool:
    """Is the place a compass word that shares the name after it ("the South and East China
    Seas", "North and South Korea")? Alone it names no place.

    >>> t = "concerns persist in the South and East China Seas"
    >>> _elided("South", t), _elided("East China Seas", t), _elided("Seoul", "Seoul and Busan")
    (True, False, False)
    """
    return bool(re.fullmatch(_COMPASS_WORD, place)) and bool(
        re.search(rf"\b{place}\s+and\s+{_COMPASS_WORD}\s+[A-Z]", text))


def _short_where(query: Query, best: Evidence) -> str | None:
    """The place the sentence gives: a city before a country (the specific place), a known place
    before another capitalised word after "in/at/to", never a name the question already has.
    Markdown is read as the reader sees it ("arrived in **Beijing**")."""
    text = plain(best.text)
    # ("Besides Beijing, which other Chinese city ...": a place the question sets aside is
    # not the answer either)
    given = set(query.terms) | {w for m in SET_ASIDE.finditer(query.text)
                                for w in content_terms(m.group(0))}
    # ("threats from Elon Musk's campaign": an unknown name that owns a thing is its owner)
    places = [p for p in (_place_part(_owned_place(text, m)) for m in PLACE_CUE.finditer(text)
                          if is_place(m.group(1))
                          or not re.match(r"['’]s\s+[a-z]", text[m.end(1):]))
              if not _repeats(p, given) and p.lower() not in dates.MONTHS
              and (is_place(p) or not nations(p))  # "in Russian" names no place
              and not _joined_places(p) and not _elided(p, text)]
    # "Which country ...?" is not answered by a city, nor "which city" by a country.
    kind = re.search(r"\b(?:which|what)\s+(?:[\w.-]+\s+){0,2}?(countr|nation|city|cities|town|"
                     r"state(?![\w-])|province)", query.text, re.I) \
        or (search_box(query.text) and re.search(r"\b(countr|nation|city|town)", query.text, re.I))
    if kind and kind.group(1).lower() in ("countr", "nation"):
        # a country needs no "in": "Fiji's suspension was lifted"
        # "The United States became ...": the article opens the name at a sentence start
        named = [w for w in (re.sub(r"^The\s+", "", r) for r in
                             re.findall(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text))
                 if is_country(re.sub(r"['’]s$", "", w))]
        places = [p for p in dict.fromkeys(places + [re.sub(r"['’]s$", "", w) for w in named])
                  if is_country(p) and not _repeats(p, given)]
    elif kind and kind.group(1).lower() in ("state", "province"):
        # "Which state got two months of rain?": a state ("in Vermont"), before its towns
        named = [re.sub(r"['’]s$", "", w)
                 for w in re.findall(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text)]
        states = [p for p in dict.fromkeys(places + named)
                  if place_kind(p) == "state" and not _repeats(p, given)]
        places = states or [p for p in places if not is_country(p)]
    elif kind:
        # a known city needs no "in" either: "Shanghai ranked third among flight reservations"
        named = [re.sub(r"['’]s$", "", w)
                 for w in re.findall(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text)]
        owners = asked_owners(query.text)
        # ("Seongbuk District" is no city: a name that ends in another kind of place)
        places = [p for p in dict.fromkeys(places + [w for w in named if is_place(w)])
                  if not is_country(p) and not _repeats(p, given)
                  and not (len(p.split()) > 1 and p.split()[-1].lower() in PLACE_NOUNS
                           and p.split()[-1].lower() not in _CITY_NOUNS)
                  and p.lower() not in dates.MONTHS and not foreign_city(p, owners, text)]
    ranked = sorted(places, key=lambda p: (is_country(p), not is_place(p)))
    return ranked[0] if ranked else None


# "What is the name of the toddler?", "what are the names of the six midwives?", "what is the
# variant called?", "what is the title of the episode?", "what will the company be called?": the
# answer is a name, so a passage without one does not give it.
ASKS_NAME = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+|their\s+|his\s+|her\s+|"
                       r"its\s+)?(?:names?|titles?)\s+of\b|\bwhat\s+(?:is|was|are|were|will)\s+"
                       r"[^?]{1,60}\b(?:be\s+)?called\b", re.I)


_NAME_RUN = r"([A-Z][\w’'.-]*(?:\s+(?:of\s+|de\s+|and\s+|&\s+)?[A-Z][\w’'.-]*)*)"
_QUOTED_NAME = r"[“\"‘]([^”\"’]{2,80}?)[,.]?[”\"’]"  # a name in quotes


def kind_name(kind: str, question: str, text: str, named: bool = False) -> str | None:
    """The name the sentence gives a thing of the asked kind: "the neighbouring republic of
    Dagestan", "East Timor's Los Palos district", "the yacht Liberator"; not a name the
    question already has.

    >>> q = "The massacre happened in which district?"
    >>> kind_name("district", q, "They killed nuns in East Timor's Los Palos district.")
    'Los Palos'
    >>> kind_name("republic", q, "He took hostages in the neighbouring republic of Dagestan.")
    'Dagestan'
    >>> kind_name("yacht", q, "The yacht Liberator lost its rudder."), kind_name("yacht", q, "A "
    ... "yacht lost its rudder.")
    ('Liberator', None)
    >>> kind_name("firm", q, "A partner for accountancy firm Ernst and Young said so.")
    'Ernst and Young'
    >>> kind_name("yacht", q, "The yacht SAP Ausmaid and Secret Men's Business lost masts.")
    'SAP Ausmaid'
    >>> kind_name("explosive", q, "The device contained an explosive called TATP.")
    'TATP'
    >>> kind_name("variant", q, "The Arcturus variant is spreading.", named=True)
    'Arcturus'
    >>> kind_name("chip", "the name of the AI chip", "It will sell its Ascend 950 AI chips.",
    ...           named=True)
    'Ascend 950'
    >>> kind_name("highway", "Which highway near Penrith was closed?", "Avoid the Hume Highway "
    ... "near Picton, and the Great Western Highway between Penrith and Springwood.")
    'Great Western Highway'
    >>> kind_name("king", q, "Sweden's King Carl XVI Gustaf spoke."), kind_name("union", q,
    ... "Victoria's Electrical Trades Union went on strike.")
    ('Carl XVI Gustaf', 'Electrical Trades Union')
    >>> kind_name("university", q, "The University of Georgia declined the invitation.")
    'University of Georgia'
    >>> kind_name("force", q, "It is a command station for Arafat's personal guard, Force-17.")
    'Force-17'
    >>> kind_name("stadium", q, "The ACM met in the home of the Dallas Cowboys, AT&T Stadium.")
    'AT&T Stadium'
    >>> kind_name("plan", q, "The ministry announced its 3050 Strategy initiative to cut reliance.")
    '3050 Strategy'
    >>> kind_name("episode", q, 'The episode, "One Angry Lisa" from the 34th season, was cut.')
    'One Angry Lisa'
    >>> kind_name("deal", q, 'He hailed his Brexit deal, claiming the so-called “Windsor '
    ... 'framework” is a breakthrough.', named=True)
    'Windsor framework'
    >>> kind_name("strategy", q, 'He described a strategy called the "Green Bay Sweep."')
    'Green Bay Sweep'
    >>> kind_name("role", "What role did Sajak take on?", "Sajak will take the role of consulting "
    ... "producer in conjunction with his hosting duties.")
    'consulting producer'
    >>> kind_name("job", "What job will Snyder take up?", "Snyder will assume the role of "
    ... "president of the Korea Economic Institute of America in April.")
    'president of the Korea Economic Institute of America'
    >>> kind_name("miniseries", q, "“The Dropout,” a scripted miniseries about Theranos, debuts.")
    'The Dropout'


    """
    k = rf"{re.escape(kind)}(?:e?s)?"
    asked = {w.lower().removesuffix("'s").removesuffix("’s")
             for w in re.findall(r"[\w’'-]+", question)}
    # The kind word ends the thing's own name: "the Finance Sector Union", "the Great Western
    # Highway between Penrith and Springwood"; of several, the one beside the question's words.
    titled = []
    # (Not for a title: "Sweden's King Carl XVI Gustaf" is named after the word.) News may call
    # the kind by another word ("its 3050 Strategy initiative" names the plan), and a name may
    # open with a number.
    heads = "|".join(re.escape(f.title()) for f in (kind, *KIND_FORMS.get(kind, ())))
    for m in re.finditer(rf"(?<![\w&])((?:(?:[A-Z][\w’'.&-]*|\d[\d,]*)\s+){{1,4}})(?:{heads})\b",
                         "" if kind in TITLE_WORDS else text):
        words = [w.lower() for w in re.split(r"\S+['’]s\s+", m.group(1))[-1].split()]
        while words and (words[0] in STOPWORDS or words[0] in TITLE_WORDS):
            words = words[1:]
        if words and not all(w in asked for w in words) and words[0] not in dates.MONTHS:
            name = " ".join(m.group(0).split()[-len(words) - 1:])
            titled.append((_near_terms(text, m.start(), content_terms(question)), -m.start(),
                           name))
    # ... or begins it: "the University of Georgia", "the Bank of Melbourne"
    for m in re.finditer(rf"\b{re.escape(kind.title())}\s+of\s+(?:the\s+)?{_NAME_RUN}",
                         "" if kind in TITLE_WORDS else text):
        if not all(w.lower() in asked for w in m.group(1).split()):
            titled.append((_near_terms(text, m.start(), content_terms(question)), -m.start(),
                           m.group(0)))
    # ... or is named with a number or a code: "Force-17", "Flight MH370"
    for m in re.finditer(rf"\b{re.escape(kind.title())}[- ](?:\d+|[A-Z]+\d+[A-Z]?)\b", text):
        titled.append((_near_terms(text, m.start(), content_terms(question)), -m.start(),
                       m.group(0)))
    if titled:
        return max(titled)[2]
    # "take the role of consulting producer": a role or a post is given after "of", in lower case
    # too (a phrase, up to a comma, a preposition or the sentence's end)
    of_forms = [f for f in (kind, *KIND_FORMS.get(kind, ())) if f in OF_KINDS]
    if of_forms:
        forms = "|".join(rf"{re.escape(f)}(?:e?s)?" for f in of_forms)
        for m in re.finditer(rf"\b(?:{forms})\s+of\s+(?:an?\s+|the\s+)?"
                             rf"((?:[\w’'-]+\s+){{0,7}}?[\w’'-]+)"
                             rf"(?=\s+(?:in|at|for|with|on|to|from|and|after|before|until|"
                             rf"since|while|who|which|that)\b|\s*[,.;:)]|\s*$)", text, re.I):
            words = [w.lower() for w in m.group(1).split()]
            if not all(w in asked or w in STOPWORDS for w in words):
                return m.group(1)
    # 'the so-called "Windsor framework"': news puts in quotes the name a thing goes by, in a
    # sentence that says what the thing is ("his Brexit deal")
    called = re.search(rf"\bso[- ]called\s+{_QUOTED_NAME}", text, re.I)
    if called and any(re.search(rf"\b{re.escape(f)}(?:e?s)?\b", text, re.I)
                      for f in (kind, *KIND_FORMS.get(kind, ()))) \
            and not all(w.lower() in asked for w in called.group(1).split()):
        return called.group(1)
    # A title is given in quotes, capitalised or not: 'the episode, "One Angry Lisa"'.
    patterns = [rf"\b{k},?\s+(?:(?:called|named|titled|known\s+as|dubbed)\s+(?:the\s+)?)?"
                rf"{_QUOTED_NAME}",
                # '"The Dropout," a scripted miniseries about Theranos': the title, then what it is
                rf"{_QUOTED_NAME},?\s+(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?{k}\b",
                # ("the missile defense system, known as a NASAMS system")
                rf"\b{k},?\s+(?:called|named|known\s+as|dubbed)\s+(?:the\s+|an?\s+)?{_NAME_RUN}",
                rf"\b{k}\s+{_NAME_RUN}", rf"\b{k},\s+{_NAME_RUN}(?=,)"]
    if kind in TITLE_WORDS:  # a title stands before the name: "Spain's King Juan Carlos"
        for m in re.finditer(rf"\b{re.escape(kind.title())}\s+{_NAME_RUN}", text):
            if not all(w.lower() in asked for w in m.group(1).split()):
                return m.group(1)
    if kind in PLACE_NOUNS or named:  # places are also named "the X of Name" and "Name X";
        # other kinds are when a name is asked for ("the Arcturus variant"), else the word
        # before them is mostly an adjective ("Republican lawmakers")
        patterns += [rf"\b{k}\s+of\s+(?:the\s+)?{_NAME_RUN}", rf"{_NAME_RUN}\s+{k}\b",
                     # a model name with a number: "its Ascend 950 AI chips"
                     rf"([A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|\d[\d.,]*))*\s+\d[\d.,]*"
                     rf"(?:\s+[A-Z][\w’'.-]*)*)\s+{k}\b"]
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            if _IN_A_NAME.search(text[: m.start(1)]):
                continue  # "Sportsman of the Year awards": part of a longer name
            raw, begins = m.group(1), m.start(1)
            if (det := re.match(r"(?:The|An?)\s+", raw)) and (
                    begins == 0 or text[begins - 1] not in "“\"‘"):
                # "The Arcturus variant" (but a title in quotes is as written: "The Dropout")
                raw, begins = raw[det.end():], begins + det.end()
            # "East Timor's Los Palos": the name after the last possessive is the thing's own;
            # not in "SAP Ausmaid and Secret Men's Business", two names
            if " and " in raw:
                raw = raw.split(" and ")[0] if re.search(r"['’]s\s", raw) else raw
            name = re.sub(r"['’]s?$", "", re.split(r"['’]s\s+", raw)[-1].strip(" ."))
            while len(name.split()) > 1 and name.split()[-1].lower() in asked:
                name = name.rsplit(" ", 1)[0]  # "Ascend 950 AI chips" for the "AI chip"
            words = [w.lower() for w in name.split()]
            if named and nations(name):
                continue  # "the Chinese variant" names no variant
            if name and begins > 0 and not all(w in asked or w in STOPWORDS for w in words) \
                    and words[0] not in TITLE_WORDS and words[0] not in dates.MONTHS \
                    and words[0] not in dates.WEEKDAYS:
                return name
    return None


_COMPASS = frozenset("north south east west northern southern eastern western new".split())


def person_named(question: str, text: str) -> str | None:
    """A person's name the sentence gives that the question does not: "Richard Romaszko", not
    "South Australia", "Collingwood River" or "Illawarra Area Health Service".

    >>> q = "What was the name of the pilot killed near Mount Gambier?"
    >>> person_named(q, "A plane crashed near Mt Gambier in South Australia's south-east.")
    >>> person_named(q, "The pilot, Richard Romaszko, died at the scene.")
    'Richard Romaszko'
    >>> person_named("Which candidate did he endorse?", "He was left out of the Fox News-hosted "
    ...              "debate.")
    """
    found = people_named(question, text)
    return found[0] if found else None


# ", the head football coach": a role given after a name (a few words after a comma)
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?[a-z]+"
                         r"(?=\s+(?:at|of|for|in|with)\b|[,.;]|$)")
# People nouns that say what someone does ("coach", "doctor"); not who they are to others
_OCCUPATIONS = PERSON_NOUNS - RELATIVES - frozenset(
    "person people man men woman women boy boys girl girls child children baby toddler "
    "teenager teenagers teen youth resident residents friend partner".split())


# "Saudi Arabia-backed", "Seoul-based", "Fox News-hosted": a name turned into an adjective
_COMPOUND_ADJECTIVE = re.compile(r"-(?:[a-z]+ed|born|run|made|style|bound|friendly|era)$")


# A photo credit: the photographer's name, a slash, the agency ("Brendan Smialowski/AFP/Getty
# Images"), glued to the caption when a page is scraped
_PHOTO_CREDIT = re.compile(r"\s*/\s*[A-Z]")


_CREDITED_BY = re.compile(r"(?:/|\b(?:photos?|photograph|image|video)\s+(?:by|courtesy(?:\s+of)?)"
                          r"|\bcredit:|\bvia)\s*$", re.I)


_STATE_AFTER = re.compile(r",\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=[,.;:)]|$)")


def town_of(text: str, end: int) -> bool:
    """Is the name that ends at `end` a town, by the state or country after it ("in Van Horn,
    Texas, on July 20")? A person's name is not followed by one.

    >>> t = "He spoke in Van Horn, Texas."
    >>> town_of(t, t.index(",")), town_of("Joe Biden, Delaware Democrat, said", 9)
    (True, False)
    """
    after = _STATE_AFTER.match(text, end)
    return after is not None and place_kind(after.group(1)) in ("state", "country")


def photo_credit(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a photo credit: a name before a slash, or after one, or after
    "Photo by" or "via" ("(Photo by BRENDAN SMIALOWSKI/AFP via Getty Images)")?"""
    return bool(_PHOTO_CREDIT.match(text, end) or _CREDITED_BY.search(text[:start]))


def people_named(question: str, text: str) -> list[str]:
    """Every person's name the sentence gives that the question does not, in order.

    >>> people_named("What are the names of the guides?", "Both Simon Wiget and Stefan "
    ... "Abegglen told the court of their sorrow.")
    ['Simon Wiget', 'Stefan Abegglen']
    >>> q = "What was the name of the patient who died?"
    >>> people_named(q, "Associate Professor John Turnidge says the bug is common.")
    []
    >>> people_named(q, "The service's chief executive, Tony Sherbon, said so.")
    []
    >>> people_named(q, "The Queensland Premier says he accepts responsibility.")
    []
    >>> people_named(q, "Officers from the Bureau of Air Safety Investigation will go.")
    []
    >>> people_named("Who is the spokeswoman?", "Spokeswoman Anne Stringer says so.")
    ['Anne Stringer']
    >>> people_named(q, "Senior Pentagon officials briefed reporters.")
    []
    >>> q = "What was the name of the other student wounded?"
    >>> people_named(q, "Hollins was hurt, said Andrew Martin, the head coach at a school.")
    []
    >>> people_named(q, "The student, Devin Chandler, a wide receiver, was hurt.")
    ['Devin Chandler']
    >>> people_named("Which golfer led?", "The Saudi Arabia-backed LIV Golf series said so.")
    []
    >>> people_named("Which lawyer appeared in the ad?", "Lewis family attorney John M. Phillips "
    ...              "appears in the ad.")
    ['John M. Phillips']
    >>> people_named("Who was the captain?", "Brendan Smialowski/AFP/Getty Images Zelensky gave "
    ...              "Biden a medal from army captain Ivan Petrenko.")
    ['Ivan Petrenko']
    """
    qterms = set(content_terms(question))
    # (the question's words in their other forms too: "which lawyer" asks for the sentence's
    # "family attorney John M. Phillips")
    words = re.findall(r"[a-z]+", question.lower())
    asked = {stem(f) for w in words for f in (w, *KIND_FORMS.get(w, ()))}
    out = []
    for m in _TITLED_NAME.finditer(text):
        name = _person(m.group(0), qterms)
        if not name or is_place(name):
            continue
        if _place_or_body(name) or len(name.split()) < 2 or body_continues(text, m.end()):
            continue
        if _COMPOUND_ADJECTIVE.search(name):
            continue  # "the Saudi Arabia-backed LIV Golf series": who backs it, no one's name
        if photo_credit(text, m.start(), m.end()):
            continue  # "Patrick Semansky/AP Biden holds the cross": who took the photo
        after = re.match(r"\s+([a-z]+)", text[m.end():])
        if after and after.group(1) in PERSON_NOUNS:
            continue  # "Senior Pentagon officials": whose officials, no one's name
        if _in_quoted_title(text, m.start()):
            continue  # winning best actress for "Everything Everywhere All at Once": a film
        if any(w.lower() in _TITLE_WORDS for w in name.split()):
            continue  # "Queensland Premier" is a title, not a name
        # Someone the sentence introduces by an office the question does not ask about
        # ("Professor John Turnidge", "the chief executive, Tony Sherbon,") is someone else.
        lead = text[: m.start() + m.group(0).index(name)]
        titled = [w for w in re.findall(r"[a-z]+", lead.lower())[-3:] if w in _TITLE_WORDS]
        if titled and not {stem(w) for w in titled} & asked:
            continue
        # ... or after the name ("according to Andrew Martin, the head football coach at ..."
        # is no student the question asks about).
        role_after = _APPOSITIVE.match(text, len(lead) + len(name))
        roles = [w for w in re.findall(r"[a-z]+", role_after.group(0).lower())
                 if w in _TITLE_WORDS or w in _OCCUPATIONS] if role_after else []
        if roles and not {stem(w) for w in roles} & asked:
            continue
        of = re.search(r"\b([A-Za-z]+)\s+(?:of|for)\s+(?:the\s+)?"
                       r"(?:[A-Z][\w’'-]*\s+(?:and\s+|&\s+)?)*$", lead)
        if of and (of.group(1).lower() in ORG_WORDS or of.group(1).lower() in _TITLE_WORDS):
            continue  # "the Bureau of Air Safety Investigation", "director of Microbiology"
        out.append(name)
    return out


# Quotations: curly quotes pair unambiguously; a straight one opens after a space and closes
# before a space or punctuation (a sentence cut from a paragraph may start inside a quote).
_QUOTED_SPAN = re.compile(r"“([^”]{1,120})”|‘([^’]{1,120})’"
                          r"|(?:(?<=\s)|^)[\"']([^\s\"'][^\"]{0,119}?)[\"'](?=[\s.,;:!?)]|$)")


def quoted_title(question: str, text: str) -> str | None:
    """The first title in quotes the sentence gives (each long word capitalised) that the
    question does not.

    >>> quoted_title("Which Dav Pilkey title sold best?", 'His book "Dog Man: Mothering Heights"'
    ...              ' topped the list, ahead of "Where the Crawdads Sing."')
    'Dog Man: Mothering Heights'
    >>> quoted_title("Which title sold best?", '"It was a great year," he said.')
    """
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    for m in _QUOTED_SPAN.finditer(text):
        title = next(g for g in m.groups() if g).strip(" ,.")
        words = re.findall(r"[A-Za-z][\w’'-]*", title)
        if words and all(w[0].isupper() for w in words if len(w) > 3) \
                and not all(w.lower() in asked for w in words):
            return title
    return None


def _in_quoted_title(text: str, at: int) -> bool:
    """Is the position inside a quoted title: words in quotes, each long one capitalised
    ("Everything Everywhere All at Once", “Tiger King”)? A quoted sentence is speech.

    >>> t = 'She won for "Everything Everywhere All at Once." She said "Tom Hanks called me."'
    >>> _in_quoted_title(t, t.index("Everything")), _in_quoted_title(t, t.index("Tom"))
    (True, False)
    >>> t = 'prime," Michelle Yeoh says, winning for "Everything Everywhere All at Once."'
    >>> _in_quoted_title(t, t.index("Michelle")), _in_quoted_title(t, t.index("Everything"))
    (False, True)
    >>> _in_quoted_title("Yeoh takes best actress for 'Everything Everywhere'", 29)
    True
    """
    for m in _QUOTED_SPAN.finditer(text):
        if m.start() < at < m.end():
            words = re.findall(r"[A-Za-z][\w’'-]*", next(g for g in m.groups() if g))
            return all(w[0].isupper() for w in words if len(w) > 3)
    return False


def flow(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(from, to) of the first movement between two countries a text states: "South Koreans
    travelled to China" and "Chinese tourists to South Korea" run opposite ways. None when
    it states none.

    >>> flow("how many south koreans travelled to china in 2024")
    (frozenset({'south korea'}), frozenset({'china'}))
    >>> flow("how many South Koreans visited China using the visa-free entry")[1]
    frozenset({'china'})
    >>> sorted(flow("The number of Chinese tourists to South Korea halved")[0])[0]
    'china'
    """
    words = re.findall(r"[\w’'.-]+", text)
    low = [w.lower().strip(".") for w in words]

    def nation_at(i: int) -> tuple[frozenset[str], int]:
        for size in (2, 1):  # "South Korean(s)" before "Korean(s)"
            phrase = " ".join(low[i : i + size])
            found = nations(phrase) or (nations(phrase[:-1]) if phrase.endswith("s") else None)
            if found and i + size <= len(low):
                return frozenset(found), size
        return frozenset(), 0

    for i in range(len(low)):
        origin, size = nation_at(i)
        if not origin:
            continue
        for j in range(i + size, min(i + size + 4, len(low))):
            if low[j] in TOWARDS:
                dest, _ = nation_at(j + 1 + (low[j + 1 : j + 2] == ["the"]))
                if dest and dest != origin:
                    return origin, dest
                break
    return None


def reversed_flow(question: str, text: str) -> bool:
    """Does the sentence state the movement the question asks about, the other way round?"""
    asked, stated = flow(question), flow(text)
    return bool(asked and stated and asked[0] & stated[1] and asked[1] & stated[0])


def other_kind(question: str, text: str) -> tuple[str, str] | None:
    """(the question's word, the sentence's word) when the sentence's figure is of another
    kind than the one asked: a deficit for "the surplus", people trapped for "how many were
    killed". For some kinds (rag/data/words.toml, strict) the sentence must name the asked
    one: a figure for exports is no surplus ((word, "") then). None when it fits.

    >>> other_kind("How large was the trade surplus?", "It recorded a $18bn deficit.")
    ('surplus', 'deficit')
    >>> other_kind("How large was the trade surplus?", "Exports fell to $124.8 billion.")
    ('surplus', '')
    >>> other_kind("How many people were killed?", "Up to 50 people were trapped.")
    ('killed', 'trapped')
    >>> other_kind("How many people were killed?", "The quake left 30 dead and 50 trapped.")
    >>> other_kind("How many people were killed?", "Rescuers found 30 bodies.")
    >>> other_kind("How many were killed or injured?", "Up to 50 people were injured.")
    """
    asked = [w.lower() for w in re.findall(r"[A-Za-z]+", question)]
    said = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    for groups, strict in EXCLUSIVE:
        if sum(any(w in g for w in asked) for g in groups) > 1:
            continue  # "how many were killed or injured" asks for either
        for group in groups:
            q = next((w for w in asked if w in group), None)
            if not q or any(w in group for w in said):
                continue
            other = next((w for w in said if any(w in g for g in groups if g is not group)), None)
            if other or strict:
                return q, other or ""
    return None


def forecast(short: str, text: str) -> bool:
    """Is the figure part of a forecast or a condition ("sales are likely to rebound by more
    than 30 percent", "could reach 2 million"), not of what happened? Only the words of its
    own clause, before it, count.

    >>> forecast("30 percent", "If tourists return, sales are likely to rebound by more than "
    ... "30 percent, an official said.")
    True
    >>> forecast("4.17 million", "If anything, tourists fell to 4.17 million in 2017.")
    False
    >>> forecast("23 years", "He expects rebuilding to cost billions after 23 years of war.")
    False
    >>> forecast("371 days", "Ultimately, Rubio would spend 371 days in space.")
    False
    """
    at = text.find(short)
    if at < 0:
        return False
    clause = re.split(r"[,;:—–]\s|\b(?:after|during|since|because|when|while|before|but)\b",
                      text[:at])[-1]
    # "Ultimately, Rubio would spend 371 days in space": what later happened, told in order
    if re.search(r"\b(?:ultimately|eventually|later)\b[^;.]*?\bwould\b|\bwould\s+(?:go on to|"
                 r"later|eventually|ultimately)\b", text[:at], re.I):
        return False
    return hedged(clause)


_CHANGE_WORDS = frozenset().union(*(one | other for one, other in OPPOSITES))


def change_figure(short: str, text: str) -> bool:
    """Is the figure how much something changed ("has increased by 2 per cent", "dropped 20%",
    "a drop of 20%"), not its level ("to $124.8 billion", "12 per cent of children are obese")?

    >>> change_figure("2 per cent", "Obesity has increased by 2 per cent over two years.")
    True
    >>> t = "Exports dropped 20% year-on-year, to $124.8 billion."
    >>> change_figure("20%", t), change_figure("$124.8 billion", t)
    (True, False)
    >>> change_figure("28", "The outbreak has now sickened 28 more people in four more states.")
    True
    >>> change_figure("$100", "Analysts predict a $100 price hike on the Pro models.")
    True
    """
    at = text.find(short)
    if at < 0:
        return False
    if _INCREMENT.match(text, at + len(short)):
        return True  # "sickened 28 more people": the outbreak's new cases, not its total
    before = re.search(r"([A-Za-z]+)\s+(?:by\s+|of\s+)?(?:(?:about|around|nearly|almost|more than|"
                       r"over|some|roughly|just|up to)\s+)?$", text[:at])
    return bool(before and before.group(1).lower() in _CHANGE_WORDS)


# A figure of how many were added ("28 more people", "three additional deaths") or one that
# names its change after it ("a $100 price hike", "a 20% drop")
_INCREMENT = re.compile(r"\s+(?:more|additional|further|extra)\b|[\s-]+(?:[\w-]+\s+)?(?:hike|"
                        r"increase|rise|drop|fall|cut|jump|decline|gain|boost|reduction)s?\b",
                        re.I)


def asks_change(question: str) -> bool:
    """Does the question ask how much something changed ("by how much did exports fall",
    "how much did tourists rise", "how many more were sickened") rather than a level?"""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    return bool(words & _CHANGE_WORDS) or bool(re.search(
        r"\bby (?:how much|what)\b|\bchange\b|\bhow (?:many|much) (?:more|additional|further|"
        r"extra)\b", question, re.I))


def opposite(question: str, text: str) -> tuple[str, str] | None:
    """(the question's word, the sentence's word) when the sentence gives a change only the
    opposite way: a rebound for "by how much did sales fall". None when it also uses the
    question's side, or names neither.

    >>> opposite("By what percentage did sales fall?", "Sales are likely to rebound by 30%.")
    ('fall', 'rebound')
    >>> opposite("How much did exports fall?", "Exports dropped 20% while imports rose 3%.")
    """
    asked = [w.lower() for w in re.findall(r"[A-Za-z]+", question)]
    said = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    for one, other in OPPOSITES:
        for mine, theirs in ((one, other), (other, one)):
            q = next((w for w in asked if w in mine), None)
            if q and not any(w in mine for w in said):
                if found := next((w for w in said if w in theirs), None):
                    return q, found
    return None


def _place_or_body(name: str) -> bool:
    """Is a capitalised run a place, an organisation or an event rather than a person: "South
    Australia", "Mt Gambier", "Collingwood River", "World Trade Centre", "Illawarra Area Health
    Service", "Channel Seven", "World Series"?

    >>> _place_or_body("Channel Seven"), _place_or_body("Rebekah Wade")
    (True, False)
    >>> _place_or_body("World Series"), _place_or_body("Davis Cup")
    (True, True)
    """
    words = [w.lower() for w in re.split(r"[\s-]+", name)]
    return words[0] in _COMPASS or words[0] in ("mt", "mount", "st", "lake", "port", "cape") \
        or words[-1] in PLACE_NOUNS or words[-1] in ORG_WORDS or words[-1] in EVENT_NOUNS \
        or (len(words) > 1 and words[0] in ORG_WORDS  # "Channel Seven", "Bank of Melbourne"
            and not any(w in _TITLE_WORDS for w in words))  # not "Police Commissioner Ken X"


_ORG_AFTER = re.compile(r"\s*\([A-Z]{2,}\)|\s+(?:and|&)\s+(?:[A-Z][\w’'-]*\s+){0,3}(?:"
                        + "|".join(w.title() for w in sorted(ORG_WORDS)) + r")\b"
                        + r"|\s+(?:" + "|".join(sorted(ORG_WORDS)) + r")\b"  # "Al Qaeda network"
                        + r"|\s+of\s+the\s+[A-Z]")  # "News of the World"


# "the Office of the Director of National Intelligence": a capitalised run after an
# organisation's "X of (the) ..." is the rest of its name, nobody's
_ORG_BEFORE = re.compile(r"\b(?:" + "|".join(w.title() for w in sorted(ORG_WORDS))
                         + r")s?\s+(?:of|for)\s+(?:the\s+)?"
                         r"(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?)*$")

# "his company, Virgin Galactic": a name right after a common noun for an organisation is its
_ORG_NOUN_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(ORG_WORDS)) + r"),?\s+$")


def body_continues(text: str, end: int) -> bool:
    """Does the capitalised run ending at `end` go on as an organisation's name: its acronym in
    brackets, "and <Words> Union", a word for a body ("Al Qaeda network") or "of the <Name>"?
    People have none of these.

    >>> t = "Senior Construction Forestry Mining and Energy Union (CFMEU) officials spoke."
    >>> body_continues(t, len("Senior Construction Forestry Mining"))
    True
    >>> body_continues("Simon Wiget and Stefan Abegglen spoke.", len("Simon Wiget"))
    False
    >>> t = "Osama bin Laden's Al Qaeda network"
    >>> body_continues(t, len(t) - len(" network")), body_continues("The News of the World", 8)
    (True, True)
    """
    return bool(_ORG_AFTER.match(text, end))


def names_asked(query: Query, text: str) -> str | None:
    """The name the sentence gives what "what was the name of the <kind>" asks: a person's for
    a person ("the pilot"), else the name it gives a thing of that kind ("his yacht, Seamaster,
    off ...")."""
    if not query.kind or query.kind in PLACE_NOUNS:  # a place is named without its kind noun
        return new_name(query.text, text)
    if query.kind in RELATIVES and not any(
            re.search(rf"\b{re.escape(f)}s?\b", text, re.I)
            for f in (query.kind, *KIND_FORMS.get(query.kind, ()))):
        return None  # "Yeoh's mother": a sentence that calls nobody her mother names someone else
    if query.kind in PERSON_NOUNS:
        return person_named(query.text, text)
    return kind_name(query.kind, query.text, text, named=True)


_IN_A_NAME = re.compile(r"[A-Z][\w’'.-]*\s+(?:of\s+(?:the\s+)?)?$")


# "Which banned substance did she test positive for?": the noun asked for, before the verb
_WHICH_NOUN = re.compile(r"\b(?:which|what)\s+(?:[\w’'-]+\s+){0,2}?([a-z]+)\s+(?:did|does|do|was|"
                         r"were|is|are|has|have|had|will|would|could|can)\b", re.I)
# "a banned substance", "an unnamed buyer": a thing spoken of without its name
_INDEFINITE = (r"\b(?:a|an|another|some|one|unnamed|unidentified|undisclosed)\s+"
               r"(?:[\w’'-]+\s+){0,2}?")


def unnamed(question: str, text: str) -> str | None:
    """The words with which the sentence speaks of the thing a "which X" question asks for
    without naming it ("tested positive for a banned substance"), or None: when it never
    speaks of an X, or names it ("trimetazidine, a banned substance", "a drug called TMZ").

    >>> q = "Which banned substance did Kamila Valieva test positive for?"
    >>> unnamed(q, "She tested positive for a banned substance, and CAS let her skate.")
    'a banned substance'
    >>> unnamed(q, "She tested positive for trimetazidine, a banned substance.")
    >>> unnamed(q, "She tested positive for a banned substance called trimetazidine.")
    >>> unnamed(q, "The substance she took was trimetazidine.")
    >>> unnamed(q, "She took a banned substance, Trimetazidine, before the Games.")
    >>> unnamed("What top speed will the coaster reach?", "It will have a maximum speed of 62 mph.")
    >>> unnamed("What brand of phone did he use?", "He used a Chinese-made Xiaomi phone.")
    >>> unnamed("What sentence did he receive?", "He got a five-month suspended sentence.")
    >>> unnamed(q, "She tested positive for a banned substance – and CAS let her skate.")
    'a banned substance'
    """
    asked = _WHICH_NOUN.search(asking_clause(question))
    if not asked or asked.group(1).lower() in STOPWORDS:
        return None
    noun = re.escape(asked.group(1).lower())
    spots = list(re.finditer(rf"\b{noun}(?:s|es)?\b", text, re.I))
    if not spots:
        return None
    said = None
    for spot in spots:
        m = re.search(rf"{_INDEFINITE}$", text[: spot.start()], re.I)
        if not m or re.search(r"[\w)”\"’],\s*$", text[: m.start()]) or re.search(
                rf"\b[A-Z]|\d|{COUNT_WORD.pattern}", text[m.start() + 1: spot.start()]) or re.match(
                r"\s*(?:called|named|known as|dubbed|of\b|[(:]|,\s+[A-Z]|[–—-]\s*(?!(?:and|but|or|"
                r"which|who|that|as|while)\b)\w)", text[spot.end():]):
            return None  # "the substance", "trimetazidine, a banned substance": named
        said = said or text[m.start(): spot.end()]
    return said


def new_name(question: str, text: str) -> str | None:
    """The first capitalised word of the sentence that is not the question's own, not a title
    and not the sentence's opening word: a name the question does not already give.

    >>> q = "What was the name of the pirate gang that killed Sir Peter Blake?"
    >>> new_name(q, "Mr Blake, 53, was aboard when pirates attacked."), new_name(q, "The gang, "
    ... "known as the Water Rats, fled.")
    (None, 'Water')
    >>> new_name(q, "Six midwives were suspended in Sydney."), new_name("What is the name of the "
    ... "city where they were suspended?", "Six midwives were suspended in Sydney.")
    (None, 'Sydney')
    """
    # (a title in quotes is its words: "'Wheel of Fortune' host" names Wheel and Fortune)
    asked = {w.lower().strip("'’") for w in re.findall(r"[\w'’-]+", question)}
    # A place names where, unless a place is what is named ("the name of the city").
    places_name = bool(asked & PLACE_NOUNS)
    for m in re.finditer(r"\b[A-Z][\w'’-]*", text):
        before = text[: m.start()].rstrip(" “\"‘'(")
        word = m.group(0).lower().removesuffix("'s").removesuffix("’s").strip("'’")
        if before and before[-1] not in ".!?:" and word not in asked \
                and word not in STOPWORDS and word not in TITLE_WORDS \
                and (places_name or not is_place(word)):
            return m.group(0)
    return None


def names_anything_new(question: str, text: str) -> bool:
    """Does the sentence name something the question does not: a new name (new_name), or a run
    of capitalised words none of which the question has, also where the sentence starts
    ("Wells Fargo fixes outage issue")?

    >>> names_anything_new("Which bank had an outage?", "Wells Fargo fixes outage issue")
    True
    >>> names_anything_new("At which hospital did 'Wheel of Fortune' host Pat Sajak have "
    ...                    "surgery?", "Legendary 'Wheel of Fortune' host Pat Sajak is recovering")
    False
    """
    if new_name(question, text):
        return True
    asked = {w.lower().strip("'’") for w in re.findall(r"[\w'’-]+", question)}
    for m in re.finditer(r"\b[A-Z][\w’'-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w’'-]*)+", text):
        words = [w.lower().strip("'’") for w in m.group(0).split() if w[:1].isupper()]
        if not any(w in asked for w in words):
            return True
    return False


def quoted(e: Evidence) -> str:
    """The sentence in quotes; a reader comment says whose, from its header line."""
    if e.author:
        when = f", {month_label(e.posted)}" if e.posted else ""
        return f'{e.author} (reader comment{when}): "{e.text}"'
    return f'"{e.text}"'


# "Which commenter brought up Dokdo?", "which reader ...": the answer is a comment's author.
ASKS_COMMENTER = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:commenter|reader|"
                            r"commentator)s?\b", re.I)


def speaking_commenter(question: str, authors: Iterable[str]) -> str | None:
    """The reader whose comment a question asks about ("What does commenter qiuwei say ...?",
    "According to reader Patrick KT, ..."); not one it names otherwise ("who replied to George
    Bruce?" asks for someone else).

    >>> speaking_commenter("According to reader Patrick KT, how old is the rivalry?",
    ...                    ["qiuwei", "Patrick KT"])
    'Patrick KT'
    >>> speaking_commenter("who replied to George Bruce's big fish comment", ["George Bruce"])
    """
    for name in dict.fromkeys(authors):
        n = re.escape(name)
        titled = r"(?:(?:the\s+)?(?:reader|commenter)\s+)?"
        says = r"(?:say|says|said|write|writes|wrote|think|thinks|argue|argues|claim|claims)"
        if re.search(rf"\baccording to {titled}{n}\b|\b(?:reader|commenter)\s+{n}\s+{says}\b"
                     rf"|\b(?:does|did|do)\s+{titled}{n}\s+{says}\b", question, re.I):
            return name
    return None


# A quiz's fill-in: the last words before the blank ("... since at least:", "held by ...")
BLANK_LEAD = re.compile(r"((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s*(?::|\.\.\.|…|_+)\s*$")


def fill_blank(question: str, text: str) -> str | None:
    """What follows, in the sentence, the words a fill-in question ends with: a quiz writes
    the blank where the report has the answer.

    >>> fill_blank("It has been the most populous nation since at least:", "China has been "
    ...            "the world's most populous nation since at least 1950, and it grew.")
    '1950'
    >>> fill_blank("When did it happen?", "It happened in 1950.")
    """
    lead = BLANK_LEAD.search(question)
    if not lead:
        return None
    m = re.search(rf"\b{re.escape(lead.group(1))}\s+([^,;.:]{{1,60}}?)(?=[,;.:]|\s+and\b|$)",
                  text, re.I)
    return m.group(1).strip() if m else None


def short_answer(query: Query, best: Evidence) -> str | None:
    """A typed short answer from one sentence, or None when the type has none."""
    if (filled := fill_blank(query.text, best.text)) is not None:
        return filled
    if (best.author and COMMENT_WORDS.search(query.text)
            and (query.type == "who" or ASKS_COMMENTER.search(query.text))
            and best.author.lower() not in query.text.lower()):
        return best.author  # "which commenter ...": the comment's author
    if not best.author and ASKS_COMMENTER.search(query.text):
        return None  # the article's own text names no commenter (its author's bio line)
    return {
        "when": _short_when,
        "numeric": _short_numeric,
        "who": _short_who,
        "where": _short_where,
        "which": _short_which,
    }.get(query.type, lambda q, b: None)(query, best)


# "As written by The Commercial Appeal's John Beifuss": the writer of what is quoted
_WRITER = re.compile(r"\b(?:written|reported|edited|compiled)\s+by\s+(?:[\w’'.-]+\s+){0,4}$", re.I)


# "The win was which World Cup win of her career?": which one in a count, an ordinal
_ASKS_ORDINAL = re.compile(r"\b(?:was|is|were|are|marks?|marked)\s+(?:the\s+|her\s+|his\s+|"
                           r"their\s+|its\s+)?which\b", re.I)
_ORDINAL_WORD = (r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                 r"ninth|tenth|eleventh|twelfth|\w+tieth|\w+-(?:first|second|third|\w+th))")


_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
             "twentieth").split()


def _ordinal_number(word: str) -> int | None:
    """3 for "third" or "3rd"; None for an ordinal written otherwise ("forty-first")."""
    w = word.lower()
    if w in _ORDINALS:
        return _ORDINALS.index(w) + 1
    return int(w[:-2]) if re.fullmatch(r"\d+(?:st|nd|rd|th)", w) else None


# "the third Republican presidential primary debate": an ordinal, up to three words, a noun
_ORDINAL_THING = re.compile(rf"\b({_ORDINAL_WORD})\s+((?:[\w’'-]+\s+){{0,3}}?)([a-z]+)\b", re.I)


def _unquoted(question: str) -> str:
    """The question without what it quotes: an ordinal in quotes is part of a title ("who holds
    the title of 'first Thanksgiving'"), not a count."""
    return re.sub(r"(?<!\w)['‘\"“][^'’\"”]{2,80}?['’\"”](?!\w)", " ", question)


def _numbered(question: str, text: str) -> list[tuple[int, set[int]]]:
    """For each thing the question numbers ("the third ... debate"): its number, and the
    numbers the sentence gives a thing of that noun (`_unquoted`)."""
    out = []
    for m in _ORDINAL_THING.finditer(_unquoted(question)):
        number, noun = _ordinal_number(m.group(1)), m.group(3).lower()
        if number is None or noun in STOPWORDS or len(noun) < 2:
            continue
        head = rf"(?:{re.escape(noun)}|{re.escape(noun.removesuffix('s'))}s?)"
        found = {_ordinal_number(o.group(1)) for o in re.finditer(
            rf"\b({_ORDINAL_WORD})\s+(?:[\w’'-]+\s+){{0,3}}?{head}\b", text, re.I)}
        found.discard(None)
        out.append((number, {f for f in found if f is not None}))
    return out


def other_ordinal(question: str, text: str) -> bool:
    """Does the sentence number the question's numbered thing otherwise only ("the fourth
    Republican debate" for a question about the third)? It is about another one.

    >>> q = "Where will the third Republican presidential primary debate be held?"
    >>> other_ordinal(q, "The fourth Republican presidential primary debate is on Dec. 6.")
    True
    >>> other_ordinal(q, "The third debate, after the second in Simi Valley, is in Miami.")
    False
    >>> other_ordinal(q, "The debate will be held at the Arsht Center.")
    False
    """
    return any(found and number not in found for number, found in _numbered(question, text))


def same_ordinal(question: str, text: str) -> bool:
    """Does the sentence number the question's numbered thing the same way ("The first
    Hy-Vee-owned Wahlburgers ... will be in West Des Moines")? Then it is about that one, where
    others speak of the kind ("bring Wahlburgers restaurants to Sioux Falls"). Any of the
    three words after the question's ordinal may name the thing ("the second GOP primary
    debate" is "the second Republican presidential primary debate").

    >>> q = "Where will the first Hy-Vee-owned Wahlburgers restaurant be located?"
    >>> same_ordinal(q, "The first Hy-Vee-owned Wahlburgers will be in West Des Moines.")
    True
    >>> same_ordinal(q, "Hy-Vee will bring Wahlburgers restaurants to Sioux Falls.")
    False
    >>> same_ordinal("Who moderated the second GOP primary debate?", "They will moderate the "
    ...              "second Republican presidential primary debate.")
    True
    """
    unquoted = _unquoted(question)
    for m in re.finditer(rf"\b({_ORDINAL_WORD})\s+", unquoted, re.I):
        number = _ordinal_number(m.group(1))
        words = {w.lower() for w in re.findall(r"[\w’'-]+", unquoted[m.end():])[:3]} - STOPWORDS
        if number is None or not words:
            continue
        for o in re.finditer(rf"\b({_ORDINAL_WORD})\s+((?:[\w’'-]+\s+){{0,3}}[\w’'-]+)", text,
                             re.I):
            if _ordinal_number(o.group(1)) == number and words & set(o.group(2).lower().split()):
                return True
    return False


def ordinal_of(kind: str, text: str) -> str | None:
    """The ordinal the sentence gives a thing of the kind ("the 71st World Cup win").

    >>> ordinal_of("win", "It was the 71st World Cup win of Vonn's career.")
    '71st'
    >>> ordinal_of("win", "Vonn won a World Cup giant slalom on Saturday.")
    """
    m = re.search(rf"\b({_ORDINAL_WORD})\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(kind)}(?:e?s)?\b",
                  text, re.I)
    return m.group(1) if m else None


def kind_modifier(kind: str, question: str, text: str) -> str | None:
    """"What kind of accident": the words before the noun say which kind ("a biking accident"),
    unless the question has them already.

    >>> kind_modifier("accident", "What kind of accident was it?", "He is recovering from a "
    ... "biking accident in Europe.")
    'biking accident'
    >>> kind_modifier("accident", "What kind of car accident was it?", "It was a car accident.")
    >>> kind_modifier("accident", "What kind of accident was it?", "The accident was bad.")
    """
    asked = set(content_terms(question))
    for m in re.finditer(rf"\b(?:a|an|the|his|her|its|their)\s+((?:[a-z][\w-]*\s+){{1,2}}?)"
                         rf"{re.escape(kind)}s?\b", text):
        words = [w for w in m.group(1).split() if w not in STOPWORDS]
        if words and not set(words) <= asked:
            return f"{' '.join(words)} {kind}"
    return None


def kind_form(kind: str, question: str, text: str) -> str | None:
    """"What weapons did they fire": news names a thing of the kind by another word for it
    (kind_forms in words.toml), with the word before that says which ("firing hypersonic
    missiles"), unless the question has that word already or it is a verb.

    >>> kind_form("weapons", "What weapons did they fire?", "It fired hypersonic missiles.")
    'hypersonic missiles'
    >>> kind_form("weapons", "What weapons did they fire?", "It fired missiles.")
    'missiles'
    >>> kind_form("weapons", "What weapons did they fire?", "It bought weapons."), kind_form(
    ...     "weapons", "Which hypersonic weapons did they fire?", "It fired hypersonic missiles.")
    (None, 'missiles')
    """
    forms = [f for f in KIND_FORMS.get(kind, ()) if f != kind]
    if not forms:
        return None
    asked = set(content_terms(question))
    alts = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    m = re.search(rf"(?:\b([a-z][\w-]*)\s+)?\b({alts})\b", text)
    if m is None:
        return None
    before = m.group(1)
    # (a verb before it says what was done with the thing: "fired missiles", "launching drones")
    keep = before and before not in STOPWORDS and before not in asked \
        and not re.search(r"(?:ed|ing)$", before)
    return f"{before} {m.group(2)}" if keep else m.group(2)


_ASKS_KIND_OF = re.compile(r"\b(?:which|what)\s+(?:kind|type|sort|make|model)s?\s+of\b", re.I)


def _bio_writer(question: str, after: str) -> bool:
    """Does the phrase after a name make it an author's bio line ("Stephany Matat is a politics
    reporter for The Palm Beach Post")? The writer is no answer, unless writers are asked for.

    >>> _bio_writer("Which candidate did he endorse?", " is a politics reporter for The Post.")
    True
    >>> _bio_writer("Which reporter broke the story?", " is a politics reporter for The Post.")
    False
    >>> _bio_writer("Which candidate won?", " is a former senator.")
    False
    """
    said = re.match(rf"\s+is\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{_WRITER_NOUN})\b", after)
    return bool(said) and not WRITER_NOUNS & set(content_terms(question))


_WRITER_NOUN = "|".join(sorted(WRITER_NOUNS, key=len, reverse=True))


def _short_which(query: Query, best: Evidence) -> str | None:
    """"In which district?": the name the sentence gives a district; "what are the names of
    the guides?": a person's name; "was which win of her career": an ordinal."""
    if query.kind and _ASKS_ORDINAL.search(asking_clause(query.text)):
        return ordinal_of(query.kind, best.text)
    if query.kind in PERSON_NOUNS and ASKS_NAME.search(query.text):
        if re.search(r"\bnames\b", query.text, re.I):  # "the names of the two guides"
            return " and ".join(people_named(query.text, best.text)) or None
        return person_named(query.text, best.text)
    # ("what is the name of the AI chip": the name before the kind noun counts, as in the
    # check that a passage names it)
    if not query.kind:
        return None
    # "what kind of air force jet": the name before the noun is the kind ("An F-22 Raptor jet")
    named = kind_name(query.kind, query.text, best.text, named=bool(
        ASKS_NAME.search(query.text) or _ASKS_KIND_OF.search(query.text)))
    if named and ASKS_NAME.search(query.text) and re.search(
            rf"\b(?:a|an)\s+{re.escape(named)}\s+{re.escape(query.kind)}", best.text, re.I):
        named = None  # "the name of the school": "a Toowoomba Anglican school" names none
    if named is None and _ASKS_KIND_OF.search(query.text):
        named = kind_modifier(query.kind, query.text, best.text)
    if named is None and query.kind in TYPED_KINDS:
        named = kind_form(query.kind, query.text, best.text)
    if named is None and query.kind in TITLED_KINDS:
        # "Which Dav Pilkey title was the bestseller?": a work's title in quotes ("Dog Man:
        # Mothering Heights"), not one the question gives
        named = quoted_title(query.text, best.text)
    if named is None and query.kind in PERSON_NOUNS:
        # "which pro wrestler desegregated the auditorium?": a person, named without the noun
        # ("Sputnik Monroe, a pro wrestler, desegregated Ellis Auditorium"): the first person
        # the sentence names, unless that is the writer a quotation is credited to ("As written
        # by The Commercial Appeal's John Beifuss: ..."), whose quotation may name anyone
        first = person_named(query.text, best.text)
        # (a run of more than three words has more than a name: "White House Executive Chef
        # Cris Comerford" is introduced by another job than the one asked; an author's bio line
        # names the writer)
        return None if first is None or len(first.split()) > 3 \
            or _WRITER.search(best.text[: best.text.find(first)]) \
            or _bio_writer(query.text, best.text[best.text.find(first) + len(first):]) \
            else first
    return named
