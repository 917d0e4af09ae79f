"""Shared fixtures: the real seeds, the real packaged model, a seeds index built once a session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own RAG_HOME so nothing touches the project's .rag/."""
    home = tmp_path_factory.mktemp("rag_home")
    monkeypatch.setenv("RAG_HOME", str(home))
    for var in [v for v in os.environ if v.startswith("RAG_") and v != "RAG_HOME"]:
        monkeypatch.delenv(var)
    yield home


@pytest.fixture(scope="session")
def embedder():
    """The packaged all-MiniLM-L6-v2, loaded once."""
    from rag.embed import get_embedder

    return get_embedder("minilm")


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, embedder):
    """(settings, index) for a copy of the seeds, built once per session with the real model."""
    from rag.index import build_index, open_index
    from rag.settings import Settings

    base = tmp_path_factory.mktemp("seeds_index")
    corpus = base / "seeds"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    build_index(settings, embedder=embedder)
    return settings, open_index(settings)


@pytest.fixture(scope="session")
def pipeline(seeds_index):
    from rag.pipeline import Pipeline

    settings, index = seeds_index
    return Pipeline(settings, index=index)
