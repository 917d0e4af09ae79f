"""Escape sequences in article text are shown, never obeyed, on the terminal; JSON keeps them.

The article below carries a clear-screen (ESC[2J), a window title (OSC 0 ... BEL), an OSC 8
hyperlink, an 8-bit CSI (U+009B) and a bidi override (U+202E) inside the sentence that answers
the question, and a window title in its headline.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from rag.cli import app
from rag.terminal import InertConsole, inert

ROOT = Path(__file__).resolve().parent.parent
CLEAR, TITLE, CSI8, RLO = "\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\u202e"
LINK = "\x1b]8;;http://evil.example/\x1b\\the zoo site\x1b]8;;\x1b\\"
ARTICLE = (
    f"Seoul Zoo welcomes twin giant panda cubs{TITLE}\n"
    "Published: 09 Jun. 2025, 07:00\n"
    f"The Seoul Zoo said{CLEAR} on Monday that its twin giant panda cubs each weighed "
    f"180 grams{TITLE} at birth{CSI8}, a healthy weight{RLO} for the rare bears.\n"
    f"Keepers said visitors can watch the cubs on a live camera at {LINK} from July.\n"
    "The zoo has kept giant pandas since 1994, when two bears arrived from China.\n"
)
QUESTION = "How much did the twin panda cubs weigh at birth?"
RAW = ("\x1b[2J", "\x1b]", "\x07", "\x9b", "\u202e")  # must never reach a terminal raw


def raw_controls(out: str) -> list[str]:
    return [seq for seq in RAW if seq in out]


def test_inert_console_shows_controls_in_text_tables_and_markup():
    buf = io.StringIO()
    console = InertConsole(file=buf, width=80, force_terminal=True)
    table = Table("quote")
    table.add_row(Text(f"180 grams{CLEAR}{TITLE}", style="bold"))
    console.print(Text(f"title{TITLE}{CSI8}{RLO}", style="cyan"))
    console.print(table)
    console.print(f"[bold]markup[/] {LINK}")
    out = buf.getvalue()
    assert raw_controls(out) == []
    # rich's Text drops BEL itself; ESC, C1 and bidi controls are left to InertConsole
    assert "title␛]0;pwned\ufffd31m\ufffd" in out
    assert "grams␛[2J␛]0;pwned" in out  # (a table sizes columns before the swap: may wrap)
    assert "\x1b[" in out  # rich's own styling still works (force_terminal)


def test_inert_console_keeps_widths_so_tables_fit():
    buf = io.StringIO()
    InertConsole(file=buf, width=40).print(Text(CLEAR * 30))
    assert all(len(line) <= 40 for line in buf.getvalue().splitlines())


def test_an_error_message_holding_escapes_is_inert(tmp_path):
    evil = tmp_path / f"news{CLEAR}{TITLE}"
    result = CliRunner().invoke(app, ["sources", str(evil)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert raw_controls(result.stderr) == [] and "news␛[2J␛]0;pwned" in result.stderr


@pytest.fixture(scope="module")
def injected(tmp_path_factory, embedder):
    from rag.index import build_index
    from rag.settings import Settings

    base = tmp_path_factory.mktemp("inject")
    corpus = base / "news"
    corpus.mkdir()
    (corpus / "zoo.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / f"evil{CLEAR}.txt").write_text(ARTICLE.replace("Seoul Zoo", "Busan Zoo"))
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    build_index(settings, embedder=embedder)
    return ["--corpus", str(corpus), "--index-dir", str(base / "index")]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})


@pytest.mark.slow
def test_ask_prints_the_quote_inert_and_json_keeps_it_exact(injected):
    shown = run("ask", QUESTION, "--show-evidence", *injected)
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.stdout and raw_controls(shown.stdout) == []
    assert "180 grams␛]0;pwned at birth\ufffd31m" in shown.stdout
    as_json = run("ask", QUESTION, "--json", *injected)
    assert as_json.exit_code == 0, as_json.output
    assert raw_controls(as_json.stdout) == []  # JSON escapes: \u001b, \u009b, \u202e
    quotes = [c["quote"] for c in json.loads(as_json.stdout)["citations"]]
    assert any(CLEAR in q and TITLE in q and CSI8 in q and RLO in q for q in quotes), quotes


@pytest.mark.slow
def test_sources_lists_titles_and_file_names_inert(injected):
    result = run("sources", *injected[1:2], "--index-dir", injected[3])
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == []
    assert "evil␛[2J.txt" in result.stdout


@pytest.mark.slow
def test_a_real_terminal_gets_no_injected_sequences(injected):
    """A subprocess with colours forced on: rich's own codes are there, the article's are not."""
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "rag", "ask", QUESTION, *injected],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" in proc.stdout  # styled output
    for seq in ("\x1b[2J", "\x1b]0;", "\x07", "\x9b", "\u202e", "http://evil.example"):
        assert seq not in proc.stdout, seq
    assert inert(CLEAR) in proc.stdout
