"""Index versions on disk: the CURRENT pointer, publishing, checksums, and who may delete what.

An index folder holds:
    CURRENT           name of the live version, replaced atomically (os.replace)
    .lock             flock-ed exclusively by the one build that may write here at a time
    v-<stamp>/        a complete version: manifest.json (which records the size and sha256 of
                      every other file in the folder), vectors.npy, faiss.index, bm25/,
                      store.sqlite, onnx/, and .readers
    .build-<stamp>/   a version being written; renamed to v-<stamp> only once complete
    .trash-<stamp>/   a version being deleted

Readers hold a shared flock on their version's `.readers` file for as long as they use it,
because an `ask` loads FAISS, BM25 and the ONNX encoder lazily, after it opened the version. A
build deletes an old version only when it can take that lock exclusively, so a version is never
deleted under a reader; versions a reader still held are deleted by a later build.

Checking costs: `problems(full=False)` compares each file's size and the hash of its first 4 KiB
with the manifest (a stat and one small read per file: 0.24 ms for the seeds index, on every
`ask`); `problems(full=True)` hashes every byte (70 ms for the seeds index's 92 MB, nearly all
ONNX weights, from the page cache) and runs in `rag index` and on error paths only.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST, POINTER, READERS, LOCK = "manifest.json", "CURRENT", ".readers", ".lock"
VERSION_NAME = re.compile(r"v-[0-9A-Za-z._-]+")
HEAD = 4096  # bytes hashed by the cheap check: catches garbage written over a file's header
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)
# Keys a manifest must have for anything to read it; others are optional (older manifests).
REQUIRED = ("format", "embedder", "chunking", "n_chunks", "files")


class Damaged(Exception):
    """A version's file is missing, truncated or altered; the message names the file."""


class NotWritable(Exception):
    """The index folder cannot be written (read-only file system or permissions)."""


@dataclass(frozen=True)
class Current:
    version: Path
    problem: str | None = None  # set when CURRENT was missing or broken and this was inferred


def _complete(version: Path) -> bool:
    return (version / MANIFEST).is_file()


def current(index_dir: Path) -> Current | None:
    """The live version: the one CURRENT names, else (pointer lost) the newest complete one."""
    pointer = index_dir / POINTER
    for _ in range(5):  # a build may swap CURRENT and delete the old version between our reads
        try:
            name = pointer.read_text(encoding="utf-8", errors="replace").strip()
        except FileNotFoundError:
            break
        except OSError as e:
            return _newest(index_dir, f"CURRENT unreadable ({e.strerror})")
        if not VERSION_NAME.fullmatch(name):
            return _newest(index_dir, "CURRENT does not name a version")
        if _complete(index_dir / name):
            return Current(index_dir / name)
        try:
            if pointer.read_text(encoding="utf-8", errors="replace").strip() == name:
                return _newest(index_dir, f"CURRENT names {name}, which is missing")
        except FileNotFoundError:
            break
    return _newest(index_dir, "CURRENT is missing")


def _newest(index_dir: Path, problem: str) -> Current | None:
    found = []
    for v in index_dir.glob("v-*"):
        with contextlib.suppress(OSError):
            found.append(((v / MANIFEST).stat().st_mtime_ns, v))
    if not found:
        return None
    return Current(max(found)[1], f"{problem}; using {max(found)[1].name}")


def load_manifest(version: Path) -> dict[str, Any]:
    """A version's manifest; `Damaged` when it is not the JSON a build writes."""
    try:
        manifest = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise Damaged(f"{MANIFEST} is missing") from e
    except (ValueError, UnicodeDecodeError) as e:
        raise Damaged(f"{MANIFEST} is not valid JSON") from e
    if not isinstance(manifest, dict) or any(k not in manifest for k in REQUIRED):
        raise Damaged(f"{MANIFEST} lacks required fields")
    return manifest


# --- checksums --------------------------------------------------------------------------------


def _files(version: Path) -> list[Path]:
    skip = {MANIFEST, READERS}
    return sorted(p for p in version.rglob("*") if p.is_file() and p.name not in skip)


def _hash(path: Path, limit: int | None = None) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        if limit is not None:
            h.update(fh.read(limit))
        else:
            while block := fh.read(1 << 20):
                h.update(block)
    return h.hexdigest()


def checksums(version: Path) -> dict[str, dict[str, Any]]:
    """{relative path: size, sha256, sha256 of the first 4 KiB} of every file in a version."""
    return {
        p.relative_to(version).as_posix(): {
            "size": p.stat().st_size, "sha256": _hash(p), "head": _hash(p, HEAD),
        }
        for p in _files(version)
    }


