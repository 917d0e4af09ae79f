"""The corpus folder: which files are articles, and which are skipped and why.

One bad file never blocks the rest. A file that cannot be indexed (too large, unreadable, a link
out of the folder; later: not text, no article in it) becomes a `Skip` with a one-line reason
that says the fix; the index is built from everything else and its manifest lists the skips.
Subfolders are read too. Hidden names (".git", "~lock") are not articles.

Links: a link that resolves inside the corpus is read, but a file reached twice (a link beside
its target) is indexed once, under its own path. A link that resolves outside the corpus is not
followed unless `follow_links` is set: pointing a corpus at a folder should not index whatever a
link in it happens to reach.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

MB = 1024 * 1024


@dataclass(frozen=True)
class Skip:
    """A corpus file left out of the index."""

    file: str  # path relative to the corpus, as citations would name it
    reason: str  # one line that says the fix: "50 MB, larger than 20 MB; raise max_file_mb"
    # What the decision was made on: the content hash, or size and mtime for a file too large to
    # read, or the link target. When it changes, the file is looked at again.
    fingerprint: str


@dataclass(frozen=True)
class Scan:
    files: tuple[Path, ...]  # to read, sorted by relative path
    skipped: tuple[Skip, ...]


def summary(skips: Sequence[Skip]) -> str:
    """One line naming every skipped file and why.

    >>> summary([Skip("a.txt", "50 MB, larger than 20 MB; raise max_file_mb", "")])
    '1 file skipped: a.txt (50 MB, larger than 20 MB; raise max_file_mb)'
    """
    files = "file" if len(skips) == 1 else "files"
    return f"{len(skips)} {files} skipped: " + ", ".join(f"{s.file} ({s.reason})" for s in skips)


def _walk(folder: Path, root: Path, follow_links: bool, ancestors: frozenset[Path]) -> list[Path]:
    """Every non-hidden entry under `folder`. Folders behind a link out of the corpus (unless
    following links) and folders already on the current path (a link to a parent) are listed but
    not entered."""
    out = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "~")):
            continue
        out.append(entry)
        if entry.is_dir():
            real = entry.resolve()
            leaves = entry.is_symlink() and not real.is_relative_to(root)
            if real not in ancestors and (follow_links or not leaves):
                out.extend(_walk(entry, root, follow_links, ancestors | {real}))
    return out


def scan(corpus: Path, max_file_mb: float = 20, follow_links: bool = False) -> Scan:
    """The article files of a corpus folder and the ones skipped; folder errors say the fix."""
    if not corpus.exists():
        raise CorpusError(f"corpus folder {corpus} does not exist; pass a folder of .txt articles")
    if not corpus.is_dir():
        raise CorpusError(f"{corpus} is a file, not a folder; pass the folder that holds it")
    root = corpus.resolve()
    entries = _walk(corpus, root, follow_links, frozenset({root}))
    if not any(e.is_file() or e.is_symlink() for e in entries):
        raise CorpusError(f"corpus folder {corpus} is empty; add .txt news articles to it")
    skipped: list[Skip] = []
    found: dict[Path, list[Path]] = {}  # real file -> the paths it is reachable by
    for entry in entries:
        name = entry.relative_to(corpus).as_posix()
        try:
            real = entry.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling link, or a loop of links
            skipped.append(Skip(name, f"is a broken link (to {os.readlink(entry)}); fix or remove "
                                      "it", f"link:{os.readlink(entry)}"))
            continue
        if entry.is_symlink() and not follow_links and not real.is_relative_to(root):
            kind = "folder" if real.is_dir() else "file"
            skipped.append(Skip(name, f"is a link to a {kind} outside the corpus ({real}); "
                                      "pass --follow-links to index it", f"link:{real}"))
            continue
        if real.is_file():
            found.setdefault(real, []).append(entry)
    files = []
    for real, paths in found.items():
        # Index a file once: under its own path when the corpus holds it, else its first link.
        own = [p for p in paths if p.resolve() == root / p.relative_to(corpus)]
        path = (own or paths)[0]
        name = path.relative_to(corpus).as_posix()
        try:
            stat = real.stat()
        except OSError as e:
            skipped.append(Skip(name, f"cannot be read ({e.strerror}); check its permissions",
                                "unreadable"))
            continue
        if stat.st_size > max_file_mb * MB:
            skipped.append(Skip(
                name, f"{stat.st_size / MB:.0f} MB, larger than {max_file_mb:g} MB; raise "
                      "max_file_mb", f"size:{stat.st_size}:{stat.st_mtime_ns}"))
            continue
        files.append(path)
    key = lambda p: p.relative_to(corpus).as_posix()  # noqa: E731
    return Scan(tuple(sorted(files, key=key)), tuple(sorted(skipped, key=lambda s: s.file)))
