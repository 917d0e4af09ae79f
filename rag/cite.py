"""Citations: evidence sentence -> (file, line span, title, date, verbatim quote), and checks."""

from __future__ import annotations

from pathlib import Path

from .errors import RagError
from .ingest import read_text
from .types import Citation, Evidence


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
