"""Read raw news scrapes and turn each file into clean `Document`s (one per article).

Cleaning is line-level on purpose: kept lines are verbatim slices of the source file, so every
quote we show can be found in the file and mapped back to its line number. Boilerplate (image
markdown, "Recommended Stories", share/subscribe/login prompts, comment widgets, copyright and
disclaimer footers, bare link lists) is dropped as whole lines.

A file that cannot be an article raises `SkippedFile` with the reason (not text, a line of data
with no spaces, nothing left after cleaning); the index build skips it and goes on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import dates
from .corpus import scan
from .encoding import decode
from .errors import SkippedFile
from .types import Document, Line, Section

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
# A run this long without whitespace is no word, URL or sentence: it is data (base64, minified
# JSON, a hex dump) pasted into the file, and indexing it would only fill the index with noise.
MAX_RUN = 10_000
_DATA_RUN_RE = re.compile(rf"\S{{{MAX_RUN},}}")

# Whole-line boilerplate. Each pattern is matched against the stripped line.
# Site furniture and outlet signatures are data (rag/data/scrape.toml).
_SCRAPE = tomllib.loads((Path(__file__).with_name("data") / "scrape.toml").read_text("utf-8"))
_BOILERPLATE: list[str] = _SCRAPE["boilerplate"]
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)
_LINK = r"\*{0,2}\[[^\]]*\]\([^)]*\)\*{0,2}"
_LINK_LIST_RE = re.compile(rf"(?:[\w ]{{1,20}}:\s*|and\s+)?(?:{_LINK}[\s,.;|]*(?:and\s+)?)+")

_COMMENTS_START_RE = re.compile(
    r"^(Responses to .*|\d+ (comments|responses)|Comments|Reader comments|Archived Comments\.?)$",
    re.IGNORECASE,
)
_COMMENT_HEAD_RE = re.compile(
    rf"^\d+\.\s+On (?P<date>{dates.MONTH_DAY_YEAR}) at \d{{1,2}}:\d\d\s*(?:[ap]\.?m\.?)?\s+"
    r"(?P<who>.+?) "
    r"(responded|said|wrote|commented)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CommentHead:
    """The header line of one reader comment: "5. On September 12, 2014 at 8:44 pm qiuwei
    responded with... #". The comment is the lines after it, up to the next header."""

    line: int  # 1-based source line of the header
    author: str
    posted: str | None  # ISO date


def comment_heads(lines: Sequence[Line]) -> list[CommentHead]:
    """The comment headers among a document's lines, in order."""
    out = []
    for ln in lines:
        m = _COMMENT_HEAD_RE.match(ln.text.strip())
        if m:
            posted = dates.parse_full(m.group("date"))
            out.append(CommentHead(ln.number, m.group("who").strip(), posted))
    return out


_BYLINE_RES = [
    re.compile(r"^By (?P<who>[A-Z\[].{2,100})$"),
    re.compile(r"^BY (?P<who>[A-Z .,'-]+?)\s*\[.*$"),
    re.compile(r"^Reporting by (?P<who>.+?)(;.*)?$"),
    re.compile(r"^About (?P<who>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})$"),
    re.compile(r"^- (?P<who>[A-Z][A-Z .'-]{3,40})$"),
]
_OUTLET_SIGNATURES: list[tuple[re.Pattern[str], str | None]] = [
    *((re.compile(o["pattern"]), o["name"]) for o in _SCRAPE["outlet"]),
    (re.compile(r"^with the (?P<outlet>[A-Z][\w ]+)$"), None),
    (re.compile(rf"^(?P<outlet>[A-Z][\w&.' -]{{2,60}}), {dates.MONTH_DAY_YEAR}$"), None),
]


@dataclass
class _RawLine:
    number: int
    col: int  # offset of the kept text inside the source line
    text: str  # stripped text
    keep: bool


