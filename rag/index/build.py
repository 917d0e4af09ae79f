"""Building a version: hash -> ingest + chunk -> embed -> write -> publish, each a short function.

A build writes a new hidden folder beside the live one and only then swaps CURRENT (and, for a
server store, its alias), so an interrupted or failed build leaves the previous index usable.
Chunk ids are stable, so vectors of unchanged files are taken from the previous version by id
and only new or changed files are embedded; a store that keeps its data between versions
(Milvus) is sent only the files that differ from what it holds.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import ingest, stores, versions
from ..chunk import CHUNKER, chunk_documents
from ..corpus import Skip
from ..errors import IndexWriteError, SkippedFile
from ..settings import Settings
from ..stores import FilePart
from . import catalog
from .manifest import (
    FORMAT,
    check_compatible,
    check_skips,
    current,
    file_hash,
    outdated,
    scan_corpus,
    seen,
    skips,
)

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
    repaired: tuple[str, ...] = ()  # what was damaged in the index this build replaced
    chunks_written: int = 0  # chunks sent to the store (Milvus: only the files that differ)


# --- stages -----------------------------------------------------------------------------------


def hash_files(corpus: Path, files: Sequence[Path]) -> dict[str, str]:
    """Stage 1: corpus-relative name -> sha256 of the file's bytes."""
    return {p.relative_to(corpus).as_posix(): file_hash(p) for p in files}


def part_of(name: str, sha256: str, docs: Sequence[Any], chunk_size: int,
            overlap: int) -> FilePart:
    """Chunk one file's documents into a FilePart (pure: the same input, the same ids)."""
    out_docs: list[Any] = []
    chunks: list[Any] = []
    sent_rows: list[stores.SentenceRow] = []
    for doc, cs, sents in chunk_documents(docs, chunk_size, overlap):
        out_docs.append(doc)
        chunks.extend(cs)
        for c in cs:
            sent_rows.extend((c.id, s.start, s.end, s.line, json.dumps(list(s.dates)))
                             for s in sents if c.start <= s.start < c.end)
    digest = hashlib.sha256(
        "\x1e".join(f"{c.id}\x1f{c.embed_text()}" for c in chunks).encode()).hexdigest()
    return FilePart(name, sha256, tuple(out_docs), tuple(chunks), tuple(sent_rows), digest)


def ingest_file(corpus: Path, name: str, sha256: str, chunk_size: int,
                overlap: int) -> FilePart | Skip:
    """Stage 2 for one file: read, clean, chunk; a file that cannot be an article is a Skip."""
    try:
        docs = ingest.load_file(corpus / name, corpus)
    except SkippedFile as e:
        return Skip(name, e.reason, sha256)
    return part_of(name, sha256, docs, chunk_size, overlap)


def ingest_files(settings: Settings, hashes: dict[str, str],
                 emit: Progress) -> list[FilePart | Skip]:
    """Stage 2: every file, in corpus order, in this process."""
    out: list[FilePart | Skip] = []
    chunks = 0
    for done, (name, sha) in enumerate(hashes.items(), 1):
        out.append(ingest_file(settings.corpus_dir, name, sha, settings.chunk_size,
                               settings.chunk_overlap))
        chunks += len(out[-1].chunks) if isinstance(out[-1], FilePart) else 0
        emit("parsed", {"done": done, "files": len(hashes), "chunks": chunks})
    return out


def embed_texts(embedder: Any, texts: Sequence[str], batch: int, emit: Progress) -> np.ndarray:
    """Stage 3: vectors of `texts`, in order, in this process."""
    emit("embedding", {"total": len(texts)})
    parts = []
    for s in range(0, len(texts), batch):
        parts.append(embedder.embed(list(texts[s : s + batch])))
        emit("embedded", {"done": min(s + batch, len(texts)), "total": len(texts)})
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)


@dataclass
class Runner:
    """Where stages 2 and 3 run: here (the default) or on a Ray cluster (rag/index/bulk.py)."""

    ingest: Callable[[Settings, dict[str, str], Progress], list[FilePart | Skip]] = ingest_files
    embed: Callable[[Any, Sequence[str], int, Progress], np.ndarray] = embed_texts


