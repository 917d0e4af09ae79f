"""What a version's manifest says, and how it compares with the settings and the corpus on disk."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import versions
from ..chunk import CHUNKER
from ..corpus import Scan, Skip, scan, summary
from ..errors import CorpusError, IndexDamagedError, IndexMismatchError
from ..settings import Settings
from ..stores import store_kind

FORMAT = 9  # 2: stemmed BM25; 3: bm25/stopwords.json; 4: ONNX weights.bin; 5: "June 4" dates;
# 6: "last week" is a month, not a guessed day; 7: year-first numeric dates (2023/01/05);
# 8: documents.page_dates, skipped files; 9: stable chunk ids (ids.npy), the store in the
# manifest, documents.chunks


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
    store = f" --store {settings.store}" if settings.store != "faiss" else ""
    return f"rag index {settings.corpus_dir}{store} --rebuild"


def damaged(settings: Settings, problem: str) -> IndexDamagedError:
    return IndexDamagedError(
        f"index at {settings.resolved_index_dir()} is damaged ({problem}); "
        f"run `rag index {settings.corpus_dir}` to repair it"
    )


def current(index_dir: Path) -> Path | None:
    cur = versions.current(index_dir)
    return cur.version if cur else None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The live version's manifest; None when there is no index."""
    version = current(index_dir)
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
    """Refuse an index built with other vector-changing settings or another store, naming
    the fix."""
    from ..models import embedder_id

    if store_kind(manifest) != settings.store:
        raise IndexMismatchError(
            f"index at {settings.resolved_index_dir()} was built with the "
            f"{store_kind(manifest)} store, settings want {settings.store}; run "
            f"`{fix_command(settings)}`, or set RAG_STORE={store_kind(manifest)} to use it")
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


def seen(manifest: dict[str, Any]) -> dict[str, str]:
    """Every file an index version looked at -> the hash or fingerprint it was judged by.

    Skipped files count: a file that was skipped and has not changed does not make the index
    stale, so one bad file does not rebuild the index before every question.
    """
    skipped = manifest.get("skipped", {})
    return ({n: f["sha256"] for n, f in manifest["files"].items()}
            | {n: s["fingerprint"] for n, s in skipped.items()})


def skips(manifest: dict[str, Any]) -> tuple[Skip, ...]:
    return tuple(Skip(n, s["reason"], s["fingerprint"])
                 for n, s in manifest.get("skipped", {}).items())


def check_skips(settings: Settings, skipped: Sequence[Skip], indexed: int) -> None:
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
    indexed = seen(manifest)
    pointer = [cur.problem] if cur.problem else []
    st = Staleness(damaged=pointer + found, broken=bool(fatal(found)))
    for name, what in on_disk.items():
        if name not in indexed:
            st.new.append(name)
        elif indexed[name] != (file_hash(what) if isinstance(what, Path) else what):
            st.changed.append(name)
    st.deleted = [n for n in indexed if n not in on_disk]
    return st
