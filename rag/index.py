"""The on-disk index: FAISS vectors + BM25 + a SQLite chunk store + a manifest.

Layout of an index folder:
    CURRENT            name of the live version folder (replaced atomically)
    v-<stamp>/         manifest.json, vectors.npy, faiss.index, bm25/, store.sqlite
A build writes a new version folder beside the live one and only then swaps CURRENT, so an
interrupted build leaves the previous index usable. Vectors of unchanged files are copied from
the previous version (matched by content hash), so only new or changed files are embedded.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import ingest
from .corpus import Scan, Skip, scan, summary
from .errors import CorpusError, IndexMismatchError, IndexMissingError, RagError, SkippedFile
from .settings import Settings
from .types import Chunk, Document, Line, Section

FORMAT = 8  # 2: stemmed BM25; 3: bm25/stopwords.json; 4: ONNX weights.bin; 5: "June 4" dates;
# 6: "last week" is a month, not a guessed day; 7: year-first numeric dates (2023/01/05);
# 8: documents.page_dates, skipped files
STOPWORDS_FILE = "stopwords.json"
CHUNKER = "spacy-sentencizer-lines/2"  # bump when chunking output changes
# auto: exact search up to FLAT_MAX_ROWS (p50 18 ms at 100k rows on 2 cores), IVF-flat above
# (1M rows: p50 1.6 ms at recall@10 1.000 with nprobe 32; HNSW M=32 stayed below 0.9 recall on
# the same data). Measured by bench/scale.py; numbers in bench/README.md.
FLAT_MAX_ROWS = 100_000
IVF_NPROBE = 32

Progress = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class IndexReport:
    index_dir: Path
    files: int
    files_new: int
    files_changed: int
    files_deleted: int
    chunks: int
    chunks_embedded: int
    seconds: float
    embed_seconds: float
    rebuilt: bool  # False when nothing changed and the live index was kept
    skipped: tuple[Skip, ...] = ()  # files left out, each with the reason (rag/corpus.py)


@dataclass
class Staleness:
    missing: bool = False  # no index, or one written by an older rag (format/chunker)
    changed: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def fresh(self) -> bool:
        return not (self.missing or self.changed or self.new or self.deleted)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix_command(settings: Settings) -> str:
    return f"rag index {settings.corpus_dir} --rebuild"


def _current(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    version = index_dir / pointer.read_text().strip()
    return version if (version / "manifest.json").is_file() else None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    version = _current(index_dir)
    if version is None:
        return None
    return json.loads((version / "manifest.json").read_text())


def outdated(manifest: dict[str, Any]) -> bool:
    """The index was written by a version of rag with another format or chunker."""
    return manifest.get("format") != FORMAT or manifest["chunking"]["chunker"] != CHUNKER


def check_compatible(manifest: dict[str, Any], settings: Settings) -> None:
    """Refuse an index built with other vector-changing settings, naming the fix."""
    from .embed import embedder_id

    want = {
        "embedder": embedder_id(settings.embedder),
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "chunker": CHUNKER,
        "format": FORMAT,
    }
    have = {
        "embedder": manifest["embedder"]["id"],
        "chunk_size": manifest["chunking"]["chunk_size"],
        "chunk_overlap": manifest["chunking"]["chunk_overlap"],
        "chunker": manifest["chunking"]["chunker"],
        "format": manifest.get("format"),
    }
    diff = [f"{k}: index has {have[k]!r}, settings want {want[k]!r}"
            for k in want if want[k] != have[k]]
    if diff:
        raise IndexMismatchError(
            f"index at {settings.resolved_index_dir()} was built differently ({'; '.join(diff)}); "
            f"run `{fix_command(settings)}`"
        )


def scan_corpus(settings: Settings) -> Scan:
    """The corpus files to read and the ones skipped before reading (too large, links out)."""
    return scan(settings.corpus_dir, settings.max_file_mb, settings.follow_links)


def _seen(manifest: dict[str, Any]) -> dict[str, str]:
    """Every file an index version looked at -> the hash or fingerprint it was judged by.

    Skipped files count: a file that was skipped and has not changed does not make the index
    stale, so one bad file does not rebuild the index before every question.
    """
    skipped = manifest.get("skipped", {})
    return ({n: f["sha256"] for n, f in manifest["files"].items()}
            | {n: s["fingerprint"] for n, s in skipped.items()})


def _skips(manifest: dict[str, Any]) -> tuple[Skip, ...]:
    return tuple(Skip(n, s["reason"], s["fingerprint"])
                 for n, s in manifest.get("skipped", {}).items())


def _check_skips(settings: Settings, skipped: Sequence[Skip], indexed: int) -> None:
    """Skips are warnings, except with strict_index or when nothing is left to index."""
    if skipped and settings.strict_index:
        raise CorpusError(f"{summary(skipped)}; fix or remove them, or index without --strict")
    if not indexed:
        raise CorpusError(f"no file in {settings.corpus_dir} can be indexed: {summary(skipped)}")


def staleness(settings: Settings) -> Staleness:
    """How the corpus on disk differs from what the live index holds."""
    manifest = read_manifest(settings.resolved_index_dir())
    if manifest is None or outdated(manifest):
        return Staleness(missing=True)
    corpus = settings.corpus_dir
    found = scan_corpus(settings)
    on_disk: dict[str, Path | str] = {p.relative_to(corpus).as_posix(): p for p in found.files}
    on_disk |= {s.file: s.fingerprint for s in found.skipped}
    indexed = _seen(manifest)
    st = Staleness()
    for name, what in on_disk.items():
        if name not in indexed:
            st.new.append(name)
        elif indexed[name] != (file_hash(what) if isinstance(what, Path) else what):
            st.changed.append(name)
    st.deleted = [n for n in indexed if n not in on_disk]
    return st


@contextlib.contextmanager
def _lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def faiss_kind(settings_kind: str, rows: int) -> str:
    if settings_kind != "auto":
        return settings_kind
    return "flat" if rows <= FLAT_MAX_ROWS else "ivf"


def make_faiss(vectors: np.ndarray, kind: str) -> Any:
    """A FAISS inner-product index over normalised rows; row position is the chunk id."""
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


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers bm25s recommends

    return Stemmer.Stemmer("english")


def _tokenize(texts: Sequence[str], return_ids: bool = True) -> Any:
    import bm25s

    return bm25s.tokenize(list(texts), stopwords="en", stemmer=_stemmer().stemWords,
                          return_ids=return_ids, show_progress=False)


def write_bm25(folder: Path, texts: Sequence[str]) -> None:
    """Build the BM25 index of `texts` (row i = chunk id i) with bm25s and save it in `folder`."""
    import bm25s
    from bm25s.stopwords import STOPWORDS_EN  # what stopwords="en" means to bm25s

    retriever = bm25s.BM25()
    retriever.index(_tokenize(texts), show_progress=False)
    retriever.save(str(folder))
    # The query side (Bm25Matrix) drops the same stopwords without importing bm25s.
    (folder / STOPWORDS_FILE).write_text(json.dumps(sorted(STOPWORDS_EN)))


def _write_store(path: Path, docs: list[Document], chunks: list[Chunk], sents: list[tuple]) -> None:
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE documents (file TEXT, article INT, title TEXT, outlet TEXT, byline TEXT,
            date TEXT, date_basis TEXT, year_bound INT, text TEXT, lines TEXT, sections TEXT,
            page_dates TEXT, PRIMARY KEY (file, article));
        CREATE TABLE chunks (id INTEGER PRIMARY KEY, file TEXT, article INT, title TEXT, date TEXT,
            section TEXT, start INT, end INT, line_start INT, line_end INT, text TEXT);
        CREATE TABLE sentences (chunk_id INT, start INT, end INT, line INT, dates TEXT);
        CREATE INDEX sentences_chunk ON sentences (chunk_id);
        """
    )
    con.executemany(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (d.file, d.article, d.title, d.outlet, d.byline, d.date, d.date_basis, d.year_bound,
             d.text, json.dumps([[ln.number, ln.start] for ln in d.lines]),
             json.dumps([[s.name, s.start, s.end] for s in d.sections]),
             json.dumps(d.page_dates) if d.page_dates else None)
            for d in docs
        ],
    )
    con.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(c.id, c.file, c.article, c.title, c.date, c.section, c.start, c.end, c.line_start,
          c.line_end, c.text) for c in chunks],
    )
    con.executemany("INSERT INTO sentences VALUES (?,?,?,?,?)", sents)
    con.commit()
    con.close()


