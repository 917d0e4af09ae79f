"""Text features: words, stems, names, numbers and places, as small pure functions.

Query analysis, evidence scoring, the answerers and the LLM verifier all read text through this
module, so "is this question term in that sentence" means the same thing everywhere. Word lists
live in `rag/data/words.toml`; places in `rag/places.py`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# is_country and is_place are re-exported: text features
from .dates import MONTH
from .places import (  # noqa: F401
    city_countries,
    countries_of,
    demonyms,
    is_country,
    is_place,
    nations,
    same_country,
)

_WORDS = tomllib.loads((Path(__file__).with_name("data") / "words.toml").read_text("utf-8"))
STOPWORDS = frozenset(_WORDS["stopwords"].split())
GENERIC = frozenset(_WORDS["generic"].split())
ADVERBS = frozenset(_WORDS["adverbs"].split())
SOFT = frozenset(_WORDS["soft"].split())
TITLE_WORDS = frozenset(_WORDS["titles"].split())
HONORIFICS = frozenset(_WORDS["honorifics"].split())
NAME_SUFFIXES = frozenset(_WORDS["name_suffixes"].split())
TITLE_MODIFIERS = frozenset(_WORDS["title_modifiers"].split())
LOOSE_TITLES = frozenset(_WORDS["loose_titles"].split())
KINDS = frozenset(_WORDS["kinds"].split())
IRREGULAR: dict[str, str] = dict(_WORDS["irregular"])
HEDGES = frozenset(_WORDS["hedges"].split())
QUANTITIES = frozenset(_WORDS["quantities"].split())
PERSON_NOUNS = frozenset(_WORDS["person_nouns"].split())
RELATIVES = frozenset(_WORDS["relatives"].split())
NAMED_ROLES = frozenset(_WORDS["named_roles"].split())
COUNTED_PEOPLE = frozenset(_WORDS["counted_people"].split())
ORG_WORDS = frozenset(_WORDS["org_words"].split())
SEARCH_TYPES = {kind: frozenset(words.split()) for kind, words in _WORDS["search_types"].items()}
NEGATIONS = frozenset(_WORDS["negations"].split())
PLACE_NOUNS = frozenset(_WORDS["place_nouns"].split())
NAMED_KINDS = frozenset(_WORDS["named_kinds"].split())
UNITS = frozenset(_WORDS["units"].split())
LENGTHS = frozenset(_WORDS["lengths"].split())
COUNTING_COMPOUNDS = frozenset(_WORDS["counting_compounds"].split())
TOWARDS = frozenset(_WORDS["towards"].split())
QUOTED_KINDS = frozenset(_WORDS["quoted_kinds"].split())
OF_KINDS = frozenset(_WORDS["of_kinds"].split())
EVENT_NOUNS = frozenset(_WORDS["event_nouns"].split())
SOURCE_NOUNS = frozenset(_WORDS["source_nouns"].split())
LABEL_NOUNS = frozenset(_WORDS["label_nouns"].split())
HEARERS = ORG_WORDS | frozenset(_WORDS["hearers"].split())
WRITER_NOUNS = frozenset(_WORDS["writer_nouns"].split())
MEASURE_FORMS = tuple(frozenset(line.split()) for line in _WORDS["measure_forms"].splitlines()
                      if line.strip())
TITLED_KINDS = frozenset(_WORDS["titled_kinds"].split())
LANGUAGES = frozenset(_WORDS["languages"].split())
SIZED_KINDS = frozenset(_WORDS["sized_kinds"].split())
TYPED_KINDS = frozenset(_WORDS["typed_kinds"].split())
KIND_FORMS = {kind: tuple(words.split()) for kind, words in _WORDS["kind_forms"].items()}
PARAPHRASES = {key: re.compile(rf"\b(?:{pattern})")
               for key, pattern in _WORDS["paraphrases"].items()}
# A quotation of at least two words in curly or straight double quotes.
QUOTATION = re.compile(r"[“\"][^“”\"]*\w\W+\w[^“”\"]*[”\"]")
MONEY_WORDS = frozenset(_WORDS["money_words"].split())
DURATION_WORDS = _WORDS["duration_words"]
# "directed" -> "direct": a credit verb and the start of the words news gives the credit with
CREDIT_VERBS = dict(pair.split(":") for pair in _WORDS["credit_verbs"].split())
# Pairs of word sets for the opposite ways a figure changes (rise / fall).
OPPOSITES = tuple((frozenset(p["one"].split()), frozenset(p["other"].split()))
                  for p in _WORDS["opposites"])
# Sets of word groups whose figures news keeps apart (surplus / deficit; killed / injured), and
# whether a sentence must name the asked group.
EXCLUSIVE = tuple((tuple(frozenset(g.split()) for g in e["groups"]), bool(e["strict"]))
                  for e in _WORDS["exclusive"])

# A token: a word (inner apostrophes and hyphens kept) or a number ("2016", "4.17", "8,000",
# "20%"). Trailing punctuation is never part of a token: "2016," is "2016".
# ("the 1990s" and "the 50th" are one token each)
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*%?"
                    r"(?:(?<=0)['’]?s\b|(?<=1)st\b|(?<=2)nd\b|(?<=3)rd\b|(?<=\d)th\b)?")
NUMBER = re.compile(
    r"(?<![A-Za-z\d])(?:US)?\\?[$£€]\d[\d,]*(?:\.\d+)?[mbk]\b"  # headline money: "$25M", "£1.2bn"
    r"|(?<![A-Za-z\d])(?:US)?\\?[$£€]?\d[\d,]*(?:\.\d+)?"  # not the 20 (nor the 0) of "G20"
    r"\s*(?:%|percent|per cent|million|billion|trillion|bn)?"
    r"|\b(?:one|two|three|a)[- ](?:thirds?|quarters?|fifths?)\b"  # "nearly one third", "a third"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|dozens?|half|halved|doubled)\b",
    re.I,
)
# Two to four capitalised words; a later one may carry a hyphenated part ("Lee Jae-myung",
# "Han Duck-soo": Korean given names).
# A scrape's metadata lines: the page's address and its date stamp ("Published: 2022/11/04").
# They stay in the chunk (the address's words help retrieval; ingest dates the article from the
# stamp), but they are nothing the article says, so no answer quotes them.
SCRAPE_META = re.compile(
    r"(?:https?://|www\.)\S+|(?:Published|Updated|Posted|Last updated|Date)(?: on)?"
    rf"(?:\s*:\s*|\s+(?=\d|{MONTH}))\S.{{0,50}}", re.I)

# Letters of names, with the accents of European names ("Lü Chao", "Beyoncé", "José Müller").
_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿĀ-ž"
NAME = re.compile(rf"\b[{_UP}][{_LOW}]+(?:[- ](?:[{_UP}][{_LOW}]+(?:-[{_LOW}]+)?|"
                  rf"[{_LOW}]{{2,}}(?=-[{_UP}])|"  # "el-Sisi", not "Ousted co-founder"
                  rf"(?:[B-HJ-Z]\.?|[AI]\.)(?= [{_UP}][{_LOW}]))){{1,3}}\b")  # "George W. Bush"
PLACE_CUE = re.compile(  # "in Seoul", "from nearby Millicent", "in neighbouring Dagestan"
    r"\b(?:in|at|to|from|near|visit(?:ed|ing)?)\s+(?:the\s+)?(?:nearby\s+|neighbouring\s+|"
    r"neighboring\s+)?([A-Z][\w-]+(?: [A-Z][\w-]+)*)")
# A sentence whose subject is a pronoun, also after a connective ("Even so, they have not met")
# or inside an opening phrase ("In their first phone call, ..."): it continues the sentence
# before, which says who (and often when: a wire story's first sentence carries the date).
PRONOUN_START = re.compile(
    r"\s*[\"“‘']?(?:(?:But|And|Yet|Still|However|Even so|Instead|Meanwhile|So|Then|Now|Also|"
    r"Since then|After that|In turn),?\s+)?"
    r"(?:(?:in|during|at|on|after|before|for|with|since)\s+(?:his|her|their|its)\b"
    r"|(?:she|he|they|it|his|her|their|its)\b)", re.I)
# A sentence whose subject is only referred to: a pronoun, or "the/this <common noun>" ("The
# show is green lit..."): the reader needs the headline or the sentence before to know who/what.
INDIRECT_START = re.compile(
    r"\s*[\"“‘']?(?:(?:She|He|They|It|His|Her|Their|Its|This|These|That)\b"
    r"|(?:The|This|That|These|Those) [a-z][a-z-]+\b)")
COMMENT_WORDS = re.compile(
    r"\b(comment|comments|commenter|reader|readers|responded|response)\b", re.I)
FUNCTION_WORDS = ("(?:the|and|for|from|with|that|this|than|then|into|onto|its|his|her|their|our"
                  "|are|was|were|has|had|have|not|but)")
_MARKDOWN = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]*)\)|\*\*([^*\n]+)\*\*|__([^_\n]+)__")


@lru_cache(maxsize=65536)  # news vocabularies repeat: a warm ask stems ~6,000 words, few new
def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to match visit/visits/visited/visiting.

    >>> [stem(w) for w in ["visited", "visits", "tourists", "agreed", "cities", "meetings"]]
    ['visit', 'visit', 'tourist', 'agre', 'city', 'meet']
    >>> [stem(w) for w in ["won", "advisor", "jan", "may"]]  # rag/data/words.toml [irregular]
    ['win', 'adviser', 'january', 'may']
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


def fold(text: str) -> str:
    """Accents off and curly apostrophes straight, for matching words: a question typed on an
    English keyboard writes "Moku'aweoweo" for the article's "Moku’āweoweo".

    >>> fold("Moku’āweoweo, Garðarsson, Nuñez")
    "Moku'aweoweo, Gardarsson, Nunez"
    """
    text = text.replace("’", "'").replace("ð", "d").replace("Ð", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Words and numbers, without punctuation (accents folded).

    >>> tokens("How many came in 2016, before the THAAD dispute (8,000)?")
    ['How', 'many', 'came', 'in', '2016', 'before', 'the', 'THAAD', 'dispute', '8,000']
    """
    return _TOKEN.findall(fold(text))


