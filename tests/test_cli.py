"""`rag ask`, the `ask` shortcut, `rag config` and bad input, through typer's CliRunner.

Tests marked slow answer real questions with the real pipeline on the seeds (the session's seeds
index from conftest.py); the others check input handling, settings and start-up cost.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WIDTH = "120"
HEAVY = ("torch", "numpy", "faiss", "sentence_transformers", "onnxruntime", "spacy",
         "langchain_core", "bm25s", "transformers", "pydantic_settings", "dateparser",
         "pymilvus", "milvus_lite", "ray")


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), input=input, env={"COLUMNS": WIDTH, **(env or {})})


def one_line_error(result) -> str:
    """The result failed with exit 1 and exactly one `error:` line on stderr, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def index_flags(seeds_index) -> list[str]:
    settings, _ = seeds_index
    return ["--corpus", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]


# --- start-up ---------------------------------------------------------------------------------


def test_importing_the_cli_loads_no_heavy_library():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import rag.cli"],
                          capture_output=True, text=True, check=True)
    loaded = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == []


_ONE_SHOT = """
import atexit, sys
from rag.cli import ask_main
atexit.register(lambda: print("loaded:", *sorted({m.split(".")[0] for m in sys.modules}),
                              file=sys.stderr))
sys.argv = ["ask", *sys.argv[1:]]
ask_main()
"""


