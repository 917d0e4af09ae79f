"""The default answerer: no LLM. It answers from the evidence sentences it retrieved.

How one answer is chosen, top to bottom in this file:

1. Hard constraints. A name, year or figure the question is about must appear somewhere in the
   evidence (sentences or their headlines; a spelled-out name may appear as its short form,
   "G7"); if one never does, abstain and name it.
2. Choice questions ("Options: a; b; c", "...: A, B or C?") pick the option the evidence model
   supports best (rag/choice.py) and quote the sentence that names it.
3. Otherwise the best sentence by the fitted evidence model (rag/evidence.py, rag/scorer.py).
   Below the fitted threshold, abstain: the closest passages do not answer it. A typed question
   that no good sentence can answer (no date for "when", no figure for "how many", not the exact
   day asked for) abstains too, and so does one whose best sentence says that what it asks
   about has not happened ("they have not yet had a face-to-face talk"), or one that asks what
   was agreed, said, signed or given as a sentence (or whether something was won) when no
   sentence shown reports such an act.
4. Show 1-3 sentences: the best, then other articles' sentences that also pass the threshold;
   comparisons one per side. ("Latest"/"earliest" weigh in as features of the evidence model.)
5. The short answer is the date, figure, name or place the best sentence gives (rag/spans.py).
   A quote that names its subject only indirectly ("The show...", "He...") carries its headline.
   Notes say where sources disagree, where a later event happened elsewhere, and when the best
   claim comes from an undated article.

Every word shown besides the short answer, the headline labels and the notes is a verbatim quote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence

from .. import compare
from .. import scorer as fitted
from ..choice import named, rank_options
from ..cite import cite
from ..dates import (
    MONTH,
    WEEKDAYS,
    clock_times,
    day_of_month,
    days_of_month,
    mentions,
    weekday_named,
)
from ..dates import MONTHS as MONTH_WORDS
from ..dates import years as years_in
from ..places import (
    capital_or_country,
    countries_named,
    demonyms,
    is_place,
    nations,
    same_country,
    state_pattern,
)
from ..query import (
    ASKS_LENGTH,
    ASKS_LEVEL,
    Query,
    asked_act,
    asking_clause,
    cited_only,
    compares_yes_no,
    comparison_order,
    comparison_wording,
    described_dates,
    statement,
)
from ..spans import (
    ASKS_DAY_OF_WEEK,
    ASKS_NAME,
    BLANK_LEAD,
    MONEY,
    MONTH_NAMED,
    PERCENT,
    about_reference,
    age_asked,
    asked_month,
    asked_nation,
    asks_change,
    asks_several,
    asks_weekday,
    change_figure,
    counts,
    counts_people_not_asked,
    counts_the_asked,
    date_near,
    fill_blank,
    forecast,
    in_a_date,
    in_asked_unit,
    lasts,
    measures,
    month_label,
    month_named,
    names_anything_new,
    names_asked,
    new_name,
    opposite,
    other_country,
    other_kind,
    other_nationals,
    other_ordinal,
    past_for_ahead,
    previous_time,
    reference_year,
    reversed_flow,
    role,
    same_ordinal,
    short_answer,
    since_only,
    speaking_commenter,
    unnamed,
    wanted_unit,
    with_time_unit,
)
from ..text import (
    COMMENT_WORDS,
    CREDIT_VERBS,
    EVENT_NOUNS,
    HONORIFICS,
    INDIRECT_START,
    KIND_FORMS,
    LANGUAGES,
    NAME,
    NAME_SUFFIXES,
    NAMED_KINDS,
    NAMED_ROLES,
    NUMBER,
    OF_KINDS,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACE_CUE,
    PLACE_NOUNS,
    QUOTATION,
    QUOTED_KINDS,
    SIZED_KINDS,
    STOPWORDS,
    TITLE_WORDS,
    TITLED_KINDS,
    TOWARDS,
    UNITS,
    acronym,
    capitalised_in,
    content_terms,
    denies,
    hedged,
    is_country,
    measured,
    misspelt_in,
    names_act,
    not_happened,
    numbers_in,
    plain,
    reports,
    spelled,
    stem,
    stems,
    term_present,
    term_spots,
    to_be_held,
)
from ..types import CANNOT_ANSWER, Answer, Citation, Claim, Evidence, answer_text

__all__ = ["CANNOT_ANSWER", "compose", "missing_constraints"]

MAX_EVIDENCE = 3  # sentences shown: the best and up to two more from other articles
CLOSEST = 2  # sentences shown when abstaining
CONTEXT_POOL = 10  # best sentences searched for dated reporting beside an undated claim


def _seen(e: Evidence) -> tuple[str, set[str]]:
    text = f"{e.chunk.title}\n{e.text}"
    return text.lower(), stems(text)


def missing_constraints(query: Query, ranked: Sequence[Evidence]) -> list[str]:
    """What the question is about that no evidence sentence (or its headline) mentions:
    names, years and figures the question states, as the question writes them."""
    seen = [_seen(e) for e in ranked]
    missing = []
    # "the Group of Seven" is "the G7" in most reports: its words are there as the short form
    runs = [m.group(0) for m in _NAME_RUN.finditer(query.text)]
    short = {w.lower() for run in runs if (a := acronym(run))
             and any(re.search(rf"(?<![\w-]){a}(?!\w)", low) for low, _ in seen)
             for w in run.split()}
    for name in query.entities:
        if _describes_answer(query, name):
            continue
        countries = nations(name) or nations(name.removesuffix("s"))
        if countries and any(re.search(rf"\b{re.escape(c)}\b", low) for c in countries
                             for low, _ in seen):
            continue  # "the Americans" are there when "the United States" is
        if countries and any(same_country(c, d) for e in ranked
                             for d in countries_named(f"{e.chunk.title}\n{e.text}")
                             for c in countries):
            continue  # ... and when "Vermont" or "the U.S." is
        state = state_pattern(name)
        if state and any(state.search(low) for low, _ in seen):
            continue  # "Rhode Island" is there when "Rep. David Cicilline, D-R.I." is
        other = capital_or_country(name)
        if other and not _PLACE_OF.search(query.text.split(name)[0]) \
                and any(re.search(rf"\b{re.escape(other)}\b", low) for low, _ in seen):
            continue  # "Seoul's envoy to Moscow": an ambassador to Russia (not "visit Pyongyang")
        # (a name typed from memory, one letter off, is still that name: "Ishba" for Ishiba)
        if not set(name.lower().split()) <= short and not any(
                any(term_present(k, low, st) or misspelt_in(k, low) for k in _keys(name))
                for low, st in seen):
            missing.append(name)
    # A year is absent only when every article is dated: an undated article may be from it.
    all_dated = all(e.chunk.date for e in ranked)
    for year in query.years:
        y = str(year)
        # (a report dated that year is about it: "Zelenskyy's early-2023 shake-up" is reported
        # in February 2023 without the year)
        if all_dated and not any(y in low or e.features.get("year_ok", 0) > 0
                                 or (e.chunk.date or "").startswith(y)
                                 for (low, _), e in zip(seen, ranked, strict=True)):
            missing.append(y)
    for n in query.numbers:
        # "the 16th trilateral health ministers' meeting": an edition is named by its ordinal;
        # a "16" elsewhere ("June 16") does not name the 16th meeting
        nth = re.search(rf"(?<![\d.,]){n}(st|nd|rd|th)\b", query.text, re.I)
        if nth and not any(re.search(rf"(?<![\d.,]){n}{nth.group(1)}\b", low) for low, _ in seen):
            missing.append(nth.group(0))
        elif not nth and not any(n in st or (w := spelled(n)) and w in st for _, st in seen):
            missing.append(n)  # (a small number is written as a word: "number one destination")
    # "What gift did Xi give?": a passage that answers names a gift (or its headline does).
    # A phrase, label or slogan is quoted, not named ("once called Jordan a “legislative
    # terrorist”" answers "what label did Boehner pin on Jordan"); so is a work's title ("which
    # Dav Pilkey title": “Dog Man: Mothering Heights”).
    # "What trade volume ...": a size is any figure ("lift two-way trade to $300 billion"); a
    # rate or a score has its own form, so "rate" still needs a passage that names a rate.
    if query.focus and not any(term_present(f, low, st) for f in _forms(query.focus)
                               for low, st in seen) and not (
            query.focus in QUOTED_KINDS | TITLED_KINDS
            and any(QUOTATION.search(e.text) for e in ranked)) and not (
            query.focus in SIZED_KINDS and any(NUMBER.search(e.text) for e in ranked)):
        missing.append(f"any {query.focus}")
    # "Why did Xi skip the APEC summit?" takes for granted that he skipped it: a passage that
    # explains it says what happened. When none mentions the event's words, the articles do
    # not explain it (or it did not happen).
    if _WHY.match(asking_clause(query.text)):
        names = {w for n in query.entities for w in re.split(r"[\s-]+", n.lower())}
        missing += [t for t in query.terms if t not in names and not query.soft(t)
                    and not t.isdigit() and not any(term_present(t, low, st) for low, st in seen)]
    return missing


# A place gone to or been in ("visit Pyongyang", "arrived in Beijing"): the city itself, not the
# government its name stands for
_PLACE_OF = re.compile(r"\b(?:visit\w*|in|at|from|arriv\w*\s+in|(?:trip|travel\w*|flew|fly|went|go|"
                       r"going|return\w*|head\w*|move\w*)\s+to)\s+(?:the\s+)?$", re.I)


def _describes_answer(query: Query, name: str) -> bool:
    """Does the name stand right before the kind asked for, only saying what the answer is in
    or where it is from? The passage gives the answer without it: the language of a quotation
    ("what two-word Mandarin phrase": “xie xie”), the nationality of a thing ("which
    palestinian force": "Arafat's personal guard, Force-17"). A country's name still has to
    be there ("which UK airport").

    >>> from rag.query import analyze
    >>> q = analyze("What two-word Mandarin phrase did Lee suggest?")
    >>> _describes_answer(q, "Mandarin"), _describes_answer(q, "Lee")
    (True, False)
    >>> _describes_answer(analyze("What Mandarin course did Lee take?"), "Mandarin")
    False
    >>> q = analyze("the post hit in northern gaza - which palestinian force used it")
    >>> _describes_answer(q, "Palestinian"), _describes_answer(q, "Gaza")
    (True, False)
    >>> _describes_answer(analyze("Which UK airport was worst?"), "UK")
    False
    >>> q = analyze("Who were Park Jin's Chinese and Japanese counterparts?")
    >>> _describes_answer(q, "Chinese"), _describes_answer(q, "Japanese")
    (True, True)
    """
    def right_before(kind: str | None) -> bool:
        # ("Chinese and Japanese counterparts": each nationality is before the kind)
        return kind is not None and re.search(
            rf"\b{re.escape(name)}\s+(?:and\s+[\w’'-]+\s+)?{re.escape(kind)}\b", query.text,
            re.I) is not None

    if name.lower() in LANGUAGES and query.focus in QUOTED_KINDS and right_before(query.focus):
        return True
    # "who were his Chinese and Japanese counterparts": the people asked for are Chinese and
    # Japanese; the sentence that names them need not say so
    person = re.search(rf"\b{re.escape(name)}\s+(?:and\s+[\w’'-]+\s+)?(?:[a-z]+\s+)?([a-z]+)\b",
                       query.text) if query.type == "who" else None
    asked = person.group(1) if person and person.group(1) in PERSON_NOUNS | TITLE_WORDS else None
    return bool(nations(name)) and not is_place(name) and (right_before(query.kind)
                                                            or right_before(asked))


# A name with a number in a series: "iPhone 14", "Crew-6", "Apollo 11" (not a date: "June 14")
_NUMBERED = re.compile(r"\b([A-Za-z]*[A-Z][A-Za-z]*)[ -](\d{1,3})\b(?![.,]\d)")


def _other_numbered(question: str, text: str) -> bool:
    """Does the sentence name a numbered thing of the question's series with another number
    only ("iPhone 13" for a question about the iPhone 14)? It is about another one.

    >>> q = "What starting price did Apple announce for the iPhone 14?"
    >>> _other_numbered(q, "The iPhone 13 starts at $799."), _other_numbered(q, "The iPhone 14 "
    ... "starts at $799, like the iPhone 13."), _other_numbered(q, "Apple's new phone costs $799.")
    (True, False, False)
    >>> _other_numbered("What happened on June 14?", "On June 12 it rained.")
    False
    >>> _other_numbered("What share went to China in 2024, per the piece?", "close to 20 per cent")
    False
    >>> q = "Who won the men's 50 metres freestyle?"
    >>> _other_numbered(q, "Graham won the 300 metres freestyle."), _other_numbered(q, "Klim won "
    ... "the 50 metres freestyle, ahead of the 100 metres champion.")
    (True, False)
    """
    for m in _NUMBERED.finditer(question):
        name, number = m.group(1), m.group(2)
        if name.lower() in MONTH_WORDS or name.lower() in WEEKDAYS or name.lower() in STOPWORDS:
            continue
        found = re.findall(rf"\b{re.escape(name)}[ -]?(\d{{1,3}})\b(?![.,]\d)", text, re.I)
        if found and number not in found:
            return True
    # "the men's 50 metres freestyle": "won the 300 metres freestyle" is another race
    for m in _MEASURED.finditer(question):
        number, unit = m.group(1), m.group(2).lower()
        if unit not in UNITS:
            continue
        found = re.findall(rf"(\d(?:[\d,.]*\d)?)[ -]{re.escape(unit)}\b", text, re.I)
        if found and number not in found:
            return True
    # "the third Republican debate": "the fourth Republican debate" is another one
    return other_ordinal(question, text)


_MEASURED = re.compile(r"(\d(?:[\d,.]*\d)?)[ -]([A-Za-z]+)\b")


# A headline cut short that asks: "Groundhog Day 2018 forecast: Will Punxsutawney Phil see his
# ...". (One that opens with "How" or "Why" explains: "How Biden pulled off a secret trip ...")
_CUT_QUESTION = re.compile(r"(?:^|:\s+)(?:will|would|is|are|was|were|does|do|did|can|could|should|"
                           r"has|have)\s[^:]*(?:\.\.\.|…)\s*$", re.I)


def _cut_question(text: str) -> bool:
    """Is the sentence a question whose "?" was cut off with the rest of a long headline?

    >>> _cut_question("Groundhog Day 2018 forecast: Will Punxsutawney Phil see his ...")
    True
    >>> _cut_question("Phil saw his shadow, so six more weeks of winter ...")
    False
    >>> _cut_question("How President Biden pulled off a secret trip to Ukraine one year into ...")
    False
    """
    return bool(_CUT_QUESTION.search(text))


# Where something came from: "which city did the plane depart from", "where did it take off"
_ASKS_ORIGIN = re.compile(r"\bfrom\s*\??\s*$|\bfrom where\b|\b(?:depart(?:s|ed)?|take off|took "
                          r"off|originat\w*)\b", re.I)


# "..., Kilauea, a smaller volcano that has been erupting since": a clause about the name before it
_ABOUT_NAME = re.compile(r"(?<=\s)([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*),\s+"
                         r"(?:(?:a|an|the)\s[^,.;:]*?\b)?(?:that|which|who)\b[^,.;:]*$")


def _dates_someone_else(question: str, short: str, text: str) -> bool:
    """Is the date inside a clause about a name the question does not ask about ("west of
    Kilauea, a smaller volcano that has been erupting since 2021" for when Mauna Loa erupted)?

    >>> q = "When had Mauna Loa last erupted?"
    >>> _dates_someone_else(q, "2021", "Mauna Loa sits west of Kilauea, a smaller volcano that "
    ... "has been erupting since 2021.")
    True
    >>> _dates_someone_else(q, "1984", "Mauna Loa, the largest volcano, last erupted in 1984.")
    False
    >>> _dates_someone_else("When is the draft?", "next Tuesday", "Today, the 35-year-old told "
    ... "the Swans he will nominate for next Tuesday's draft.")
    False
    """
    at = text.find(short)
    m = _ABOUT_NAME.search(text[:at]) if at > 0 else None
    if not m:
        return False
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    return not {w.lower() for w in m.group(1).split()} & asked


def _figure_year(short: str, text: str) -> str | None:
    """The year a figure is given for, when a year follows it closely ("7.6 million marriage
    registrations in 2021"); a date the sentence reports at ("data released last week") does
    not date the figure.

    >>> _figure_year("7.6 million", "There were 7.6 million registrations in 2021, data released "
    ... "last week shows.")
    '2021'
    >>> _figure_year("4.17 million", "Arrivals fell from 8 million in 2016 to 4.17 million.")
    >>> _figure_year("50%", "It aims to cut reliance on China to less than 50% by 2030.")
    '2030'
    """
    at = text.find(short)
    if at < 0:
        return None
    # ("less than 50% by 2030": a target for that year)
    m = re.match(r"[^,;.]{0,40}?\b(?:in|for|during|by)\s+((?:19|20)\d\d)\b", text[at + len(short):])
    return m.group(1) if m else None


# "How many of the people killed were Chinese nationals?": the part after "were" is counted
_PARTITIVE = re.compile(r"\bhow many of (?:the|those|these|them|its|their|his|her)\b.*?"
                        r"\b(?:were|are|was|is)\s+(?P<part>[^?.,;]+)", re.I)


def _names_part(query: Query, text: str) -> bool:
    """For "how many of the X were Y", does the sentence name Y? A figure for all X counts the
    whole, not the part asked ("14 of them Australians", not "killing 18 tourists"). A verb
    after "were" ("how many of them were injured") is what happened to them, not a part.

    >>> from rag.query import analyze
    >>> q = analyze("How many of the people killed in the crush were Chinese nationals?")
    >>> (_names_part(q, "The country mourns the 156 victims of the crush."),
    ...  _names_part(q, "Four of the victims were Chinese citizens."),
    ...  _names_part(q, "They declared a national mourning period for 151 dead."))
    (False, True, False)
    """
    m = _PARTITIVE.search(query.text)
    if not m:
        return True
    part = content_terms(m.group("part"))
    if not part or re.search(r"(?:ed|en|wn)$", part[0]):
        return True
    # the name in the part is what sets it apart ("Chinese nationals": "Chinese")
    named = [w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", m.group("part"))]
    part = [t for t in part if t in named] or part
    low, st = text.lower(), stems(text)
    return any(term_present(t, low, st) for t in part)


_RELYING = re.compile(r"\b(?:look|turn|lean|rel[iy])\w*\s+(?:\w+\s+){0,2}?(?:to|on)\b", re.I)


def _destinations(query: Query) -> list[str]:
    """The places the question's movement goes to ("travel to Japan", "visit Seoul").

    >>> from rag.query import analyze
    >>> _destinations(analyze("When did Lee travel to Japan after his Beijing visit?"))
    ['Japan']
    >>> _destinations(analyze("When did Xi visit Seoul?")), _destinations(analyze("When did "
    ... "Lee meet Xi in Beijing?")), _destinations(analyze("When did Lee land in Beijing?"))
    (['Seoul'], [], ['Beijing'])

    "Looking to Washington for security and to Beijing for trade" is relying, not travel.

    >>> _destinations(analyze("When did he warn against looking to Washington for security?"))
    []
    """
    if _RELYING.search(query.text):
        return []
    # ("arrive in Beijing", "landed at Incheon": where a trip ends)
    return [n for n in query.entities if is_place(n) and re.search(
        rf"\b(?:{'|'.join(sorted(TOWARDS))}|(?:arriv|land)\w*\s+(?:in|at))\s+(?:the\s+)?"
        rf"{re.escape(n)}\b", query.text, re.I)]


def _mentions_place(place: str, e: Evidence) -> bool:
    """Does the sentence or its headline name the place, or its people ("Japanese")?"""
    low, st = _seen(e)
    return any(term_present(k, low, st) for k in _keys(place)) or any(
        re.search(rf"\b{re.escape(d)}", low) for d in demonyms(place))


def _forms(kind: str) -> tuple[str, ...]:
    """A kind and the other words news uses for it ("site": "website")."""
    return (kind, *KIND_FORMS.get(kind, ()))


_WHY = re.compile(r"\s*(?:why|how come)\b", re.I)
# Capitalised words in a row, small words between ("Group of Seven", "World Health Organization")
_NAME_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w-]*)+")


def _keys(name: str) -> set[str]:
    """The words that stand for a name: Korean and Chinese names lead with the family name
    ("Lee Jae-myung"), Western ones end with it ("Damar Hamlin"): either will do. A title and a
    nationality before a name are not the name: "Russian President Vladimir Putin" is not
    mentioned by "Russia". Nor is a generational suffix: "Jr." is not Carlos Sainz Jr.

    >>> sorted(_keys("Russian President Vladimir Putin")), sorted(_keys("Sir Peter Blake"))
    (['putin', 'vladimir'], ['blake', 'peter'])
    >>> sorted(_keys("Carlos Sainz Jr.")), sorted(_keys("BA.5")), sorted(_keys("Trip.com"))
    (['carlos', 'sainz'], ['ba.5'], ['trip.com'])
    """
    # ("U.S." is "us", "Jr." is "jr"; "Trip.com" keeps its dot)
    low = re.sub(r"(?<![a-z])([a-z])\.", r"\1", name.lower())
    words = [w.rstrip(".") for w in re.split(r"[\s-]+", low) if w.rstrip(".")]
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in HONORIFICS
                              or nations(words[0])):
        words = words[1:]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return {words[0], words[-1]} if words else {name.lower()}


# "What rate did Hawaiian Airlines record, topping the Transportation Department's rankings?":
# the name right after "did" is whom the question asks about; its other names set the scene.
_SUBJECT_AFTER = re.compile(r"^(?:what|which|how\s+\w+|when|where)\b[^?]*?\b(?:did|does|do|has|"
                            r"have|had|will|would|is|was|are|were)\s+(?:the\s+)?", re.I)


def _subject(query: Query) -> str | None:
    """The name the question asks about, when it is the subject of its verb.

    >>> from rag.query import analyze
    >>> _subject(analyze("What on-time rate did Hawaiian Airlines record in November, topping "
    ...                  "the Transportation Department's rankings?"))
    'Hawaiian Airlines'
    >>> _subject(analyze("Who won the 2023 Singapore Grand Prix?"))
    >>> _subject(analyze("When did Wilt Chamberlain become the NBA's top scorer?"))
    'Wilt Chamberlain'
    >>> _subject(analyze("Where was President Biden's dog Commander sent after the bites?"))
    'Commander'
    """
    clause = asking_clause(query.text)
    m = _SUBJECT_AFTER.match(clause)
    if not m:
        return None
    rest = clause[m.end():]
    subject = next((n for n in query.entities if rest.startswith(n)), None)
    if subject and re.match(r"['’]s\b", rest[len(subject):]):
        # "was President Biden's dog Commander sent": the possessor's thing is the subject
        owned = [n for n in query.entities if n != subject and 0 < rest.find(n) <= 40]
        subject = min(owned, key=rest.find) if owned else subject
    return subject


def _names_subject(query: Query, e: Evidence) -> bool:
    """Does the sentence name whom the question asks about (by a word of the name that is not
    an organisation's word: "Hawaiian", not "Airlines")? True when there is no such name."""
    subject = _subject(query)
    if subject is None:
        return True
    keys = {k for k in _keys(subject) if k not in ORG_WORDS} or _keys(subject)
    low, st = e.text.lower(), stems(e.text)
    return any(term_present(k, low, st) for k in keys)


def _stated_figures(query: Query) -> list[str]:
    """The figures the question states to say which report it means ("with 96 points"): not a
    year, and not a single digit (a score's "7-0" or "No. 1" is in many reports).

    >>> from rag.query import analyze
    >>> _stated_figures(analyze("Which golfer sat atop the standings with 96 points in 2023?"))
    ['96']
    """
    return [n for n in query.numbers if len(n) > 1 and not _YEAR_TERM.fullmatch(n)]


# A quotation the question repeats: 'say "now is not my time"', "a 'quantum leap' for rock"
_QUESTION_QUOTE = re.compile(r"(?<!\w)['‘\"“]([^'’\"”]{3,80}?)['’\"”](?!\w)")


def _flat_quotes(text: str) -> str:
    """Lowercased, curly quotes straight, without the punctuation news puts inside a quotation
    ("Now is not my time," he said)."""
    return re.sub(r"[,.;:!?'\"‘’“”]", "", text.lower())


def _stated_quotes(query: Query) -> list[str]:
    """The sayings the question quotes (`_flat_quotes` form): three words or more; a shorter
    quotation is mostly a title or a label ("the title of 'first Thanksgiving'") that the
    whole report is about. None for a choice question, whose quoted options are titles.

    >>> from rag.query import analyze
    >>> _stated_quotes(analyze("When did Chris Christie say 'now is not my time' and decline?"))
    ['now is not my time']
    >>> _stated_quotes(analyze("Which show got “Succession” its award?"))
    []
    """
    if query.options:
        return []
    return [_flat_quotes(m.group(1)).strip() for m in _QUESTION_QUOTE.finditer(query.text)
            if len(m.group(1).split()) >= 3]


def _missing_reason(missing: Sequence[str], mentions: Callable[[str], bool] | None) -> str:
    """In words a reader can check: never in the corpus, or only not in what was retrieved."""
    never = [m for m in missing
             if mentions is None or not any(mentions(k) for k in _keys(m.removeprefix("any ")))]
    elsewhere = [m for m in missing if m not in never]
    parts = []
    if never:
        parts.append(f"the articles never mention {', '.join(never)}")
    if elsewhere:
        parts.append(f"no passage on this question mentions {', '.join(elsewhere)}")
    return "; ".join(parts)


def _one_year(query: Query) -> bool:
    """Is the question about one year, so that a sentence naming only other years answers
    something else? Not for a span ("between 2006 and 2013": the years between are in it),
    nor when the options are years ("since at least: 1950; 1960; ...").

    >>> from rag.query import analyze
    >>> _one_year(analyze("Who won Eurovision 2023?")), _one_year(analyze("Who won it between "
    ... "2006 and 2013?")), _one_year(analyze("Since when? Options: 1950; 1960."))
    (True, False, False)

    Nor when a "when" question's year is in the scene set before it ("Trump tweeted in 2020
    that ... On what date was that event?"): that year dates the scene, and the date asked for
    may be any other.

    >>> _one_year(analyze("Trump denied it in 2020. On what date was the event?"))
    False

    Nor when the year dates the source ("according to CNN's 2022 analysis"): the report is of
    that year, what it reports may be of any.

    >>> _one_year(analyze("In what year was the PLA last in combat, according to CNN's 2022 "
    ...                   "analysis?"))
    False

    Nor when a "when" question's year only names a thing ("the 2017 national champion team"):
    its date asked for (a visit the next spring) may be of any year.

    >>> _one_year(analyze("When did Alabama's 2017 national champion team visit the White "
    ...                   "House?")), _one_year(analyze("When did the team visit in 2018?"))
    (False, True)
    """
    source = _SOURCE.search(query.text)
    if source and not years_in(query.text[:source.start()]):
        return False
    if len(query.side_names) == 2 and sum(bool(years_in(n)) for n in query.side_names) == 1:
        return False  # "the summit, or their call in June 2025?": the year is one side's
    clause = asking_clause(query.text)
    if query.type == "when" and clause.strip() != query.text.strip() and not years_in(clause):
        return False
    if query.type == "when" and query.years and all(
            re.search(rf"\b{y}\s+[A-Za-z]", query.text) and not re.search(
                rf"\b(?:in|of|during|since|by|until|before|after|from|for)\s+{y}\b", query.text,
                re.I) for y in query.years):
        return False  # "Alabama's 2017 national champion team": the year names the team
    return len(query.years) == 1 and not any(re.fullmatch(r"\d{4}", o.strip())
                                             for o in query.options)


# "according to CNN's 2022 analysis": the year of the source the question cites
_SOURCE = re.compile(r"\baccording to\b[^?.;]*\b(?:19|20)\d\d\b")
_SOURCE_CLAUSE = re.compile(r",?\s*\baccording to\b[^?.;]*")
# ("the largest annual increase since the year ending in March 1979")
_SINCE_YEAR = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,5}?((?:19|20)\d\d)\b")
# A year that names an event ("the 2024 Republican convention", "the 2030 World Expo", "the
# second 2024 Republican primary debate")
_EVENT_YEAR = re.compile(r"\bthe\s+(?:[a-z]+\s+)?((?:19|20)\d\d)\s+[A-Za-z]")


def _other_years(query: Query, e: Evidence) -> bool:
    """Does the sentence (or its dated article) name only years other than the question's? A
    year after "since" is a reference point, not the sentence's. A sentence that names no year
    is about its article's year, but in a history piece about the year its headline names
    ("When Ohio State football turned down the Rose Bowl in 1961", published 2021), and an
    older article may write ahead about an event a year names ("the 2024 convention")."""
    if not e.features.get("year_wrong"):
        return False
    named = _EVENT_YEAR.search(query.text)
    if named and e.chunk.date and e.chunk.date[:4] < named.group(1) \
            and all(d[:4] >= e.chunk.date[:4] for d in e.dates):
        # "the second 2024 Republican primary debate": a 2023 article writes about it ahead,
        # dated with its own days ("the networks revealed Aug. 31")
        return False
    if e.dates:
        # "fell to 76.1 years, the lowest since 1996": a year after "since" is a reference
        # point, not when the sentence's news happened
        since = set(_SINCE_YEAR.findall(e.text))
        return not since or any(d[:4] not in since for d in e.dates)
    headline = years_in(e.chunk.title)
    return not set(headline) & set(query.years) if headline else bool(e.chunk.date)


def _asks_happened(query: Query) -> bool:
    """"When did Xi visit?": a "when" question about something that happened ("When was
    Virgin Blue told it would have to move?" asks when a plan was told)."""
    return query.type == "when" and bool(re.match(r"^\s*when (did|was|were|had)\b",
                                                  asking_clause(query.text), re.I)) \
        and not hedged(query.text)


def _event(query: Query) -> set[str]:
    """Stems of what the question says happened: its terms, without who (names) or soft words.
    A hedge must be next to these words to make the event unrealised."""
    names = {w for n in query.entities for w in re.split(r"[\s-]+", n.lower())}
    return {stem(t) for t in query.terms if t not in names and not query.soft(t)}


def _type_gap(query: Query, support: Sequence[Evidence]) -> str | None:
    """The kind of answer the question wants that no good sentence gives, or None."""
    if query.precision and not any(_precise(query, e) for e in support):
        return f"no passage gives the exact {query.precision}"
    if query.type == "when" and not any(e.dates or short_answer(query, e) for e in support):
        return "no passage says when"
    dated = [e for e in support if e.dates or short_answer(query, e)]
    if _asks_happened(query) and dated and all(hedged(e.text, _event(query)) for e in dated):
        # "When did the FTA come into force?": "they aim to conclude an FTA by the end of this
        # year" dates a plan. Every passage that gives a date speaks of it as not yet done.
        return "the passages speak of it only as planned or expected, not as done"
    places = _destinations(query)
    if query.type == "when" and places and not any(_typed_ok(query, e) for e in support):
        # "When did Lee travel to Japan?": the dates given are of his trip to Beijing
        return f"no passage that names {' or '.join(places)} says when"
    if query.type == "where" and not any(short_answer(query, e) for e in support):
        return "no passage names the place"
    if query.type == "numeric" and not any(_typed_ok(query, e) for e in support):
        if any(reversed_flow(query.text, e.text) and not _no_count(query, e) for e in support):
            return "the passages give that figure only the other way round"
        other = [o for e in support if (o := other_kind(query.text, e.text)) and o[1]]
        if other:
            return f'the passages give a figure for "{other[0][1]}", not "{other[0][0]}"'
        elsewhere = [o for e in support if (o := other_country(query.text, e.text))]
        if elsewhere:
            asked, said = elsewhere[0]
            def shown(c: str) -> str:
                return c.upper() if len(c) <= 3 else c.title()  # "US", "South Korea"
            return f"the passages give that figure for {shown(said)}, not {shown(asked)}"
        years = [y for e in support if _one_year(query) and (s := short_answer(query, e))
                 and (y := _figure_year(s, e.text)) and y != str(query.years[0])]
        if years:
            return f"the passages give that figure for {years[0]}, not {query.years[0]}"
        return "no passage gives that figure"
    if (held := role_asked(query)) and not any(_typed_ok(query, e) for e in support):
        return f"no passage names the {held}"
    if (credit := credit_asked(query)) and not any(_gives_credit(query, e.text) for e in support):
        return f"no passage says who {credit} it"
    if ASKS_NAME.search(query.text) and not any(
            names_asked(query, e.text) and not other_kind(query.text, e.text) for e in support):
        # "the name of the pilot": a person's name; "of the boat": a name the boat is given
        return f"no passage names the {query.kind}" if query.kind else "no passage gives the name"
    if query.kind in NAMED_KINDS | ORG_WORDS and query.type not in ("who", "when", "numeric") \
            and not (query.options or query.sides) and not any(
            names_anything_new(query.text, e.text) or names_anything_new(query.text, e.chunk.title)
            or short_answer(query, e) for e in support):
        # "At which hospital did Sajak have surgery?": a hospital is named ("Cedars-Sinai");
        # passages that name nothing the question does not ("Sajak is recovering from surgery")
        # speak of it without saying which.
        return f"no passage names the {query.kind}"
    if query.type == "who" and role(query) and not any(_typed_ok(query, e) for e in support):
        # "Who did Lee pick as trade minister?": news names an office holder with the title
        # ("Trade Minister Ahn Duk-geun"); passages that give nobody the title do not answer.
        nation = asked_nation(query)  # "South Korea's ambassador": China's does not answer
        whose = f"{next(iter(nation)).title()}'s" if len(nation) == 1 else "the"
        return f"none of the closest passages names {whose} {' '.join(_office_words(query))}"
    return None


# "Which university's team ...", "what airline ...": asks for a thing news names with a proper
# name (rag/data/words.toml, named_kinds).
_WHICH_NAMED = re.compile(r"\b(?:which|what)\s+(?:[\w’'-]+\s+)?(?:"
                          + "|".join(sorted(NAMED_KINDS)) + r")\b", re.I)


def _no_count(query: Query, e: Evidence) -> bool:
    """Is the figure the sentence gives no count at all for a "how many" question (a share or
    a sum: "exports to China dropped 20%")?"""
    short = short_answer(query, e) or ""
    return counts(query.text) and bool(PERCENT.search(short) or MONEY.search(short))


def _before_reference(query: Query, e: Evidence) -> bool:
    """Can the sentence date what a bounded "when" question asks? Not when every year it
    names (else its article's) is outside the bounds or it can be placed in no year, and not
    when it names the reference event itself, unless it says when that last happened before
    ("the first ... since 2014")."""
    if _first_since_reference(query, e):
        return True
    years = {int(d[:4]) for d in e.dates} or ({int(e.chunk.date[:4])} if e.chunk.date else set())
    if (query.before or query.after) and not years:
        return False  # "on Monday" in an undated article: no telling which side of the bound
    if years and all((query.before and y > query.before) or (query.after and y < query.after)
                     for y in years):
        return False
    return not (query.reference and about_reference(query, e))


def _first_since_reference(query: Query, e: Evidence) -> bool:
    """Does the sentence report the question's reference event as the first since a date?"""
    return bool(query.reference) and about_reference(query, e) and any(
        previous_time(e.text, pos) for _, pos in mentions(e.text, e.chunk.date))


# A year the question gives says when, not what happened ("2022" in "CNN's 2022 analysis");
# another figure may name it ("Chang'e 4")
_YEAR_TERM = re.compile(r"(?:1[5-9]|20)\d\d")


def _event_terms(query: Query, e: Evidence) -> list[str]:
    """The question's words for what happened: not the names it gives, nor its phrasing, nor a
    year it gives."""
    names = _name_words(query, e)
    return [t for t in query.terms
            if t not in names and not query.soft(t) and not _YEAR_TERM.fullmatch(t)]


def _names_event(query: Query, e: Evidence) -> bool:
    """For "when" and "where": does the sentence name what happened (a word of the question
    that is not a name nor phrasing: "visit" in "when did Xi last visit Seoul?")? A date or a
    place belongs to the event its sentence reports. (Other types: True; "how long was the
    call" is answered by "spoke for 20 minutes".)"""
    if query.type not in ("when", "where"):
        return True
    event = _event_terms(query, e)
    # (in the words news uses for it too: "sworn in" is named by "Lee's inauguration")
    low, st = e.text.lower(), stems(e.text)
    return not event or any(names_act(t, low, st) for t in event)


def _event_words(query: Query, e: Evidence) -> int:
    """For "when" and "where": how many of the words for what happened the sentence has. "When
    did season five of Drive to Survive premiere?": "season five premiers Feb. 24" names more
    of it than "Drive to Survive premiered in March 2019" (the first season) or "released the
    trailer for season five on Thursday" (another event). 0 for other types."""
    if query.type not in ("when", "where"):
        return 0
    low, st = e.text.lower(), stems(e.text)
    return sum(names_act(t, low, st) for t in _event_terms(query, e))


EVENT_CHARS = 40  # a date this close to the event's word is that event's (about 7 words)


def _dated_by_event(query: Query, e: Evidence) -> bool:
    """For "when": does a date stand next to a word for what happened ("Lee's inauguration on
    June 4"), not only elsewhere in the sentence ("pledged on June 10 ... since Lee took office
    last week": the date is the call's)?"""
    if query.type != "when":
        return False
    low = e.text.lower()
    # ("since Mr Lee took office last week": the event is the reference point there)
    spots = [p for t in _event_terms(query, e) for p in term_spots(t, low)
             if not re.search(r"\bsince\b[^,.;:]{0,40}$", low[:p])]
    # (an undated article's "on June 4" is a day without a year: it still says when)
    where = [pos for _, pos in mentions(e.text, e.chunk.date)] + [
        pos for _, pos in days_of_month(e.text)] + [
        m.start() for m in re.finditer(r"\b(?:1[5-9]|20)\d\d\b", e.text)]  # ("in 1885")
    return any(abs(pos - p) <= EVENT_CHARS for pos in where for p in spots)


def _answers_further_down(query: Query, e: Evidence) -> bool:
    """Can a weaker sentence of the best sentence's article give the figure asked for? When it
    is a length of time next to the event ("During the 90-minute summit") or a count of the
    very thing counted ("18 tourists, 14 of them Australians"); not any figure the article
    gives ("the island democracy of 23.5 million" counts no recruits, "$9.99" a bar's price
    is no seed money). Or a time of day next to the event ("Hochul, who will issue a state of
    emergency starting at 8 p.m. Monday"): a report gives the hour once, often further down."""
    if query.precision == "time":
        return bool(clock_times(e.text)) and _names_what_happened(query, e)
    if query.type != "numeric":
        return False
    low, st = _seen(e)
    if re.search(r"\bhow old\b|\bwhat age\b", query.text, re.I):
        # ("Hesseman was 81.", the last line of his obituary: it names him)
        return age_asked(query.text, e.text) is not None and not _someone_else(query, e.text) \
            and any(term_present(k, low, st) for n in query.entities for k in _keys(n))
    if ASKS_LENGTH.search(query.text):
        return _names_what_happened(query, e)
    # (and, it or its headline, names something the question names: "between the two
    # countries" counts no TPP negotiators)
    return counts(query.text) and counts_the_asked(query, e) and (not query.entities or any(
        term_present(k, low, st) for n in query.entities for k in _keys(n)))


def _measures_asked(query: Query, e: Evidence) -> bool:
    """Does the sentence give a length to the thing "how long" asks about, as its adjective
    ("During the 90-minute summit" for "how long was the Xi-Lee summit")?"""
    if not ASKS_LENGTH.search(query.text):
        return False
    names, low = _name_words(query, e), e.text.lower()
    return any(measured(t, low) for t in query.terms if t not in names and not query.soft(t))


def _names_what_happened(query: Query, e: Evidence) -> bool:
    """Does the sentence have a word of the question that is neither a name nor phrasing
    ("summit" in "how long did the Xi-Lee summit last?"), for any question type?"""
    names = _name_words(query, e)
    low, st = e.text.lower(), stems(e.text)
    return any(names_act(t, low, st) for t in query.terms
               if t not in names and not query.soft(t) and not t.isdigit())


def _name_words(query: Query, e: Evidence) -> set[str]:
    """The words of the names the question gives; a question typed in lower case names people
    too, so the words the sentence capitalises count as names."""
    # ("Jae-myung" is the words "jae" and "myung")
    return {w for n in [*query.entities, *capitalised_in(e.text)]
            for w in re.split(r"[\s-]+", n.lower())}


# "what was agreed at the vice-ministerial talks": the event the act happened at
_AT_EVENT = re.compile(r"\b(?:at|during|in)\s+(?:the|their|its|this|last)\s+"
                       r"((?:[\w’'-]+\s+){0,3}[\w’'-]+)")


def _held_ahead(query: Query, chosen: Sequence[Evidence]) -> str | None:
    """The event the question's act happened at ("at the talks"), when every sentence that
    names that event speaks of it as still to be held; else None."""
    events = [w for m in _AT_EVENT.finditer(asking_clause(query.text))
              for w in m.group(1).lower().split() if w in EVENT_NOUNS]
    if not events:
        return None
    naming = [e for e in chosen if not e.author
              and re.search(rf"\b{re.escape(events[0])}\b", e.text, re.I)]
    return events[0] if naming and all(to_be_held(e.text, events[0]) for e in naming) else None


def _not_happened(query: Query, e: Evidence) -> bool:
    """Does the sentence say that what the question asks about has not happened ("they have
    not yet had a face-to-face talk" for "what did they agree at their face-to-face summit")?
    Not for "when" (it may be asked when it last did: "not since 2014") nor "had they met?"
    (the denial answers it), and only for the question's words for what happened, not its
    names."""
    clause = asking_clause(query.text)
    if query.type in ("when", "yesno") or query.verdict or not re.search(
            r"\b(?:did|was|were|has|have|had)\b", clause, re.I):
        return False
    if re.search(r"\b(?:not|never|yet|without)\b|n['’]t\b", clause, re.I):
        # "which two leaders had still not met face to face?", "how long had they been in office
        # without a face-to-face meeting?": the question says so too; the denial answers
        return False
    names = _name_words(query, e)
    event = {stem(t) for t in query.terms
             if t not in names and not query.soft(t) and not t.isdigit()}
    return bool(event) and not_happened(e.text, event)


# A report that the person asked about is not named yet
_UNIDENTIFIED = re.compile(r"\b(?:has|have|had|was|were|is|are)(?:\s+not|n['’]t)\s+(?:yet\s+)?"
                           r"(?:been\s+)?(?:publicly\s+|officially\s+|immediately\s+)?"
                           r"(?:identified|named|released(?!\s+from))\b|\b(?:has|have)\s+yet\s+"
                           r"to\s+be\s+(?:publicly\s+)?(?:identified|named)\b|\b(?:declined|"
                           r"refused)\s+to\s+(?:name|identify)\b", re.I)


def says_unnamed(text: str) -> bool:
    """Does the sentence say a person's name is not known or not made public?

    >>> says_unnamed("The winner has not yet been publicly identified.")
    True
    >>> says_unnamed("Police declined to name the driver."), says_unnamed("He hasn't been named.")
    (True, True)
    >>> says_unnamed("The suspect has not been released from custody.")
    False
    """
    return bool(_UNIDENTIFIED.search(text))


def _office_words(query: Query) -> list[str]:
    """The question's words for the office asked about, as it writes them."""
    office = role(query)
    words = re.findall(r"[\w’'-]+", query.text)
    # ("chief of staff": the "of" inside the office stays)
    return [w for i, w in enumerate(words) if stem(w.lower()) in office or (
        w.lower() == "of" and 0 < i < len(words) - 1 and stem(words[i - 1].lower()) in office
        and stem(words[i + 1].lower()) in office)]


def _precise(query: Query, e: Evidence) -> bool:
    """Does the sentence give the date detail the question insists on ("what date", "which
    month", "what time")? A month by name counts for "which month" ("last November" in an
    undated article), a day of a month for "what date" ("on March 7"). Not a date already past
    when its article was written, for what is still to come."""
    if past_for_ahead(query.text, e.text, e.chunk.date):
        return False
    if query.precision == "month" and month_named(e.text):
        return True
    if query.precision == "time":
        return bool(clock_times(e.text))
    if query.precision == "day" and day_of_month(e.text):  # "on March 7", undated
        return True
    if query.precision == "day" and asks_weekday(query) and weekday_named(e.text):
        return True  # "on which day ...?": "Saturday" when no date is given
    want = 10 if query.precision == "day" else 7
    return any(len(d) >= want for d in e.dates)


def _someone_else(query: Query, text: str) -> bool:
    """Does the sentence name another person and not the one the question names ("Sir Nigel
    Hawthorne ... aged 72" for "how old was Sir Peter Blake?")? "The 35-year-old" without a
    name may still be the asked one."""
    people = [n for n in query.entities if not is_place(n)]
    low = text.lower()
    if not people or any(k in low for n in people for k in _keys(n)):
        return False
    asked = set(query.terms)
    return any(not is_place(n) and not {w.lower() for w in n.split()} & asked
               for n in NAME.findall(text))


# A figure for the whole world: no figure for one country the question asks about.
_WORLDWIDE = re.compile(r"\b(?:world-?wide|globally|global population|around the (?:world|globe)|"
                        r"across the world|in the world|the world over)\b", re.I)
_LENGTH_OF = re.compile(r"[\w.,]+?-(?:minute|hour|day|week|month|year)s?\s+"
                        r"((?:[\w’'-]+\s+){0,2}[\w’'-]+)", re.I)


def _lasts_other(query: Query, text: str, at: int) -> bool:
    """"How long was the summit?": a length news gives as "a four-day visit" is the length of
    what it stands before; when none of those words is the question's, it is another thing's."""
    m = _LENGTH_OF.match(text, at)
    if not m or not re.search(r"\bhow long\b", query.text, re.I):
        return False
    asked = {stem(t) for t in query.terms}
    head = []  # "first phone call" of "30-minute first phone call to Xi": up to a small word
    for w in re.findall(r"[a-z]+", m.group(1).lower()):
        if w in STOPWORDS:
            break
        head.append(w)
    # "the 40-minute tape" is the videotape asked about: a compound ends with its head noun
    # (a word of four letters or more: "urban" does not end with a "ban")
    return not any(stem(w) in asked or any(t.endswith(stem(w)) and len(w) > 3 for t in asked)
                   for w in head)


# (after a lead-in: "Ahead of the hearing, who was the repair shop owner that ...")
_ROLE_ASKED = re.compile(r"^\W*(?:[^,?]*,\s*)?(?:who\s+(?:is|was|were|are)\s+|"
                         r"(?:what\s+(?:is|was)\s+)?(?:the\s+)?names?\s+of\s+)the\s+"
                         r"(?P<mods>(?:[\w’'.-]+\s+){0,3}?)(?P<role>"
                         + "|".join(sorted(NAMED_ROLES)) + r")s?\b", re.I)


def role_asked(query: Query) -> str | None:
    """The role in an event whose holder the question asks for ("Who was the F-22 pilot who
    fired?", "name of the teacher accused ..."); None for other questions.

    >>> from rag.query import analyze
    >>> role_asked(analyze("Who was the F-22 pilot who fired the missile?"))
    'pilot'
    >>> role_asked(analyze("Who won the race?")), role_asked(analyze("Who is the judge's son?"))
    (None, None)
    >>> role_asked(analyze("Who was the presidential spokesperson briefing reporters?"))

    >>> role_asked(analyze("Ahead of the hearing, who was the repair shop owner that called?"))
    'owner'
    """
    clause = asking_clause(query.text)
    m = _ROLE_ASKED.search(clause)
    if not m or re.match(r"['’]s?\b", clause[m.end():]):
        return None  # "the judge's son" is asked for, not the judge
    # "the presidential spokesperson briefing reporters": the role is the first person noun
    before = re.findall(r"[\w’'-]+", m.group("mods").lower())
    if any(w in PERSON_NOUNS or w.endswith("ing") for w in before):
        return None
    return m.group("role").lower()


_CREDIT = re.compile(rf"^\W*who\s+(?:first\s+)?({'|'.join(sorted(CREDIT_VERBS))})\b", re.I)
# "What is the name of the man who founded Whataburger?" asks for the founder too
_CREDITED = re.compile(r"\b(?:man|woman|person|people|one|couple|pair|team|group)\s+(?:who|that)\s+"
                       rf"(?:first\s+)?({'|'.join(sorted(CREDIT_VERBS))})\b", re.I)


def credit_asked(query: Query) -> str | None:
    """The credit a question asks who holds ("directed", "founded"), else None.

    >>> from rag.query import analyze
    >>> credit_asked(analyze("What is the name of the man who founded Whataburger?"))
    'founded'
    >>> credit_asked(analyze("Who directed Navalny?")), credit_asked(analyze("Who won?"))
    ('directed', None)
    """
    clause = asking_clause(query.text)
    m = _CREDIT.match(clause) or (_CREDITED.search(clause) if ASKS_NAME.search(clause) else None)
    return m.group(1).lower() if m else None


# "How many people died / were injured / were arrested": a count of an outcome, which the
# sentence that gives it names (or news's other words for it: words.toml, paraphrases)
_OUTCOME = re.compile(r"\b(died|killed|injured|wounded|hurt|arrested|evacuated|rescued|"
                      r"hospitalized|hospitalised)\b", re.I)
# Any word for deaths ("21 people dying, 14 of them Australians")
_DYING = re.compile(r"\b(?:di(?:e|ed|es)|dying|dead|deaths?|killed|killing|fatal\w*)\b", re.I)
# "What price per share ...", "how much per gallon": a rate, given per its unit
_PER_ASKED = re.compile(r"\bper\s+(share|gallon|barrel|person|head|capita|hour|night|ticket|"
                        r"pound|ounce|kilogram|litre|liter|mile|seat|student|household)\b", re.I)
# "How fast was the lava advancing?": a speed, which news gives per a unit of time ("25 feet per
# hour", "40 mph"); "3.6 miles away" is a distance
_ASKS_SPEED = re.compile(r"\bhow fast\b|\bwhat (?:top |average )?(?:speed|pace)\b", re.I)
_SPEED = re.compile(r"\b(?:per|an?|each)\s+(?:second|minute|hour|day|week|month|year)\b|"
                    r"\b(?:mph|kph|km/h|knots)\b|/\s*(?:h|hr|s)\b", re.I)


def _gives_credit(query: Query, text: str) -> bool:
    """For "who directed / founded / designed ...": does the sentence give that credit ("directed
    by", "director", "co-founder")? True for other questions.

    >>> from rag.query import analyze
    >>> q = analyze('Who directed "Navalny"?')
    >>> _gives_credit(q, "Navalny, directed by Daniel Roher, won."), _gives_credit(q, "Disney won.")
    (True, False)
    """
    credit = credit_asked(query)
    return not credit or bool(re.search(rf"\b(?:{CREDIT_VERBS[credit]})", text, re.I))


def _roles_in(question: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", question.lower()) if w.rstrip("s") in NAMED_ROLES]


def _calls_role(role: str, text: str) -> bool:
    """Does the sentence call someone the role (or another word for it)?"""
    return any(re.search(rf"\b{re.escape(f)}(?:e?s)?\b", text, re.I) for f in _forms(role))


# "the two have combined for 4,276 wins", "a combined 4,276": a total of several
_COMBINED_BEFORE = re.compile(r"\b(?:combined|together|between them)(?:\s+(?:for|of))?\s+"
                              r"(?:[\w’'-]+\s+){0,2}$", re.I)
_COMBINED_ASKED = re.compile(r"\b(?:combined|together|in all|altogether|total|between them)\b",
                             re.I)


def _scene_months(question: str) -> list[tuple[str, str | None]]:
    """(year, month) of each month the question's scene names ("When Disney showed Ariel at
    D23 in September 2022, what release date was given?"): the scene's date, not the answer's.

    >>> _scene_months("When Disney showed Ariel at D23 in September 2022, what release date "
    ...               "was given?"), _scene_months("When did Xi visit in July 2014?")
    ([('2022', 'sep')], [])
    """
    scene = question[: len(question) - len(asking_clause(question))]
    return [(m.group(2), m.group(1).lower()[:3])
            for m in re.finditer(rf"\b({MONTH})\s+((?:19|20)\d\d)\b", scene, re.I)]


def _typed_ok(query: Query, e: Evidence) -> bool:
    """Does the sentence give the kind of answer asked? For figures: not a year, not a figure
    the question states, money for "worth", a percentage for "share", a count for "how many";
    for "which month" or "what date", that much of a date; for "what is the name of", a name."""
    if BLANK_LEAD.search(query.text):
        # a fill-in ("... since at least:") is answered where the report has its words
        return fill_blank(query.text, e.text) is not None
    if _other_numbered(query.text, e.text):
        return False  # "the iPhone 13 starts at $799" prices no iPhone 14
    if (query.type == "who" or ASKS_NAME.search(query.text)) and other_kind(query.text, e.text):
        return False  # "the other student wounded": "Those killed were Devin Chandler" is not
    if not _gives_credit(query, e.text):
        return False  # "who directed Navalny": "Walt Disney's streaming service" directed nothing
    if role_asked(query) and not any(_calls_role(r, e.text) for r in _roles_in(query.text)):
        # "who was the pilot": a sentence that calls nobody the pilot names another ("the
        # survivor named as plaintiff": "The plaintiff, Mr. Anh Le" will do)
        return False
    if query.type not in ("when", "numeric", "who", "where"):
        return bool((ASKS_NAME.search(query.text) or _WHICH_NAMED.search(asking_clause(query.text)))
                    and new_name(query.text, e.text)) or bool(short_answer(query, e))
    short = short_answer(query, e)
    if not short or (query.precision and not _precise(query, e)):
        return False
    if query.type == "numeric" and counts(query.text) and (
            outcome := _OUTCOME.search(asking_clause(query.text))) and not names_act(
            outcome.group(1).lower(), e.text.lower(), stems(e.text)) and not (
            _DYING.search(outcome.group(1)) and _DYING.search(e.text)):
        return False  # "how many people died": "4 million people faced flood alerts" others
    if query.type == "numeric" and (rate := _PER_ASKED.search(query.text)) and not re.search(
            rf"\b(?:per|a|an|each)\s+{rate.group(1)}|/\s*{rate.group(1)}", e.text, re.I):
        return False  # "what price per share": "$44 billion" is the whole deal, not a share's
    if query.type == "numeric" and counts(query.text) and re.search(
            rf"(?<![\d,.]){re.escape(short)}\s+(?:and|or)\s+(?:older|over|up|above|younger|under)\b",
            e.text):
        return False  # "how many cases": "people 18 and older" is an age, no count
    if query.type == "numeric" and not in_asked_unit(query.text, short, e.text):
        return False  # "how many acres did the lava cover": "two new lava flows" are no acres
    if query.type == "numeric" and _ASKS_SPEED.search(query.text) and not _SPEED.search(e.text):
        return False  # "how fast was the lava flowing": "within 3.6 miles" is how far
    if query.type == "numeric" and _COMBINED_BEFORE.search(e.text[:max(0, e.text.find(short))]) \
            and not _COMBINED_ASKED.search(query.text):
        return False  # "Baker and Bochy have combined for 4,276 wins": no one manager's wins
    if query.type == "numeric" and other_country(query.text, e.text):
        return False  # "the trade deficit with China" is no figure for the deficit with Japan
    if query.type == "numeric" and counts(query.text) and other_nationals(query.text, e.text):
        return False  # "how many US troops": "100,000 Iraqi troops" counts Iraq's
    if query.type == "when" and query.direction is None and query.before is None \
            and since_only(query, e) and not (ASKS_DAY_OF_WEEK.search(query.text)
                                              and short.lower() in WEEKDAYS):
        # "The call came ... with expectations for Xi's first visit since July 2014" dates
        # Xi's previous visit, not the call ("when did he last ..." may want just that).
        return False
    if query.type == "where" and _ASKS_ORIGIN.search(query.text) and not re.search(
            rf"\b(?:from|left|departed|leaving)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,4}}?"
            rf"{re.escape(short)}", e.text):
        return False  # "which city did the plane depart from": "the destination, Guangzhou" is not
    if query.type == "when" and re.search(r"\b(?:what|which) decade\b", query.text, re.I) \
            and not short.endswith("0s"):
        return False  # "to what decade does it date back": a decade, not the report's year
    if query.type == "when" and past_for_ahead(query.text, e.text, e.chunk.date):
        return False  # "when is Lee scheduled to visit Japan": not a date of 2023 in a 2025 report
    day = re.match(r"[A-Za-z]+\.? \d{1,2}\b", short)  # ("June 12, 2018": the day "June 12")
    if query.type == "when" and not (query.sides or query.options) and (
            short.lower() in query.text.lower() or day and re.search(
                rf"\b{re.escape(day.group(0).lower())}\b", query.text.lower())):
        # "before the November 2022 eruption", "calling off the June 12 Singapore summit":
        # the question's own date answers nothing (but
        # "which year had fewer visitors, 2017 or 2024?" is answered by one of its own)
        return False
    # (a day in the scene's month is finer than the scene: "In September 2023, ... On what
    # dates was the forum set to run?": "Sept. 10 to 13")
    scene = [] if re.search(r"\b\d{1,2},", short) else _scene_months(query.text)
    if query.type == "when" and any(
            year in short and (month is None or month in short.lower())
            for year, month in described_dates(query.text) + scene):
        return False  # "Lightfoot, who died in May 2023, ...": his death is not what is asked
    if query.type == "when" and other_country(_SOURCE_CLAUSE.sub("", query.text), e.text):
        # ("according to CNN's analysis of a possible invasion of Taiwan" cites a source: its
        # Taiwan is not where the combat asked about was)
        return False  # "when did Lee first call the US president": his call with China's is not
    if query.type == "when" and _dates_someone_else(query.text, short, e.text):
        return False  # "Kilauea, a smaller volcano erupting since 2021" dates no Mauna Loa
    if query.type == "when" and not all(_mentions_place(p, e) for p in _destinations(query)):
        return False  # "when did Lee travel to Japan": a date in Seoul is another event's
    if _asks_happened(query):
        # "When did Xi visit?" asks for something that happened: a sentence that speaks of it
        # as expected, planned or wished for ("willingness to visit ... in 2023") dates no visit.
        return not hedged(e.text, _event(query))
    if query.type != "numeric":
        return True
    if re.search(r"\bhow old\b|\bwhat age\b", query.text, re.I) and _someone_else(query, e.text):
        return False  # "how old was Sir Peter Blake?": "Sir Nigel Hawthorne ... aged 72" is not
    if _WORLDWIDE.search(e.text) and not _WORLDWIDE.search(query.text) and any(
            is_place(n) and not any(k in e.text.lower() for k in _keys(n))
            for n in query.entities):
        return False  # "40 million living with HIV world-wide" is no figure for Russia
    if _one_year(query) and _figure_year(short, e.text) not in (None, str(query.years[0])):
        return False  # "7.6 million registrations in 2021" is no figure for 2022
    if not _names_part(query, e.text):
        return False  # "how many of those killed were Chinese": "156 victims" counts them all
    if _other_months(query, e.text):
        return False  # "1,000 arrivals in August, 1,200 in September" counts none in October
    if _other_weekdays(query, e.text):
        return False  # "248 flights on Sunday" is no count for Monday
    if reversed_flow(query.text, e.text):
        return False  # "South Koreans to China": "Chinese tourists to South Korea" is the other way
    if other_kind(query.text, e.text):
        return False  # "how large was the surplus": "a $18 billion deficit" is another figure
    if re.search(r"\b(?:did|was|were|had)\b", asking_clause(query.text), re.I) \
            and not hedged(query.text) and forecast(short, e.text):
        return False  # "by what percentage did sales fall": "sales are likely to rebound by 30%"
    if not asks_change(query.text) and change_figure(short, e.text):
        return False  # "what percentage are obese": not "has increased by 2 per cent"
    unit = wanted_unit(query.text)
    if unit is None and counts(query.text) and (PERCENT.search(short) or MONEY.search(short)):
        return False  # "how many tourists" asks for a count: "20%" or "$124.8 billion" is not one
    if counts_people_not_asked(query.text, short, e.text):
        return False  # "how many flights": "3,000 maintenance workers" counts people
    if counts(query.text) and measures(short, e.text) and not counts_the_asked(query, e):
        return False  # "4.1 on the Richter scale", "240 kilometres" count nobody injured
    at = e.text.find(short)
    if at >= 0 and DURATION.match(e.text, at) and not _ASKS_TIME.search(query.text) and not (
            ASKS_LEVEL.search(asking_clause(query.text)) and re.search(r"\bto\s+$", e.text[:at])):
        # "striking for 24 hours" is no pay rise, no sum, no share; but "life expectancy fell
        # to 76.1 years" is the level asked for
        return False
    if at >= 0 and re.search(r"\bhow long\b", query.text, re.I) and not lasts(
            short, e.text[at + len(short):]):
        return False  # "how long will the freeze last": "211 detainees" counts, it lasts nothing
    if at >= 0 and _lasts_other(query, e.text, at):
        return False  # "a four-day visit" says how long the visit was, not the summit
    # A sum is in money where the figure stands ("$18 billion", "300 billion won"): "incentive
    # dollars ... some 500 full-time jobs" counts jobs
    where = e.text[max(0, at - 2): at + len(short) + 16] if at >= 0 and unit is MONEY else e.text
    return (short.replace(",", "").rstrip("%") not in query.numbers
            and not re.fullmatch(r"(19|20)\d\d", short)
            and (unit is None or bool(unit.search(where))))


def _other_months(query: Query, text: str) -> bool:
    """Does a figure's sentence name months, none of them the one month the question asks
    about? Its figures are then other months' ("1,000 arrivals in August, 1,200 in September"
    for "how many in October"). A month after "since" is a reference point ("the largest rise
    since the year ending in March 1979").

    >>> from rag.query import analyze
    >>> q = analyze("By what percentage did grocery prices rise in August 2022?")
    >>> _other_months(q, "Prices soared 13.1%, the largest increase since March 1979.")
    False
    >>> _other_months(q, "In March, retail food prices rose 0.4%.")
    True
    """
    asked = asked_month(query.text)
    named = {m.lower() for m in MONTH_NAMED.findall(_without_since(text))
             if m != "may"}  # "may": a verb too
    return bool(asked and named and asked.lower() not in named)


def _without_since(text: str) -> str:
    """The text without its "since ..." phrases: the dates in them are reference points."""
    return re.sub(r"\bsince\b[^,;.—–]*", "", text)


_WEEKDAY = re.compile(r"\b(" + "|".join(d.title() for d in WEEKDAYS) + r")\b")


def _other_weekdays(query: Query, text: str) -> bool:
    """Does a figure's sentence name weekdays, none of them the one day the question asks
    about? Its figure is another day's ("canceled at least 248 flights on Sunday" for "how many
    did Delta cancel on the Monday"). A day after "since" is a reference point.

    >>> from rag.query import analyze
    >>> q = analyze("How many flights did Delta cancel on the Monday?")
    >>> _other_weekdays(q, "Delta canceled at least 248 flights on Sunday.")
    True
    >>> _other_weekdays(q, "Delta canceled 121 flights on Monday, after 248 on Sunday.")
    False
    """
    asked = set(_WEEKDAY.findall(query.text))
    named = set(_WEEKDAY.findall(_without_since(text)))
    return len(asked) == 1 and bool(named) and not asked & named


def _same_article(a: Evidence, b: Evidence) -> bool:
    return (a.chunk.file, a.chunk.article) == (b.chunk.file, b.chunk.article)


def _claim(e: Evidence, n: int) -> Claim:
    """A quoted sentence; the headline comes with it when it names its subject only indirectly
    ("The show is green lit...", "He said..."), so the reader sees who or what."""
    speaker = None
    if e.author:
        when = f", {month_label(e.posted)}" if e.posted else ""
        speaker = f"{e.author} (reader comment{when})"
    shown = plain(e.text)
    named_any = re.search(r"(?<=\s)[A-Z][\w’'-]+", shown)  # a capitalised word after the first
    indirect = bool(INDIRECT_START.match(shown)) or not named_any
    context = plain(e.chunk.title) if indirect and not e.author and e.chunk.title else None
    return Claim(text=shown, cites=(n,), speaker=speaker, context=context)


def _abstain(query: Query, ranked: Sequence[Evidence], reason: str,
             labels: dict[tuple[str, int], str]) -> Answer:
    shown = list(ranked[:CLOSEST])
    claims = tuple(_claim(e, i) for i, e in enumerate(shown, 1))
    return Answer(
        question=query.text, answer=answer_text(None, claims, reason=reason), short_answer=None,
        abstained=True, citations=tuple(cite(e, labels.get((e.chunk.file, e.chunk.article)))
                                        for e in shown),
        evidence=tuple(ranked), claims=claims, reason=reason,
    )


def _undated_first(chosen: list[Evidence], ranked: Sequence[Evidence],
                   threshold: float) -> tuple[list[Evidence], str | None]:
    """A claim from an undated article does not outrank dated reporting without saying so: the
    best dated sentence on the topic (one that passes the threshold) is shown too, and a note
    names the undated file."""
    best = chosen[0]
    if best.chunk.date is not None:
        return chosen, None
    dated = next((e for e in ranked[:CONTEXT_POOL] if e.chunk.date is not None
                  and e.chunk.file != best.chunk.file and e.score >= threshold), None)
    if dated is None:
        return chosen, None
    if dated not in chosen:
        chosen = [*chosen[: MAX_EVIDENCE - 1], dated]
    return chosen, (f"the first passage is from an undated article ({best.chunk.file}); "
                    f"dated reporting: {dated.chunk.file} ({dated.chunk.date}).")


def _pick(query: Query, ranked: Sequence[Evidence], threshold: float) -> list[Evidence]:
    """The 1-3 sentences to show: the best, then strong ones from other articles."""
    pool = list(ranked)  # "latest"/"earliest" are features of the evidence model (newest, oldest)
    if query.sides:
        return _pick_sides(query, ranked) or [pool[0]]
    chosen = [pool[0]]
    for e in pool[1:]:
        if len(chosen) == MAX_EVIDENCE:
            break
        if e.score < threshold:
            continue
        if all((e.chunk.file, e.chunk.article) != (c.chunk.file, c.chunk.article) for c in chosen):
            chosen.append(e)
    return chosen


def _joined_people(query: Query) -> list[str]:
    """People the question names side by side ("Lu Chao and Li Haidong"), each asked about.

    >>> from rag.query import analyze
    >>> _joined_people(analyze("Which institutions are Lu Chao and Li Haidong affiliated with?"))
    ['Lu Chao', 'Li Haidong']
    >>> _joined_people(analyze("When did Xi and Lee meet in Gyeongju?"))
    []
    """
    people = [n for n in query.entities if len(n.split()) > 1 and not is_place(n)]
    for a in people:
        for b in people:
            if a != b and re.search(rf"{re.escape(a)}\s*(?:,|\band\b|&)\s*{re.escape(b)}",
                                    query.text):
                return [a, b]
    return []


def _with_neighbour(chosen: list[Evidence], ranked: Sequence[Evidence],
                    threshold: float) -> list[Evidence]:
    """The best sentence and, right after it, the sentence before or after it in its article
    when that one passes the threshold too. News states an event in one sentence and what a
    reader asks about it in the next ("...killed in a fire." "Police say the fire began when a
    fireworks cache exploded"): with no short answer to give, the reader sees both."""
    best = chosen[0]
    same = sorted((e for e in ranked if e.chunk.id == best.chunk.id), key=lambda e: e.start)
    at = same.index(best)
    near = [e for e in (same[at - 1] if at else None, same[at + 1] if at + 1 < len(same) else None)
            if e is not None and e.score >= threshold and not e.author]
    if not near:
        return chosen
    pick = max(near, key=lambda e: e.score)
    return [best, pick, *[e for e in chosen[1:] if e is not pick]][:MAX_EVIDENCE]


DURATION = re.compile(r"\b\d+(?:\.\d+)?[- ](?:minute|hour|day|week|month|year)s?\b", re.I)
# A question about a span of time, which a duration may answer.
_ASKS_TIME = re.compile(r"\b(?:how long|minutes?|hours?|days?|weeks?|months?|years?|time|age|"
                        r"old|period|duration|spell|term)\b", re.I)
QUANTITY = re.compile(r"(?<![A-Za-z])\d[\d,]*(?:\.\d+)?(?!\d)(?!\s*(?:19|20)\d\d)"
                      r"(?:\s*(?:%|percent|per cent|million|billion|trillion))?")


def _pick_sides(query: Query, ranked: Sequence[Evidence]) -> list[Evidence]:
    """For "which was longer: A or B?", the best sentence with a figure for each side."""
    chosen: list[Evidence] = []
    # "longer" compares durations; "bigger", "more" compare quantities (not dates); "which came
    # first" compares dates.
    wants = DURATION if re.search(r"\b(longer|shorter)\b", query.text, re.I) else QUANTITY
    dated = comparison_order(query.text) is not None

    def measure(e: Evidence) -> bool:
        if dated:
            return bool(e.dates)
        return any(not in_a_date(e.text, m) and not years_in(m.group(0))
                   for m in wants.finditer(e.text)) or (  # a year dates; it measures nothing
            wants is QUANTITY and any(f.unit == "%" for f in compare.figures(e.text)))

    for side in query.sides:
        def covers(e: Evidence, side: tuple[str, ...] = side) -> float:
            low, st = e.text.lower(), stems(e.text)
            # "in 2017, right after the THAAD row" or "in 2024": a side's years are the side;
            # the rest describes them
            marks = [t for t in side if years_in(t)] or side
            return sum(term_present(t, low, st) for t in marks) / len(marks)

        def own_figure(e: Evidence, side: tuple[str, ...] = side) -> bool:
            # "During the 90-minute summit": a figure that describes the side's thing is its
            # figure, however few of the side's other words the sentence repeats
            return any(measured(t, e.text.lower()) for t in side if not years_in(t))

        # One sentence may give both sides' figures ("exports fell to $124.8 billion, while
        # imports dipped to $142.8 billion"): it is then each side's sentence.
        figured = [e for e in ranked if (covers(e) >= 0.5 or own_figure(e))
                   and (e.dates or any(re.search(r"\d", m.group(0))
                                       for m in NUMBER.finditer(e.text))
                        or compare.figures(e.text))]  # ("nearly half of", "a third of")
        if figured:
            chosen.append(max(figured, key=lambda e: (measure(e), own_figure(e), covers(e),
                                                      e.score)))
    return chosen if len(chosen) == len(query.sides) else []


def _compared(query: Query, chosen: Sequence[Evidence]) -> str | None:
    """"Which came first, A or B?": the side whose sentence dates it earlier (or later), with
    both dates; "Which was bigger, A or B?": the side whose figure is larger, with both figures
    (rag/compare.py). None when a side's sentence gives no date or figure to compare."""
    order = comparison_order(query.text)
    if len(chosen) != len(query.side_names):
        return None
    if order is None:
        return _figures_compared(query, chosen)
    found = [date_near(e, side) for e, side in zip(chosen, query.sides, strict=True)]
    when = [w for w in found if w]
    if len(when) != 2 or when[0][:7] == when[1][:7]:
        return None
    pick = min if order == "earliest" else max
    win = when.index(pick(when))
    verb = "came first" if order == "earliest" else "came later"
    dated = ", ".join(f"{n}: {month_label(w)}" for n, w in zip(query.side_names, when,
                                                                 strict=True))
    return f"{query.side_names[win]} {verb} ({dated})"


def _stated_first(query: Query, ranked: Sequence[Evidence]) -> tuple[str, Evidence] | None:
    """"Which did he visit first, China or Japan?": the side a good sentence that names both
    says came first ("expected to visit Japan later this month, but he chose to travel to
    China first"), with that sentence; None when none says."""
    if comparison_order(query.text) != "earliest" or len(query.side_names) != 2:
        return None
    for e in ranked[:CONTEXT_POOL]:
        low, st = e.text.lower(), stems(e.text)
        if not all(any(term_present(t, low, st) for t in side) for side in query.sides):
            continue
        said = [n for n in query.side_names
                if re.search(rf"\b{re.escape(n.lower())}\s+first\b", low)]
        if len(said) == 1:
            return said[0], e
    return None


def _figures_compared(query: Query, chosen: Sequence[Evidence]) -> str | None:
    how = compare.measure(comparison_wording(query.text))
    found = compare.verdict(how, query.side_names, query.sides,
                            [e.text for e in chosen]) if how else None
    if found is None:
        return None
    win, figures = found
    if compares_yes_no(query.text):  # "Were exports bigger than imports?"
        return f"{'Yes' if win == 0 else 'No'} ({figures})"
    return f"{query.side_names[win]} ({figures})"


def _verdict(query: Query, best: Evidence) -> tuple[str, str]:
    """"True or false: <statement>": true when the best passage and the statement both deny or
    neither does. Wording, not inference: the note says so, and the quote lets the reader check.
    """
    said = statement(query.text) or query.text
    agree = denies(best.text) == denies(said)
    how = "agrees with" if agree else "contradicts"
    # Answered in the question's own terms: "..., yes or no?" gets Yes or No.
    labels = ("Yes", "No") if re.search(r"\byes\b", query.text, re.I) else ("True", "False")
    return (labels[0] if agree else labels[1],
            f"Judged from wording: passage 1 {how} the statement; read it before relying on it.")


def _notes(query: Query, chosen: Sequence[Evidence], shorts: list[str | None],
           labels: dict[tuple[str, int], str]) -> list[str]:
    notes = []
    # Sources of different dates that give different short answers: say so with both dates.
    given = [s for s in shorts if s]
    # "2014" and "July 2014" agree, as do "Wang Yi" and "Wang Yi and Kamikawa Yoko": only
    # answers that are not refinements of each other differ.
    given = [s for s in given if not any(
        o != s and re.search(rf"(?<![\w.]){re.escape(s)}(?![\w.])", o) for o in given)]
    if len(set(given)) > 1:
        parts = [
            f"{labels[(e.chunk.file, e.chunk.article)]} ({e.chunk.file}) gives {s}"
            for s, e in zip(shorts, chosen, strict=True) if s
        ]
        notes.append("Sources differ: " + "; ".join(parts) + ".")
    turned = opposite(query.text, chosen[0].text) if query.type == "numeric" and shorts[0] else None
    if turned:
        # "How much did tourists rise in 2017?" when they fell: the figure, and which way it went
        notes.append(f'The passage says "{turned[1]}", not "{turned[0]}".')
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
        if others and (named or (shared and e.features.get("lex", 0) >= 0.3)):
            label = labels[(e.chunk.file, e.chunk.article)]
            return (
                f"Not {place.title()}: a related event in {month_label(max(e.dates))} "
                f"was in {others[-1]}, per {e.chunk.file} ({label}).",
                e,
            )
    return None


def _choose(query: Query, ranked: Sequence[Evidence], labels: dict[tuple[str, int], str],
            model: fitted.Scorer, unseen: str | None = None) -> Answer:
    """A choice question: the option the evidence supports best, its quote, and the losers.
    `unseen`: the question's names no passage mentions, said in a note (or the abstention)."""
    options = rank_options(query, ranked, model.choice)
    contenders = [o for o in options if named(o)]  # an option no passage names cannot win
    if not contenders:
        listed = ", ".join(query.options)
        reason = f"no passage names any of the options ({listed})"
        return _abstain(query, ranked, f"{reason}; {unseen}" if unseen else reason, labels)
    win = contenders[0]
    options = [win] + [o for o in options if o is not win]
    chosen = [win.best] if win.best is not None else [ranked[0]]
    notes = [f"Read with care: {unseen}."] if unseen else []
    for o in options[1:]:
        if o.best is not None and o.best not in chosen and len(chosen) < MAX_EVIDENCE:
            chosen.append(o.best)
            notes.append(f"{o.text} is also named (passage {len(chosen)}), but in a passage "
                         "less likely to answer the question.")
        elif not named(o):
            notes.append(f"No passage names {o.text}.")
    claims = tuple(_claim(e, i) for i, e in enumerate(chosen, 1))
    citations = tuple(cite(e, labels.get((e.chunk.file, e.chunk.article))) for e in chosen)
    return Answer(
        question=query.text, answer=answer_text(win.text, claims, tuple(notes)),
        short_answer=win.text, abstained=False, citations=citations, evidence=tuple(ranked),
        notes=tuple(notes), claims=claims,
    )


def compose(query: Query, ranked: Sequence[Evidence], labels: dict[tuple[str, int], str],
            model: fitted.Scorer | None = None,
            mentions: Callable[[str], bool] | None = None) -> Answer:
    """Build the extractive Answer from scored evidence (best first).

    `labels` maps (file, article) to a human date label (ISO date or why there is none).
    """
    model = model or fitted.load()
    # A sentence that asks ("What was discussed at the summit?", a subheading) asserts nothing:
    # it is never quoted as the evidence for an answer. A reader's question to the author is
    # what the reader wrote, though: it answers a question about the comments.
    about_comments = bool(COMMENT_WORDS.search(query.text))
    ranked = [e for e in ranked if not (e.features.get("asks") or _cut_question(e.text))
              or (e.author and about_comments)] or list(ranked)
    if not ranked:
        return _abstain(query, ranked, "nothing relevant was retrieved", labels)
    missing = missing_constraints(query, ranked)
    if query.options:
        # The options say what the answer is; the question's other names set the scene. A pick
        # stands when the evidence names an option, with a note on what no passage mentions.
        unseen = _missing_reason(missing, mentions) if missing else None
        if _one_year(query):  # "the winner of Eurovision 2023": not the 2019 contest's report
            ranked = [e for e in ranked if not _other_years(query, e)] or ranked
        return _choose(query, ranked, labels, model, unseen)
    # "In the Globalist article, ...": names that only point at the report the question cites
    # block no answer from another report; a note says no passage names them.
    cited = [m for m in missing if cited_only(query.text, m)]
    missing = [m for m in missing if m not in cited]
    if missing:
        return _abstain(query, ranked, _missing_reason(missing, mentions), labels)
    threshold = model.abstain_below
    # A comparison is answered by two figures or dates, one for each side: each side's sentence
    # is half the question and may score below the threshold.
    if ranked[0].score < threshold and not (query.sides and _compared(
            query, _pick_sides(query, ranked))):
        return _abstain(query, ranked, "the closest passages do not answer it", labels)
    good = [e for e in ranked if e.score >= threshold]
    if _one_year(query):
        # The question is about a year: a sentence that names only other years answers
        # something else.
        good = [e for e in good if not _other_years(query, e)]
        if not good:
            return _abstain(query, ranked, "the passages on this topic are about other years",
                            labels)
    if query.type == "when" and (query.before or query.after or query.reference):
        # "When had Xi last visited South Korea before the Gyeongju APEC trip?": the trip's
        # year bounds the answer when the question gives none.
        query = dataclasses.replace(query, before=reference_year(query, ranked))
        good = [e for e in good if _before_reference(query, e)]
        if not good:
            return _abstain(query, ranked, "no passage dates it within the time asked about",
                            labels)
    def fits(e: Evidence) -> bool:
        """What `good` keeps of a sentence, whatever its score: the year asked about, the
        bounds of the time asked about."""
        return not (_one_year(query) and _other_years(query, e)) and not (
            query.type == "when" and (query.before or query.after or query.reference)
            and not _before_reference(query, e))

    # Each side of a comparison is half the question: its sentence may score below the threshold.
    chosen = _pick(query, ranked if query.sides else good, threshold)
    # "Which institutions are Lu Chao and Li Haidong affiliated with?": each person's own
    # sentence is half the question (it may score below the threshold); each is shown.
    for name in _joined_people(query):
        if not any(name.lower() in c.text.lower() for c in chosen):
            theirs = next((e for e in ranked if name.lower() in e.text.lower()), None)
            if theirs is not None:
                chosen = [chosen[0], theirs, *chosen[1:]][:MAX_EVIDENCE]
    # "Which did he visit first, China or Japan?": "he chose to travel to China first" says
    # it, whatever dates the sentences give
    said_first = _stated_first(query, ranked) if query.sides else None
    if said_first:
        chosen = [said_first[1], *[e for e in chosen if e is not said_first[1]]][:MAX_EVIDENCE]
    compared = f"{said_first[0]} came first" if said_first else (
        _compared(query, chosen) if query.sides else None)
    chosen = list(dict.fromkeys(chosen))  # both sides' figures may be in one sentence
    speaker = speaking_commenter(query.text, [e.author for e in ranked if e.author])
    own = [e for e in ranked[:CONTEXT_POOL] if speaker and e.author == speaker]
    if own and own[0] is not chosen[0]:
        # "What does commenter qiuwei say ...?": qiuwei's own comment answers, not another
        # reader's reply that names qiuwei.
        chosen = [own[0]] + [e for e in chosen if e is not own[0]][: MAX_EVIDENCE - 1]
    if (query.type in ("when", "numeric", "who", "where") or ASKS_NAME.search(query.text)
            or _WHICH_NAMED.search(asking_clause(query.text)) or query.kind) \
            and not query.sides:
        # The best sentence cannot give the kind of answer asked: the best good one that can
        # goes first (by score: a weaker sentence from another article does not jump the queue).
        best = chosen[0] if not _typed_ok(query, chosen[0]) else None
        # (a length of time is often an adjective further down the best sentence's article,
        # in a sentence that shares few words with the question: "During the 90-minute
        # summit, ...")
        # (and "the 90-minute summit" measures the summit asked about, in whichever article)
        own = [e for e in ranked if fits(e) and (
            best and _same_article(e, best) and _answers_further_down(query, e)
            or _measures_asked(query, e))]
        pool = sorted(dict.fromkeys([*chosen, *good[:CONTEXT_POOL], *own]),
                      key=lambda e: -e.score)
        typed = [e for e in pool if _typed_ok(query, e)]
        # "Lee took office on June 4" dates the event asked about, though it scores below
        # sentences that give another event's date ("pledged on June 10, ... since Lee took
        # office"): when no good sentence dates the event itself, the best few that do go first.
        event_dated = [e for e in ranked[:CONTEXT_POOL] if e not in pool and fits(e)
                       and _dated_by_event(query, e) and _typed_ok(query, e)] \
            if query.type == "when" and not any(_dated_by_event(query, e) for e in typed) else []
        # A date or figure from a sentence that names less of whom the question names is about
        # someone else ("Lee's trip to Beijing ... since 2019" does not date Xi's visit to Seoul;
        # Lee's call with Xi does not date his call with Trump): the good sentence that names
        # most of them answers, the better-scored first among equals.
        # Among those, a figure that counts what "how many" asks ("600 years" for "in how many
        # years") beats one that counts something else ("at age 95").
        # A date dates what its sentence reports: "when did Xi visit" is answered where the visit
        # is named, not by another meeting between the same people.
        # And the reference event's own report says when it last happened before ("Lee's trip
        # to Beijing, the first by a South Korean president since 2019").
        # For "which firm", a sentence that names a firm ("accountancy firm Ernst and Young")
        # before one that names only someone.
        # When the best sentence cannot answer ("police tried to arrest a senior official of
        # Hamas"), its own article names whom it means further on, before other articles do.
        several = query.type == "who" and asks_several(query.text)
        typed.sort(key=lambda e: (-_first_since_reference(query, e), -counts_the_asked(query, e),
                                  # "how long was the summit": "the 90-minute summit" says, not
                                  # "spoke for 20 minutes with Trump"
                                  -_measures_asked(query, e),
                                  # "who were his Chinese and Japanese counterparts": a sentence
                                  # that names both
                                  -bool(several and " and " in (short_answer(query, e) or "")),
                                  -bool(best and _same_article(e, best)),
                                  # "the first Hy-Vee-owned Wahlburgers": the sentence that
                                  # says which one, before those on the chain's plans
                                  -same_ordinal(query.text, e.text),
                                  -_names_event(query, e), -_dated_by_event(query, e),
                                  -_event_words(query, e),
                                  -bool(query.kind and short_answer(query, e)),
                                  # "did Hawaiian Airlines record": a sentence on Hawaiian's
                                  # rate, not one that names the rankings' publisher
                                  -_names_subject(query, e),
                                  -e.features.get("names", 0.0)))
        typed = event_dated + typed
        if typed and typed[0] is not chosen[0]:
            chosen = [typed[0]] + [e for e in chosen if e is not typed[0]][: MAX_EVIDENCE - 1]
        if query.type == "when" and typed:
            # "since 2014" and "since July 2014": the more exact date is shown with its quote.
            given = short_answer(query, chosen[0]) or ""
            finer = [e for e in typed[1:] if given and (short_answer(query, e) or "") != given
                     and (short_answer(query, e) or "").endswith(given)]
            if finer and finer[0] not in chosen[:2]:
                chosen = [chosen[0], finer[0]] + [e for e in chosen[1:] if e is not finer[0]][
                    : MAX_EVIDENCE - 2]
    stated, quoted = _stated_figures(query), _stated_quotes(query)

    def states(e: Evidence) -> bool:
        flat = _flat_quotes(e.text)
        return set(stated) <= set(numbers_in(e.text)) and all(q in flat for q in quoted)

    if (stated or quoted) and not query.sides and not states(chosen[0]):
        # "Which golfer sat atop the standings with 96 points?": the figure the question states
        # is in the sentence it was written from ("Talor Gooch (96 points)"), however low that
        # sentence scores; so is the quotation it repeats ("when did Christie say 'now is not
        # my time'": "Now is not my time," Christie said in October 2011).
        pulled = [e for e in ranked if e is not chosen[0] and fits(e) and states(e)
                  and _typed_ok(query, e)]
        if pulled:
            chosen = [pulled[0], *[e for e in chosen if e is not pulled[0]]][:MAX_EVIDENCE]
    if query.kind and (query.kind not in NAMED_KINDS or query.kind in OF_KINDS) \
            and query.kind not in PLACE_NOUNS \
            and not query.sides and short_answer(query, chosen[0]) is None:
        # "What explosive was in his shoes?": the article that answers names it further down
        # ("The device contained an explosive called TATP"), in a sentence that scores lower.
        # Not for kinds news names bare ("which company": "parent company, ByteDance" is
        # another company) or places (named without the kind noun); a role is named after "of"
        # ("Sajak will take the role of consulting producer").
        same = [e for e in ranked if _same_article(e, chosen[0]) and e is not chosen[0]
                and short_answer(query, e)]
        if same:
            chosen = [same[0], *[e for e in chosen if e is not same[0]]][:MAX_EVIDENCE]
    if query.type == "who" and role(query) and not query.sides \
            and not any(_typed_ok(query, e) for e in chosen):
        # "Who is CEO of Boomtown?": the article about Boomtown names its CEO further down
        # ("Boomtown CEO Frank Capri is a Valley real-estate investor"), in a weaker sentence.
        same = [e for e in ranked if _same_article(e, chosen[0]) and e is not chosen[0]
                and _typed_ok(query, e)]
        if same:
            chosen = [same[0], *[e for e in chosen if e is not same[0]]][:MAX_EVIDENCE]
    # (a stated order answers, whatever the question word asks for: "which country")
    gap = None if said_first else _type_gap(query, chosen)
    if gap:
        return _abstain(query, ranked, gap, labels)
    if (query.type == "who" or ASKS_NAME.search(query.text)) and says_unnamed(chosen[0].text):
        # "Who won the jackpot?": "The winner has not yet been publicly identified, but the
        # ticket was sold at a Publix" says the name is not known; its other names answer nothing
        return _abstain(query, ranked, "the closest passage says the name has not been made "
                        "public", labels)
    if _not_happened(query, chosen[0]):
        # "What did Park and Abe agree at their 2014 summit?": "they have not yet had a
        # face-to-face talk". The question takes for granted what the passage denies.
        return _abstain(query, ranked, "the closest passage says it has not happened", labels)
    if query.type not in ("who", "when", "numeric", "where") and not query.sides \
            and not query.options and short_answer(query, chosen[0]) is None \
            and (said := unnamed(query.text, " ".join(e.text for e in chosen))):
        # "Which banned substance did she test positive for?": "she tested positive for a
        # banned substance" speaks of it; the passages never say which.
        return _abstain(query, ranked, f'the passages speak of "{said}" but do not name it',
                        labels)
    if not query.sides and not query.verdict and short_answer(query, chosen[0]) is None:
        chosen = _with_neighbour(chosen, ranked, threshold)
    act = asked_act(query.text)
    if act and not any(e.author or reports(e.text, act) for e in chosen):
        # "What did Xi and Moon agree on during Xi's 2019 visit?": passages that name the visit
        # but report no agreement do not say what was agreed. (A reader comment is what its
        # author says.)
        return _abstain(query, ranked, f"no passage says {act.asked}", labels)
    if act and (event := _held_ahead(query, chosen)):
        # "What was agreed at the vice-ministerial talks?": "they agreed to hold vice-ministerial
        # talks within this year" is an agreement about talks still to come, not made at them.
        return _abstain(query, ranked, f"the passages speak of the {event} only as still to be "
                        "held", labels)
    chosen, undated = _undated_first(chosen, ranked, threshold)
    shorts = [short_answer(query, e) for e in chosen]
    # A sentence that could not answer gives no answer of its own, so it never makes "sources
    # differ": it speaks of the event as hoped for, or names less of whom the question names.
    first = chosen[0].features.get("names", 0.0)
    shorts = [s if i == 0 or (_typed_ok(query, e) and e.features.get("names", 0.0) >= first)
              else None for i, (s, e) in enumerate(zip(shorts, chosen, strict=True))]
    short = shorts[0]
    if query.type == "numeric" and short:
        short = with_time_unit(query.text, short, chosen[0].text)  # "90 minutes", not "90"
    if query.sides:
        # Each side's sentence gives its own figure or date: they answer different things.
        short, shorts = compared, [None] * len(chosen)
    if query.type == "when" and short:
        # "2014" and "July 2014" agree; show the most specific date the sources agree on.
        refinements = [s for s in shorts if s and s != short and s.endswith(short)]
        short = max(refinements, key=len, default=short)
    notes = _notes(query, chosen, shorts, labels)
    if query.verdict:
        short, note = _verdict(query, chosen[0])
        notes.insert(0, note)
    if cited:
        notes.insert(0, f"Read with care: {_missing_reason(cited, mentions)}, which the question "
                     "cites as its source.")
    if undated:
        notes.append(undated)
    # "Did Lee visit Beijing, yes or no?" asks about that visit, not the latest one elsewhere.
    place = None if query.verdict else _place_note(query, chosen, ranked, labels)
    if place:  # the later event elsewhere is quoted too, so the note can be checked
        notes.append(place[0])
        chosen.append(place[1])
    citations: tuple[Citation, ...] = tuple(
        cite(e, labels.get((e.chunk.file, e.chunk.article))) for e in chosen
    )
    claims = tuple(_claim(e, i) for i, e in enumerate(chosen, 1))
    return Answer(
        question=query.text,
        answer=answer_text(short, claims, tuple(notes)),
        short_answer=short,
        abstained=False,
        citations=citations,
        evidence=tuple(ranked),
        notes=tuple(notes),
        claims=claims,
    )


class ExtractiveAnswerer:
    """The default answerer (no LLM); see the module docstring for how it chooses."""

    splits_parts = True

    def __init__(self, model: fitted.Scorer | None = None) -> None:
        self.model = model

    def answer(self, query: Query, evidence: Sequence[Evidence],
               labels: dict[tuple[str, int], str],
               mentions: Callable[[str], bool] | None = None) -> Answer:
        return compose(query, evidence, labels, self.model, mentions)
