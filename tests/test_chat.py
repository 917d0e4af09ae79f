"""`rag chat`: follow-up resolution (pure), the session on the real seeds pipeline, the loop
through CliRunner with scripted input, streaming from a fake LLM, and a real terminal via tmux."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rag.chat import ChatSession, repl
from rag.cli import app
from rag.errors import InputError
from rag.followup import names_in, resolve_followup
from rag.types import Answer, Citation

LEE = [("What did Lee Jae-myung say about China?", None)]
XI = [("When did Xi Jinping last visit Seoul?", None)]
WHO = [("who is the president of South Korea?", "Lee Jae-myung")]
PAIR = [("Why did China and South Korea sign an FTA in 2015?", None)]


@pytest.mark.parametrize(
    "question, history, expected",
    [
        ("and when did he go to Beijing?", LEE, "when did Lee Jae-myung go to Beijing?"),
        ("what did his aides say?", LEE, "what did Lee Jae-myung's aides say?"),
        ("did she meet her?", LEE, "did Lee Jae-myung meet Lee Jae-myung?"),
        ("when did he go to Beijing?", WHO, "when did Lee Jae-myung go to Beijing?"),
        ("what did he say there?", XI, "what did Xi Jinping say in Seoul?"),
        ("and when did he go there?", XI, "when did Xi Jinping go to Seoul?"),
        ("when did they meet?", PAIR, "when did China and South Korea meet?"),
        ("what about Yoon Suk Yeol?", LEE, "What did Yoon Suk Yeol say about China?"),
        ("what about Beijing?", XI, "When did Xi Jinping last visit Beijing?"),
        ("what about in 2016?", PAIR, "Why did China and South Korea sign an FTA in 2016?"),
        # nothing to resolve, or the question names its own person: left alone
        ("when did he go to Beijing?", [], "when did he go to Beijing?"),
        ("did Moon say he would visit?", LEE, "did Moon say he would visit?"),
        ("is there a free trade agreement?", XI, "is there a free trade agreement?"),
        ("when did they meet?", XI, "when did they meet?"),  # one person, one place: no group
        ("how   many tourists came?", LEE, "how many tourists came?"),
    ],
)
def test_resolve_followup(question, history, expected):
    assert resolve_followup(question, history) == expected


def test_pronouns_reach_back_past_a_turn_without_names():
    history = [*LEE, ("how many tourists came in 2024?", "4.6 million")]
    assert resolve_followup("did he mention them?", history).startswith("did Lee Jae-myung")


@pytest.mark.parametrize(
    "text, names",
    [
        ("When did Chinese President Xi Jinping last visit Seoul?", ["Xi Jinping", "Seoul"]),
        ("What did Lee Jae-myung's office say?", ["Lee Jae-myung"]),
        ("Did South Korea sign the FTA?", ["South Korea", "FTA"]),
        ("who is the president?", []),
    ],
)
def test_names_in(text, names):
    assert names_in(text) == names


# --- the session on the real pipeline ---------------------------------------------------------


@pytest.mark.slow
def test_session_three_turns_with_a_followup_and_passages(pipeline):
    session = ChatSession(pipeline)
    first = session.ask("What did Lee Jae-myung say about China?")
    assert first.resolved == first.question and first.answer.citations
    second = session.ask("and when did he go to Beijing?")
    assert second.resolved == "when did Lee Jae-myung go to Beijing?"
    assert second.answer.question == second.resolved
    third = session.ask("what about Xi Jinping?")
    assert third.resolved == "when did Xi Jinping go to Beijing?"
    assert len(session.turns) == 3

    passage = session.passage(1)
    cited = passage.citation
    numbers = [line.number for line in passage.lines]
    assert cited.lines[0] in numbers and len(numbers) > 1
    assert any(cited.quote in line.text for line in passage.lines)
    assert passage.document.file == cited.file
    with pytest.raises(InputError, match="/open 1"):
        session.passage(99)
    marked = session.cited_articles()
    assert sorted(n for ns in marked.values() for n in ns) == list(
        range(1, len(session.last.citations) + 1))

    session.clear()
    assert session.last is None
    assert session.resolve("and when did he go there?") == "and when did he go there?"
    with pytest.raises(InputError, match="no answer yet"):
        session.passage(1)


def scripted(*lines: str):
    """A reader that returns lines, then raises whatever exception objects it meets, then EOF."""
    items = list(lines)

    def read(prompt: str) -> str:
        if not items:
            raise EOFError
        item = items.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    return read


def console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=120), buf


class FakeLLM:
    """A stand-in for a remote LLM server with rag.generate's streaming protocol: `stream`
    yields the raw draft, `finish` turns the joined draft into the verified Answer."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.interrupt_after = interrupt_after
        self.closed = False
        self.finished: list[str] = []

    def stream(self, question, evidence):
        try:
            for i, piece in enumerate(["The ", "articles ", "say ", "so ", "[1]."]):
                if self.interrupt_after is not None and i == self.interrupt_after:
                    raise KeyboardInterrupt
                yield piece
        finally:
            self.closed = True

    def finish(self, question, evidence, raw, timings_ms=None):
        self.finished.append(raw)
        best = evidence[0]
        cite = Citation(best.chunk.file, (best.line, best.line), best.chunk.title,
                        best.chunk.date, best.text)
        return Answer(question, raw, None, False, (cite,), tuple(evidence),
                      timings_ms=dict(timings_ms or {}))