def build_index(settings: Settings, rebuild: bool = False, progress: Progress | None = None,
                embedder: Any = None) -> IndexReport:
    """Create or refresh the index for `settings.corpus_dir`; embeds only new/changed files."""
    from . import chunk as chunking

    t0 = time.perf_counter()
    emit = progress or (lambda event, data: None)
    corpus = settings.corpus_dir
    index_dir = settings.resolved_index_dir()
    found = scan_corpus(settings)  # validates the folder before anything is touched
    files = found.files
    with _lock(index_dir):
        old_version = _current(index_dir)
        old = read_manifest(index_dir) if not rebuild else None
        if old is not None and outdated(old):
            old = None  # written by an older rag: nothing in it can be reused, rebuild
        if old is not None:
            check_compatible(old, settings)
        hashes = {p.relative_to(corpus).as_posix(): file_hash(p) for p in files}
        old_files: dict[str, Any] = old["files"] if old else {}
        now = hashes | {s.file: s.fingerprint for s in found.skipped}
        before = _seen(old) if old else {}
        deleted = [n for n in before if n not in now]
        new = [n for n in now if n not in before]
        changed = [n for n in now if n in before and before[n] != now[n]]
        if old is not None and not (new or changed or deleted):
            _check_skips(settings, _skips(old), len(old_files))
            emit("done", {"files": len(old_files), "chunks": old["n_chunks"], "embedded": 0})
            return IndexReport(index_dir, len(old_files), 0, 0, 0, old["n_chunks"], 0,
                               time.perf_counter() - t0, 0.0, rebuilt=False, skipped=_skips(old))

        # Parse every file first. A file that cannot be an article is skipped with its reason
        # (a warning, unless strict_index); the rest of the corpus is indexed.
        parsed: list[tuple[str, list[Document]]] = []
        skipped = list(found.skipped)
        for path in files:
            name = path.relative_to(corpus).as_posix()
            try:
                parsed.append((name, ingest.load_file(path, corpus)))
            except SkippedFile as e:
                skipped.append(Skip(name, e.reason, hashes[name]))
        skipped.sort(key=lambda s: s.file)
        _check_skips(settings, skipped, len(parsed))
        emit("start", {"files": len(parsed)})

        old_vectors = (
            np.load(old_version / "vectors.npy", mmap_mode="r")
            if old is not None and old_version is not None else None
        )
        all_docs: list[Document] = []
        all_chunks: list[Chunk] = []
        sent_rows: list[tuple] = []
        pieces: list[np.ndarray | None] = []  # per file: reused vectors or None (to embed)
        to_embed: list[int] = []  # chunk ids needing vectors
        manifest_files: dict[str, Any] = {}
        for done, (name, docs) in enumerate(parsed, 1):
            first = len(all_chunks)
            for doc, chunks, sents in chunking.chunk_documents(
                docs, settings.chunk_size, settings.chunk_overlap, first_id=len(all_chunks)
            ):
                all_docs.append(doc)
                all_chunks.extend(chunks)
                for c in chunks:
                    sent_rows.extend(
                        (c.id, s.start, s.end, s.line, json.dumps(list(s.dates)))
                        for s in sents if c.start <= s.start < c.end
                    )
            count = len(all_chunks) - first
            digest = hashlib.sha256(
                "\x1e".join(c.embed_text() for c in all_chunks[first:]).encode()
            ).hexdigest()
            prev = old_files.get(name)
            if (
                old_vectors is not None and prev and prev["sha256"] == hashes[name]
                and prev.get("chunks_sha256") == digest and prev["count"] == count
            ):
                pieces.append(np.asarray(old_vectors[prev["first"] : prev["first"] + count]))
            else:
                pieces.append(None)
                to_embed.extend(range(first, first + count))
            manifest_files[name] = {
                "sha256": hashes[name], "first": first, "count": count, "chunks_sha256": digest,
                "articles": len(docs),
            }
            emit("parsed", {"done": done, "files": len(parsed), "chunks": len(all_chunks)})

        t_embed = time.perf_counter()
        if to_embed:
            if embedder is None:
                from .embed import get_embedder

                embedder = get_embedder(settings.embedder, settings.batch_size)
            emit("embedding", {"total": len(to_embed)})
            batch = max(settings.batch_size * 4, 256)
            fresh_parts = []
            for s in range(0, len(to_embed), batch):
                ids = to_embed[s : s + batch]
                fresh_parts.append(embedder.embed([all_chunks[i].embed_text() for i in ids]))
                emit("embedded", {"done": min(s + batch, len(to_embed)), "total": len(to_embed)})
            fresh = np.concatenate(fresh_parts) if fresh_parts else None
            dim = embedder.dim
        else:
            fresh, dim = None, int(old["embedder"]["dim"]) if old else 0
        embed_seconds = time.perf_counter() - t_embed

        vectors = np.zeros((len(all_chunks), dim), dtype=np.float32)
        cursor = 0
        for (name, _), piece in zip(parsed, pieces, strict=True):
            info = manifest_files[name]
            if piece is not None:
                vectors[info["first"] : info["first"] + info["count"]] = piece
            else:
                assert fresh is not None
                vectors[info["first"] : info["first"] + info["count"]] = (
                    fresh[cursor : cursor + info["count"]]
                )
                cursor += info["count"]

        stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6}"
        version = index_dir / f"v-{stamp}"
        version.mkdir(parents=True)
        np.save(version / "vectors.npy", vectors)
        import faiss

        kind = faiss_kind(settings.index_type, len(vectors))
        faiss.write_index(make_faiss(vectors, kind), str(version / "faiss.index"))
        write_bm25(version / "bm25", [c.embed_text() for c in all_chunks])
        _write_store(version / "store.sqlite", all_docs, all_chunks, sent_rows)
        from .embed import embedder_id

        manifest: dict[str, Any] = {
            "format": FORMAT,
            "embedder": {"name": settings.embedder, "id": embedder_id(settings.embedder),
                         "dim": dim},
            "chunking": {"chunk_size": settings.chunk_size,
                         "chunk_overlap": settings.chunk_overlap, "chunker": CHUNKER},
            "index_type": kind,
            "corpus": str(corpus.resolve()),
            "n_chunks": len(all_chunks),
            "n_documents": len(all_docs),
            "files": manifest_files,
            "skipped": {s.file: {"reason": s.reason, "fingerprint": s.fingerprint}
                        for s in skipped},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (version / "manifest.json").write_text(json.dumps(manifest, indent=1))
        # The torch-free query encoder (rag/onnxembed.py): reuse the previous version's export
        # when it is of the same model (an incremental re-index pays no export), else export
        # if the embedder can. Without one, questions fall back to torch (embed.query_embedder).
        from .onnxembed import reuse

        old_onnx = old_version / "onnx" if old is not None and old_version is not None else None
        if old_onnx is not None and reuse(old_onnx, version / "onnx", manifest["embedder"]["id"]):
            emit("onnx", {"reused": True, "seconds": 0.0})
        elif embedder is not None and hasattr(embedder, "export_query_encoder"):
            t_onnx = time.perf_counter()
            ok = embedder.export_query_encoder(version / "onnx")
            emit("onnx", {"reused": False, "exported": ok is not False,
                          "seconds": time.perf_counter() - t_onnx})
        # The swap: CURRENT now names the new version; readers see old or new, never half.
        tmp = index_dir / "CURRENT.tmp"
        tmp.write_text(version.name)
        os.replace(tmp, index_dir / "CURRENT")
        for stale in index_dir.glob("v-*"):
            if stale != version:
                shutil.rmtree(stale, ignore_errors=True)
        emit("done", {"files": len(parsed), "chunks": len(all_chunks), "embedded": len(to_embed)})
        counted = set(manifest_files) | set(old_files)  # skipped files are reported as skips
        new, changed, deleted = ([n for n in names if n in counted]
                                 for names in (new, changed, deleted))
        return IndexReport(index_dir, len(parsed), len(new), len(changed), len(deleted),
                           len(all_chunks), len(to_embed), time.perf_counter() - t0,
                           embed_seconds, rebuilt=True, skipped=tuple(skipped))


BM25_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default token_pattern


class Bm25Matrix:
    """Query side of a saved bm25s index, without importing bm25s (see Index.bm25)."""

    def __init__(self, folder: Path) -> None:
        def load(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.csc.index.npy", mmap_mode="r")

        self.data, self.indices, self.indptr = load("data"), load("indices"), load("indptr")
        self.vocab: dict[str, int] = json.loads((folder / "vocab.index.json").read_text())
        self.stopwords = frozenset(json.loads((folder / STOPWORDS_FILE).read_text()))
        self.n_docs = int(json.loads((folder / "params.index.json").read_text())["num_docs"])

    def token_ids(self, query: str) -> list[int]:
        """bm25s.tokenize's steps: lower-case, split, drop stopwords, stem, keep known tokens."""
        words = [w for w in BM25_TOKEN.findall(query.lower()) if w not in self.stopwords]
        return [self.vocab[t] for t in _stemmer().stemWords(words) if t in self.vocab]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        ids = self.token_ids(query)
        if not ids or k <= 0:
            return []
        spans = [(int(self.indptr[t]), int(self.indptr[t + 1])) for t in ids]
        # One bincount over all the query's postings: per document, the sum of its term scores.
        scores = np.bincount(np.concatenate([self.indices[a:b] for a, b in spans]),
                             weights=np.concatenate([self.data[a:b] for a, b in spans]),
                             minlength=self.n_docs)
        k = min(k, self.n_docs)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


class Index:
    """A loaded, read-only index version. Chunk texts stay in SQLite until asked for."""

    def __init__(self, version: Path, manifest: dict[str, Any]) -> None:
        self.version = version
        self.manifest = manifest
        self._faiss: Any = None
        self._bm25: Any = None
        self._con = sqlite3.connect(f"file:{version / 'store.sqlite'}?mode=ro", uri=True,
                                    check_same_thread=False)

    @property
    def size(self) -> int:
        return int(self.manifest["n_chunks"])

    def dense(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the k nearest chunks."""
        if self._faiss is None:
            import faiss

            self._faiss = faiss.read_index(str(self.version / "faiss.index"))
        scores, ids = self._faiss.search(query.reshape(1, -1).astype(np.float32), min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the k best lexical matches (score > 0 only).

        Reads the score matrix bm25s saved (CSC: per token, its documents and their precomputed
        BM25 term scores) straight from the memory-mapped .npy files and sums the query's
        columns, as `bm25s.BM25.retrieve` does. Why not call bm25s here: importing it imports
        scipy.sparse, ~0.25 s of a one-shot `ask` (tests/test_index.py checks the scores match).
        """
        if self._bm25 is None:
            self._bm25 = Bm25Matrix(self.version / "bm25")
        return self._bm25.search(query, min(k, self.size))

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._con.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", list(ids))
        return {r[0]: Chunk(*r) for r in rows}

    def sentences(
        self, chunk_ids: Sequence[int]
    ) -> dict[int, list[tuple[int, int, int, list[str]]]]:
        """chunk id -> [(start, end, line, dates)] in text order."""
        out: dict[int, list[tuple[int, int, int, list[str]]]] = {i: [] for i in chunk_ids}
        if not chunk_ids:
            return out
        marks = ",".join("?" * len(chunk_ids))
        rows = self._con.execute(
            f"SELECT chunk_id, start, end, line, dates FROM sentences WHERE chunk_id IN ({marks}) "
            "ORDER BY chunk_id, start", list(chunk_ids))
        for cid, start, end, line, ds in rows:
            out[cid].append((start, end, line, json.loads(ds)))
        return out

    def documents(self, file: str | None = None) -> list[Document]:
        where = " WHERE file = ?" if file else ""
        sql = f"SELECT * FROM documents{where} ORDER BY file, article"
        docs = []
        for r in self._con.execute(sql, [file] if file else []):
            text = r[8]
            starts = json.loads(r[9])
            lines = tuple(
                Line(number=n, start=s,
                     text=text[s : (starts[i + 1][1] - 1) if i + 1 < len(starts) else len(text)])
                for i, (n, s) in enumerate(starts)
            )
            sections = tuple(Section(*s) for s in json.loads(r[10]))
            docs.append(Document(file=r[0], article=r[1], title=r[2], text=text, lines=lines,
                                 sections=sections, outlet=r[3], byline=r[4], date=r[5],
                                 date_basis=r[6], year_bound=r[7], page_dates=_pair(r[11])))
        return docs

    def headers(self) -> list[Document]:
        """Every article's metadata (title, outlet, byline, date), without its text."""
        sql = ("SELECT file, article, title, outlet, byline, date, date_basis, year_bound, "
               "page_dates FROM documents ORDER BY file, article")
        return [Document(file=f, article=a, title=t, text="", lines=(), sections=(), outlet=o,
                         byline=b, date=d, date_basis=db, year_bound=y, page_dates=_pair(pd))
                for f, a, t, o, b, d, db, y, pd in self._con.execute(sql)]

    def chunk_counts(self) -> dict[tuple[str, int], int]:
        rows = self._con.execute(
            "SELECT file, article, COUNT(*) FROM chunks GROUP BY file, article")
        return {(f, a): n for f, a, n in rows}

    def document(self, file: str, article: int) -> Document:
        return next(d for d in self.documents(file) if d.article == article)


def _pair(stored: str | None) -> tuple[str, str] | None:
    return tuple(json.loads(stored)) if stored else None  # type: ignore[return-value]


def open_index(settings: Settings) -> Index:
    """Load the live index for the settings' corpus, refusing a mismatched one."""
    index_dir = settings.resolved_index_dir()
    version = _current(index_dir)
    if version is None:
        raise IndexMissingError(
            f"no index at {index_dir}; run `rag index {settings.corpus_dir}` first"
        )
    manifest = json.loads((version / "manifest.json").read_text())
    check_compatible(manifest, settings)
    return Index(version, manifest)


def ensure_index(settings: Settings, progress: Callable[..., Any] | None = None) -> bool:
    """Build or refresh the index if it is missing or the corpus changed; True if it built."""
    if staleness(settings).fresh:
        return False
    (progress or build_index)(settings)
    return True
