"""Check an LLM's answer against the passages it was shown; nothing unverified passes silently.

The code, not the model, numbers the passages [S1]..[Sn]. The model's answer is split into
sentences and each sentence is checked against the passages it cites:

* keys that name no passage (the model invented them) are stripped and reported;
* a sentence with no valid key is unsupported (a sentence without any key takes the keys of the
  next cited sentence in its paragraph: models often cite a run of sentences once, at its end);
* every number (a year, a day, an amount) in the sentence must occur in a cited passage or its
  header (title, date);
* every capitalised word (names, places, months) must occur in a cited passage or its header,
  case-insensitively, allowing a demonym ending ("Korean" for "Korea", "Chinese" for "China");
* at least MIN_CONTAINMENT of the sentence's content words (crude stems, stopwords removed)
  must occur in the cited passages: a faithful paraphrase keeps most of its words from the
  source, a claim that merely cites a passage does not.

These are lexical checks. They catch invented numbers, names and keys, and sentences that have
drifted from their source; they cannot catch a negation flipped inside otherwise copied words.
With `strict`, unsupported sentences are dropped from the answer; without it they are shown
marked "(unverified)". Either way they are listed in `Answer.unsupported`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import ABBREVIATED, STOPWORDS, stem
from .types import CANNOT_ANSWER, Answer, Citation, Evidence, answer_text
from .types import Claim as Said

MAX_PASSAGES = 6  # passages shown to the model; SmolLM2-135M has a 2k-token context
CONTEXT_SENTENCES = 1  # neighbouring sentences (same paragraph line) shown around each sentence
MAX_PASSAGE_CHARS = 700  # beyond this the neighbours are left out
# Share of a sentence's content words that must occur in its cited passages. 0.5 accepts the
# paraphrases a model makes of one sentence ("The US is worried about China's influence" for
# "The United States expressed concern over any influence China may have": 2 of 4) and rejects
# sentences that share only the topic word with what they cite.
MIN_CONTAINMENT = 0.5

# [S1], [S1, S3], [S1; S2], and a bare [1]: all name passages. Kept in sync with
# rag/data/prompts/answer.md.
KEY = re.compile(r"\[\s*(S?\s*\d+(?:\s*[,;]\s*S?\s*\d+)*)\s*\]", re.I)
_KEY_NUM = re.compile(r"\d+")
# A sentence ends at . ! or ? (plus closing quotes), then any citation keys, then whitespace.
_END = re.compile(
    r"[.!?]+[\"”’)]*((?:\s*\[\s*S?\s*\d+(?:\s*[,;]\s*S?\s*\d+)*\s*\])*)[.!?]?(?=\s|$)", re.I
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}
_DEMONYM = ("ese", "ian", "ean", "an", "n", "i")
# Abbreviations a model swaps freely with the full name; both sides are normalised to the name.
_ALIASES = [
    (re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b"), "United States"),
    (re.compile(r"\bU\.K\.|\bUK\b"), "United Kingdom"),
    (re.compile(r"\bU\.N\.|\bUN\b"), "United Nations"),
    (re.compile(r"\bROK\b"), "South Korea"),
    (re.compile(r"\bPRC\b"), "China"),
]


def _expand(text: str) -> str:
    """'The U.S. and the UN' -> 'The United States and the United Nations'."""
    for pattern, name in _ALIASES:
        text = pattern.sub(name, text)
    return text


@dataclass(frozen=True)
class Passage:
    """What the model is shown as [S#]: an evidence sentence with its same-line neighbours.

    `text` is a slice of one source line, so it is a verbatim quote of the file.
    """

    key: str  # "S1"
    evidence: Evidence
    text: str
    start: int  # offsets of `text` into Document.text
    end: int

    @property
    def date_label(self) -> str:
        return self.evidence.chunk.date or "undated"

    def header(self) -> str:
        c = self.evidence.chunk
        return f'{c.file}, "{c.title}", {self.date_label}'

    def citation(self) -> Citation:
        """The citation the user sees: file, line, title, date and the passage verbatim."""
        c = self.evidence.chunk
        return Citation(file=c.file, lines=(self.evidence.line, self.evidence.line), title=c.title,
                        date=c.date, quote=self.text)


def _with_context(e: Evidence, context: int) -> tuple[str, int, int]:
    """The sentence plus up to `context` neighbours each side, never leaving its line or chunk."""
    chunk = e.chunk
    s, t = e.start - chunk.start, e.end - chunk.start
    text = chunk.text
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", t)
    line_end = len(text) if line_end < 0 else line_end
    a, b = s, t
    if context:
        before = text[line_start:s].rstrip()
        starts = [0] + [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s+", before)]
        a = line_start + starts[max(0, len(starts) - context)] if before else s
        after = text[t:line_end]
        ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*(?=\s|$)", after)]
        b = t + (ends[context - 1] if len(ends) >= context else len(after.rstrip()))
    if b - a > MAX_PASSAGE_CHARS:
        a, b = s, t
    return text[a:b], chunk.start + a, chunk.start + b


def make_passages(evidence: Sequence[Evidence], limit: int = MAX_PASSAGES,
                  context: int = CONTEXT_SENTENCES) -> list[Passage]:
    """Number the best evidence sentences [S1]..[Sn], skipping any already inside a passage."""
    out: list[Passage] = []
    for e in evidence:
        if len(out) == limit:
            break
        c = e.chunk
        if any((p.evidence.chunk.file, p.evidence.chunk.article) == (c.file, c.article)
               and p.start <= e.start and e.end <= p.end for p in out):
            continue
        text, start, end = _with_context(e, context)
        out.append(Passage(f"S{len(out) + 1}", e, text, start, end))
    return out


def format_passages(passages: Sequence[Passage]) -> str:
    """The passage block of the prompt: `[S1] file, "title", date` then the text."""
    # The passage text must not close the <passages> block early.
    return "\n\n".join(
        f"[{p.key}] {p.header()}\n{re.sub(r'</?passages>', '', p.text, flags=re.I)}"
        for p in passages
    )


@dataclass(frozen=True)
class Claim:
    """One sentence of the model's answer and the verdict on it."""

    text: str  # the sentence without citation keys
    keys: tuple[str, ...]  # valid passage keys it cites, e.g. ("S1", "S3")
    invented: tuple[str, ...]  # keys it cites that name no passage (stripped)
    problems: tuple[str, ...]  # why it is unsupported; empty when supported

    @property
    def supported(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verification:
    claims: tuple[Claim, ...]
    cannot_answer: bool  # the model said CANNOT_ANSWER

    @property
    def supported(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.supported)

    @property
    def unsupported(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if not c.supported)

    @property
    def invented(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for c in self.claims for k in c.invented))


def split_blocks(text: str) -> list[list[str]]:
    """Paragraphs (lines) of a model answer, each a list of sentences that keep their keys."""
    blocks: list[list[str]] = []
    for block in re.split(r"\n\s*", text.strip()):
        block = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", block)  # list bullets
        out, pos = [], 0
        for m in _END.finditer(block):
            rest = block[m.end() :].lstrip()
            head = block[pos : m.start() + 1]
            if not m.group(1) and (rest[:1].islower() or ABBREVIATED.search(head)):
                continue  # "U.S. officials", "Mr. Xi": not a sentence end (keys would make it one)
            out.append(block[pos : m.end()].strip())
            pos = m.end()
        out.append(block[pos:].strip())
        if any(out):
            blocks.append([s for s in out if s])
    return blocks


def split_sentences(text: str) -> list[str]:
    """Sentences of a model answer, each keeping the citation keys that follow it.

    >>> split_sentences("Xi visited Seoul in 2014. [S1] He met Park [S2]. The U.S. disagreed [S3]")
    ['Xi visited Seoul in 2014. [S1]', 'He met Park [S2].', 'The U.S. disagreed [S3]']
    """
    return [s for block in split_blocks(text) for s in block]


def parse_keys(sentence: str) -> tuple[list[int], str]:
    """(passage numbers cited, sentence with the keys removed).

    >>> parse_keys("Xi visited Seoul [S1, S3] in 2014 [2].")
    ([1, 3, 2], 'Xi visited Seoul in 2014.')
    """
    nums = [int(n) for m in KEY.finditer(sentence) for n in _KEY_NUM.findall(m.group(1))]
    text = KEY.sub("", sentence)
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
    text = re.sub(r"([.!?])\.$", r"\1", text)  # "copied sentence. [S1]." leaves ".."
    return nums, text


def _numbers(text: str) -> set[str]:
    """Numbers normalised so '2,000' == '2000' and '09' == '9'; small number words count too."""
    out = set()
    for n in _NUMBER.findall(text):
        n = n.replace(",", "").rstrip(".")
        out.add(str(int(n)) if n.isdigit() else n)
    out |= {NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS}
    return out


def _content(text: str) -> set[str]:
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return {stem(w) if w[0].isalpha() else w.replace(",", "")
            for w in words if w not in STOPWORDS and len(w) > 1}


def _name_found(word: str, support_low: str) -> bool:
    w = re.sub(r"['’]s$", "", word).lower().strip("'’-")
    if not w or w in support_low:
        return True
    return any(w.endswith(suf) and len(w) - len(suf) >= 4 and w[: -len(suf)] in support_low
               for suf in _DEMONYM)


def _date_words(iso: str | None) -> str:
    """'2025-06-09' -> 'June 9, 2025', so a sentence may restate the article date in words."""
    try:
        d = dt.date.fromisoformat(iso or "")
    except ValueError:
        return ""
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def support_text(passages: Sequence[Passage]) -> str:
    """Everything a sentence citing these passages may draw on: texts and headers."""
    return "\n".join(
        f"{p.text}\n{p.evidence.chunk.title}\n{p.evidence.chunk.date or ''} "
        f"{_date_words(p.evidence.chunk.date)}"
        for p in passages
    )


def check_claim(text: str, cited: Sequence[Passage]) -> tuple[str, ...]:
    """Why `text` is not supported by the `cited` passages; () when it is."""
    if not cited:
        return ("cites no passage",)
    text = _expand(text)
    support = _expand(support_text(cited))
    low = support.lower()
    problems = []
    missing_nums = sorted(_numbers(text) - _numbers(support))
    if missing_nums:
        problems.append(f"number(s) {', '.join(missing_nums)} not in the cited passage(s)")
    words = _CAPITAL.findall(text)
    # The first word is capitalised by grammar, not because it is a name: checked only when it is
    # written all in capitals. (A name there still counts in the word-overlap check below.)
    if words and text.lstrip("\"“'(").startswith(words[0]) and not (
        len(words[0]) > 1 and words[0].isupper()
    ):
        words = words[1:]
    names = [w for w in dict.fromkeys(words) if w.lower() not in STOPWORDS]
    missing_names = [w for w in names if not _name_found(w, low)]
    if missing_names:
        problems.append(f"name(s) {', '.join(missing_names)} not in the cited passage(s)")
    content = _content(text)
    if content:
        have = _content(support)
        share = len(content & have) / len(content)
        if share < MIN_CONTAINMENT:
            problems.append(
                f"only {share:.0%} of its words are in the cited passage(s) "
                f"(need {MIN_CONTAINMENT:.0%})"
            )
    return tuple(problems)


# The CANNOT_ANSWER sentence and the ways models restate it ("The passages do not answer this
# question."). A sentence that only says the passages are silent is an abstention, not a claim.
_CANNOT = re.compile(
    r"\b(?:articles?|passages?|sources?|texts?|context|documents?) (?:do|does|did) not "
    r"(?:answer|cover|address)\b"
)


def said_cannot_answer(text: str) -> bool:
    """The model said it cannot answer (CANNOT_ANSWER, give or take wording and punctuation).

    >>> said_cannot_answer("The passages do NOT answer this question."), said_cannot_answer("No.")
    (True, False)
    """
    flat = re.sub(r"\W+", " ", text.lower())
    return re.sub(r"\W+", " ", CANNOT_ANSWER.lower()).strip() in flat or bool(_CANNOT.search(flat))


def verify(text: str, passages: Sequence[Passage]) -> Verification:
    """Split the model's answer into claims and check each against the passages it cites.

    A sentence without keys takes those of the next cited sentence in its paragraph (models
    often cite a run of sentences once, at its end); it is still checked on its own.
    """
    by_num = {int(p.key[1:]): p for p in passages}
    claims = []
    for block in split_blocks(text):
        parsed = [parse_keys(s) for s in block]
        for i, (nums, clean) in enumerate(parsed):
            if not clean or said_cannot_answer(clean) or not re.search(r"\w", clean):
                continue
            if not nums:
                nums = next((n for n, _ in parsed[i + 1 :] if n), [])
            valid = list(dict.fromkeys(n for n in nums if n in by_num))
            invented = tuple(dict.fromkeys(f"S{n}" for n in nums if n not in by_num))
            problems = check_claim(clean, [by_num[n] for n in valid])
            if invented and not valid:
                problems = (f"cites only unknown key(s) {', '.join(invented)}",)
            claims.append(Claim(clean, tuple(f"S{n}" for n in valid), invented, problems))
    return Verification(tuple(claims), said_cannot_answer(text))


def to_answer(question: str, raw: str, passages: Sequence[Passage], evidence: Sequence[Evidence],
              strict: bool = False, timings_ms: dict[str, float] | None = None) -> Answer:
    """The user-facing Answer for a model reply: verified sentences with numbered citations.

    Citations are numbered [1]..[m] in order of first use. Abstains (with the closest passages
    as evidence) when the model said CANNOT_ANSWER or no sentence is supported.
    """
    result = verify(raw, passages)
    unsupported = tuple(c.text for c in result.unsupported)
    notes: list[str] = []
    if result.invented:
        notes.append(f"Removed citation key(s) the model invented: {', '.join(result.invented)}.")
    if result.cannot_answer or not result.supported:
        if result.cannot_answer:
            reason = "the model found no answer in the passages"
        elif result.claims:
            reason = (f"none of the model's {len(result.claims)} sentence(s) is supported by the "
                      "passages it cites")
        else:
            reason = "the model returned no answer"
        shown = list(passages[:2])
        closest = tuple(Said(p.text, (i,)) for i, p in enumerate(shown, 1))
        return Answer(question, answer_text(None, closest, reason=reason), None, True,
                      tuple(p.citation() for p in shown), tuple(evidence), unsupported,
                      dict(timings_ms or {}), tuple(notes), claims=closest, reason=reason)
    kept = [c for c in result.claims if c.supported or not strict]
    if strict and result.unsupported:
        notes.append(f"Dropped {len(result.unsupported)} unsupported sentence(s) (strict mode).")
    order: list[str] = list(dict.fromkeys(k for c in kept for k in c.keys))
    number = {k: i for i, k in enumerate(order, 1)}
    by_key = {p.key: p for p in passages}
    said = tuple(Said(c.text, tuple(number[k] for k in c.keys), quoted=False,
                      verified=c.supported) for c in kept)
    return Answer(
        question=question,
        answer=answer_text(None, said),
        short_answer=None,
        abstained=False,
        citations=tuple(by_key[k].citation() for k in order),
        evidence=tuple(evidence),
        unsupported=unsupported,
        timings_ms=dict(timings_ms or {}),
        notes=tuple(notes),
        claims=said,
    )