def vectors_for(parts: Sequence[FilePart], reusable: Callable[[FilePart], bool],
                old: stores.Reader | None, embed: Callable[[Sequence[str]], np.ndarray]
                ) -> tuple[dict[str, np.ndarray], int]:
    """Stage 3: each part's vectors, copied from the previous version when its chunks are
    unchanged, else embedded (all fresh parts in one pass, so batches stay full).
    Returns them with the number of chunks embedded."""
    out: dict[str, np.ndarray] = {}
    fresh = []
    for p in parts:
        if old is not None and reusable(p):
            out[p.name] = old.vectors([c.id for c in p.chunks])
        else:
            fresh.append(p)
    texts = [c.embed_text() for p in fresh for c in p.chunks]
    if texts:
        vecs = embed(texts)
        cursor = 0
        for p in fresh:
            out[p.name] = vecs[cursor : cursor + len(p.chunks)]
            cursor += len(p.chunks)
    return out, len(texts)


def write_parts(writer: stores.Writer, parts: Sequence[FilePart], vectors: dict[str, np.ndarray],
                stale: Sequence[str]) -> int:
    """Stage 4: delete what the target holds of changed or removed files, upsert the parts
    it lacks. Returns the number of chunks written."""
    writer.delete(stale)
    for p in parts:
        writer.upsert(p, vectors[p.name])
    return sum(len(p.chunks) for p in parts)


# --- helpers ----------------------------------------------------------------------------------


