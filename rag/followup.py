"""Follow-up questions: "and when did he go to Beijing?" -> a standalone question.

Used by `rag chat` (against earlier turns) and by `ask` for the second part of a two-part
question ("Whose residence did Lee visit in 2023 and when did he later take office?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dates import MONTHS, WEEKDAYS
from .places import is_country, nations
from .query import asking_clause
from .text import EVENT_NOUNS, HONORIFICS, TITLE_WORDS

# Capitalised runs like "Lee Jae-myung", "Xi Jinping", "South Korea"; "'s" is left out.
_NAME = re.compile(r"\b[A-Z][\w]*(?:-[A-Za-z]+)*(?:\s+[A-Z][\w]*(?:-[A-Za-z]+)*)*")
# Sentence-initial words that start a capitalised run but are not a name; so are titles,
# forms of address and nationality words (rag/data/words.toml, demonyms.tsv): `_not_name`.
_QUESTION_WORDS = frozenset(
    """what when where who whom whose which why how is are was were do does did has have had
    can could will would should and but so also ok okay then tell give list name i the a an in on
    at of for to from with about after before since during if former""".split()
)
_LEADING = re.compile(r"^\s*(?:and|so|but|also|ok|okay|then)\b[\s,]*", re.I)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*[?.!]*\s*$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "Who met Lee?" makes its answer the next "he"; "Whose residence did Lee visit?" does not (its
# answer owns something; Lee stays the subject).
_WHO = re.compile(r"^\s*(who|whom)\b", re.I)
# Inside one question, "Who did Pat Rafter beat, and what injury did he play through?": the
# answer is the object, and "he" is still the one the question names. (In a chat, "Who did Lee
# meet?" then "what did he say?" may well mean the answer.)
_WHO_OBJECT = re.compile(r"^\s*(?:who|whom)\s+(?:did|does|do|has|have|had|will|would)\s+"
                         r"(?-i:[A-Z])", re.I)
_PRONOUN = re.compile(r"\b(he|she|him|his|her|they|them|their|there)\b", re.I)
# "her" before these is an object ("met her in May"), before other words a possessive.
_NOT_POSSESSED = frozenset("to in on at and about with for from by or after before when".split())
_MOTION = frozenset("go went gone going travel travelled traveled come came fly flew return "
                    "returned move moved head headed".split())
_BE = frozenset("is are was were be been".split())
HISTORY_TURNS = 3  # how far back a pronoun may reach
# Words ending in "s" that are no plural noun a "they" could point back to.
_NOT_PLURAL = frozenset("this thus does goes has was is its his hers yours ours less unless "
                        "across always perhaps whereas".split())


def names_in(text: str) -> list[str]:
    """Capitalised names in order, without leading question/title words.

    >>> names_in("When did Chinese President Xi Jinping last visit Seoul?")
    ['Xi Jinping', 'Seoul']
    """
    out: list[str] = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        while words and _not_name(words):
            words = words[1:]
        name = re.sub(r"['’]s$", "", " ".join(words))
        if name and name not in out:
            out.append(name)
    return out


def _not_name(words: Sequence[str]) -> bool:
    """Does the run's first word only lead into the name: "What", "President", "Mr", "Chinese",
    "South-Korean" (the first word of "South Korean President Lee", too)?

    >>> names_in("Did South Korean President Lee meet Japanese Prime Minister Ishiba?")
    ['Lee', 'Ishiba']
    >>> names_in("When did South Korea's trade with Japan grow?")
    ['South Korea', 'Japan']
    """
    first = re.sub(r"['’]s$", "", words[0]).lower()
    if first in _QUESTION_WORDS or first in TITLE_WORDS or first in HONORIFICS:
        return True
    for size in (1, 2):  # "Chinese", "South-Korean"; "South Korean"
        form = re.sub(r"['’]s$", "", " ".join(w.lower() for w in words[:size]).replace("-", " "))
        if len(words) >= size and nations(form) and not is_country(form):
            return True
    return False


def is_place(name: str) -> bool:
    """Countries, regions and cities (rag/places.py): what "there" points at and "he" does not."""
    from .places import is_place as known_place

    return known_place(name)


# "what was the gunman's name", "the name of the pilot": a person asked for by a role
_NAME_OF = re.compile(r"\bthe\s+(?:(?P<who>[a-z]+)['’]s\s+(?:full\s+)?name|(?:full\s+)?name\s+of\s+"
                      r"the\s+(?P<of>[a-z]+))\b")


def _is_person(name: str) -> bool:
    # Acronyms (FTA, THAAD, APEC) are things, not people; "August" in "the August 2022
    # shooting" is a month.
    return not is_place(name) and not name.replace(".", "").isupper() \
        and name.lower() not in MONTHS and name.lower() not in WEEKDAYS


def _antecedents(
    history: Sequence[tuple[str, str | None]], one_question: bool = False,
) -> tuple[list[str], list[str], list[str]]:
    """(persons, places, group) from the most recent turns that mention any, newest first.

    `group` is what "they" means: two or more people, else two or more places, of one turn.
    """
    persons: list[str] = []
    places: list[str] = []
    group: list[str] = []
    for question, short in list(history)[::-1][:HISTORY_TURNS]:
        names = names_in(question)
        # ("In Georgia's rout of Vanderbilt, who was the starting quarterback?": the scene
        # comes first; the clause that asks is a "who" question)
        asks = asking_clause(question)
        if short and _WHO.match(asks) and names_in(short) == [short] and _is_person(short) \
                and not (one_question and _WHO_OBJECT.match(asks)):
            names = [short, *names]  # "who is X?" -> the answer is who "he" is next
        turn_persons = [n for n in names if _is_person(n)]
        turn_places = [n for n in names if is_place(n)]
        persons = persons or turn_persons
        places = places or turn_places
        if not group:
            group = turn_persons if len(turn_persons) > 1 else (
                turn_places if len(turn_places) > 1 else [])
        if persons and places and group:
            break
    return persons, places, group


def _what_about(subject: str, previous: str) -> str:
    """"what about X?" -> the previous question with X in place of the same kind of thing."""
    body = previous.rstrip(" ?.!")
    if not names_in(subject):
        year = _YEAR.search(subject)
        if year and _YEAR.search(body):
            return _YEAR.sub(year.group(0), previous, count=1)
        return f"{body} {subject}?"
    names = names_in(previous)
    same_kind = [n for n in names if is_place(n) == is_place(subject)]
    targets = same_kind or names
    return previous.replace(targets[0], subject, 1) if targets else f"{body}: {subject}?"


def _replace_words(q: str, person: str | None, group: str | None, place: str | None) -> str:
    def fill(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        before = re.findall(r"[\w'’-]+", q[: m.start()])
        prev = before[-1].lower() if before else ""
        after = re.match(r"\s+([\w'’-]+)", q[m.end():])
        nxt = after.group(1) if after else ""
        if person and low in ("he", "she", "him"):
            return person
        if person and low == "his":
            return f"{person}'s"
        if person and low == "her":
            possessive = nxt[:1].islower() and nxt.lower() not in _NOT_POSSESSED
            return f"{person}'s" if possessive else person
        if low in ("they", "them", "their") and any(
                w.islower() and len(w) > 3 and w.endswith("s") and w not in _NOT_PLURAL
                for w in before):
            return word  # "how many workers were paid their entitlements": the workers'
        if group and low in ("they", "them"):
            return group
        if group and low == "their":
            return f"{group}'s"
        if place and low == "there" and prev not in _BE and nxt.lower() not in _BE:
            if prev.startswith("visit"):
                return place
            return f"to {place}" if prev in _MOTION else f"in {place}"
        return word

    return _PRONOUN.sub(fill, q)


# "..., and in which month was it to be held?": an "it" that is held, takes place, happens,
# starts or ends is an event.
_EVENT_IT = re.compile(r"\bit\b(?=\s+(?:to\s+)?(?:be\s+|been\s+|being\s+)?(?:held|hosted|staged|"
                       r"take\s+place|took\s+place|taking\s+place|takes\s+place|happen|happened|"
                       r"happens|start|started|starts|begin|began|begins|end|ended|ends)\b)", re.I)


# "the APEC summit", "at the Busan trilateral foreign ministers' meeting": an event the first
# part of a question names, with the preposition that set it as the scene
_EVENT_PHRASE = re.compile(r"(?P<at>\b(?:at|in|during)\s+)?(?P<event>\bthe\s+"
                           r"(?:(?!(?:the|a|an|at|in|on|of|during)\b)[\w'’-]+\s+){0,5}?"
                           rf"(?:{'|'.join(sorted(EVENT_NOUNS, key=len, reverse=True))})\b)")
# "..., and who represented Japan there?": "there" at the end is where the first part was
_THERE_END = re.compile(r"\bthere\s*(?=[?.!]*\s*$)", re.I)


def _event_it(question: str, earlier: str) -> str:
    """The second part of one question with its event "it" read as the event the first part
    names ("the APEC summit"), and a closing "there" as that event's scene ("at the Busan
    meeting"); unchanged when there is no such word or event.

    >>> _event_it("in which month was it to be held?", "Where did Lee invite Xi to attend the "
    ...           "APEC summit?")
    'in which month was the APEC summit to be held?'
    >>> _event_it("who represented Japan there?", "Who was Korea's minister at the Busan "
    ...           "trilateral foreign ministers' meeting in late 2023?")
    "who represented Japan at the Busan trilateral foreign ministers' meeting?"
    >>> _event_it("when did it start?", "What did Lee say about the trade war?")
    'when did it start?'
    """
    if _EVENT_IT.search(question):
        phrases = [m.group("event") for m in _EVENT_PHRASE.finditer(earlier)]
        return _EVENT_IT.sub(phrases[-1], question, count=1) if phrases else question
    if _THERE_END.search(question):
        scenes = [m.group(0) for m in _EVENT_PHRASE.finditer(earlier) if m.group("at")]
        return _THERE_END.sub(scenes[-1], question, count=1) if scenes else question
    return question


def resolve_followup(question: str, history: Sequence[tuple[str, str | None]],
                     one_question: bool = False) -> str:
    """A standalone question: pronouns and "what about X?" filled in from earlier turns.

    `history` is [(resolved question, short answer or None)], oldest first. The question is
    returned unchanged when there is no history or nothing to resolve. `one_question`: the
    turns are parts of one question the user asked.

    >>> h = [("What did Lee Jae-myung say about China?", None)]
    >>> resolve_followup("and when did he go to Beijing?", h)
    'when did Lee Jae-myung go to Beijing?'
    >>> resolve_followup("what about Yoon Suk Yeol?", h)
    'What did Yoon Suk Yeol say about China?'
    >>> resolve_followup("who is Xi Jinping?", h)
    'who is Xi Jinping?'
    >>> resolve_followup("when did he take office?", [("Whose residence did Lee visit?", "Xing")])
    'when did Lee take office?'
    >>> h = [("Who did Pat Rafter beat?", "Arnaud Clement")]
    >>> resolve_followup("what injury did he play through?", h, one_question=True)
    'what injury did Pat Rafter play through?'
    >>> resolve_followup("what did he say?", h)
    'what did Arnaud Clement say?'
    >>> resolve_followup("how old was he?", [("In the Safeway shooting, what was the gunman's "
    ...                                       "name?", None)], one_question=True)
    'how old was the gunman in the Safeway shooting?'
    >>> resolve_followup("how old was he?", [("In the Safeway shooting, what was the gunman's "
    ...                                       "name?", "Ethan Miller")], one_question=True)
    'how old was Ethan Miller?'
    >>> resolve_followup("how many yards did he throw for?", [("In Georgia's rout of Vanderbilt, "
    ...     "who was the starting quarterback?", "Stetson Bennett")], one_question=True)
    'how many yards did Stetson Bennett throw for?'
    >>> resolve_followup("how many workers got their pay?", [("Did Lee and Xi meet?", None)])
    'how many workers got their pay?'
    """
    q = " ".join(question.split())
    if not history or not q:
        return q
    if m := _WHAT_ABOUT.match(q):
        return _what_about(m.group(1), history[-1][0])
    if one_question:
        q = _event_it(q, history[-1][0])
    persons, places, group_names = _antecedents(history, one_question)
    if one_question and (asked := _NAME_OF.search(history[-1][0])):
        # "what was the gunman's name, and how old was he?": "he" is the one whose name was
        # asked: the name found, else the gunman in the scene the question set ("In the
        # Safeway shooting in Bend, ...")
        scene = re.match(r"(?i:in|at|during|after)\s+[^?]{3,120}?(?=,\s*(?i:what|which|who)\b)",
                         history[-1][0])
        persons = [history[-1][1] or f"the {asked.group('who') or asked.group('of')}"
                   + (f" {scene.group(0)[:1].lower()}{scene.group(0)[1:]}" if scene else "")]
    q = _LEADING.sub("", q) or q
    own = names_in(q)
    own_persons = [n for n in own if _is_person(n)]
    own_places = [n for n in own if is_place(n)]
    person = persons[0] if persons and not own_persons else None
    group = " and ".join(group_names[:3]) if group_names and not own else None
    place = places[0] if places and not own_places else None
    if not (person or group or place):
        return q
    return _replace_words(q, person, group, place)