def problems(version: Path, manifest: dict[str, Any], full: bool = False) -> list[str]:
    """What is wrong with a version's files against its manifest; [] when intact.

    An index written before checksums were recorded has nothing to compare and passes.
    """
    recorded = manifest.get("checksums")
    if not isinstance(recorded, dict):
        return []
    found = []
    for name, want in recorded.items():
        path = version / name
        try:
            size = path.stat().st_size
            if size != want["size"]:
                found.append(f"{name} is {size} bytes, expected {want['size']}")
            elif _hash(path, HEAD) != want["head"] or (full and _hash(path) != want["sha256"]):
                found.append(f"{name} does not match its checksum")
        except FileNotFoundError:
            found.append(f"{name} is missing")
        except OSError as e:
            found.append(f"{name} is unreadable ({e.strerror})")
        except (KeyError, TypeError):
            found.append(f"{MANIFEST} has a bad checksum entry for {name}")
    return found


# --- readers ----------------------------------------------------------------------------------


class Reading:
    """A shared lock on one version: while it is held no build deletes the version."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __del__(self) -> None:
        self.close()


def open_current(index_dir: Path) -> tuple[Current, Reading] | None:
    """The live version, locked against deletion for as long as the `Reading` is kept open."""
    for _ in range(20):
        cur = current(index_dir)
        if cur is None:
            return None
        try:
            fd = os.open(cur.version / READERS, os.O_RDONLY)  # flock needs no write access
        except FileNotFoundError:
            if _complete(cur.version):  # a version written before readers were tracked
                return cur, Reading(None)
            continue  # deleted between our reads: look again
        fcntl.flock(fd, fcntl.LOCK_SH)
        # A build renames a version away before deleting it, holding its lock exclusively;
        # once our shared lock is granted the version is either still there or already gone.
        if _complete(cur.version):
            return cur, Reading(fd)
        os.close(fd)
    raise Damaged("the index kept changing while it was opened")


# --- writers ----------------------------------------------------------------------------------


@contextlib.contextmanager
def writing(index_dir: Path) -> Iterator[bool]:
    """The build lock; yields False (no lock, nothing may be written) on a read-only folder.

    On a read-only file system nothing can change the index, so reading it unlocked is safe;
    builds that then try to write fail with `NotWritable`.
    """
    fd = None
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        if e.errno not in NOT_WRITABLE:
            raise
    if fd is None:
        yield False
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(fd)


def stamp() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6:06d}"


def new_build(index_dir: Path) -> Path:
    """An empty folder for a version being written (hidden; readers never look at it)."""
    build = index_dir / f".build-{stamp()}"
    build.mkdir(parents=True)
    return build


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(index_dir: Path, build: Path) -> Path:
    """Make a finished build the live version: flush, rename, swap CURRENT. Returns it.

    Everything is on disk before CURRENT changes, so a crash at any point leaves CURRENT naming
    a complete version.
    """
    (build / READERS).touch()
    for path in [*_files(build), build / MANIFEST, build / READERS]:
        _fsync(path)
    for folder in sorted({p.parent for p in build.rglob("*")} | {build}):
        _fsync(folder, directory=True)
    version = index_dir / ("v-" + build.name.removeprefix(".build-"))
    os.rename(build, version)
    tmp = index_dir / f"{POINTER}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(version.name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / POINTER)
    _fsync(index_dir, directory=True)
    return version


def discard(build: Path) -> None:
    """Remove a build that failed or was interrupted."""
    shutil.rmtree(build, ignore_errors=True)


def sweep(index_dir: Path, keep: Path | None) -> list[str]:
    """Under the build lock: delete leftovers (crashed builds, pointer temp files) and every
    version but `keep` that no reader holds. Returns the names removed; never raises."""
    removed = []
    for leftover in [*index_dir.glob(".build-*"), *index_dir.glob(".trash-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover.name)
    with contextlib.suppress(FileNotFoundError):
        (index_dir / f"{POINTER}.tmp").unlink()
    for version in index_dir.glob("v-*"):
        if version == keep:
            continue
        try:
            fd = os.open(version / READERS, os.O_RDONLY)
        except OSError:
            fd = None  # an old version without a readers file, or a half-deleted one
        try:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a reader still uses it; a later build deletes it
            trash = index_dir / f".trash-{version.name}-{os.getpid()}"
            try:
                os.rename(version, trash)  # readers waiting on the lock then find it gone
            except OSError:
                continue
            shutil.rmtree(trash, ignore_errors=True)
            removed.append(version.name)
        finally:
            if fd is not None:
                os.close(fd)
    return removed