def content_terms(text: str) -> list[str]:
    """Lowercased content words of `text` (stopwords and generic words dropped), in order.

    >>> content_terms("When did Lee Jae-myung's wife visit the U.S.?")
    ['lee', 'jae', 'myung', 'wife', 'visit', 'us']
    >>> content_terms("the Free Press's 50th-anniversary series, the 1990s")
    ['free', 'press', '50th', 'anniversary', 'series', '1990s']
    """
    out = []
    for tok in tokens(text):
        low = tok.lower().replace("’", "'").removesuffix("'s")
        if re.fullmatch(r"(?:[a-z]\.){2,}", low):  # "U.S." -> "us"
            low = low.replace(".", "")
        for part in low.split("-"):
            if part and part not in STOPWORDS and part not in GENERIC and part not in out:
                out.append(part)
    return out


def one_letter_off(a: str, b: str) -> bool:
    """Are two words one letter apart: one dropped, added, changed, or two swapped?

    >>> one_letter_off("ishba", "ishiba"), one_letter_off("jinpin", "jinping")
    (True, True)
    >>> one_letter_off("lee", "lie"), one_letter_off("korea", "koreas"), one_letter_off("a", "a")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
                                      and a[i + 2:] == b[i + 2:])


def near_spellings(word: str, text: str) -> list[str]:
    """The text's words spelt one letter off the word, with its first letter as written (a
    capital finds names). People type names from memory: "Ishba" for Ishiba. Only for words of
    five letters or more; shorter ones differ too often in meaning ("Lee", "Lie").

    >>> near_spellings("Ishba", "Prime Minister Shigeru Ishiba"), near_spellings("moon", "mon")
    (['Ishiba'], [])

    A doubled letter typed single, or a single one doubled, is the same name ("Cincinatti").

    >>> near_spellings("Cincinatti", "WKRP in Cincinnati"), near_spellings("Phillipines", "the "
    ...                                                                      "Philippines")
    (['Cincinnati'], ['Philippines'])
    """
    if len(word) < 5 or not word.isalpha():
        return []
    single = _undoubled(word.lower())
    return [c for c in re.findall(rf"\b{word[0]}[a-z]{{{len(word) - 3},{len(word) + 1}}}\b", text)
            if one_letter_off(word.lower(), c.lower()) or _undoubled(c.lower()) == single]


def _undoubled(word: str) -> str:
    """The word with each doubled letter written once ("cincinnati" -> "cincinati")."""
    return re.sub(r"(.)\1+", r"\1", word)


def misspelt_in(word: str, low: str) -> bool:
    """Does the (lower-case) text have the word spelt one letter off ("ishba": "ishiba")?

    >>> misspelt_in("ishba", "japanese prime minister shigeru ishiba"), misspelt_in("moon", "mon")
    (True, False)
    """
    return bool(near_spellings(word.lower(), low))


def respelt(question: str, texts: Sequence[str], keep: Collection[str] = ()) -> str:
    """The question with each capitalised word that no text has, but one spells one letter
    off, written as the texts spell it: "the one with Ishba" -> "the one with Ishiba". Words
    in `keep` stay as typed: an offered option no article names is one they do not support.

    >>> respelt("Which call ran longer, with Trump or with Ishba?", ["He called Shigeru Ishiba."])
    'Which call ran longer, with Trump or with Ishiba?'
    >>> respelt("Which drink? Options: Latte; Mocca.", ["a Mocha option"], keep={"latte", "mocca"})
    'Which drink? Options: Latte; Mocca.'
    >>> respelt("which releiver pitched, beofre the ninth?", ["The reliever came in before."])
    'which reliever pitched, before the ninth?'
    >>> respelt("who warned them?", ["The sun warmed them."]), respelt("which county?",
    ...                                                                 ["a country"])
    ('who warned them?', 'which county?')
    """
    joined = " ".join(texts)
    low = joined.lower()
    out = question
    for m in re.finditer(r"\b[A-Z][a-z]{4,}\b", question):
        w = m.group(0).lower()
        if w in keep or re.search(rf"\b{w}\b", low):
            continue
        # a name: capitalised in the articles too ("Options" is not "option")
        if near := near_spellings(m.group(0), joined):
            out = re.sub(rf"\b{m.group(0)}\b", max(set(near), key=near.count), out)
    # A common word typed fast ("beofre", "releiver"): two letters swapped, in a word of six
    # letters or more the texts spell right. A letter changed, dropped or added makes another
    # word too often ("warned", "warmed"; "county", "country") and is left alone.
    for m in re.finditer(r"\b[a-z]{6,}\b", question):
        w = m.group(0)
        if w in keep or re.search(rf"\b{w}\b", low):
            continue
        near = [c for c in near_spellings(w, low) if len(c) == len(w) and sorted(c) == sorted(w)]
        if near:
            out = re.sub(rf"\b{w}\b", max(set(near), key=near.count), out)
    return out


def stems(text: str) -> set[str]:
    """Stems of every word in `text`, plus its numbers as written (commas removed too). A plural
    possessive is its noun: "the foreign ministers' meeting" has "minister".

    >>> sorted(stems("the ministers' meeting"))
    ['meet', 'minister', 'the']
    """
    words = {stem(t) for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", fold(text).lower())
             for part in w.split("-") if (t := part.strip("'’"))}
    numbers = set(re.findall(r"\d+(?:[.,]\d+)*", text))
    acronyms = {a.replace(".", "") for a in re.findall(r"\b(?:[a-z]\.){2,}", text.lower())}
    return words | numbers | {n.replace(",", "") for n in numbers} | acronyms


LONG_STEM = 6  # a stem this long starts only its own word family ("inaugurat": "inauguration")


def names_act(term: str, low: str, stems_: set[str]) -> bool:
    """A word for what happened is in a sentence: as `term_present`, or as another word of its
    family ("inaugurated": "Lee's inauguration").

    >>> names_act("inaugurated", "after lee's inauguration", stems("after Lee's inauguration"))
    True
    """
    st = stem(term)
    return term_present(term, low, stems_) or (
        len(st) >= LONG_STEM and re.search(rf"\b{re.escape(st)}", low) is not None)


def term_spots(term: str, low: str) -> list[int]:
    """Where a term's word (any form of it, or a paraphrase news uses) starts in a lower-case
    text.

    >>> term_spots("sworn", "days after lee's inauguration on june 4, he was sworn in")
    [17, 48]
    """
    st = stem(term)
    spots = [m.start() for m in re.finditer(r"[a-z][a-z'’]*", low) if stem(m.group(0)) == st
             or (len(st) >= LONG_STEM and m.group(0).startswith(st))]
    if said := PARAPHRASES.get(st):
        spots += [m.start() for m in said.finditer(low)]
    return sorted(set(spots))


def term_present(term: str, low: str, stems_: set[str]) -> bool:
    """A question term is in a sentence: same stem, a long term inside a longer word, an acronym
    spelled out ("fta": "free trade agreement"), or a country and its demonym ("japan":
    "Japanese", "china": "Chinese").

    >>> term_present("japan", "the japanese prime minister", stems("the Japanese prime minister"))
    True
    >>> term_present("g7", "the g7 summit in alberta", stems("the G7 summit in Alberta"))
    True
    >>> term_present("ba.5", "ba.5, another offshoot", stems("BA.5, another offshoot"))
    True
    >>> term_present("sworn", "lee took office on june 4", stems("Lee took office on June 4"))
    True
    >>> term_present("reviving", "a barrier to revive it", stems("a barrier to revive it"))
    True
    >>> term_present("die", "he was pronounced dead", stems("He was pronounced dead"))
    True
    """
    st = stem(term)
    if st in stems_ or term in stems_:
        return True
    # "-ing" and "-ed" drop a silent "e": "reviving" is there as "revive", "revive" as "revived"
    if len(st) >= 4 and (f"{st}e" in stems_ or (st.endswith("e") and st[-2] not in "aeiou"
                                                   and st[:-1] in stems_)):
        return True
    if (said := PARAPHRASES.get(stem(term))) and said.search(low):
        return True  # "sworn in": "took office" reports it
    if re.fullmatch(r"[a-z]+\d[a-z\d]*", term):  # "G7", "MH370": letters and digits, one word
        return bool(re.search(rf"(?<![\w-]){term}(?![\w])", low))
    if re.fullmatch(r"[a-z\d]+(?:\.[a-z\d]+)+", term) and re.search(r"\d", term):
        # "BA.5", "Web3.0": the dot is part of the name
        return bool(re.search(rf"(?<![\w.]){re.escape(term)}(?!\w|\.\w)", low))
    if len(term) >= 5 and term in low:
        return True
    if len(term) >= 4 and term.isalpha() and _demonym(term).search(low):
        return True
    if not (2 <= len(term) <= 5 and term.isalpha()):
        return False
    # "MOUs": a plural acronym is spelled out with its last word plural
    return bool(_spelled_out(term).search(low)) or (
        len(term) >= 4 and term.endswith("s") and bool(_spelled_out(term[:-1]).search(low))) or (
        len(term) >= 4 and bool(_dotted_then_spelled(term).search(low)))


@lru_cache(maxsize=4096)
def _demonym(term: str) -> re.Pattern[str]:
    """"china" <-> "chinese", "korea" <-> "korean", "russia" <-> "russian": English demonyms
    keep the name's stem and add -n/-an/-ese/-ian/-i/-ish.

    >>> [bool(_demonym(t).search(w)) for t, w in [("chinese", "china"), ("korea", "koreans"),
    ...                                          ("russian", "russia"), ("japan", "japanese"),
    ...                                          ("sweden", "swedish"), ("dutch", "netherlands"),
    ...                                          ("american", "the us under secretary")]]
    [True, True, True, True, True, True, True]
    """
    base = term
    for suffix in ("ese", "ians", "ian", "ans", "an", "ish", "i", "n", "a", "e", "y"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            base = term[: -len(suffix)]
            break
    stems_ = "|".join(re.escape(b) for b in dict.fromkeys([term, base]))
    # Irregular forms from the demonyms file: "sweden" <-> "swedish", "netherlands" <-> "dutch".
    # A form several countries share stands for each ("american": the United States, "US")
    shared = sorted(nations(term)) if not countries_of(term) else []
    forms = [*demonyms(term), *countries_of(term), *shared,
             *(f for c in shared for f in demonyms(c))]
    listed = "".join(rf"|{re.escape(f)}s?" for f in dict.fromkeys(forms))
    regular = rf"(?:{stems_})(?:a|e|y|n|an|ans|ns|ese|ia|ian|ians|i|is|ish)?"
    return re.compile(rf"\b(?:{regular}{listed})\b")


_COUNTS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
           "fifteen sixteen seventeen eighteen nineteen twenty").split()


def spelled(number: str) -> str | None:
    """The word news spells a small whole number with ("No. 1" is "number one"); None otherwise.

    >>> spelled("1"), spelled("12"), spelled("1,000")
    ('one', 'twelve', None)
    """
    return _COUNTS[int(number) - 1] if number.isdigit() and 1 <= int(number) <= len(_COUNTS) \
        else None


def measured(term: str, low: str) -> bool:
    """Does a measure stand before the word as its adjective ("the 90-minute summit", "their
    30-minute first phone call")? Then the sentence gives that thing's figure.

    >>> measured("summit", "during the 90-minute summit, lee stressed"), measured("summit",
    ...     "in 2019, the summit opened")
    (True, False)
    """
    return bool(re.search(rf"\d[\d.,]*-[a-z]+\s+(?:[\w-]+\s+)?{re.escape(term)}\b", low))


def acronym(name: str) -> str | None:
    """The short form news writes for a spelled-out name: the initials of its capitalised
    words, a number as digits ("Group of Seven": "g7"); None for a one-word name.

    >>> acronym("Group of Seven"), acronym("World Health Organization"), acronym("Seoul")
    ('g7', 'who', None)
    """
    parts = []
    for w in name.replace("-", " ").split():
        if w.lower() in _COUNTS:
            parts.append(str(_COUNTS.index(w.lower()) + 1))
        elif w.isdigit():
            parts.append(w)
        elif w[:1].isupper():
            parts.append(w[0].lower())
    return "".join(parts) if len(parts) >= 2 and any(c.isalpha() for c in parts) else None


@lru_cache(maxsize=1024)
def _spelled_out(acronym: str) -> re.Pattern[str]:
    """Content words whose initials spell the acronym, hyphen or space between them; the small
    words of a name do not count ("aihw": "Australian Institute of Health and Welfare").

    >>> bool(_spelled_out("aihw").search("the australian institute of health and welfare"))
    True
    >>> bool(_spelled_out("mou").search("they signed 14 memorandums of understanding"))
    True
    """
    # small words do not stand for letters ("fta" is not "from the agreement"), but "of" may:
    # "mou" is "memorandum of understanding"
    words = [(r"(?:of|" if c == "o" else r"(?:") + rf"(?!{FUNCTION_WORDS}\b){c}[a-z]{{2,}})"
             for c in acronym]
    return re.compile(r"\b" + r"[\s-]+(?:(?:of|and|for|the|on|in|&)\s+)*".join(words) + r"\b")


@lru_cache(maxsize=1024)
def _dotted_then_spelled(acronym: str) -> re.Pattern[str]:
    """The acronym's first two letters as initials with stops, the rest spelled out ("usda":
    "the U.S. Department of Agriculture", "bls": not "U.S. Bureau").

    >>> bool(_dotted_then_spelled("usda").search("the u.s. department of agriculture says"))
    True
    >>> bool(_dotted_then_spelled("usda").search("the u.s. department of defense says"))
    False
    """
    rest = _spelled_out(acronym[2:]).pattern.removeprefix(r"\b")
    return re.compile(rf"\b{acronym[0]}\.\s?{acronym[1]}\.\s+{rest}")


def capitalised_in(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", text)}


# A text that ends with an initial ("U.S.", "Kim J.") or a common abbreviation ("Warner Bros.",
# "Sen."): a full stop there ends no sentence.
ABBREVIATED = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Gen|Lt|Col|Gov|Sen|Rep|No|vs|etc|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|Bros|Mt|Ft|Prof|Rev))\.$"
)

HEDGE_REACH = 5  # words: a hedge governs the event next to it ("expected to visit")
# A hedge does not reach across punctuation or these words: "... as soon as possible” during
# their first phone call" hedges the agreement, not the call.
_HEDGE_BREAKS = frozenset("during when while after before since because although but and".split())


# "agreed to hold vice-ministerial talks", "will convene a summit": an event still to come
_TO_HOLD = (r"\b(?:to|will|would|shall)\s+"
            r"(?:hold|have|convene|host|launch|start|open|resume|stage)\s+")


def to_be_held(text: str, event: str) -> bool:
    """Does the sentence speak of the event (a noun: "talks", "summit") as still to be held?

    >>> to_be_held("They also agreed to hold vice-ministerial talks within this year.", "talks")
    True
    >>> to_be_held("At the talks, both sides agreed to a ceasefire.", "talks")
    False
    """
    return bool(re.search(rf"{_TO_HOLD}(?:[\w’'-]+\s+){{0,4}}?{re.escape(event)}\b", text, re.I))


def hedged(text: str, about: Collection[str] = ()) -> bool:
    """Does the sentence speak of something unrealised (expected, planned, possible)?

    With `about` (stems of the event's words), only a hedge within a few words of the event,
    in the same phrase, counts: in "In their first phone call, he told Xi he hoped for more
    trade" the call happened; the hope is about trade.

    >>> hedged("Xi expressed willingness to visit Seoul"), hedged("Xi visited Seoul in July")
    (True, False)
    >>> s = "In their first phone call, the president told Xi he hoped to expand trade."
    >>> hedged(s), hedged(s, {"phone", "call"}), hedged(s, {"trade"})
    (True, False, True)
    >>> hedged("They agreed to meet as soon as possible during their first phone call", {"call"})
    False
    >>> hedged("A state visit by Xi is expected", {"visit"})
    True
    >>> hedged("the share doubled from 3.6% in May to 6.4% in July"), hedged("It may rain")
    (False, True)
    """
    tokens = re.findall(r"[A-Za-z]+|[^\sA-Za-z0-9'’-]", text)
    # "May" inside a sentence is the month ("the BA.2 wave in May"), not the modal
    hedges = [i for i, w in enumerate(tokens) if w.lower() in HEDGES and not (w == "May" and i)]
    if not hedges or not about:
        return bool(hedges)
    events = [i for i, w in enumerate(tokens) if w[0].isalpha() and stem(w) in about]
    if not events:
        return True  # the event is not in this sentence: the hedge may well be about it
    return any(_governs(tokens, i, j) for i in hedges for j in events)


def _governs(tokens: list[str], i: int, j: int) -> bool:
    """Are tokens i and j in one phrase, a few words apart (no punctuation, no "when",
    "but", ... between them)?"""
    between = tokens[min(i, j) + 1 : max(i, j)]
    return (len(between) < HEDGE_REACH
            and not any(not w[0].isalpha() or w.lower() in _HEDGE_BREAKS for w in between))


def not_happened(text: str, about: Collection[str]) -> bool:
    """Does the sentence say that the event (stems of its words) has not happened ("they have
    not yet had a face-to-face talk", "has yet to visit", "never met")? The words must be in
    the same phrase, a few words apart, as for `hedged`.

    >>> s = "Abe and Park have been in power for two years. Even so, they have not yet had a "
    >>> not_happened(s + "face-to-face talk.", {"face", "summit"})
    True
    >>> not_happened("Xi has never been more popular; he visited Seoul.", {"visit"})
    False
    """
    tokens = re.findall(r"[A-Za-z]+|[^\sA-Za-z0-9'’-]", text)
    low = [t.lower() for t in tokens]
    negs = [i for i in range(len(low)) if low[i] == "never" or (low[i] == "not" and low[i + 1:i + 2]
            == ["yet"]) or (low[i] == "yet" and low[i + 1:i + 2] == ["to"])]
    events = [i for i, w in enumerate(tokens) if w[0].isalpha() and stem(w) in about]
    return any(i < j and _governs(tokens, i, j) for i in negs for j in events)


@dataclass(frozen=True)
class Act:
    """Something said or settled whose content a question can ask for ("what did they agree
    on?"); word lists in rag/data/words.toml, `acts`."""

    asks: frozenset[str]  # stems of the question's verb ("agree", "agreed")
    reports: frozenset[str]  # stems of the words a sentence reports it with
    quoted: bool  # a quotation reports it too ("said" acts)
    asked: str  # what a message says is missing: "what was agreed"
    kinds: frozenset[str] = frozenset()  # what it produces: "what trade deal did they sign"
    needs_kind: bool = False  # asked only with a kind: "what sentence did he get"
    outcome: bool = False  # asked yes or no too: "did Busan win the bid?"


def _act(table: dict[str, object]) -> Act:
    return Act(frozenset(stem(w) for w in str(table["asks"]).split()),
               frozenset(stem(w) for w in str(table["reports"]).split()),
               bool(table.get("quoted", False)), str(table["asked"]),
               frozenset(str(table.get("kinds", "")).split()),
               bool(table.get("needs_kind", False)), bool(table.get("outcome", False)))


ACTS = {name: _act(table) for name, table in _WORDS["acts"].items()}


def reports(text: str, act: Act) -> bool:
    """Does the sentence report the act: an agreement, a statement, a decision?

    >>> reports("Both sides agreed to hold talks.", ACTS["agree"])
    True
    >>> reports("The three countries hosted the 16th ministers' meeting.", ACTS["agree"])
    False
    >>> reports("“We will win,” he told reporters.", ACTS["say"])
    True
    """
    if act.quoted and re.search(r"[“”\"]", text):
        return True
    return bool(stems(text) & act.reports)


def denies(text: str) -> bool:
    """Does the sentence deny rather than state (an odd number of negating words)?

    >>> denies("LIV golfers will be allowed to play"), denies("LIV golfers are banned")
    (False, True)
    >>> denies("It is not true that they were not invited"), denies("They didn’t go")
    (False, True)
    """
    words = re.findall(r"[a-z]+(?:['’][a-z]+)?", text.lower().replace("’", "'"))
    return sum(w in NEGATIONS for w in words) % 2 == 1


def numbers_in(text: str) -> list[str]:
    """Numbers a text states, as digits without separators.

    >>> numbers_in("from 8 million in 2016 to 4.17 million, up 12%")
    ['8', '2016', '4.17', '12']
    """
    return [n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)]


def plain(text: str) -> str:
    """Markdown links and bold as plain text, for display (citations keep the exact text).

    >>> plain("Lee [visited](#) **Beijing** on __Monday__")
    'Lee visited Beijing on Monday'
    """
    return _MARKDOWN.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
