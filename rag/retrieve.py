"""Hybrid retrieval: dense (FAISS) and BM25 ranked lists fused by reciprocal rank fusion.

RRF needs no score calibration between cosine and BM25, which is why it is the default; the
eval (`rag eval`) compares it with dense-only and BM25-only through `mode`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .choice import match, option_terms
from .embed import embed_queries
from .index import Index
from .text import measured
from .types import Hit

RRF_K = 60  # the constant from Cormack et al. (2009); damps the weight of top ranks
# A choice question's right option is named in the articles about its event, but a search for the
# whole question (every option at once) can rank only the wrong options' articles. So each option
# is also searched with the question ("<question> <option>") and its best chunks join the pool.
OPTION_HITS = 2
OPTION_POOL = 10  # of which the best that name the option join
# A compared thing ("their Beijing summit") is a description many chunks of its article share;
# a comparison needs the ones that give it a figure or a date, so more are looked at for them.
SIDE_POOL = 30


def _figure_near(words: Sequence[str], text: str, chars: int = 40) -> bool:
    """Does a figure stand within `chars` characters of one of the words ("the 90-minute
    summit")? A date at the top of the chunk is no figure for its thing.

    >>> _figure_near(["summit"], "During the 90-minute summit, Lee spoke.")
    True
    >>> _figure_near(["summit"], "June 4, 2025. Lee flew to Beijing on Sunday, where the talks "
    ...              "and the summit opened.")
    False
    """
    low = text.lower()
    spots = [m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}", low)]
    return any(abs(m.start() - p) <= chars for m in re.finditer(r"\d", low) for p in spots)


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

    def search_options(self, question: str, stem: str, options: Sequence[str], k: int,
                       per_option: int | None = None, min_match: float = 1.0,
                       figured: bool = False) -> list[Hit]:
        """The k best chunks for the whole question, then for each option, in order, the best
        `per_option` chunks for "<stem> <option>" that name it (`min_match`: the share of its
        words they must have; an option is a name, a compared thing a description) and are not
        already in. With `figured` (a comparison's sides), chunks with a digit go first, from
        a deeper pool.

        The first k are exactly `search(question, k)`, so rank-based metrics are unchanged; an
        added chunk's `dense` is its cosine with its own option's query.
        """
        per_option = OPTION_HITS if per_option is None else per_option
        hits = self.search(question, k)
        seen = {h.chunk.id for h in hits}
        for option in options if per_option else ():
            words = option_terms(option)
            # (a chunk that gives the compared thing a figure is its side's, "the 90-minute
            # summit", however few of the side's other words it has)
            found = [h for h in self.search(f"{stem} {option}".strip(),
                                            SIDE_POOL if figured else OPTION_POOL)
                     if h.chunk.id not in seen and (
                         match(words, h.chunk.text) >= min_match
                         or figured and any(measured(w, h.chunk.text.lower()) for w in words))]
            if figured:  # a measure of the side's thing first ("the 90-minute summit")
                near = {h.chunk.id: (any(measured(w, h.chunk.text.lower()) for w in words),
                                     _figure_near(words, h.chunk.text)) for h in found}
                found.sort(key=lambda h: (not near[h.chunk.id][0], not near[h.chunk.id][1]))
            for h in found[:per_option]:
                seen.add(h.chunk.id)
                hits.append(h)
        return hits
