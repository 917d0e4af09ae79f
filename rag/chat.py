"""`rag chat`: a multi-turn session over the articles.

Three parts, top to bottom:
  resolve_followup   (rag.followup) "and when did he go to Beijing?" -> a standalone question
  ChatSession        the loaded Pipeline plus the conversation; /open and /sources lookups
  repl               the read-answer loop: slash commands, history, streaming, Ctrl-C / Ctrl-D
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, RagError
from .followup import resolve_followup
from .types import Answer, Citation, Document, Line

# ---------------------------------------------------------------------------------------------
# The session


@dataclass(frozen=True)
class Turn:
    question: str  # as typed
    resolved: str  # after follow-up resolution; what was asked of the pipeline
    answer: Answer


@dataclass(frozen=True)
class Passage:
    """A cited passage in its article: the cited lines plus a few around them."""

    number: int
    citation: Citation
    document: Document
    lines: tuple[Line, ...]


class ChatSession:
    """A Pipeline plus the conversation. `generator` streams answers when it has `.stream`."""

    def __init__(self, pipeline: Any, generator: Any = None) -> None:
        self.pipeline = pipeline
        self.turns: list[Turn] = []
        if generator is None and pipeline.settings.answerer == "llm":
            from .generate import get_generator  # fails early (one line) on a bad backend

            generator = get_generator(pipeline.settings)
        self.generator = generator

    @property
    def streams(self) -> bool:
        return hasattr(self.generator, "stream")

    @property
    def last(self) -> Answer | None:
        return self.turns[-1].answer if self.turns else None

    def history(self) -> list[tuple[str, str | None]]:
        return [(t.resolved, t.answer.short_answer) for t in self.turns]

    def resolve(self, question: str) -> str:
        return resolve_followup(question, self.history())

    def ask(self, question: str, on_token: Callable[[str], None] | None = None) -> Turn:
        """Answer a question in the context of the conversation; streams through `on_token`."""
        resolved = self.resolve(question)
        if on_token is not None and self.streams:
            answer = self._stream(resolved, on_token)
        else:
            answer = self.pipeline.ask(resolved)
        turn = Turn(question, resolved, answer)
        self.turns.append(turn)
        return turn

    def _stream(self, question: str, on_token: Callable[[str], None]) -> Answer:
        # Same stages as Pipeline.ask, but the model's draft reaches the terminal as it comes;
        # then the generator's `finish` verifies the whole reply into the cited Answer.
        from . import evidence as scoring
        from .query import analyze, validate_question

        t0 = time.perf_counter()
        q = validate_question(question)
        ranked = scoring.score(analyze(q), self.pipeline.retrieve(q), self.pipeline.index,
                               self.pipeline.encoder)
        t1 = time.perf_counter()
        pieces: list[str] = []
        stream: Iterator[str] = self.generator.stream(q, ranked)
        try:
            for piece in stream:
                pieces.append(piece)
                on_token(piece)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # Ctrl-C mid-answer: let the backend drop the request
        timings = {"retrieve+evidence": (t1 - t0) * 1000,
                   "llm": (time.perf_counter() - t1) * 1000}
        raw = "".join(pieces)
        if hasattr(self.generator, "finish"):
            answer: Answer = self.generator.finish(q, ranked, raw, timings)
        else:
            answer = Answer(q, raw.strip(), None, False, (), tuple(ranked), timings_ms=timings,
                            notes=("the LLM backend cannot verify streamed answers",))
        answer.timings_ms["total"] = (time.perf_counter() - t0) * 1000
        return answer

    def clear(self) -> None:
        self.turns.clear()

    def _document(self, citation: Citation) -> Document:
        docs = self.pipeline.index.documents(citation.file)
        for doc in docs:
            if any(line.number == citation.lines[0] for line in doc.lines):
                return doc
        if not docs:
            raise InputError(f"{citation.file} is no longer indexed; ask the question again")
        return docs[0]

    def passage(self, number: int, context: int = 3) -> Passage:
        """Citation `number` (1-based) of the last answer with `context` lines either side."""
        if self.last is None:
            raise InputError("no answer yet; ask a question first, then /open 1")
        citations = self.last.citations
        if not 1 <= number <= len(citations):
            raise InputError(
                f"the last answer has {len(citations)} citation(s); use /open 1"
                + (f" to /open {len(citations)}" if len(citations) > 1 else "")
                if citations else "the last answer has no citations"
            )
        citation = citations[number - 1]
        doc = self._document(citation)
        numbers = [line.number for line in doc.lines]
        lo, hi = citation.lines
        first = next((i for i, n in enumerate(numbers) if n >= lo), 0)
        last = max((i for i, n in enumerate(numbers) if n <= hi), default=first)
        window = doc.lines[max(0, first - context) : last + context + 1]
        return Passage(number, citation, doc, tuple(window))

    def cited_articles(self) -> dict[tuple[str, int], list[int]]:
        """(file, article) -> the citation numbers of the last answer that point into it."""
        out: dict[tuple[str, int], list[int]] = {}
        for n, c in enumerate(self.last.citations if self.last else (), 1):
            doc = self._document(c)
            out.setdefault((doc.file, doc.article), []).append(n)
        return out


# ---------------------------------------------------------------------------------------------
# The loop

HELP = """\
Ask a question about the articles; follow-ups like "and when did he go to Beijing?" use the
earlier turns.
  /sources   the articles, with the ones the last answer cites marked
  /open N    cited passage N of the last answer, with the lines around it
  /clear     forget the conversation (follow-ups start fresh)
  /help      this text
  /quit      leave (or Ctrl-D); Ctrl-C cancels the current line or answer"""
QUIT = ("/quit", "/exit", "/q")


def history_file() -> Path:
    """Chat input history, kept across sessions under RAG_HOME."""
    from .settings import rag_home

    return rag_home() / "chat_history"


def line_reader(console: Any, interactive: bool | None = None) -> Callable[[str], str]:
    """prompt_toolkit with file history on a terminal; plain stdin (echoed) otherwise."""
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory

        path = history_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        session: PromptSession[str] = PromptSession(history=FileHistory(str(path)))
        return lambda prompt: session.prompt(prompt)

    def read(prompt: str) -> str:
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
        from rich.text import Text

        console.print(Text(prompt + line, style="bold"))  # keep transcripts readable
        return line

    return read


def _answer(session: ChatSession, console: Any, line: str, show_evidence: bool) -> Any:
    """Ask, with a spinner until the first streamed word (or the whole answer) arrives."""
    from . import render
    from .terminal import inert

    corpus = session.pipeline.settings.corpus_dir
    status = console.status("thinking…")
    status.start()
    try:
        if not session.streams:
            turn = session.ask(line)
            status.stop()
            return render.answer_view(turn.answer, corpus, show_evidence=show_evidence)

        def token(piece: str) -> None:
            status.stop()
            console.file.write(inert(piece))  # raw write: rich's console cannot clean it
            console.file.flush()

        turn = session.ask(line, on_token=token)
        console.file.write("\n")
        return render.answer_view(turn.answer, corpus, body=False, show_evidence=show_evidence)
    finally:
        status.stop()


def repl(session: ChatSession, console: Any, read: Callable[[str], str],
         show_evidence: bool = False) -> None:
    """Read questions and slash commands until /quit or end of input."""
    from rich.text import Text

    from . import render

    corpus = session.pipeline.settings.corpus_dir

    def note(message: str, style: str = "dim") -> None:
        console.print(Text(message, style=style))

    while True:
        try:
            line = read("› ").strip()
        except KeyboardInterrupt:
            continue  # Ctrl-C at the prompt drops the line
        except EOFError:
            return
        if not line:
            continue
        try:
            if line.startswith("/"):
                command, _, arg = line.partition(" ")
                command = command.lower()
                if command in QUIT:
                    return
                if command == "/help":
                    note(HELP, "")
                elif command == "/clear":
                    session.clear()
                    note("conversation cleared")
                elif command == "/sources":
                    idx = session.pipeline.index
                    cited = session.cited_articles() if session.last else None
                    console.print(render.articles_table(
                        idx.documents(), idx.chunk_counts(), f"articles in {corpus}", cited))
                elif command == "/open":
                    if not arg.strip().isdigit():
                        raise InputError("usage: /open N, where N is a citation number like 1")
                    p = session.passage(int(arg))
                    console.print(render.passage_view(p.number, p.citation, p.document,
                                                      p.lines, corpus))
                else:
                    raise InputError(f"unknown command {command}; /help lists the commands")
                continue
            resolved = session.resolve(line)
            if resolved != " ".join(line.split()):
                note(f"→ {resolved}")
            console.print(_answer(session, console, line, show_evidence))
        except KeyboardInterrupt:
            note("(cancelled)", "yellow")
        except RagError as e:
            console.print(Text.assemble(("error: ", "bold red"), str(e)))
