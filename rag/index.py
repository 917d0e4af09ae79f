"""The on-disk index: FAISS vectors + BM25 + a SQLite chunk store + a manifest.

Layout of an index folder (rag/versions.py: pointer, checksums, locks, publish):
    CURRENT            name of the live version folder (replaced atomically)
    v-<stamp>/         manifest.json, vectors.npy, faiss.index, bm25/, store.sqlite, onnx/
A build writes a new hidden folder beside the live one and only then swaps CURRENT, so an
interrupted or failed build leaves the previous index usable, and removes its partial folder
(one left by a killed build is removed by the next). Vectors of unchanged files are copied from
the previous version (matched by content hash), so only new or changed files are embedded.
A damaged version (a file truncated, altered or missing) is found by its checksums and rebuilt
by the next build, reusing whatever in it is still intact.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import ingest, versions
from .corpus import Scan, Skip, scan, summary
from .errors import (
    CorpusError,
    IndexDamagedError,
    IndexMismatchError,
    IndexMissingError,
    IndexWriteError,
    RagError,
    SkippedFile,
)
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
log = logging.getLogger(__name__)


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
    repaired: tuple[str, ...] = ()  # what was damaged in the index this build replaced


@dataclass
class Staleness:
    missing: bool = False  # no index, or one written by an older rag (format/chunker)
    changed: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)  # what is wrong with the index's files
    broken: bool = False  # the damage keeps the index from being opened at all

    @property
    def fresh(self) -> bool:
        return not (self.missing or self.changed or self.new or self.deleted or self.damaged)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix_command(settings: Settings) -> str:
    return f"rag index {settings.corpus_dir} --rebuild"


def damaged(settings: Settings, problem: str) -> IndexDamagedError:
    return IndexDamagedError(
        f"index at {settings.resolved_index_dir()} is damaged ({problem}); "
        f"run `rag index {settings.corpus_dir}` to repair it"
    )


def _current(index_dir: Path) -> Path | None:
    cur = versions.current(index_dir)
    return cur.version if cur else None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The live version's manifest; None when there is no index."""
    version = _current(index_dir)
    if version is None:
        return None
    try:
        return versions.load_manifest(version)
    except versions.Damaged as e:
        raise IndexDamagedError(f"index at {index_dir} is damaged ({e}); run `rag index` "
                                "to repair it") from None


def fatal(problems: list[str]) -> list[str]:
    """The problems that keep a version from being read; a bad ONNX export only costs speed
    (questions are then embedded with torch, see embed.query_embedder)."""
    return [p for p in problems if not p.startswith("onnx/")]


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
    """How the corpus on disk differs from what the live index holds, and whether the index's
    files are intact (sizes and headers only: cheap enough for every `ask`)."""
    try:
        opened = versions.open_current(settings.resolved_index_dir())
    except versions.Damaged as e:
        return Staleness(damaged=[str(e)], broken=True)
    if opened is None:
        return Staleness(missing=True)
    cur, reading = opened
    try:
        manifest = versions.load_manifest(cur.version)
        if outdated(manifest):
            return Staleness(missing=True)
        found = versions.problems(cur.version, manifest)
    except versions.Damaged as e:
        return Staleness(damaged=[str(e)], broken=True)
    finally:
        reading.close()
    corpus = settings.corpus_dir
    scanned = scan_corpus(settings)
    on_disk: dict[str, Path | str] = {p.relative_to(corpus).as_posix(): p for p in scanned.files}
    on_disk |= {s.file: s.fingerprint for s in scanned.skipped}
    indexed = _seen(manifest)
    pointer = [cur.problem] if cur.problem else []
    st = Staleness(damaged=pointer + found, broken=bool(fatal(found)))
    for name, what in on_disk.items():
        if name not in indexed:
            st.new.append(name)
        elif indexed[name] != (file_hash(what) if isinstance(what, Path) else what):
            st.changed.append(name)
    st.deleted = [n for n in indexed if n not in on_disk]
    return st


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


def _previous(index_dir: Path, rebuild: bool) -> tuple[dict[str, Any] | None, Path | None,
                                                       list[str]]:
    """(manifest, folder, damage) of the live version a build may reuse; every byte of it is
    checked against its checksums, since anything reused is carried into the next version."""
    cur = versions.current(index_dir)
    if cur is None or rebuild:
        return None, None, []
    try:
        manifest = versions.load_manifest(cur.version)
    except versions.Damaged as e:
        return None, None, [str(e)]
    if outdated(manifest):
        return None, None, []  # written by an older rag: nothing in it can be reused, rebuild
    damage = [cur.problem] if cur.problem else []
    return manifest, cur.version, damage + versions.problems(cur.version, manifest, full=True)


def _nearly_full(folder: Path) -> bool:
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1 << 20


