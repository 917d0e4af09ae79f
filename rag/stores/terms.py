"""Keyword terms as bm25s makes them (lower-case, split, drop stopwords, Snowball stem).

The FAISS store's BM25 matrix is looked up with these terms, and the Milvus store feeds the same
terms to Milvus's BM25 function, so both stores score the same tokens whatever analyzers a
Milvus build offers (milvus-lite has no stemmer).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Any

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default token_pattern


@lru_cache(maxsize=1)
def stemmer() -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers bm25s recommends

    return Stemmer.Stemmer("english")


def terms(text: str, stopwords: Collection[str]) -> list[str]:
    """The stemmed keyword terms of `text`, in order.

    >>> terms("Xi visited the Seoul summits", {"the"})
    ['xi', 'visit', 'seoul', 'summit']
    """
    words = [w for w in TOKEN.findall(text.lower()) if w not in stopwords]
    return list(stemmer().stemWords(words))


def english_stopwords() -> list[str]:
    """What stopwords="en" means to bm25s (imports bm25s: index time only)."""
    from bm25s.stopwords import STOPWORDS_EN

    return sorted(STOPWORDS_EN)