def corpus_files(corpus: Path) -> list[Path]:
    """The article files of a corpus dir, sorted (rag.corpus.scan with default settings)."""
    return list(scan(corpus).files)


def read_text(path: Path, name: str | None = None) -> str:
    """File text as str, in whatever encoding it is (rag/encoding.py); SkippedFile if not text."""
    name = name or path.name
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise SkippedFile(name, f"is a {path.suffix} file, not a text article; convert it to .txt "
                                "or move it out of the folder")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SkippedFile(name, f"cannot be read ({e.strerror}); check its permissions") from e
    return decode(data, name)


def check_prose(name: str, text: str) -> None:
    """Refuse text holding a run of MAX_RUN characters without whitespace (data, not prose)."""
    m = _DATA_RUN_RE.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise SkippedFile(name, f"line {line} has a run of {m.end() - m.start():,} characters "
                                "without a space (data, not article text); remove that line")


def _is_boilerplate(text: str) -> bool:
    if _BOILERPLATE_RE.fullmatch(text):
        return True
    return bool(_LINK_LIST_RE.fullmatch(text))


def _raw_lines(text: str) -> list[_RawLine]:
    out: list[_RawLine] = []
    in_recommended = False
    for i, raw in enumerate(text.split("\n")):
        raw = raw.rstrip("\r")
        stripped = raw.strip()
        col = len(raw) - len(raw.lstrip())
        keep = bool(stripped) and not _is_boilerplate(stripped)
        if stripped.lower() == "recommended stories":
            in_recommended = True
        elif in_recommended and not re.match(r"(list of \d+ items|- list \d+ of)", stripped):
            in_recommended = False
        # A photo caption stays, also when it repeats the image's alt text: the image markdown
        # is dropped, and captions state facts ("visits the residence ... on June 8, 2023").
        if in_recommended:
            keep = False
        out.append(_RawLine(i + 1, col, stripped, keep))
    return out


def _ngrams(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _looks_like_title(text: str) -> bool:
    return (
        15 <= len(text) <= 150
        and len(text.split()) >= 4
        and not re.search(r"[.!?:;,)\]]$", text)
        and not text.startswith(("-", "•", "*", "["))
    )


def _article_starts(lines: list[_RawLine]) -> list[int]:
    """Indexes into `lines` where a new article begins (roundup pages hold several).

    An article start is a title-like line followed by a long standfirst whose wording is repeated
    by the body within the next dozen lines: roundup pages print "title / summary / body".
    Reader comments never start an article (a commenter repeating himself looks like one).
    """
    end = _comments_start(lines)
    kept = [i for i, ln in enumerate(lines[:end]) if ln.keep]
    starts = []
    for pos, i in enumerate(kept[:-2]):
        title, dek = lines[i], lines[kept[pos + 1]]
        if not _looks_like_title(title.text) or len(dek.text) < 150:
            continue
        body = " ".join(lines[j].text for j in kept[pos + 2 : pos + 14])
        if _ngrams(dek.text) & _ngrams(body):
            starts.append(i)
    return starts


def _pick_title(lines: list[_RawLine]) -> str:
    for ln in lines[:8]:
        if ln.keep and _looks_like_title(ln.text) or (
            ln.keep and 4 <= len(ln.text.split()) <= 20 and ln.text.endswith("?")
        ):
            return ln.text
    first = next((ln.text for ln in lines if ln.keep), "")
    words = first.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def _pick_byline(lines: list[_RawLine]) -> str | None:
    for ln in lines:
        for rx in _BYLINE_RES:
            m = rx.match(ln.text)
            if m:
                who = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group("who"))
                return re.sub(r"\s+", " ", who.replace("*", "")).strip(" ,-")
    return None


def _pick_outlet(lines: list[_RawLine]) -> str | None:
    for rx, name in _OUTLET_SIGNATURES:
        for ln in lines:
            m = rx.search(ln.text)
            if m:
                return name or m.group("outlet").strip()
    return None


