"""The FAISS index kind: chosen by corpus size, and the approximate kinds still find neighbours."""

from __future__ import annotations

import numpy as np
import pytest

from rag.errors import RagError
from rag.index import FLAT_MAX_ROWS, faiss_kind, make_faiss


def test_auto_picks_exact_search_for_small_corpora_and_ivf_above():
    assert faiss_kind("auto", 106) == "flat"
    assert faiss_kind("auto", FLAT_MAX_ROWS) == "flat"
    assert faiss_kind("auto", FLAT_MAX_ROWS + 1) == "ivf"
    for kind in ("flat", "ivf", "hnsw", "ivfpq"):
        assert faiss_kind(kind, 10) == kind  # an explicit setting wins


def _clustered(n: int, dim: int = 64, centers: int = 200) -> np.ndarray:
    """Unit vectors around topics, like embedded news chunks (not uniform noise)."""
    rng = np.random.default_rng(0)
    c = rng.normal(size=(centers, dim)).astype(np.float32)
    x = c[rng.integers(0, centers, n)] + rng.normal(0, 0.35, (n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("kind, min_recall", [("ivf", 0.95), ("hnsw", 0.9)])
def test_approximate_kinds_keep_recall_against_exact_search(kind, min_recall):
    x = _clustered(20_000)
    queries = x[:100] + np.float32(0.01)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    _, truth = make_faiss(x, "flat").search(queries, 10)
    _, got = make_faiss(x, kind).search(queries, 10)
    recall = np.mean([len(set(g) & set(t)) / 10 for g, t in zip(got, truth, strict=True)])
    assert recall >= min_recall, recall


def test_unknown_kind_names_the_choices():
    with pytest.raises(RagError, match="auto, flat, ivf, hnsw or ivfpq"):
        make_faiss(np.zeros((4, 8), dtype=np.float32), "annoy")
