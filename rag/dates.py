"""Dates in news text: an article's publication date, and the dates its sentences refer to.

Sentence dates are ISO prefixes at the precision the text gives: "2014", "2014-07", "2014-07-03".
Relative expressions ("on Tuesday", "last November", "this year") resolve against the article's
publication date; without one they are left unresolved rather than guessed.

Why regexes and not dateparser.search_dates: search_dates finds "May" the verb and "March" the
walk, is slow, and cannot tell a weekday reference's direction; news prose uses a handful of forms.
dateutil normalises the strings the patterns find.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTH_DAY_YEAR = rf"{MONTH} \d{{1,2}},? \d{{4}}"
DAY_MONTH_YEAR = rf"\d{{1,2}} {MONTH},? \d{{4}}"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_FULL_RE = re.compile(
    rf"\b(?:(?P<m1>{MONTH}) (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{MONTH}),? (?P<y2>\d{{4}}))\b"
)
_NUMERIC_RE = re.compile(
    r"(?<![\d/.-])((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])(?![\d/])")
_MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{MONTH}),? (?P<y>(?:19|20)\d\d)\b")
# ("early-2023", "mid-2010s": a year after a word and a hyphen is still a year)
# ("1979-1989": both ends of a span of years are years; "2014-15" is a season, no year)
_YEAR_RE = re.compile(r"(?:(?<![\d$£€.,/-])|(?<=[a-z]-)|(?<=\d{4}-)|(?<=\d{4}–))((?:19|20)\d\d)"
                      r"(?![\d%]|\.\d|-(?!(?:19|20)\d\d\b)\d)")
# "June 4" with no year after it (a year would make it a _FULL_RE match).
_MONTH_DAY_RE = re.compile(rf"\b(?P<m>{MONTH}) (?P<d>[0-3]?\d)\b(?!,? \d{{4}})(?!\d)")
_DATELINE_RE = re.compile(rf"^[A-Z][A-Z/ ,.-]+, (?P<m>{MONTH}) (?P<d>\d{{1,2}}) \((?P<src>[^)]+)\)")
# A date something is scheduled for: "is set for", "is scheduled for", "will be held on"
# ("the Olympics, which start on Feb. 9", written in October: a schedule in the present tense)
_AHEAD = re.compile(r"\b(?:(?:is|are|was|were|been)\s+(?:set|scheduled|slated|due|planned)|will\s+"
                    r"(?:be\s+held|take\s+place|begin|start|open|air|premiere)|"
                    r"(?:starts?|begins?|opens?|kicks?\s+off|premieres?))\s+(?:for|on)\s+"
                    r"(?:\w+,?\s+)?$", re.I)
_RELATIVE_RE = re.compile(
    r"\b(?P<rel>last|this|next|earlier this|later this)\s+"
    r"(?P<unit>year|month|week|"
    + "|".join(WEEKDAYS)
    + r"|january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|\b(?:on|since|until|by)\s+(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
    r"|\b(?P<day>yesterday|today)\b"
    r"|\b(?:(?:in|since|until|from|by|of|late|early|mid)\s+|mid-)(?P<bare>" + MONTH
    + r")(?![\w.]* \d)",
    re.IGNORECASE,
)


# AP style drops the "on" before a past-tense verb: "President Joe Biden Thursday signed ..."
# (regular forms, and the reporting verbs news uses most)
_AP_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(w.title() for w in WEEKDAYS) + r")\s+(?="
                         r"(?:[a-z]{2,}ed|said|told|met|won)\b)")


# ... and before a schedule: "The funeral will be held Thursday" is the coming Thursday
_AP_AHEAD = re.compile(r"\b(?:will\s+(?:be\s+held|take\s+place|begin|start|open|air|premiere)|"
                       r"(?:is|are)\s+(?:set|scheduled|slated|due))\s+(?P<wd>"
                       + "|".join(w.title() for w in WEEKDAYS) + r")\b")


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_full(text: str) -> str | None:
    """First explicit day-month-year date in `text`, as ISO.

    >>> parse_full("Published: 09 Jun. 2025, 07:00")
    '2025-06-09'
    >>> parse_full("Asia-Pacific Research, March 28, 2024")
    '2024-03-28'
    >>> parse_full("Published: 2023/01/05"), parse_full("Posted 2014-07-03T09:00Z")
    ('2023-01-05', '2014-07-03')
    """
    iso = _NUMERIC_RE.search(text)  # year first is unambiguous: 2023-01-05, 2023/01/05
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            pass
    for m in _FULL_RE.finditer(text):
        month, day, year = (m.group("m1"), m.group("d1"), m.group("y1")) if m.group("m1") else (
            m.group("m2"), m.group("d2"), m.group("y2"))
        try:
            return dt.date(int(year), month_number(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


# "at about 12:30am", "at 11:55 a.m.", "3pm": a time of day. A bare "12:30" is as often a
# score or a ratio, so it counts only with am/pm.
_CLOCK_RE = re.compile(r"\b(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b)"
                       r"|\b(?:midnight|midday|noon)\b", re.I)
# "March 7", "7 March": a day of a month, with or without a year.
_DAY_MONTH_RE = re.compile(
    rf"\b(?:{MONTH} [0-3]?\d\b(?!\d)(?:,? \d{{4}})?|[0-3]?\d {MONTH}(?:,? \d{{4}})?)")


def clock_times(text: str) -> list[tuple[str, int]]:
    """(time of day, char position) for each time the text gives.

    >>> clock_times("The quake, which occurred at about 12:30am, followed one in September.")
    [('12:30am', 35)]
    >>> clock_times("The call began at 11:30 a.m. on Tuesday; Seoul won 3:1.")
    [('11:30 a.m.', 18)]
    """
    return [(m.group(0), m.start()) for m in _CLOCK_RE.finditer(text)]


def unresolved(text: str) -> str | None:
    """A weekday or a month the text says something happens on or in, as written, when there is
    no date to resolve it against: undated wire copy says when with "next Tuesday's draft" and
    "elections are not scheduled until March".

    >>> unresolved("He will nominate for next Tuesday's pre-season draft."), unresolved(
    ...     "Fresh elections are not scheduled until March.")
    ('next Tuesday', 'March')
    >>> unresolved("It was recorded, possibly in Kandahar in mid-November, the Pentagon said.")
    'November'
    >>> unresolved("He said this year was hard; May the talks go well."), unresolved("Today.")
    (None, None)
    """
    for m in _RELATIVE_RE.finditer(text):
        unit = (m.group("unit") or "").lower()
        if m.group("wd") or m.group("bare"):
            return m.group("wd") or m.group("bare").rstrip(".")
        if unit and unit not in ("year", "month", "week"):
            return m.group(0)
    return None


_FROM_NOW = re.compile(
    r"\b(?:in|within)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|another\s+|"
    r"the next\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a few|several|a couple of)\s+(?:days?|weeks?|months?|years?)\b", re.I)


def from_now(text: str) -> str | None:
    """A time counted from the report ("will meet in about four weeks"): when something planned
    happens, as undated news says it.

    >>> from_now("A committee will meet in about four weeks to work on the next step.")
    'in about four weeks'
    >>> from_now("He spent four weeks in hospital.")
    """
    m = _FROM_NOW.search(text)
    return m.group(0) if m else None


_ONE_WEEKDAY = r"\b(?:" + "|".join(w.title() for w in WEEKDAYS) + r")\b"
# "on Thursday and Friday", "Monday, Tuesday or Wednesday": the days one event takes
_WEEKDAY_NAME = re.compile(rf"{_ONE_WEEKDAY}(?:(?:,\s*|\s+(?:and|or|to)\s+){_ONE_WEEKDAY})*")


def weekday_named(text: str) -> str | None:
    """The first weekday the text names ("set fire to his sneakers Saturday"): what "on which
    day" asks when no date is given.

    >>> weekday_named("He tried to set fire to his sneakers Saturday."), weekday_named("Today.")
    ('Saturday', None)
    >>> weekday_named("The stoppage will occur on Thursday and Friday.")
    'Thursday and Friday'
    """
    m = _WEEKDAY_NAME.search(text)
    return m.group(0) if m else None


def day_of_month(text: str) -> str | None:
    """The first day of a month the text names, as written, even with no year to make it a
    date ("on March 7" in an undated article answers "when").

    >>> day_of_month("Freeman will return at the Melbourne Track Classic on March 7.")
    'March 7'
    >>> day_of_month("It was 2 January 2002."), day_of_month("In March 2002 it rained.")
    ('2 January 2002', None)
    """
    days = days_of_month(text)
    return days[0][0] if days else None


def days_of_month(text: str) -> list[tuple[str, int]]:
    """(day of a month as written, char position) for each the text names."""
    return [(m.group(0), m.start()) for m in _DAY_MONTH_RE.finditer(text)]


def month_days(text: str) -> set[tuple[int, int]]:
    """(month, day) of each day of a month the text names.

    >>> sorted(month_days("Why was the June 12 summit moved to 5 July, 2019?"))
    [(6, 12), (7, 5)]
    """
    found = set()
    for m in _DAY_MONTH_RE.finditer(text):
        month = re.search(MONTH, m.group(0))
        day = re.search(r"\b[0-3]?\d\b", m.group(0))
        if month and day and 1 <= int(day.group(0)) <= 31:
            found.add((month_number(month.group(0)), int(day.group(0))))
    return found


def years(text: str) -> list[int]:
    """Four-digit years (1900–2099) mentioned in `text`, excluding amounts like $2014.

    >>> years("In Zelenskyy's early-2023 shake-up, not the $2014 budget")
    [2023]
    >>> years("caves used during the 1979-1989 war"), years("the 2014-15 season")
    ([1979, 1989], [])
    """
    return [int(y) for y in _YEAR_RE.findall(text)]


@dataclass(frozen=True)
class ArticleDate:
    date: str | None
    basis: str  # printed | dateline | comments | unknown
    year_bound: int | None


def article_date(header: list[str], body: list[str], comment_dates: list[str]) -> ArticleDate:
    """Publication date from the header, a news dateline, or dated reader comments.

    Order: a full date printed in the first lines; a wire dateline ("SEOUL, June 10 (Reuters)")
    whose year is the latest year the article mentions; the earliest reader comment (an upper
    bound: the article is at least that old). Otherwise unknown, with the latest year mentioned.
    """
    mentioned = [y for line in body for y in years(line)]
    bound = max(mentioned) if mentioned else None
    for line in header:
        if len(line) <= 120 and (iso := parse_full(line)):
            return ArticleDate(iso, "printed", None)
    for line in body:
        m = _DATELINE_RE.match(line)
        if m and bound:
            try:
                day = dt.date(bound, month_number(m.group("m")), int(m.group("d")))
                return ArticleDate(day.isoformat(), "dateline", bound)
            except ValueError:
                pass
    parsed = sorted(p for c in comment_dates if (p := parse_full(c)))
    if parsed:
        return ArticleDate(parsed[0], "comments", None)
    return ArticleDate(None, "unknown", bound)


def _weekday_before(anchor: dt.date, weekday: int) -> dt.date:
    """The most recent `weekday` on or before the anchor (news "on Tuesday" is the past week)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The next `weekday` on or after the anchor (what "will be held on Thursday" means)."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def sentence_dates(sentence: str, anchor: str | None) -> list[str]:
    """ISO dates/months/years a sentence refers to; relative ones resolve against `anchor`.

    >>> sentence_dates("Xi visited Seoul in July 2014.", None)
    ['2014-07']
    >>> sentence_dates("Lee hosted Xi on Tuesday.", "2025-06-12")
    ['2025-06-10']
    >>> sentence_dates("visa-free travel for Korean visitors last November", "2025-06-09")
    ['2024-11']
    >>> sentence_dates("Lee took office on June 4 after winning the snap election.", "2025-06-10")
    ['2025-06-04']
    >>> sentence_dates("In their first call since Lee took office last week", "2025-06-10")
    ['2025-06']
    """
    return list(dict.fromkeys(iso for iso, _ in mentions(sentence, anchor)))