def previous(index_dir: Path, rebuild: bool) -> tuple[dict[str, Any] | None, Path | None,
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


def _old_reader(old: dict[str, Any] | None, old_version: Path | None, damage: list[str],
                settings: Settings) -> stores.Reader | None:
    """The previous version's store, to copy vectors from; None when they cannot be trusted."""
    if old is None or old_version is None or any(
            p.startswith(("vectors.npy", "ids.npy")) for p in damage):
        return None
    return stores.reader(old_version, old, settings)


def _export_onnx(build: Path, old_onnx: Path | None, embedder: Any, embedder_id: str,
                 emit: Progress) -> None:
    """The torch-free query encoder (rag/onnxembed.py): the previous version's export when it
    is of the same model and intact, else a fresh export when the embedder can."""
    from ..onnxembed import reuse

    if old_onnx is not None and reuse(old_onnx, build / "onnx", embedder_id):
        emit("onnx", {"reused": True, "seconds": 0.0})
    elif embedder is not None and hasattr(embedder, "export_query_encoder"):
        t = time.perf_counter()
        ok = embedder.export_query_encoder(build / "onnx")
        emit("onnx", {"reused": False, "exported": ok is not False,
                      "seconds": time.perf_counter() - t})


# --- the build --------------------------------------------------------------------------------


def build_index(settings: Settings, rebuild: bool = False, progress: Progress | None = None,
                embedder: Any = None, ray_address: str | None = None) -> IndexReport:
    """Create or refresh the index for `settings.corpus_dir`; embeds only new/changed files.

    Also repairs a damaged index (checked byte by byte against its checksums). A failure or an
    interrupt leaves the previous index as it was and removes the partial version.
    `ray_address` runs ingest and embedding on Ray ("local" starts one here; rag/index/bulk.py).
    """
    t0 = time.perf_counter()
    emit = progress or (lambda event, data: None)
    corpus = settings.corpus_dir
    index_dir = settings.resolved_index_dir()
    found = scan_corpus(settings)  # validates the folder before anything is touched
    with versions.writing(index_dir) as writable:
        if writable:  # what a killed build left behind, and versions no reader holds any more
            versions.sweep(index_dir, keep=current(index_dir))
        old, old_version, damage = previous(index_dir, rebuild)
        if old is not None:
            check_compatible(old, settings)
        hashes = hash_files(corpus, found.files)
        old_files: dict[str, Any] = old["files"] if old else {}
        now = hashes | {s.file: s.fingerprint for s in found.skipped}
        before = seen(old) if old else {}
        deleted = [n for n in before if n not in now]
        new = [n for n in now if n not in before]
        changed = [n for n in now if n in before and before[n] != now[n]]
        # An index from before checksums were recorded is republished (no embedding) to get
        # them, where the folder can be written.
        if (old is not None and not (new or changed or deleted or damage)
                and ("checksums" in old or not writable)):
            check_skips(settings, skips(old), len(old_files))
            emit("done", {"files": len(old_files), "chunks": old["n_chunks"], "embedded": 0})
            return IndexReport(index_dir, len(old_files), 0, 0, 0, old["n_chunks"], 0,
                               time.perf_counter() - t0, 0.0, rebuilt=False, skipped=skips(old))
        if not writable:
            raise write_error(OSError(errno.EROFS, "read-only"), settings)
        if damage:
            emit("damaged", {"problems": damage})

        runner = Runner()
        if ray_address is not None:
            from .bulk import ray_runner

            runner = ray_runner(ray_address, settings, embedder)
        emit("start", {"files": len(hashes)})
        results = runner.ingest(settings, hashes, emit)
        parts = [r for r in results if isinstance(r, FilePart)]
        skipped = sorted([*found.skipped, *(r for r in results if isinstance(r, Skip))],
                         key=lambda s: s.file)
        check_skips(settings, skipped, len(parts))

        def embed(texts: Sequence[str]) -> np.ndarray:
            nonlocal embedder
            if embedder is None:
                from ..embed import get_embedder

                embedder = get_embedder(settings.embedder, settings.batch_size)
            return runner.embed(embedder, texts, max(settings.batch_size * 4, 256), emit)

        def reusable(p: FilePart) -> bool:
            prev = old_files.get(p.name) or {}
            return prev.get("chunks_sha256") == p.digest

        old_store = _old_reader(old, old_version, damage, settings)
        writer = stores.writer(settings, index_dir, old)
        build: Path | None = None
        try:
            held = writer.holds()
            digests = {p.name: p.digest for p in parts}
            stale = [f for f in held if digests.get(f) != held[f]]
            todo = [p for p in parts if held.get(p.name) != p.digest]
            t_embed = time.perf_counter()
            vectors, embedded = vectors_for(todo, reusable, old_store, embed)
            embed_seconds = time.perf_counter() - t_embed
            written = write_parts(writer, todo, vectors, stale)
            dim = next((v.shape[1] for v in vectors.values()), 0) or (
                int(old["embedder"]["dim"]) if old else 0)
            from ..models import embedder_id

            counts: dict[tuple[str, int], int] = {}
            for p in parts:
                for c in p.chunks:
                    counts[(c.file, c.article)] = counts.get((c.file, c.article), 0) + 1
            n_chunks = sum(counts.values())
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "embedder": {"name": settings.embedder, "id": embedder_id(settings.embedder),
                             "dim": dim},
                "chunking": {"chunk_size": settings.chunk_size,
                             "chunk_overlap": settings.chunk_overlap, "chunker": CHUNKER},
                "corpus": str(corpus.resolve()),
                "n_chunks": n_chunks,
                "n_documents": sum(len(p.docs) for p in parts),
                "files": {p.name: {"sha256": p.sha256, "count": len(p.chunks),
                                   "chunks_sha256": p.digest, "articles": len(p.docs)}
                          for p in parts},
                "skipped": {s.file: {"reason": s.reason, "fingerprint": s.fingerprint}
                            for s in skipped},
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            old_onnx = old_version / "onnx" if old is not None and old_version else None
            if old_onnx is not None and any(p.startswith("onnx/") for p in damage):
                from ..onnxembed import matches

                if embedder is None and matches(old_onnx, manifest["embedder"]["id"]):
                    from ..embed import get_embedder  # only to export the damaged encoder again

                    embedder = get_embedder(settings.embedder, settings.batch_size)
                old_onnx = None
            try:
                build = versions.new_build(index_dir)
            except OSError as e:
                raise write_error(e, settings) from None
            catalog.write_documents(build / "store.sqlite",
                                    [(d, counts.get((d.file, d.article), 0))
                                     for p in parts for d in p.docs])
            manifest["store"] = writer.finish(build)
            if manifest["store"].get("index_type"):  # where bench/ and older tools look
                manifest["index_type"] = manifest["store"]["index_type"]
            _export_onnx(build, old_onnx, embedder, manifest["embedder"]["id"], emit)
            manifest["checksums"] = versions.checksums(build)
            (build / versions.MANIFEST).write_text(json.dumps(manifest, indent=1))
            writer.publish()
            # The swap: CURRENT now names the new version; readers see old or new, never half.
            version = versions.publish(index_dir, build)
        except (OSError, sqlite3.Error, RuntimeError) as e:
            # faiss reports a failed write as RuntimeError, SQLite as OperationalError.
            error = write_error(e, settings)  # before the discard frees the space again
            writer.abort()
            if build is not None:
                versions.discard(build)
            raise error from None
        except BaseException:  # Ctrl-C, a bug: the partial version must not stay behind
            writer.abort()
            if build is not None:
                versions.discard(build)
            raise
        finally:
            if old_store is not None:
                old_store.close()
        versions.sweep(index_dir, keep=version)
        emit("done", {"files": len(parts), "chunks": n_chunks, "embedded": embedded})
        counted = set(manifest["files"]) | set(old_files)  # skipped files are reported as skips
        new, changed, deleted = ([n for n in names if n in counted]
                                 for names in (new, changed, deleted))
        return IndexReport(index_dir, len(parts), len(new), len(changed), len(deleted),
                           n_chunks, embedded, time.perf_counter() - t0, embed_seconds,
                           rebuilt=True, skipped=tuple(skipped), repaired=tuple(damage),
                           chunks_written=written)