def write_error(e: BaseException, settings: Settings) -> IndexWriteError:
    """One line for a failed write (disk full, read-only, permissions), with the fix."""
    index_dir = settings.resolved_index_dir()
    code = getattr(e, "errno", None)
    if code in versions.NOT_WRITABLE:
        return IndexWriteError(
            f"the index folder {index_dir} is not writable, so the index cannot be updated; "
            "make it writable, or set RAG_HOME (or --index-dir) to a writable folder")
    why = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
           errno.EFBIG: "a file grew beyond the size limit"}.get(code or 0)
    if why is None and code is None and _nearly_full(index_dir):
        why = "the disk is full"  # numpy, faiss and SQLite report a short write without errno
    detail = why or (getattr(e, "strerror", None) or str(e) or type(e).__name__).splitlines()[0]
    return IndexWriteError(
        f"could not write the index in {index_dir} ({detail}); the previous index is unchanged; "
        f"free some space (or fix the folder) and run `rag index {settings.corpus_dir}` again")


def build_index(settings: Settings, rebuild: bool = False, progress: Progress | None = None,
                embedder: Any = None) -> IndexReport:
    """Create or refresh the index for `settings.corpus_dir`; embeds only new/changed files.

    Also repairs a damaged index (checked byte by byte against its checksums). A failure or an
    interrupt leaves the previous index as it was and removes the partial version.
    """
    from . import chunk as chunking

    t0 = time.perf_counter()
    emit = progress or (lambda event, data: None)
    corpus = settings.corpus_dir
    index_dir = settings.resolved_index_dir()
    found = scan_corpus(settings)  # validates the folder before anything is touched
    files = found.files
    with versions.writing(index_dir) as writable:
        if writable:  # what a killed build left behind, and versions no reader holds any more
            versions.sweep(index_dir, keep=_current(index_dir))
        old, old_version, damage = _previous(index_dir, rebuild)
        if old is not None:
            check_compatible(old, settings)
        hashes = {p.relative_to(corpus).as_posix(): file_hash(p) for p in files}
        old_files: dict[str, Any] = old["files"] if old else {}
        now = hashes | {s.file: s.fingerprint for s in found.skipped}
        before = _seen(old) if old else {}
        deleted = [n for n in before if n not in now]
        new = [n for n in now if n not in before]
        changed = [n for n in now if n in before and before[n] != now[n]]
        # An index from before checksums were recorded is republished (no embedding) to get
        # them, where the folder can be written.
        if (old is not None and not (new or changed or deleted or damage)
                and ("checksums" in old or not writable)):
            _check_skips(settings, _skips(old), len(old_files))
            emit("done", {"files": len(old_files), "chunks": old["n_chunks"], "embedded": 0})
            return IndexReport(index_dir, len(old_files), 0, 0, 0, old["n_chunks"], 0,
                               time.perf_counter() - t0, 0.0, rebuilt=False, skipped=_skips(old))
        if not writable:
            raise write_error(OSError(errno.EROFS, "read-only"), settings)
        if damage:
            emit("damaged", {"problems": damage})

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
            if old is not None and old_version is not None
            and not any(p.startswith("vectors.npy") for p in damage) else None
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

        import faiss

        kind = faiss_kind(settings.index_type, len(vectors))
        searchable = make_faiss(vectors, kind)
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
        # The torch-free query encoder (rag/onnxembed.py): reuse the previous version's export
        # when it is of the same model and intact (an incremental re-index pays no export),
        # else export if the embedder can. Without one, questions fall back to torch
        # (embed.query_embedder).
        from .onnxembed import matches, reuse

        old_onnx = old_version / "onnx" if old is not None and old_version is not None else None
        if old_onnx is not None and any(p.startswith("onnx/") for p in damage):
            if embedder is None and matches(old_onnx, manifest["embedder"]["id"]):
                from .embed import get_embedder  # only to export the damaged encoder again

                embedder = get_embedder(settings.embedder, settings.batch_size)
            old_onnx = None

        try:
            build = versions.new_build(index_dir)
        except OSError as e:
            raise write_error(e, settings) from None
        try:
            np.save(build / "vectors.npy", vectors)
            faiss.write_index(searchable, str(build / "faiss.index"))
            write_bm25(build / "bm25", [c.embed_text() for c in all_chunks])
            _write_store(build / "store.sqlite", all_docs, all_chunks, sent_rows)
            if old_onnx is not None and reuse(old_onnx, build / "onnx", manifest["embedder"]["id"]):
                emit("onnx", {"reused": True, "seconds": 0.0})
            elif embedder is not None and hasattr(embedder, "export_query_encoder"):
                t_onnx = time.perf_counter()
                ok = embedder.export_query_encoder(build / "onnx")
                emit("onnx", {"reused": False, "exported": ok is not False,
                              "seconds": time.perf_counter() - t_onnx})
            manifest["checksums"] = versions.checksums(build)
            (build / versions.MANIFEST).write_text(json.dumps(manifest, indent=1))
            # The swap: CURRENT now names the new version; readers see old or new, never half.
            version = versions.publish(index_dir, build)
        except (OSError, sqlite3.Error, RuntimeError) as e:
            # faiss reports a failed write as RuntimeError, SQLite as OperationalError.
            error = write_error(e, settings)  # before the discard frees the space again
            versions.discard(build)
            raise error from None
        except BaseException:  # Ctrl-C, a bug: the partial version must not stay behind
            versions.discard(build)
            raise
        versions.sweep(index_dir, keep=version)
        emit("done", {"files": len(parsed), "chunks": len(all_chunks), "embedded": len(to_embed)})
        counted = set(manifest_files) | set(old_files)  # skipped files are reported as skips
        new, changed, deleted = ([n for n in names if n in counted]
                                 for names in (new, changed, deleted))
        return IndexReport(index_dir, len(parsed), len(new), len(changed), len(deleted),
                           len(all_chunks), len(to_embed), time.perf_counter() - t0,
                           embed_seconds, rebuilt=True, skipped=tuple(skipped),
                           repaired=tuple(damage))


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