def test_a_one_shot_ask_loads_neither_torch_nor_pydantic(seeds_index):
    """What a cold `ask` must not pay for: torch (seconds) and pydantic (~0.2 s, bench/README)."""
    proc = subprocess.run([sys.executable, "-c", _ONE_SHOT, "when did Xi last visit Seoul?",
                           "--json", *index_flags(seeds_index)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    assert "2014" in json.loads(proc.stdout)["answer"]
    loaded = proc.stderr.split("loaded:")[-1].split()
    assert "onnxruntime" in loaded  # the question was embedded
    assert not {"torch", "sentence_transformers", "transformers", "pydantic"} & set(loaded)


def test_help_lists_the_commands_quickly():
    rag = Path(sys.executable).parent / "rag"
    cmd = [str(rag), "--help"] if rag.exists() else [sys.executable, "-m", "rag.cli", "--help"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=10,
                          env={"COLUMNS": WIDTH, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0
    for command in ("ask", "chat", "config", "index", "sources"):
        assert command in proc.stdout


# --- bad input: one line with the fix, exit 1, no traceback -----------------------------------


@pytest.mark.parametrize(
    "args, expect",
    [
        (["ask", ""], "question is empty"),
        (["ask", "   \t  "], "question is empty"),
        (["ask"], "question is empty"),
        (["ask", "x" * 100_000], "keep it under"),
        (["ask", "why?", "--corpus", "/nonexistent/corpus"], "does not exist"),
        (["ask", "why?", "--corpus", "seeds", "--llm", "bogus"], "llm_backend"),
        (["ask", "why?", "-k", "0"], "invalid setting k"),
        (["chat", "--corpus", "/nonexistent/corpus"], "does not exist"),
        (["config", "-k", "0"], "invalid setting k"),
    ],
)
def test_bad_input_is_one_line_with_the_fix(args, expect, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    line = one_line_error(run(*args))
    assert expect in line


def test_index_dir_that_is_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    line = one_line_error(run("ask", "why?", "--corpus", str(SEEDS), "--index-dir", str(blocker)))
    assert str(blocker) in line


def test_question_from_stdin_is_validated_too():
    assert "question is empty" in one_line_error(run("ask", "-", input="  \n"))


@pytest.mark.parametrize("args", [["ask", "--bogus", "q"], ["chat", "--nope"], ["frobnicate"]])
def test_usage_errors_are_short_and_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 6
    assert "Try 'rag" in result.output


def test_ask_shortcut_usage_names_itself():
    ask = Path(sys.executable).parent / "ask"
    if not ask.exists():
        pytest.skip("the `ask` console script is not installed (pip install -e .)")
    proc = subprocess.run([str(ask), "--bogus"], capture_output=True, text=True, timeout=30,
                          env={"COLUMNS": WIDTH, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "error: No such option: --bogus (Possible options: --corpus); see `ask --help`"]
    for args, code, message in [
        (["q", "-k", "x"], 2, "Invalid value for '-k'"),  # click parses it: usage error
        # no such backend or LangChain provider (a corpus is given: with none indexed yet under
        # this state folder, "no corpus yet" would be the first error)
        (["q", "--llm", "gpt", "--corpus", str(Path(__file__).parents[1] / "seeds")], 1,
         "llm_backend"),
    ]:
        # timeout: the first ask on a fresh machine indexes the seeds before it loads an LLM
        proc = subprocess.run([str(ask), *args], capture_output=True, text=True, timeout=300,
                              env={"COLUMNS": WIDTH, "PATH": "/usr/bin:/bin"})
        assert proc.returncode == code, proc.stderr
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), lines
        assert message in lines[0], lines
    proc = subprocess.run([str(ask), " "], capture_output=True, text=True, timeout=30,
                          env={"COLUMNS": WIDTH, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: the question is empty")
    assert "Traceback" not in proc.stderr


# --- settings precedence: flag > env > file > default -----------------------------------------


def config_json(*args: str, env: dict[str, str] | None = None) -> dict:
    result = run("config", "--json", *args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_settings_precedence_flag_env_file_default(_isolated_home, monkeypatch):
    from rag.settings import load_settings

    assert config_json()["settings"]["k"] == {"value": 16, "source": "default"}
    (_isolated_home / "config.toml").write_text('k = 3\nllm_model = "from-file"\n')
    got = config_json()
    assert got["settings"]["k"]["value"] == 3
    assert got["settings"]["k"]["source"].startswith("file ")
    assert got["config_file"] == str(_isolated_home / "config.toml")
    monkeypatch.setenv("RAG_K", "5")
    got = config_json()
    assert got["settings"]["k"] == {"value": 5, "source": "env RAG_K"}
    assert got["settings"]["llm_model"]["value"] == "from-file"  # file still fills the rest
    got = config_json("-k", "7", "--llm", "ollama")
    assert got["settings"]["k"] == {"value": 7, "source": "flag"}
    assert got["settings"]["answerer"] == {"value": "llm", "source": "flag"}
    assert got["settings"]["llm_backend"] == {"value": "ollama", "source": "flag"}
    assert got["settings"]["chunk_size"] == {"value": 700, "source": "default"}
    # the library agrees with what the CLI shows
    assert load_settings(k=7).k == 7 and load_settings().k == 5 and load_settings(k=None).k == 5


def test_rag_config_env_var_picks_another_file(tmp_path, monkeypatch):
    other = tmp_path / "other.toml"
    other.write_text("[rag]\nchunk_size = 500\n")
    monkeypatch.setenv("RAG_CONFIG", str(other))
    got = config_json()
    assert got["settings"]["chunk_size"] == {"value": 500, "source": f"file {other}"}


def test_config_table_shows_sources(_isolated_home, monkeypatch):
    monkeypatch.setenv("RAG_K", "5")
    result = run("config", "--corpus", "elsewhere")
    assert result.exit_code == 0
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("│")}
    assert "env RAG_K" in rows["k"]
    assert "flag" in rows["corpus_dir"] and "elsewhere" in rows["corpus_dir"]
    assert "default" in rows["embedder"]
    assert str(_isolated_home) in result.stdout


def test_broken_config_file_is_one_line(_isolated_home):
    (_isolated_home / "config.toml").write_text("k = = 3\n")
    assert "not valid TOML" in one_line_error(run("config"))


# --- answering on the seeds (real pipeline) ---------------------------------------------------


@pytest.mark.slow
def test_ask_json_is_exactly_the_answer_json(seeds_index):
    from rag.cite import quote_in_file

    result = run("ask", "when did Xi last visit Seoul?", "--json", *index_flags(seeds_index))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # nothing but the JSON on stdout
    assert set(data) == {"question", "answer", "short_answer", "abstained", "citations",
                         "evidence", "unsupported", "timings_ms", "notes", "reason", "claims",
                         "parts"}
    assert data["claims"] and all(c["cites"] for c in data["claims"])
    assert data["question"] == "when did Xi last visit Seoul?"
    assert data["abstained"] is False and data["citations"]
    from rag.types import Citation

    corpus = seeds_index[0].corpus_dir
    for c in data["citations"]:
        assert set(c) == {"file", "lines", "title", "date", "quote"}
        assert isinstance(c["lines"], list) and len(c["lines"]) == 2
        citation = Citation(c["file"], tuple(c["lines"]), c["title"], c["date"], c["quote"])
        assert quote_in_file(citation, corpus)


@pytest.mark.slow
def test_ask_renders_short_answer_citations_and_evidence(seeds_index):
    result = run("ask", "when did Xi last visit Seoul?", "--show-evidence", "-k", "6",
                 *index_flags(seeds_index))
    assert result.exit_code == 0, result.output
    out = result.stdout
    data = json.loads(run("ask", "when did Xi last visit Seoul?", "--json", "-k", "6",
                          *index_flags(seeds_index)).stdout)
    assert data["short_answer"] and out.startswith(data["short_answer"])
    assert "Sources" in out and "Evidence" in out
    first = data["citations"][0]
    assert f"[1] {first['file']}:{first['lines'][0]}" in out
    assert "Traceback" not in result.output


def test_citations_are_terminal_hyperlinks_to_the_file(tmp_path):
    import io

    from rich.console import Console

    from rag.render import answer_view
    from rag.types import Answer, Citation

    cite = Citation("a b.txt", (3, 4), "A [title]", "2025-01-02", "quoted [NEWS1] text")
    answer = Answer("q?", "June 2025.\n[1] \"other\"", "June 2025", False, (cite,))
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=100).print(answer_view(answer, tmp_path))
    raw = buf.getvalue()
    assert "\x1b]8;" in raw and (tmp_path / "a b.txt").as_uri() in raw  # OSC 8 link
    plain = io.StringIO()
    Console(file=plain, width=100).print(answer_view(answer, tmp_path))
    text = plain.getvalue()
    assert text.startswith("June 2025.")
    assert "[1] a b.txt:3-4  A [title]  (2025-01-02)" in text  # brackets survive (no markup)
    assert "quoted [NEWS1] text" in text


@pytest.mark.slow
def test_question_not_in_the_articles_exits_0_and_says_so(seeds_index):
    result = run("ask", "what is the capital of France?", *index_flags(seeds_index))
    assert result.exit_code == 0, result.output
    assert "do not answer" in result.stdout
    data = json.loads(run("ask", "what is the capital of France?", "--json",
                          *index_flags(seeds_index)).stdout)
    assert data["abstained"] is True


@pytest.mark.slow
def test_ask_builds_then_refreshes_the_index_when_the_corpus_changes(tmp_path):
    from rag.index import read_manifest
    from rag.settings import Settings

    corpus = tmp_path / "news"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_ebea100e75084d02.txt", corpus)
    flags = ["--corpus", str(corpus)]
    result = run("ask", "who is Pete Hegseth?", "--json", *flags)
    assert result.exit_code == 0, result.output
    index_dir = Settings(corpus_dir=corpus).resolved_index_dir()
    first = read_manifest(index_dir)
    assert first is not None and list(first["files"]) == ["000_ebea100e75084d02.txt"]
    shutil.copy(SEEDS / "003_0e1adef3b88bf17b.txt", corpus)
    result = run("ask", "where did Lee take a selfie with Xi?", "--json", *flags)
    assert result.exit_code == 0, result.output
    assert sorted(read_manifest(index_dir)["files"]) == [
        "000_ebea100e75084d02.txt", "003_0e1adef3b88bf17b.txt"]
    assert any(c["file"] == "003_0e1adef3b88bf17b.txt"
               for c in json.loads(result.stdout)["citations"])


@pytest.mark.slow
def test_unreachable_llm_server_is_one_line(seeds_index):
    pytest.importorskip("rag.generate")
    result = run("ask", "when did Xi last visit Seoul?", "--llm", "openai",
                 "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "x",
                 *index_flags(seeds_index), env={"RAG_LLM_TIMEOUT": "5"})
    line = one_line_error(result)
    assert "127.0.0.1:9" in line or "LLM" in line or "llm" in line


@pytest.mark.slow
def test_ask_shortcut_answers(seeds_index):
    ask = Path(sys.executable).parent / "ask"
    if not ask.exists():
        pytest.skip("the `ask` console script is not installed (pip install -e .)")
    import os

    proc = subprocess.run([str(ask), "when did Xi last visit Seoul?", "--json",
                           *index_flags(seeds_index)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": WIDTH})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["citations"]
