"""Fitting the ecosystem: where state lives, the remembered corpus, standard environment
variables, typos in settings, and the CLI conventions (--version, completion, --json, --quiet,
unwrapped pipes, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag import __version__
from rag.errors import InputError, LLMError
from rag.home import last_corpus, rag_home, remember_corpus
from rag.settings import NO_CORPUS, Settings, load_settings

from .test_cli import ROOT, index_flags, one_line_error, run

# --- where state lives --------------------------------------------------------------------------


def test_state_goes_to_rag_home_then_local_dot_rag_then_user_data_dir(tmp_path, monkeypatch):
    from platformdirs import user_data_path

    monkeypatch.delenv("RAG_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # where platformdirs looks (Linux)
    monkeypatch.chdir(tmp_path)
    assert rag_home() == user_data_path("citednews", appauthor=False)
    assert str(rag_home()).startswith(str(tmp_path / "xdg")) or sys.platform != "linux"
    (tmp_path / ".rag").mkdir()
    assert rag_home() == tmp_path / ".rag"  # a project's own ./.rag wins
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "elsewhere"))
    assert rag_home() == tmp_path / "elsewhere"  # RAG_HOME wins over both


def test_the_last_indexed_corpus_is_the_default_from_any_folder(tmp_path, monkeypatch):
    assert last_corpus() is None
    assert Settings().corpus_dir == NO_CORPUS
    with pytest.raises(InputError, match=r"run `rag index DIR`"):
        Settings().resolved_index_dir()
    corpus = tmp_path / "news"
    corpus.mkdir()
    monkeypatch.chdir(corpus)
    remember_corpus(Path("."))  # recorded absolute, so a relative path means the same later
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.corpus_dir == corpus
    assert settings.sources()["corpus_dir"].startswith("last `rag index`")
    assert load_settings(corpus_dir=tmp_path).corpus_dir == tmp_path  # a flag still wins


def test_no_corpus_yet_is_one_line_that_says_index_first():
    line = one_line_error(run("ask", "when did Xi visit Seoul?"))
    assert "no corpus yet" in line and "rag index DIR" in line


# --- settings: typos and standard variables -----------------------------------------------------


@pytest.mark.parametrize("content, expect", [
    ("chunk_sise = 500\n", "unknown key 'chunk_sise'"),
    ("[rag]\nllm_modle = 'x'\n", "did you mean 'llm_model'"),
])
def test_a_typo_in_the_config_file_names_the_nearest_key(_isolated_home, content, expect):
    (_isolated_home / "config.toml").write_text(content)
    line = one_line_error(run("config"))
    assert expect in line and str(_isolated_home / "config.toml") in line


def test_a_typo_in_a_rag_variable_names_the_nearest_one():
    line = one_line_error(run("config", env={"RAG_CHUNK_SIZ": "500"}))
    assert "RAG_CHUNK_SIZ" in line and "did you mean 'RAG_CHUNK_SIZE'" in line
    with pytest.raises(InputError, match="unknown setting 'kk'.*did you mean 'k'"):
        load_settings(kk=3)


def test_settings_from_text_are_typed_and_checked(_isolated_home, monkeypatch):
    """Variables are text; the config file has TOML types; both are checked like a flag."""
    monkeypatch.setenv("RAG_STRICT", "yes")
    monkeypatch.setenv("RAG_LLM_TIMEOUT", "2.5")
    (_isolated_home / "config.toml").write_text("k = 7\nindex_dir = 'idx'\n")
    settings = load_settings()
    assert (settings.strict, settings.llm_timeout, settings.k) == (True, 2.5, 7)
    assert settings.index_dir == Path("idx")
    assert load_settings(k=3).k == 3  # a flag wins over the file
    for var, value, expect in [
        ("RAG_CHUNK_SIZE", "big", "invalid setting chunk_size: must be an integer, not 'big'"),
        ("RAG_CHUNK_SIZE", "50", "must be >= 100, not 50"),
        ("RAG_STORE", "pg", "must be one of 'faiss', 'milvus', not 'pg'"),
        ("RAG_STRICT", "maybe", "must be true or false"),
    ]:
        with monkeypatch.context() as m:
            m.setenv(var, value)
            with pytest.raises(InputError, match=expect):
                load_settings()
    (_isolated_home / "config.toml").write_text("k = 'seven'\n")
    with pytest.raises(InputError, match="invalid setting k.*config.toml"):
        load_settings()


def _config(*args: str, env: dict[str, str] | None = None) -> dict:
    result = run("config", "--json", *args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["settings"]


def test_standard_variables_are_honoured_and_secrets_masked(monkeypatch):
    key = "sk-test-0123456789abcdefWXYZ"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OLLAMA_HOST", "127.0.0.1:11500")
    got = _config()
    assert got["llm_api_key"] == {"value": "sk-…WXYZ", "source": "env OPENAI_API_KEY"}
    assert got["llm_base_url"] == {"value": "http://127.0.0.1:9/v1",
                                   "source": "env OPENAI_BASE_URL"}
    assert load_settings().llm_api_key == key  # the library gets the real key
    ollama = _config("--llm", "ollama:llama3.2")
    assert ollama["llm_base_url"] == {"value": "127.0.0.1:11500", "source": "env OLLAMA_HOST"}
    assert ollama["llm_model"] == {"value": "llama3.2", "source": "flag"}
    # a RAG_ variable is more specific than the standard one
    monkeypatch.setenv("RAG_LLM_API_KEY", "sk-rag-0123456789abcdefABCD")
    assert _config()["llm_api_key"] == {"value": "sk-…ABCD", "source": "env RAG_LLM_API_KEY"}
    result = run("config")
    assert key not in result.stdout and "0123456789abcdef" not in result.stdout


def test_any_langchain_provider_by_name(monkeypatch):
    got = _config("--llm", "anthropic:claude-3-5-haiku-latest")
    assert got["answerer"]["value"] == "llm"
    assert got["llm_backend"] == {"value": "anthropic", "source": "flag"}
    assert got["llm_model"] == {"value": "claude-3-5-haiku-latest", "source": "flag"}
    from rag.generate import get_generator

    # init_chat_model for real: a provider whose package is not installed says which it needs
    with pytest.raises(LLMError, match=r"langchain-groq"):
        get_generator(Settings(llm_backend="groq", llm_model="llama-3.1-8b-instant"))
    with pytest.raises(LLMError, match=r"unknown llm_backend 'bogus'.*anthropic"):
        get_generator(Settings(llm_backend="bogus", llm_model="m"))
    with pytest.raises(LLMError, match=r"--llm mistralai:MODEL"):
        get_generator(Settings(llm_backend="mistralai"))


def test_pipeline_takes_any_langchain_chat_model(tmp_path):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from rag.pipeline import Pipeline

    from .conftest import tiny_pipeline
    from .test_adapters import QUESTION, TOURISM, XI

    tiny = tiny_pipeline(tmp_path, {"xi.txt": XI, "tourism.txt": TOURISM})
    # A scripted chat model in the LLM's seat; prompt, passages and verification are real.
    model = FakeListChatModel(responses=["Xi Jinping arrived in Seoul on July 3, 2014 [S1]."])
    pipe = Pipeline(tiny.settings, index=tiny.index, encoder=tiny.encoder, generator=model)
    answer = pipe.ask(QUESTION)
    assert not answer.abstained and not answer.unsupported
    assert answer.answer.startswith("Xi Jinping arrived in Seoul on July 3, 2014 [1]")
    assert answer.citations[0].file == "xi.txt"
    with pytest.raises(LLMError, match="LangChain chat model"):
        Pipeline(tiny.settings, index=tiny.index, encoder=tiny.encoder, generator=object())


# --- CLI conventions ----------------------------------------------------------------------------


def test_version_and_completion():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"rag {__version__}"
    help_text = run("--help").stdout
    assert "--install-completion" in help_text and "Exit codes:" in help_text
    script = subprocess.run([sys.executable, "-m", "rag", "--show-completion", "bash"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            # typer's switch: take the shell from the option, do not detect it
                            env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION":
                                 "1"})
    assert script.returncode == 0, script.stderr
    assert "_RAG_COMPLETE=complete_bash" in script.stdout
    # what the installed script asks at <TAB>: `rag so` completes to `rag sources`
    words = subprocess.run([sys.executable, "-m", "rag"], capture_output=True, text=True,
                           timeout=60, cwd=ROOT, env={**os.environ, "_RAG_COMPLETE":
                                                      "complete_bash", "COMP_WORDS": "rag so",
                                                      "COMP_CWORD": "1"})
    assert words.stdout.split() == ["sources"]


@pytest.mark.slow
def test_sources_and_index_json_and_quiet(seeds_index):
    settings, _ = seeds_index
    result = run("sources", str(settings.corpus_dir), "--index-dir", str(settings.index_dir),
                 "--json")
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)
    assert {a["file"] for a in articles} == {p.name for p in settings.corpus_dir.glob("*.txt")}
    assert all(a["chunks"] > 0 and a["title"] for a in articles)
    result = run("index", str(settings.corpus_dir), "--index-dir", str(settings.index_dir),
                 "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rebuilt"] is False and report["files"] == len({a["file"] for a in articles})
    assert report["index_dir"] == str(settings.index_dir)
    quiet = run("index", str(settings.corpus_dir), "--index-dir", str(settings.index_dir), "-q")
    assert quiet.exit_code == 0 and quiet.stdout == ""


@pytest.mark.slow
def test_piped_answer_keeps_each_quote_on_one_line(seeds_index, tmp_path):
    env = {**os.environ, "RAG_HOME": str(tmp_path / "home"), "COLUMNS": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "rag", "ask", "-", *index_flags(seeds_index)],
        input="when did Xi last visit Seoul?", capture_output=True, text=True, timeout=300,
        cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    quotes = [ln for ln in proc.stdout.splitlines() if ln.startswith("[1] \"")]
    assert quotes and len(quotes[0]) > 80  # longer than rich's 80 columns, still one line
    assert quotes[0].rstrip().endswith('"')


def test_building_an_index_without_the_index_extra_says_which_to_install(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nXi Jinping visited Seoul in July 2014.\n")
    # A core-only install: the [index] packages made unimportable in a fresh interpreter.
    code = ("import sys\n"
            "for m in ('spacy', 'torch', 'sentence_transformers', 'bm25s', 'onnx'):\n"
            "    sys.modules[m] = None\n"
            "from rag.cli import app\n"
            "app()\n")
    proc = subprocess.run([sys.executable, "-c", code, "index", str(corpus)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "RAG_HOME": str(tmp_path / "home")})
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: building an index needs"), lines
    assert "pip install 'citednews[index]'" in lines[0]


@pytest.mark.llm
@pytest.mark.slow
def test_pipeline_with_a_real_local_chat_model(tmp_path):
    """BYO model for real: LangChain's ChatLlamaCpp on the packaged SmolLM2 GGUF, in-process."""
    pytest.importorskip("llama_cpp", reason="run `make install-llm`")
    from langchain_community.chat_models import ChatLlamaCpp

    from rag.cite import quote_in_file
    from rag.generate import packaged_gguf
    from rag.pipeline import Pipeline

    from .conftest import tiny_pipeline
    from .test_adapters import QUESTION, TOURISM, XI

    gguf = packaged_gguf()
    if gguf is None:
        pytest.skip("the SmolLM2 GGUF is not installed (make install-llm)")
    tiny = tiny_pipeline(tmp_path, {"xi.txt": XI, "tourism.txt": TOURISM})
    model = ChatLlamaCpp(model_path=str(gguf), n_ctx=2048, temperature=0.0, max_tokens=120,
                         verbose=False)
    answer = Pipeline(tiny.settings, index=tiny.index, encoder=tiny.encoder,
                      generator=model).ask(QUESTION)
    assert answer.timings_ms["llm"] > 0  # the model was asked
    for c in answer.citations:  # whatever a 135M model writes, what is cited is in the files
        assert quote_in_file(c, tiny.settings.corpus_dir), c
