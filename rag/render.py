"""Rich renderables for answers, evidence, passages, settings and article lists. No logic.

Everything that came from an article (titles, quotes, sentences) goes into `Text` objects, never
into markup strings: news text holds brackets like `[NEWS1]` or `[visit](#)` that rich markup
would swallow or choke on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .types import CANNOT_ANSWER, UNVERIFIED, Answer, Citation, Document, Evidence, Line

SHORT = "bold black on yellow"
EVIDENCE_ROWS = 10


def file_uri(corpus: Path, file: str) -> str:
    """`file:///abs/path` of a corpus file, for terminal hyperlinks."""
    return (Path(corpus).resolve() / file).as_uri()


def span(lines: tuple[int, int]) -> str:
    """(49, 49) -> '49'; (49, 51) -> '49-51'."""
    return str(lines[0]) if lines[0] == lines[1] else f"{lines[0]}-{lines[1]}"


def source_link(corpus: Path, file: str, lines: tuple[int, int] | int) -> Text:
    """`file:lines` as a clickable hyperlink to the file."""
    label = f"{file}:{span(lines) if isinstance(lines, tuple) else lines}"
    return Text(label, style=Style(color="cyan", link=file_uri(corpus, file)))


def _answer_body(answer: Answer) -> Text:
    """The answer from its parts: short answer, reason, claims with their numbers, notes."""
    if not answer.claims and not answer.parts:  # made outside the answerers (a streamed draft)
        return Text(answer.answer)
    if answer.parts:  # a multi-part question: each part under its own question
        body = Text()
        for part in answer.parts:
            body.append("\n\n" if body else "")
            body.append(part.question[:1].upper() + part.question[1:], style="bold")
            body.append("\n")
            body.append_text(_answer_body(part))
        shown = {n for part in answer.parts for n in part.notes}
        for note in answer.notes:
            if note not in shown:
                body.append(f"\nNote: {note}", style="yellow")
        return body
    body = Text()
    if answer.abstained and answer.reason:
        body.append(f"{CANNOT_ANSWER} ({answer.reason}.)", style="bold yellow")
        body.append("\nClosest evidence:")
    elif answer.short_answer:
        body.append(answer.short_answer, style=SHORT)
    prose = False
    for claim in answer.claims:
        keys = "".join(f"[{n}]" for n in claim.cites)
        if not claim.quoted:  # generated sentences run on as one paragraph
            body.append(" " if prose else ("\n" if body else ""))
            body.append(claim.text)
            body.append(f" {keys}", style="bold cyan")
            if not claim.verified:
                body.append(f" {UNVERIFIED}", style="red")
            prose = True
            continue
        prose = False
        body.append("\n" if body else "")
        body.append(keys, style="bold cyan")
        if claim.context:
            body.append(f" From \u201c{claim.context}\u201d:", style="dim")
        if claim.speaker:
            body.append(f" {claim.speaker}:")
        body.append(f' "{claim.text}"')
    for note in answer.notes:
        body.append(f"\nNote: {note}", style="yellow")
    return body


def citation_lines(citations: Sequence[Citation], corpus: Path, shown: str = "") -> Text:
    """Numbered citations: [n] file:lines (linked), title, date; the quote unless `shown` has it."""
    text = Text()
    for n, c in enumerate(citations, 1):
        if n > 1:
            text.append("\n")
        text.append(f"[{n}] ", style="bold cyan")
        text.append_text(source_link(corpus, c.file, c.lines))
        text.append("  ")
        text.append(c.title, style="bold")
        text.append(f"  ({c.date or 'undated'})", style="dim")
        if c.quote and c.quote not in shown:
            text.append("\n    ")
            text.append(f"\u201c{c.quote}\u201d", style="italic")
    return text


def answer_view(answer: Answer, corpus: Path, *, body: bool = True,
                show_evidence: bool = False) -> RenderableType:
    """The whole answer: highlighted short answer, text, sources, caveats, optional evidence.

    `body=False` leaves out the answer text (it was already streamed to the terminal).
    """
    parts: list[RenderableType] = []
    if body:
        parts.append(_answer_body(answer))
    if answer.citations:
        parts.append(Text("\nSources" if body else "Sources", style="bold underline"))
        parts.append(citation_lines(answer.citations, corpus, shown=answer.answer if body else ""))
    extra = [n for n in answer.notes if n not in answer.answer]
    for note in extra:
        parts.append(Text(f"Note: {note}", style="yellow"))
    for sentence in answer.unsupported:
        parts.append(Text(f"Unverified (not found in the articles): {sentence}", style="red"))
    if show_evidence:
        parts.append(evidence_table(answer.evidence, corpus))
    total = answer.timings_ms.get("total")
    if total is not None:
        parts.append(Text(f"{total / 1000:.2f}s", style="dim"))
    return Group(*parts)


def evidence_table(evidence: Sequence[Evidence], corpus: Path, limit: int = EVIDENCE_ROWS) -> Table:
    """The scored evidence sentences, best first."""
    shown = evidence[:limit]
    table = Table(title="Evidence", caption=f"top {len(shown)} of {len(evidence)} sentences",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("source", no_wrap=True)
    table.add_column("date")
    table.add_column("sentence", overflow="fold", ratio=1)
    for n, e in enumerate(shown, 1):
        section = "" if e.chunk.section == "body" else f" ({e.chunk.section})"
        table.add_row(str(n), f"{e.score:.3f}", source_link(corpus, e.chunk.file, e.line),
                      Text(e.chunk.date or "undated"), Text(e.text + section))
    return table


def passage_view(number: int, citation: Citation, document: Document, lines: Sequence[Line],
                 corpus: Path) -> RenderableType:
    """Cited passage `number` with the lines around it; the cited lines are marked."""
    head = Text(f"[{number}] ", style="bold cyan")
    head.append(document.title, style="bold")
    head.append(f"  {document.date_label}", style="dim")
    head.append("\n")
    head.append_text(source_link(corpus, citation.file, citation.lines))
    body = Text()
    lo, hi = citation.lines
    for i, line in enumerate(lines):
        if i:
            body.append("\n")
        cited = lo <= line.number <= hi
        mark = f"{'>' if cited else ' '} {line.number:>4}  "
        body.append(mark, style="bold cyan" if cited else "dim")
        body.append(line.text, style="bold" if cited else "")
    return Group(head, body)


def articles_table(docs: Sequence[Document], counts: Mapping[tuple[str, int], int], title: str,
                   cited: Mapping[tuple[str, int], Sequence[int]] | None = None) -> Table:
    """The indexed articles; with `cited`, a column of the citation numbers pointing at each."""
    table = Table(title=title)
    cols = ["file", "#", "title", "outlet", "date", "sections", "chunks"]
    if cited is not None:
        cols.append("cited")
    for col in cols:
        table.add_column(col, overflow="fold")
    for d in docs:
        sections = ", ".join(
            f"{s.name} {len(d.text[s.start:s.end].splitlines())} lines" for s in d.sections
        )
        row: list[Any] = [
            d.file, str(d.article), Text(d.title), Text(d.outlet or "—"), d.date_label, sections,
            str(counts.get((d.file, d.article), 0)),
        ]
        if cited is not None:
            row.append(" ".join(f"[{n}]" for n in cited.get((d.file, d.article), ())))
        table.add_row(*row)
    return table


def settings_table(values: Mapping[str, Any], sources: Mapping[str, str],
                   descriptions: Mapping[str, str], title: str) -> Table:
    """Effective settings: name, value, where it came from, what it does."""
    table = Table(title=title, title_justify="left")
    table.add_column("setting", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("source", overflow="fold")
    table.add_column("description", overflow="fold", ratio=1)
    for name, value in values.items():
        source = sources.get(name, "default")
        style = "" if source == "default" else "bold green"
        table.add_row(name, Text(str(value)), Text(source, style=style),
                      Text(descriptions.get(name, ""), style="dim"))
    return table


def articles_json(docs: Sequence[Document],
                  counts: Mapping[tuple[str, int], int]) -> list[dict[str, Any]]:
    """`rag sources --json`: one object per indexed article (what the table shows)."""
    return [{
        "file": d.file, "article": d.article, "title": d.title, "outlet": d.outlet,
        "byline": d.byline, "date": d.date, "date_label": d.date_label,
        "sections": {s.name: len(d.text[s.start:s.end].splitlines()) for s in d.sections},
        "chunks": counts.get((d.file, d.article), 0),
    } for d in docs]


def index_report_json(report: Any) -> dict[str, Any]:
    """`rag index --json`: the IndexReport, skipped files with their reasons."""
    return {
        "index_dir": str(report.index_dir), "rebuilt": report.rebuilt, "files": report.files,
        "files_new": report.files_new, "files_changed": report.files_changed,
        "files_deleted": report.files_deleted, "chunks": report.chunks,
        "chunks_embedded": report.chunks_embedded, "seconds": round(report.seconds, 3),
        "embed_seconds": round(report.embed_seconds, 3),
        "skipped": [{"file": s.file, "reason": s.reason} for s in report.skipped],
        "repaired": list(report.repaired),
    }
