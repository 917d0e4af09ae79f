"""The built wheel works outside the repository: a fresh venv, a temporary corpus, the `rag`
command and both framework adapters.

Nothing is downloaded: the fresh venv sees this venv's packages through a .pth file (as the
Makefile's `test-clone` does) and the wheel is installed with --no-deps. So this proves what is
in the wheel (package data such as the prompts, entry points, the declared dependencies) rather
than the package index. The repository is never on the fresh venv's path: PYTHONPATH is
dropped and every command runs from a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .test_adapters import QUESTION, TOURISM, XI

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
EXTRAS = {"index", "langchain", "llamaindex", "llm-server"}

# Checks, inside the fresh venv, that the declared dependencies of the core and EXTRAS are
# installed (the .pth makes them visible), and says where `rag` and its prompts come from.
INSPECT = """
import importlib.metadata as md, json, sys
from packaging.requirements import Requirement
import rag
from rag.generate import PROMPT, PROMPT_FIELDS
from rag.prompts import load_prompt, prompts_dir
missing = []
for line in md.requires("citednews"):
    req = Requirement(line)
    extras = [e for e in sys.argv[1].split(",") if req.marker is None or
              req.marker.evaluate({"extra": e})]
    if req.marker is not None and not extras:
        continue
    if req.name == "citednews":  # an extra that names other extras
        continue
    try:
        md.version(req.name)
    except md.PackageNotFoundError:
        missing.append(req.name)
load_prompt(PROMPT, PROMPT_FIELDS)
print(json.dumps({"rag": rag.__file__, "prompts": str(prompts_dir()), "missing": missing,
                  "version": md.version("citednews")}))
"""

CHAINS = """
import json, sys
from operator import itemgetter
from langchain_core.runnables import RunnableLambda, RunnablePassthrough
from rag.adapters.langchain import RagRetriever, rag_runnable
from rag.adapters.llamaindex import RagQueryEngine, RagRetriever as LlamaRetriever

question = sys.argv[1]
retriever = RagRetriever.from_settings(k=3)  # the corpus `rag index` remembered
chain = {"docs": retriever, "q": RunnablePassthrough()} | RunnableLambda(
    lambda x: {"file": x["docs"][0].metadata["file"], "quote": x["docs"][0].metadata["quote"]})
top = chain.invoke(question)
short = (rag_runnable(retriever.pipeline) | itemgetter("short_answer")).invoke(question)
nodes = LlamaRetriever(retriever.pipeline, k=3).retrieve(question)
response = RagQueryEngine(pipeline=retriever.pipeline).query(question)
print(json.dumps({"top": top, "short": short, "node_file": nodes[0].node.metadata["file"],
                  "response": str(response),
                  "sources": [n.node.metadata["file"] for n in response.source_nodes]}))
"""


def _purelib(python: Path | str) -> str:
    return subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin folder, environment, work folder) with the wheel installed in a fresh venv."""
    tmp = tmp_path_factory.mktemp("wheel")
    venv = tmp / "venv"
    # the repository's checkout must not leak in through PYTHONPATH (pip, too, would see it)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "RAG_HOME", "RAG_CONFIG", "VIRTUAL_ENV")}
    env |= {"XDG_DATA_HOME": str(tmp / "xdg"), "HOME": str(tmp / "home"), "COLUMNS": "200",
            "PATH": f"{venv / 'bin'}:/usr/bin:/bin"}
    src = tmp / "src"  # build from a copy: the build's scratch files stay out of the repository
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "rag", src / "rag", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", str(src), "-w", str(dist)],
                   check=True, capture_output=True, text=True, cwd=tmp, env=env)
    wheel = next(dist.glob("citednews-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    Path(_purelib(python), "_reuse_rag_venv.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", f"{wheel}[{','.join(sorted(EXTRAS))}]"],
                   check=True, capture_output=True, text=True, cwd=tmp, env=env)
    work = tmp / "work"
    work.mkdir()
    return venv / "bin", env, work


def _run(cmd: list[str], env: dict[str, str], cwd: Path,
         timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)


def test_the_wheel_holds_the_package_data_entry_points_and_dependencies(installed):
    bin_dir, env, work = installed
    assert (bin_dir / "rag").is_file() and (bin_dir / "ask").is_file()  # entry points
    proc = _run([str(bin_dir / "python"), "-c", INSPECT, ",".join(sorted(EXTRAS))], env, work)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    venv = bin_dir.parent
    assert got["rag"].startswith(str(venv)), got  # the installed copy, not the repository
    assert got["prompts"].startswith(str(venv)), got  # prompts shipped as package data
    assert got["missing"] == []
    proc = _run([str(bin_dir / "rag"), "--version"], env, work)
    assert proc.stdout.strip() == f"rag {got['version']}"


def test_index_ask_llm_and_both_frameworks_from_the_installed_wheel(installed):
    bin_dir, env, work = installed
    corpus = work / "articles"
    corpus.mkdir()
    (corpus / "xi.txt").write_text(XI, encoding="utf-8")
    (corpus / "tourism.txt").write_text(TOURISM, encoding="utf-8")
    rag = str(bin_dir / "rag")

    proc = _run([rag, "index", str(corpus), "--json"], env, work)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"] == 2 and report["rebuilt"] is True
    # state in the platform's user data folder, not in the current directory
    assert report["index_dir"].startswith(env["XDG_DATA_HOME"])
    assert not (work / ".rag").exists()

    elsewhere = work / "elsewhere"  # the remembered corpus, from another folder
    elsewhere.mkdir()
    proc = _run([str(bin_dir / "ask"), QUESTION], env, elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert "2014" in proc.stdout and "xi.txt" in proc.stdout

    # --llm: the packaged prompt loads; the (absent) server is the one thing that fails
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    proc = _run([rag, "ask", QUESTION, "--llm", "openai:some-model", "--llm-url", url], env,
                elsewhere)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"error: cannot reach the LLM server at {url}"), proc.stderr

    proc = _run([str(bin_dir / "python"), "-c", CHAINS, QUESTION], env, elsewhere)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["top"]["file"] == "xi.txt" and "Seoul" in got["top"]["quote"]
    assert "2014" in got["short"]
    assert got["node_file"] == "xi.txt"
    assert "2014" in got["response"] and "xi.txt" in got["sources"]
