"""`rag index --ray`: a real local Ray (2 CPUs) builds what the single-process build does."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest

from rag.index import build_index, open_index
from rag.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.slow
ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}})
    yield
    ray.shutdown()


def test_ray_build_equals_the_single_process_build(tmp_path, local_ray, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    single = Settings(corpus_dir=corpus, index_dir=tmp_path / "single")
    spread = Settings(corpus_dir=corpus, index_dir=tmp_path / "ray")
    build_index(single, embedder=embedder)
    report = build_index(spread, ray_address="local")
    assert report.chunks_embedded == report.chunks > 50
    a, b = open_index(single), open_index(spread)
    ids = a.chunk_ids()
    assert ids == b.chunk_ids()  # same ids, same order (files sorted)
    assert a.chunks(ids) == b.chunks(ids)  # same texts, offsets, lines
    va, vb = a.store.vectors(ids), b.store.vectors(ids)
    assert va.shape == vb.shape and float(np.abs(va - vb).max()) < 1e-5
    assert a.sentences(ids) == b.sentences(ids)
    assert [d.text for d in a.documents()] == [d.text for d in b.documents()]
