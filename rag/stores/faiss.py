"""The embedded store: FAISS vectors + a bm25s keyword index + SQLite chunks, in the version folder.

Files it writes into a version (rag/versions.py checksums them all):
    vectors.npy   float32 rows, L2-normalised (row i = ids.npy[i])
    ids.npy       int64 stable chunk id of each row (rag/chunk.py chunk_id)
    faiss.index   FAISS over those rows; a search returns row positions, mapped through ids.npy
    bm25/         bm25s's saved CSC score matrix (row i again) and stopwords.json
    store.sqlite  tables chunks and sentences, beside the build's documents table

Each version is written whole (FAISS and the BM25 statistics are rebuilt anyway); vectors of
unchanged files are copied from the previous version by chunk id, so only changed files are
embedded. The query side reads the BM25 matrix without importing bm25s (see Bm25Matrix).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import RagError
from ..types import Chunk
from . import FilePart
from .terms import english_stopwords, stemmer, terms

STOPWORDS_FILE = "stopwords.json"
# auto: exact search up to FLAT_MAX_ROWS (p50 18 ms at 100k rows on 2 cores), IVF-flat above
# (1M rows: p50 1.6 ms at recall@10 1.000 with nprobe 32; HNSW M=32 stayed below 0.9 recall on
# the same data). Measured by bench/scale.py; numbers in bench/README.md.
FLAT_MAX_ROWS = 100_000
IVF_NPROBE = 32


def faiss_kind(settings_kind: str, rows: int) -> str:
    if settings_kind != "auto":
        return settings_kind
    return "flat" if rows <= FLAT_MAX_ROWS else "ivf"


def make_faiss(vectors: np.ndarray, kind: str) -> Any:
    """A FAISS inner-product index over normalised rows; a search returns row positions."""
    import faiss

    dim = vectors.shape[1]
    index: Any
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 96
    elif kind == "ivf":
        nlist = max(1, min(16_384, int(4 * np.sqrt(len(vectors)))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).permutation(len(vectors))[: 40 * nlist]
        index.train(vectors[np.sort(sample)])
        index.nprobe = min(nlist, IVF_NPROBE)
    elif kind == "ivfpq":
        nlist = max(1, min(4096, int(4 * np.sqrt(len(vectors)))))
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFPQ(quantizer, dim, nlist, dim // 8 if dim % 8 == 0 else 16, 8,
                                 faiss.METRIC_INNER_PRODUCT)
        index.train(vectors[: min(len(vectors), 100 * nlist + 10_000)])
        index.nprobe = min(nlist, 32)
    else:
        raise RagError(f"unknown index type {kind!r}; use auto, flat, ivf, hnsw or ivfpq")
    if len(vectors):
        index.add(vectors)
    return index


def _tokenize(texts: Sequence[str], return_ids: bool = True) -> Any:
    import bm25s

    return bm25s.tokenize(list(texts), stopwords="en", stemmer=stemmer().stemWords,
                          return_ids=return_ids, show_progress=False)


def write_bm25(folder: Path, texts: Sequence[str]) -> None:
    """Build the BM25 index of `texts` (row i = text i) with bm25s and save it in `folder`."""
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(_tokenize(texts), show_progress=False)
    retriever.save(str(folder))
    # The query side (Bm25Matrix) drops the same stopwords without importing bm25s.
    (folder / STOPWORDS_FILE).write_text(json.dumps(english_stopwords()))


CHUNK_TABLES = """
    CREATE TABLE chunks (id INTEGER PRIMARY KEY, file TEXT, article INT, title TEXT, date TEXT,
        section TEXT, start INT, end INT, line_start INT, line_end INT, text TEXT);
    CREATE TABLE sentences (chunk_id INT, start INT, end INT, line INT, dates TEXT);
    CREATE INDEX sentences_chunk ON sentences (chunk_id);