# What reading a damaged file raises: numpy (ValueError), faiss (RuntimeError), SQLite
# (DatabaseError), json (ValueError), or bad offsets in the BM25 arrays (IndexError).
READ_ERRORS = (OSError, ValueError, KeyError, IndexError, RuntimeError, EOFError, sqlite3.Error)


class Index:
    """A loaded, read-only index version. Chunk texts stay in SQLite until asked for.

    FAISS and BM25 load on first use; `reading` (versions.open_current) keeps a build from
    deleting the version until `close()`, so those late loads never find their files gone.
    """

    def __init__(self, version: Path, manifest: dict[str, Any],
                 reading: versions.Reading | None = None) -> None:
        self.version = version
        self.manifest = manifest
        self._reading = reading
        self._faiss: Any = None
        self._bm25: Any = None
        # immutable: a published version never changes, and SQLite then needs no lock or
        # journal, so a read-only RAG_HOME reads as well as a writable one.
        self._con = sqlite3.connect(f"file:{version / 'store.sqlite'}?mode=ro&immutable=1",
                                    uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()
        if self._reading is not None:
            self._reading.close()

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
        with self._read("faiss.index"):
            if self._faiss is None:
                import faiss

                self._faiss = faiss.read_index(str(self.version / "faiss.index"))
            scores, ids = self._faiss.search(query.reshape(1, -1).astype(np.float32),
                                             min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def mentions(self, word: str) -> bool:
        """Does any indexed article contain the word (same stem)? Read from the BM25 vocabulary,
        so "the articles never mention X" is checked against the whole corpus."""
        with self._read("bm25/"):
            if self._bm25 is None:
                self._bm25 = Bm25Matrix(self.version / "bm25")
            return bool(self._bm25.token_ids(word))

    def bm25(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the k best lexical matches (score > 0 only).

        Reads the score matrix bm25s saved (CSC: per token, its documents and their precomputed
        BM25 term scores) straight from the memory-mapped .npy files and sums the query's
        columns, as `bm25s.BM25.retrieve` does. Why not call bm25s here: importing it imports
        scipy.sparse, ~0.25 s of a one-shot `ask` (tests/test_index.py checks the scores match).
        """
        with self._read("bm25/"):
            if self._bm25 is None:
                self._bm25 = Bm25Matrix(self.version / "bm25")
            return self._bm25.search(query, min(k, self.size))

    def chunks(self, ids: Sequence[int]) -> dict[int, Chunk]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._read("store.sqlite"):
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
        with self._read("store.sqlite"):
            rows = self._con.execute(
                f"SELECT chunk_id, start, end, line, dates FROM sentences "
                f"WHERE chunk_id IN ({marks}) ORDER BY chunk_id, start", list(chunk_ids))
            for cid, start, end, line, ds in rows:
                out[cid].append((start, end, line, json.loads(ds)))
        return out

    def documents(self, file: str | None = None) -> list[Document]:
        where = " WHERE file = ?" if file else ""
        sql = f"SELECT * FROM documents{where} ORDER BY file, article"
        with self._read("store.sqlite"):
            rows = self._con.execute(sql, [file] if file else []).fetchall()
        docs = []
        for r in rows:
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
        with self._read("store.sqlite"):
            rows = self._con.execute(sql).fetchall()
        return [Document(file=f, article=a, title=t, text="", lines=(), sections=(), outlet=o,
                         byline=b, date=d, date_basis=db, year_bound=y, page_dates=_pair(pd))
                for f, a, t, o, b, d, db, y, pd in rows]

    def chunk_counts(self) -> dict[tuple[str, int], int]:
        with self._read("store.sqlite"):
            rows = self._con.execute(
                "SELECT file, article, COUNT(*) FROM chunks GROUP BY file, article").fetchall()
        return {(f, a): n for f, a, n in rows}

    def document(self, file: str, article: int) -> Document:
        return next(d for d in self.documents(file) if d.article == article)


def _pair(stored: str | None) -> tuple[str, str] | None:
    return tuple(json.loads(stored)) if stored else None  # type: ignore[return-value]


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
    return Index(cur.version, manifest, reading)


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
    try:
        (progress or build_index)(settings)
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
