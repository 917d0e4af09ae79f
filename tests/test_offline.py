"""Offline is a hard rule: index and ask run with every network connection refused.

The commands run in a fresh interpreter whose sockets refuse any connection (loopback aside is
not needed either: the default answerer talks to nobody), with empty Hugging Face caches, so a
model download or a hub lookup fails the test instead of passing thanks to this machine's cache.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

GUARD = """
import socket, sys

class NetworkBlocked(OSError):
    pass

def refuse(self, address, *args, **kwargs):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect(self, address, *args, **kwargs)
    raise NetworkBlocked(f"network access attempted: {address!r}")

def refuse_lookup(*args, **kwargs):
    raise NetworkBlocked(f"DNS lookup attempted: {args[:2]!r}")

_connect = socket.socket.connect
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.getaddrinfo = refuse_lookup
socket.create_connection = lambda *a, **k: refuse_lookup(*a)

from rag.cli import app
sys.argv = ["rag", *sys.argv[1:]]
app(prog_name="rag")
"""


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", GUARD, *args], capture_output=True, text=True,
                          env=env, timeout=900)


def test_index_and_ask_work_with_the_network_blocked(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    hf = tmp_path / "hf"  # empty caches: nothing may come from a previous download
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "RAG_HOME": str(tmp_path / "rag_home"),
        "HF_HOME": str(hf),
        "HF_HUB_CACHE": str(hf / "hub"),
        "TRANSFORMERS_CACHE": str(hf / "transformers"),
        "SENTENCE_TRANSFORMERS_HOME": str(hf / "st"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TOKENIZERS_PARALLELISM": "false",
    }
    built = _run(["index", str(corpus)], env)
    assert built.returncode == 0, built.stderr
    assert "network access attempted" not in built.stderr + built.stdout

    asked = _run(["ask", "When did Xi Jinping visit Seoul?", "--corpus", str(corpus),
                  "--json"], env)
    assert asked.returncode == 0, asked.stderr
    data = json.loads(asked.stdout)
    assert not data["abstained"] and data["citations"]
    for c in data["citations"]:
        assert c["quote"] in (corpus / c["file"]).read_text(encoding="utf-8")
    # Nothing was fetched into the caches either.
    fetched = [p for p in hf.rglob("*") if p.is_file()] if hf.exists() else []
    assert fetched == []


def test_the_guard_really_blocks(tmp_path):
    """The harness itself: a connection attempt under the guard fails loudly."""
    code = GUARD.replace("from rag.cli import app", "import urllib.request\n"
                         "urllib.request.urlopen('http://example.com', timeout=5)\n"
                         "from rag.cli import app")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "attempted" in run.stderr