"""


def write_chunks(path: Path, chunks: Sequence[Chunk], sents: Sequence[tuple]) -> None:
    """Add the chunks and sentences tables to the SQLite file at `path`."""
    con = sqlite3.connect(path)
    con.executescript(CHUNK_TABLES)
    con.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(c.id, c.file, c.article, c.title, c.date, c.section, c.start, c.end, c.line_start,
          c.line_end, c.text) for c in chunks],
    )
    con.executemany("INSERT INTO sentences VALUES (?,?,?,?,?)", sents)
    con.commit()
    con.close()


class FaissWriter:
    """Collects every file's chunks and vectors, then writes the version's files at once."""

    def __init__(self, index_type: str = "auto") -> None:
        self.index_type = index_type
        self.parts: dict[str, tuple[FilePart, np.ndarray]] = {}

    def holds(self) -> dict[str, str]:
        return {}  # a new version folder starts empty; unchanged vectors come from the old one

    def delete(self, files: Sequence[str]) -> None:
        for name in files:
            self.parts.pop(name, None)

    def upsert(self, part: FilePart, vectors: np.ndarray) -> None:
        self.parts[part.name] = (part, vectors)

    def finish(self, build: Path) -> dict[str, Any]:
        import faiss

        parts = [self.parts[name] for name in sorted(self.parts)]
        chunks = [c for part, _ in parts for c in part.chunks]
        dim = next((v.shape[1] for _, v in parts if v.ndim == 2), 0)
        vectors = (np.concatenate([v for _, v in parts]).astype(np.float32, copy=False)
                   if parts else np.zeros((0, dim), dtype=np.float32))
        kind = faiss_kind(self.index_type, len(vectors))
        np.save(build / "vectors.npy", vectors)
        np.save(build / "ids.npy", np.array([c.id for c in chunks], dtype=np.int64))
        faiss.write_index(make_faiss(vectors, kind), str(build / "faiss.index"))
        write_bm25(build / "bm25", [c.embed_text() for c in chunks])
        write_chunks(build / "store.sqlite", chunks, [s for p, _ in parts for s in p.sentences])
        return {"kind": "faiss", "index_type": kind}

    def publish(self) -> None:
        pass  # the version folder is published by swapping CURRENT (rag/versions.py)

    def abort(self) -> None:
        self.parts.clear()


class Bm25Matrix:
    """Query side of a saved bm25s index, without importing bm25s (see FaissReader.bm25)."""

    def __init__(self, folder: Path) -> None:
        def load(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.csc.index.npy", mmap_mode="r")

        self.data, self.indices, self.indptr = load("data"), load("indices"), load("indptr")
        self.vocab: dict[str, int] = json.loads((folder / "vocab.index.json").read_text())
        self.stopwords = frozenset(json.loads((folder / STOPWORDS_FILE).read_text()))
        self.n_docs = int(json.loads((folder / "params.index.json").read_text())["num_docs"])

    def token_ids(self, query: str) -> list[int]:
        """bm25s.tokenize's steps: lower-case, split, drop stopwords, stem, keep known tokens."""
        return [self.vocab[t] for t in terms(query, self.stopwords) if t in self.vocab]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, score) of the k best rows."""
        ids = self.token_ids(query)
        if not ids or k <= 0:
            return []
        spans = [(int(self.indptr[t]), int(self.indptr[t + 1])) for t in ids]
        # One bincount over all the query's postings: per document, the sum of its term scores.
        scores = np.bincount(np.concatenate([self.indices[a:b] for a, b in spans]),
                             weights=np.concatenate([self.data[a:b] for a, b in spans]),
                             minlength=self.n_docs)
        k = min(k, self.n_docs)
        # Ties go by row (file, then position in it), also at the cut, so every store that
        # breaks ties the same way ranks alike (rag/stores/milvus.py).
        kth = np.partition(scores, self.n_docs - k)[self.n_docs - k]
        top = np.flatnonzero(scores >= kth)
        top = top[np.argsort(-scores[top], kind="stable")][:k]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


class FaissReader:
    """One version's FAISS, BM25 and SQLite chunk tables; each loads on first use."""

    def __init__(self, version: Path) -> None:
        self.version = version
        self._faiss: Any = None
        self._bm25: Bm25Matrix | None = None
        self._ids: np.ndarray | None = None
        self._rows: dict[int, int] | None = None
        # immutable: a published version never changes, and SQLite then needs no lock or
        # journal, so a read-only RAG_HOME reads as well as a writable one.
        self._con = sqlite3.connect(f"file:{version / 'store.sqlite'}?mode=ro&immutable=1",
                                    uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()

    @property
    def rows(self) -> np.ndarray:
        """Row -> chunk id."""
        if self._ids is None:
            self._ids = np.load(self.version / "ids.npy", mmap_mode="r")
        return self._ids

    def ids(self) -> list[int]:
        return [int(i) for i in self.rows]

    @property
    def matrix(self) -> Bm25Matrix:
        if self._bm25 is None:
            self._bm25 = Bm25Matrix(self.version / "bm25")
        return self._bm25

    def dense(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self._faiss is None:
            import faiss

            self._faiss = faiss.read_index(str(self.version / "faiss.index"))
        k = min(k, int(self._faiss.ntotal))
        if k <= 0:
            return []
        scores, rows = self._faiss.search(query.reshape(1, -1).astype(np.float32), k)
        ids = self.rows
        return [(int(ids[r]), float(s)) for r, s in zip(rows[0], scores[0], strict=True)
                if r >= 0]

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        ids = self.rows
        return [(int(ids[r]), s) for r, s in self.matrix.search(query, k)]

    def mentions(self, word: str) -> bool:
        return bool(self.matrix.token_ids(word))

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._con.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", list(ids))
        return {r[0]: Chunk(*r) for r in rows}

    def sentences(self, ids: Sequence[int]) -> dict[int, list[tuple[int, int, int, list[str]]]]:
        out: dict[int, list[tuple[int, int, int, list[str]]]] = {i: [] for i in ids}
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        rows = self._con.execute(
            f"SELECT chunk_id, start, end, line, dates FROM sentences "
            f"WHERE chunk_id IN ({marks}) ORDER BY chunk_id, start", list(ids))
        for cid, start, end, line, ds in rows:
            out[cid].append((start, end, line, json.loads(ds)))
        return out

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        if self._rows is None:
            self._rows = {int(i): r for r, i in enumerate(self.rows)}
        stored = np.load(self.version / "vectors.npy", mmap_mode="r")
        rows = np.array([self._rows[int(i)] for i in ids], dtype=np.int64)
        return np.asarray(stored[rows], dtype=np.float32)
