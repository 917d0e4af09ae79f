"""Hybrid retrieval: dense (FAISS) and BM25 ranked lists fused by reciprocal rank fusion.

RRF needs no score calibration between cosine and BM25, which is why it is the default; the
eval (`rag eval`) compares it with dense-only and BM25-only through `mode`.
"""

from __future__ import annotations

from typing import Any

from .embed import embed_queries
from .index import Index
from .types import Hit

RRF_K = 60  # the constant from Cormack et al. (2009); damps the weight of top ranks


def rrf(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion of ranked id lists.

    >>> sorted(rrf([[1, 2, 3], [3, 1]]).items(), key=lambda kv: -kv[1])[0][0]
    1
    """
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank + 1)
    return scores


class Retriever:
    """Dense + BM25 search over one index; `encoder` embeds the query."""

    def __init__(self, index: Index, encoder: Any, mode: str = "hybrid") -> None:
        self.index = index
        self.encoder = encoder
        self.mode = mode

    def search(self, question: str, k: int, pool: int | None = None) -> list[Hit]:
        """The k best chunks for `question`, best first."""
        pool = pool or max(4 * k, 30)
        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        if self.mode in ("hybrid", "dense"):
            vec = embed_queries(self.encoder, [question])[0]
            dense = self.index.dense(vec, pool)
        if self.mode in ("hybrid", "bm25"):
            lexical = self.index.bm25(question, pool)
        fused = rrf([[i for i, _ in dense], [i for i, _ in lexical]])
        top = sorted(fused, key=lambda i: -fused[i])[:k]
        chunks = self.index.chunks(top)
        cos = dict(dense)
        d_rank = {i: r for r, (i, _) in enumerate(dense)}
        b_rank = {i: r for r, (i, _) in enumerate(lexical)}
        return [
            Hit(chunk=chunks[i], score=fused[i], dense=cos.get(i), dense_rank=d_rank.get(i),
                bm25_rank=b_rank.get(i))
            for i in top if i in chunks
        ]
