"""Small frozen dataclasses passed between stages.

Document -> Chunk -> Hit -> Evidence -> Answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Line:
    """One kept source line: where it sits in the cleaned text and in the file."""

    number: int  # 1-based line number in the source file
    start: int  # offset of the line's first kept char in Document.text
    text: str  # verbatim slice of the source line (so quotes are found in the file)


@dataclass(frozen=True)
class Section:
    name: str  # "body" or "comments"
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One article after cleaning. A file may hold several (roundup pages)."""

    file: str  # file name relative to the corpus dir; what citations name
    article: int  # 0-based position of the article inside its file
    title: str
    text: str  # cleaned text: kept lines joined by "\n"
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    outlet: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, only when the article states it
    date_basis: str = "unknown"  # printed | dateline | comments | unknown
    year_bound: int | None = None  # latest year the text mentions (when date is unknown)
    # Undated article of a page that holds several: first and last date of its dated siblings.
    page_dates: tuple[str, str] | None = None

    def line_at(self, offset: int) -> Line:
        """The kept line containing cleaned-text `offset`."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo]

    def section_at(self, offset: int) -> str:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.name
        return self.sections[-1].name if self.sections else "body"

    @property
    def date_label(self) -> str:
        """Human date: the ISO date, or why there is none."""
        if self.date and self.date_basis == "comments":
            return f"on or before {self.date} (earliest reader comment)"
        if self.date:
            return self.date
        if self.page_dates:
            first, last = self.page_dates
            span = first if first == last else f"{first} to {last}"
            return f"undated; the other articles of this page are dated {span}"
        if self.year_bound:
            return f"undated (mentions up to {self.year_bound})"
        return "undated"


@dataclass(frozen=True)
class Chunk:
    """A sentence-aligned slice of one Document."""

    id: int  # stable: from file, article, offsets and chunker version (rag/chunk.py chunk_id)
    file: str
    article: int
    title: str
    date: str | None
    section: str
    start: int  # offsets into Document.text
    end: int
    line_start: int  # 1-based source lines
    line_end: int
    text: str

    def embed_text(self) -> str:
        """What gets embedded: a short title/date header, then the chunk text."""
        head = self.title + (f" ({self.date})" if self.date else "")
        return f"{head}\n{self.text}"


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the scores that put it there."""

    chunk: Chunk
    score: float  # fused score
    dense: float | None = None  # cosine similarity
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Evidence:
    """One sentence from a retrieved chunk, scored as support for the question."""

    chunk: Chunk
    text: str  # verbatim sentence
    start: int  # offsets into Document.text
    end: int
    line: int  # 1-based source line
    score: float
    dates: tuple[str, ...] = ()  # ISO dates the sentence names, resolved against the article date
    features: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    author: str | None = None  # reader comments: who wrote it, from the comment's header line
    posted: str | None = None  # reader comments: ISO date the comment was posted


@dataclass(frozen=True)
class Citation:
    file: str
    lines: tuple[int, int]
    title: str
    date: str | None
    quote: str

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["lines"] = list(self.lines)
        return d


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and the citations (1-based numbers) it rests on."""

    text: str  # as shown: a verbatim quote (Markdown made plain), or an LLM's verified sentence
    cites: tuple[int, ...] = ()
    quoted: bool = True  # a quote from an article (shown in quotes), not a generated sentence
    speaker: str | None = None  # "qiuwei (reader comment, September 16, 2014)"
    context: str | None = None  # the headline, when the quote names its subject only indirectly
    verified: bool = True  # LLM sentences: passed the check against the passages it cites


CANNOT_ANSWER = "The articles do not answer this."
UNVERIFIED = "(unverified)"


def answer_text(short: str | None, claims: tuple[Claim, ...], notes: tuple[str, ...] = (),
                reason: str | None = None) -> str:
    r"""The one formatter of an answer's text (what `answer` holds and eval matches against).

    >>> answer_text("July 2014", (Claim("Xi visited Seoul in July 2014.", (1,)),))
    'July 2014.\n[1] "Xi visited Seoul in July 2014."'
    >>> answer_text("8 p.m.", ())
    '8 p.m.'
    """
    lines = []
    if reason is not None:
        lines.append(f"{CANNOT_ANSWER} ({reason}.)")
        if claims:
            lines.append("Closest evidence:")
    elif short:
        lines.append(short if short.endswith(".") else f"{short}.")  # "8 p.m.", "Jr."
    prose: list[str] = []  # generated sentences run on as one paragraph
    for c in claims:
        keys = "".join(f"[{n}]" for n in c.cites)
        if not c.quoted:
            marks = " ".join(filter(None, [keys, "" if c.verified else UNVERIFIED]))
            cut = len(c.text.rstrip(".!?\"”’)"))  # the marks go before the final punctuation
            prose.append(f"{c.text[:cut]} {marks}{c.text[cut:]}" if marks else c.text)
            continue
        if prose:
            lines.append(" ".join(prose))
            prose = []
        head = f"{c.speaker}: " if c.speaker else ""
        context = f"From “{c.context}”: " if c.context else ""
        lines.append(f'{keys} {context}{head}"{c.text}"'.strip())
    if prose:
        lines.append(" ".join(prose))
    lines += [f"Note: {n}" for n in notes]
    return "\n".join(lines)


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # the whole answer as text: answer_text() of the fields below
    short_answer: str | None
    abstained: bool
    citations: tuple[Citation, ...]
    evidence: tuple[Evidence, ...] = ()
    unsupported: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    notes: tuple[str, ...] = ()  # caveats: disagreements, superseded facts, place mismatches
    claims: tuple[Claim, ...] = ()  # the answer's sentences, each with its citation numbers
    reason: str | None = None  # why it abstained, in a reader's words
    # A multi-part question's answer to each part, in order; their claims cite this answer's
    # numbers. Empty for a one-part question.
    parts: tuple[Answer, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The documented `rag ask --json` shape."""
        return {
            "question": self.question,
            "answer": self.answer,
            "short_answer": self.short_answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "evidence": [
                {
                    "file": e.chunk.file,
                    "line": e.line,
                    "title": e.chunk.title,
                    "date": e.chunk.date,
                    "section": e.chunk.section,
                    "text": e.text,
                    "score": round(e.score, 4),
                }
                for e in self.evidence
            ],
            "unsupported": list(self.unsupported),
            "notes": list(self.notes),
            "reason": self.reason,
            "claims": [{"text": c.text, "cites": list(c.cites), "quoted": c.quoted,
                        "speaker": c.speaker, "context": c.context, "verified": c.verified}
                       for c in self.claims],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "parts": [{"question": a.question, "short_answer": a.short_answer,
                       "abstained": a.abstained, "reason": a.reason, "notes": list(a.notes),
                       "claims": [list(c.cites) for c in a.claims]} for a in self.parts],
        }
