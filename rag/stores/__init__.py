"""Vector stores: the dense + keyword + payload side of an index, one file per kind.

    faiss.py   FAISS + bm25s + SQLite in the index's version folder (the embedded default)
    milvus.py  a Milvus collection (milvus-lite file, server or cluster): dense vectors, Milvus's
               own BM25 full-text field and the chunk payloads, published by an alias swap

A build talks to a `Writer`, a loaded index to a `Reader`. Chunk ids are stable
(rag/chunk.py chunk_id), so a writer is told per file what to delete and what to upsert, and a
store that keeps its data between builds (Milvus) rewrites only the files that changed. Adding
a kind (Qdrant, OpenSearch) is one new file here plus one branch in each factory below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..types import Chunk, Document

if TYPE_CHECKING:
    from ..settings import Settings

KINDS = ("faiss", "milvus")
SentenceRow = tuple[int, int, int, int, str]  # chunk id, start, end, line, dates as JSON


@dataclass(frozen=True)
class FilePart:
    """One corpus file after ingest and chunking: what a store writes for it."""

    name: str
    sha256: str  # of the file's bytes
    docs: tuple[Document, ...]
    chunks: tuple[Chunk, ...]
    sentences: tuple[SentenceRow, ...]
    digest: str  # of the chunk ids and embedded texts: equal digests, equal vectors


class Reader(Protocol):
    """The store side of one published index version."""

    def dense(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the k nearest chunks."""
        ...

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the k best keyword matches, score > 0 only."""
        ...

    def mentions(self, word: str) -> bool:
        """Does any chunk contain the word (after the store's own analysis: stemming)?"""
        ...

    def ids(self) -> list[int]:
        """Every chunk id in the version."""
        ...

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]: ...

    def sentences(self, ids: Sequence[int]) -> dict[int, list[tuple[int, int, int, list[str]]]]:
        """chunk id -> [(start, end, line, dates)] in text order."""
        ...

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of `ids`, in that order (a build reuses them)."""
        ...

    def close(self) -> None: ...


class Writer(Protocol):
    """Writes one new index version. Nothing it does is visible to readers before `publish`."""

    def holds(self) -> dict[str, str]:
        """file -> digest of what the target already holds (an empty dict: starts empty)."""
        ...

    def delete(self, files: Sequence[str]) -> None: ...

    def upsert(self, part: FilePart, vectors: np.ndarray) -> None: ...

    def finish(self, build: Path) -> dict[str, Any]:
        """Make the written data durable (files in `build`, or a flush); returns what the
        manifest records under "store"."""
        ...

    def publish(self) -> None:
        """Make the new data what readers see (called right before the local CURRENT swap)."""
        ...

    def abort(self) -> None:
        """The build failed or was interrupted: leave what readers see as it was."""
        ...


def store_kind(manifest: dict[str, Any]) -> str:
    """The store that built an index version (FORMAT < 9 indexes knew only FAISS)."""
    return str(manifest.get("store", {}).get("kind", "faiss"))


def writer(settings: Settings, index_dir: Path, previous: dict[str, Any] | None) -> Writer:
    """A writer of the settings' store; `previous` is the live version's manifest, if reused."""
    if settings.store == "milvus":
        from .milvus import MilvusWriter

        return MilvusWriter(settings, index_dir, previous)
    from .faiss import FaissWriter

    return FaissWriter(settings.index_type)


def reader(version: Path, manifest: dict[str, Any], settings: Settings | None = None) -> Reader:
    """The reader of one published version, by the store its manifest names."""
    if store_kind(manifest) == "milvus":
        from .milvus import MilvusReader

        return MilvusReader(version, manifest, settings)
    from .faiss import FaissReader

    return FaissReader(version)
