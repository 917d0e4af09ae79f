"""A loaded index version: its articles (catalog) and its store (dense, BM25, chunks)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import stores, versions
from ..errors import IndexDamagedError, IndexMismatchError, IndexMissingError, RagError
from ..settings import Settings
from ..types import Chunk, Document
from . import catalog
from .manifest import check_compatible, damaged, fatal, read_manifest, staleness

log = logging.getLogger(__name__)

# What reading a damaged file raises: numpy (ValueError), faiss (RuntimeError), SQLite
# (DatabaseError), json (ValueError), or bad offsets in the BM25 arrays (IndexError).
READ_ERRORS = (OSError, ValueError, KeyError, IndexError, RuntimeError, EOFError, sqlite3.Error)


class Index:
    """A loaded, read-only index version. Chunk texts stay in the store until asked for.

    The store's parts load on first use; `reading` (versions.open_current) keeps a build from
    deleting the version until `close()`, so those late loads never find their files gone.
    """

    def __init__(self, version: Path, manifest: dict[str, Any],
                 reading: versions.Reading | None = None, settings: Settings | None = None) -> None:
        self.version = version
        self.manifest = manifest
        self._reading = reading
        self._settings = settings
        self._store: stores.Reader | None = None
        # immutable: a published version never changes, and SQLite then needs no lock or
        # journal, so a read-only RAG_HOME reads as well as a writable one.
        self._con = sqlite3.connect(f"file:{version / 'store.sqlite'}?mode=ro&immutable=1",
                                    uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()
        if self._store is not None:
            self._store.close()
        if self._reading is not None:
            self._reading.close()

    @property
    def store(self) -> stores.Reader:
        if self._store is None:
            self._store = stores.reader(self.version, self.manifest, self._settings)
        return self._store

    @contextlib.contextmanager
    def _read(self, what: str) -> Iterator[None]:
        """A failure to read this version's files becomes one line that says how to repair it.

        Only here, on the error path, is every byte checked against the checksums, to name the
        damaged file (open_index checked sizes and headers only).
        """
        try:
            yield
        except READ_ERRORS as e:
            found = fatal(versions.problems(self.version, self.manifest, full=True))
            corpus = self.manifest.get("corpus", "CORPUS")
            if found:
                raise IndexDamagedError(
                    f"index at {self.version.parent} is damaged ({'; '.join(found)}); "
                    f"run `rag index {corpus}` to repair it") from e
            raise IndexDamagedError(
                f"could not read {what} in {self.version} ({type(e).__name__}: {e}); "
                f"run `rag index {corpus} --rebuild` if this persists") from e

    @property
    def size(self) -> int:
        return int(self.manifest["n_chunks"])

    def dense(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the k nearest chunks."""
        with self._read("the dense index"):
            return self.store.dense(query, min(k, self.size))

    def mentions(self, word: str) -> bool:
        """Does any indexed article contain the word (same stem)? Read from the keyword index,
        so "the articles never mention X" is checked against the whole corpus."""
        with self._read("the keyword index"):
            return self.store.mentions(word)

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the k best lexical matches (score > 0 only).

        FAISS store: reads bm25s's saved score matrix without importing bm25s (importing it
        imports scipy.sparse, ~0.25 s of a one-shot `ask`; tests/test_index.py checks the
        scores match).
        """
        with self._read("the keyword index"):
            return self.store.bm25(query, min(k, self.size))

    def chunk_ids(self) -> list[int]:
        """Every chunk id of this version."""
        with self._read("the chunk ids"):
            return self.store.ids()

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        with self._read("the chunks"):
            return self.store.chunks(ids)

    def sentences(
        self, chunk_ids: Sequence[int]
    ) -> dict[int, list[tuple[int, int, int, list[str]]]]:
        """chunk id -> [(start, end, line, dates)] in text order."""
        with self._read("the sentences"):
            return self.store.sentences(chunk_ids)

    def documents(self, file: str | None = None) -> list[Document]:
        with self._read("store.sqlite"):
            return catalog.documents(self._con, file)

    def headers(self) -> list[Document]:
        """Every article's metadata (title, outlet, byline, date), without its text."""
        with self._read("store.sqlite"):
            return catalog.headers(self._con)

    def chunk_counts(self) -> dict[tuple[str, int], int]:
        with self._read("store.sqlite"):
            return catalog.chunk_counts(self._con)

    def document(self, file: str, article: int) -> Document:
        return next(d for d in self.documents(file) if d.article == article)


def open_index(settings: Settings) -> Index:
    """Load the live index for the settings' corpus, refusing a mismatched or damaged one.

    Only sizes and headers are checked here (microseconds); reads that still fail are caught
    by Index._read, and `rag index` checks every byte.
    """
    index_dir = settings.resolved_index_dir()
    try:
        opened = versions.open_current(index_dir)
    except versions.Damaged as e:
        raise damaged(settings, str(e)) from None
    if opened is None:
        raise IndexMissingError(
            f"no index at {index_dir}; run `rag index {settings.corpus_dir}` first"
        )
    cur, reading = opened
    try:
        manifest = versions.load_manifest(cur.version)
        check_compatible(manifest, settings)
        found = fatal(versions.problems(cur.version, manifest))
        if found:
            raise versions.Damaged("; ".join(found))
    except versions.Damaged as e:
        reading.close()
        raise damaged(settings, str(e)) from None
    except BaseException:
        reading.close()
        raise
    return Index(cur.version, manifest, reading, settings)


def ensure_index(settings: Settings, progress: Callable[..., Any] | None = None,
                 warn: Callable[[str], None] | None = None) -> bool:
    """Build, refresh or repair the index when it is missing, damaged or the corpus changed;
    True if it built.

    When a refresh fails (disk full, read-only folder, a bad new file) but the index there is
    usable, questions are answered from it: `warn` gets one line saying so (default: logged).
    """
    st = staleness(settings)
    if st.fresh:
        return False
    say = warn or log.warning
    if st.damaged:
        say(f"the index at {settings.resolved_index_dir()} is damaged ({'; '.join(st.damaged)});"
            " rebuilding it")
    if progress is None:
        from .build import build_index

        progress = build_index
    try:
        progress(settings)
    except IndexMismatchError:
        raise  # the index there would be refused anyway; the message names the fix
    except (RagError, OSError) as e:
        if st.missing or st.broken:
            raise
        manifest = read_manifest(settings.resolved_index_dir()) or {}
        say(f"could not refresh the index ({e}); answering from the index built "
            f"{manifest.get('built_at', 'earlier')}")
        return False
    return True