def _comments_start(lines: list[_RawLine]) -> int | None:
    for i, ln in enumerate(lines):
        if _COMMENTS_START_RE.match(ln.text) or _COMMENT_HEAD_RE.match(ln.text):
            return i
    return None


def _build(file: str, article: int, lines: list[_RawLine]) -> Document | None:
    kept_lines: list[Line] = []
    parts: list[str] = []
    offset = 0
    comments_at = _comments_start(lines)
    comments_offset = None
    for i, ln in enumerate(lines):
        if comments_at is not None and i == comments_at:
            comments_offset = offset
        if not ln.keep:
            continue
        kept_lines.append(Line(number=ln.number, start=offset, text=ln.text))
        parts.append(ln.text)
        offset += len(ln.text) + 1
    if not parts:
        return None
    text = "\n".join(parts)
    sections: tuple[Section, ...]
    if comments_offset is not None and comments_offset < len(text):
        sections = (
            Section("body", 0, comments_offset),
            Section("comments", comments_offset, len(text)),
        )
    else:
        sections = (Section("body", 0, len(text)),)
    body_lines = lines[:comments_at] if comments_at is not None else lines
    comment_dates = [
        m.group("date") for ln in lines[comments_at or len(lines) :]
        if (m := _COMMENT_HEAD_RE.match(ln.text))
    ]
    found = dates.article_date(
        header=[ln.text for ln in body_lines[:12]],
        body=[ln.text for ln in body_lines],
        comment_dates=comment_dates,
    )
    return Document(
        file=file,
        article=article,
        title=_pick_title(body_lines),
        text=text,
        lines=tuple(kept_lines),
        sections=sections,
        outlet=_pick_outlet(lines),
        byline=_pick_byline(body_lines),
        date=found.date,
        date_basis=found.basis,
        year_bound=found.year_bound,
    )


def parse(file: str, text: str) -> list[Document]:
    """Split one file's text into cleaned articles with metadata."""
    lines = _raw_lines(text)
    starts = _article_starts(lines)
    if len(starts) < 2 and (not starts or starts[0] == 0):
        groups = [lines]
    else:
        # Text before the first detected article is a page header unless it has real body text.
        head = lines[: starts[0]]
        bounds = starts + [len(lines)]
        groups = [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        if sum(len(ln.text) for ln in head if ln.keep) > 400:
            groups.insert(0, head)
    docs: list[Document] = []
    for group in groups:
        doc = _build(file, len(docs), group)
        if doc is not None:
            docs.append(doc)
    if not docs:
        raise SkippedFile(file, "has no article text after cleaning (only boilerplate or blank "
                                "lines); check the file or remove it")
    return _dated_by_siblings(docs)


def _dated_by_siblings(docs: list[Document]) -> list[Document]:
    """Undated articles of a page that holds several get the dates of the page's dated ones.

    A roundup or aggregator page collects reports of one story from the same days, so the dates
    of its other articles are the best evidence of when an undated one appeared. The latest year
    an article mentions is not: a report from June 2025 about tourism cites 2024 figures.
    Dates read from reader comments are only bounds and do not count.
    """
    dated = sorted(d.date for d in docs if d.date and d.date_basis != "comments")
    if len(docs) < 2 or not dated:
        return docs
    return [d if d.date else replace(d, page_dates=(dated[0], dated[-1])) for d in docs]


def load_file(path: Path, corpus: Path) -> list[Document]:
    """Read and parse one corpus file; SkippedFile says why it cannot be indexed."""
    name = path.relative_to(corpus).as_posix()
    text = read_text(path, name)
    check_prose(name, text)
    return parse(name, text)


def load_corpus(corpus: Path, files: Iterable[Path] | None = None) -> Iterator[Document]:
    """All documents of a corpus (or of the given files in it)."""
    for path in files if files is not None else corpus_files(corpus):
        yield from load_file(path, corpus)