@pytest.mark.slow
def test_streaming_llm_output_reaches_the_terminal_then_sources(pipeline):
    llm = FakeLLM()
    session = ChatSession(pipeline, generator=llm)
    con, buf = console()
    repl(session, con, scripted("when did Xi last visit Seoul?", "/open 1"))
    out = buf.getvalue()
    assert "The articles say so [1]." in out
    assert "Sources" in out and "[1] " in out
    assert ">" in out  # /open marks the cited line
    assert llm.finished == ["The articles say so [1]."]  # verified once, on the whole draft
    assert session.last is not None and session.last.citations


@pytest.mark.slow
def test_ctrl_c_cancels_the_line_or_the_answer_and_the_session_goes_on(pipeline):
    llm = FakeLLM(interrupt_after=2)
    session = ChatSession(pipeline, generator=llm)
    con, buf = console()
    repl(session, con, scripted(KeyboardInterrupt(), "when did Xi last visit Seoul?", "/open 1"))
    out = buf.getvalue()
    assert "(cancelled)" in out and llm.closed and llm.finished == []
    assert session.turns == []  # a cancelled answer is not part of the conversation
    assert "no answer yet" in out  # /open still ran after the cancel


# --- the command through CliRunner ------------------------------------------------------------


@pytest.mark.slow
def test_chat_command_scripted_session(seeds_index):
    settings, _ = seeds_index
    script = "\n".join([
        "What did Lee Jae-myung say about China?",
        "and when did he go to Beijing?",
        "/open 1",
        "/open 42",
        "/sources",
        "what about Xi Jinping?",
        "/bogus",
        "/help",
        "/clear",
        "",
    ]) + "\n"
    result = CliRunner().invoke(
        app, ["chat", "--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)],
        input=script, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "rag chat" in out and "9 articles" in out
    assert "→ when did Lee Jae-myung go to Beijing?" in out
    assert "→ when did Xi Jinping go to Beijing?" in out
    assert out.count("Sources") >= 3
    assert "error: the last answer has" in out  # /open 42
    assert "cited" in out  # /sources marks the cited articles
    assert "error: unknown command /bogus" in out
    assert "/open N" in out  # /help
    assert "conversation cleared" in out
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_chat_quit_exits_0(seeds_index):
    settings, _ = seeds_index
    result = CliRunner().invoke(
        app, ["chat", "--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)],
        input="/quit\nthis is never asked\n", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "never asked" not in result.stdout


# --- a real terminal --------------------------------------------------------------------------


@pytest.mark.tty
@pytest.mark.slow
def test_chat_in_a_real_terminal(seeds_index, _isolated_home, tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    settings, _ = seeds_index
    rag = Path(sys.executable).parent / "rag"
    cmd = [str(rag), "chat", "--corpus", str(settings.corpus_dir),
           "--index-dir", str(settings.index_dir)]
    session = f"ragchat{os.getpid()}"
    script = f"{shlex.join(cmd)}; echo EXIT=$?; sleep 60"
    env = ["-e", f"RAG_HOME={_isolated_home}", "-e", "COLUMNS=", "-e", "TERM=xterm-256color"]
    subprocess.run(["tmux", "-L", session, "kill-server"], capture_output=True)
    subprocess.run(["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "140",
                    "-y", "50", *env, script], check=True)
    tmux = ["tmux", "-L", session]

    def pane() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-J", "-S", "-500", "-t", session],
                              capture_output=True, text=True).stdout

    def wait(text: str, count: int = 1, timeout: float = 90) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = pane()
            if screen.count(text) >= count:
                return screen
            time.sleep(0.3)
        raise AssertionError(f"{text!r} x{count} not on screen after {timeout}s:\n{pane()}")

    def keys(*k: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *k], check=True)

    try:
        wait("/help for commands")
        keys("What did Lee Jae-myung say about China?", "Enter")
        wait("Sources")
        keys("and when did he go to Beijing?", "Enter")
        wait("→ when did Lee Jae-myung go to Beijing?")
        wait("Sources", count=2)
        keys("this line is dropped by ctrl-c")
        wait("this line is dropped by ctrl-c")
        keys("C-c")  # cancels the line, not the session
        keys("/open 1", "Enter")
        screen = wait("\n>", count=1)
        assert "› /open 1" in screen
        keys("C-d")  # exits 0
        screen = wait("EXIT=")
        assert "EXIT=0" in screen and "Traceback" not in screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    history = (_isolated_home / "chat_history").read_text()
    assert "and when did he go to Beijing?" in history  # kept for the next session