def mentions(sentence: str, anchor: str | None) -> list[tuple[str, int]]:
    """(ISO date, char position) for each date expression in the sentence, in match order.

    >>> mentions("Han's September 2023 visit raised hopes of Xi's first visit since 2014.", None)
    [('2023-09', 6), ('2014', 66)]
    >>> mentions("They met in Busan at the end of November.", "2024-03-28")
    [('2023-11', 29)]
    >>> mentions("He invited Xi to the summit in November.", "2025-06-10")
    [('2025-11', 28)]
    >>> mentions("The first debate is set for Sept. 16 at Texas State.", "2023-11-21")
    [('2024-09-16', 28)]
    >>> mentions("The Olympics, which start on Feb. 9 in Pyeongchang.", "2017-10-20")
    [('2018-02-09', 29)]
    >>> mentions("President Joe Biden Thursday signed the bill.", "2021-06-18")
    [('2021-06-17', 20)]
    >>> mentions("The funeral will be held on Thursday in St. Peter's Square.", "2022-12-31")
    [('2023-01-05', 25)]
    >>> mentions("The vote is scheduled Thursday.", "2022-12-31")
    [('2023-01-05', 22)]
    >>> mentions("The funeral was held on Thursday in St. Peter's Square.", "2022-12-31")
    [('2022-12-29', 21)]
    """
    found: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []

    def add(iso: str, span: tuple[int, int]) -> None:
        spans.append(span)
        found.append((iso, span[0]))

    for m in _FULL_RE.finditer(sentence):
        if iso := parse_full(m.group(0)):
            add(iso, m.span())
    for m in _MONTH_YEAR_RE.finditer(sentence):
        if not any(a <= m.start() < b for a, b in spans):
            add(_iso(int(m.group("y")), month_number(m.group("m"))), m.span())
    ref = dt.date.fromisoformat(anchor) if anchor and len(anchor) == 10 else None
    if ref is not None:  # "on June 4" in an article dated 2025-06-10: 2025-06-04
        for m in _MONTH_DAY_RE.finditer(sentence):
            if any(a <= m.start() < b for a, b in spans):
                continue
            mon, dom = month_number(m.group("m")), int(m.group("d"))
            with contextlib.suppress(ValueError):
                when = dt.date(ref.year, mon, dom)
                if when > ref + dt.timedelta(days=183):  # "on December 3" written in January
                    when = dt.date(ref.year - 1, mon, dom)
                elif when < ref and _AHEAD.search(sentence[max(0, m.start() - 40): m.start()]):
                    # "the debate is set for Sept. 16", written in November: next September's
                    when = dt.date(ref.year + 1, mon, dom)
                add(when.isoformat(), m.span())
    for m in _RELATIVE_RE.finditer(sentence):
        if ref is None or any(a <= m.start() < b for a, b in spans):
            continue
        if m.group("day"):
            delta = 1 if m.group("day").lower() == "yesterday" else 0
            add((ref - dt.timedelta(days=delta)).isoformat(), m.span())
        elif m.group("wd"):
            weekday = WEEKDAYS.index(m.group("wd").lower())
            if _AHEAD.search(sentence[max(0, m.start("wd") - 40): m.start("wd")]):
                # "the funeral will be held on Thursday", written on a Saturday: the coming one
                add(_weekday_after(ref, weekday).isoformat(), m.span())
            else:
                add(_weekday_before(ref, weekday).isoformat(), m.span())
        elif m.group("bare"):
            # "at the end of November" in an article of March 2024 is November 2023: more
            # than six months ahead is last year's, as for "on December 3" above.
            mon = month_number(m.group("bare"))
            add(_iso(ref.year - 1 if mon - ref.month > 6 else ref.year, mon), m.span())
        else:
            rel, unit = m.group("rel").lower(), m.group("unit").lower()
            shift = {"last": -1, "next": 1}.get(rel, 0)
            if unit == "year":
                add(_iso(ref.year + shift), m.span())
            elif unit == "month":
                month = ref.month + shift
                year = ref.year + (month - 1) // 12
                add(_iso(year, (month - 1) % 12 + 1), m.span())
            elif unit == "week":  # "last week" names no day: keep only the month it falls in
                day = ref + dt.timedelta(weeks=shift)
                add(_iso(day.year, day.month), m.span())
            elif unit in WEEKDAYS:
                day = _weekday_before(ref, WEEKDAYS.index(unit))
                if rel == "next":
                    day += dt.timedelta(days=7)
                add(day.isoformat(), m.span())
            else:
                month = month_number(unit)
                year = ref.year
                if rel == "last" and month >= ref.month:
                    year -= 1
                elif rel == "next" and month <= ref.month:
                    year += 1
                add(_iso(year, month), m.span())
    for m in _AP_WEEKDAY.finditer(sentence):
        if ref is not None and not any(a <= m.start() < b for a, b in spans):
            add(_weekday_before(ref, WEEKDAYS.index(m.group("wd").lower())).isoformat(), m.span())
    for m in _AP_AHEAD.finditer(sentence):
        if ref is not None and not any(a <= m.start("wd") < b for a, b in spans):
            add(_weekday_after(ref, WEEKDAYS.index(m.group("wd").lower())).isoformat(),
                m.span("wd"))
    for m in _YEAR_RE.finditer(sentence):
        if not any(a <= m.start() < b for a, b in spans):
            add(m.group(1), m.span())
    return found
