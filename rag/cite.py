"""Citations: evidence sentence -> (file, line span, title, date, verbatim quote), and checks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import RagError
from .ingest import read_text
from .types import Answer, Citation, Evidence


def cite(evidence: Evidence, date_label: str | None = None) -> Citation:
    """A citation for one evidence sentence; the quote is the sentence itself."""
    return Citation(
        file=evidence.chunk.file,
        lines=(evidence.line, evidence.line),
        title=evidence.chunk.title,
        date=date_label if date_label is not None else evidence.chunk.date,
        quote=evidence.text,
    )


def quote_in_file(citation: Citation, corpus: Path) -> bool:
    """True when the quote appears verbatim on the cited lines of a file inside the corpus."""
    root = corpus.resolve()
    path = (root / citation.file).resolve()
    if root not in path.parents or not path.is_file():
        return False
    lines = [ln.rstrip("\r") for ln in read_text(path).split("\n")]
    start, end = citation.lines
    if not (1 <= start <= end <= len(lines)):
        return False
    return citation.quote in "\n".join(lines[start - 1 : end])


def check(citations: list[Citation] | tuple[Citation, ...], corpus: Path) -> None:
    """Raise if any citation's quote is not found verbatim in its corpus file."""
    bad = [c for c in citations if not quote_in_file(c, corpus)]
    if bad:
        raise RagError(
            f"citation check failed for {bad[0].file}:{bad[0].lines[0]}; rebuild the index with "
            f"`rag index {corpus} --rebuild`"
        )


def note_missing(answer: Answer, corpus: Path) -> Answer:
    """The answer with a note for each cited file that is no longer in the corpus folder.

    `ask` refreshes the index first, so this only happens when that refresh could not run
    (read-only index folder, full disk): the quote is then from the last good index.
    """
    gone = sorted({c.file for c in answer.citations if not (corpus / c.file).is_file()})
    notes = tuple(f"{name} has been removed from {corpus}; its quote comes from the index "
                  "built before that" for name in gone)
    return replace(answer, notes=answer.notes + notes) if notes else answer
