"""Sentence-aware chunking with exact offsets.

Sentences come from spaCy's rule-based sentencizer run on each kept line (a line is a paragraph
in these scrapes, and a sentence never crosses a line, so every quote maps to one source line).
Sentences are packed greedily into chunks of at most `chunk_size` characters, never across a
section boundary (article body vs reader comments).

Why not LangChain's splitters: they re-join pieces with a separator and recover offsets with
`str.find`, which picks the wrong place when text repeats (roundup pages repeat whole paragraphs);
citations need offsets that are right by construction. Why not spaCy NER here: measured on the
seeds it costs ~34 % of embedding time (budget for all overhead: 10 %), so typed extraction at
answer time uses patterns over the stored sentences instead.

A line longer than PIECE_CHARS (one paragraph of a few MB in a bad scrape) is fed to spaCy in
pieces cut after a sentence end or at a space, so spaCy never sees text near its `max_length`
(1,000,000 characters, error E088); the sentences keep their offsets into the line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import dates
from .types import Chunk, Document

# Bump when chunking output changes (it is in every id). 4: a bare month ("at the end of
# November") in a sentence dates it to the last such month when it would be more than six
# months after the article's date (rag/dates.py). 5: a day a thing "is set for" ("the debate is
# set for Sept. 16") is the next such day after the article's date. 6: so is a day a thing
# starts on in the present tense ("the Olympics, which start on Feb. 9", written in October).
CHUNKER = "spacy-sentencizer-lines/7"
# 3: photo captions are kept (they were dropped as repeats of the dropped image line)
# Far above any real paragraph (the seeds' longest line is ~3,000 characters), so normal text is
# never cut, and far below spaCy's max_length.
PIECE_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Document.text
    end: int
    line: int  # 1-based source line
    dates: tuple[str, ...]


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    from .extras import require

    spacy = require("spacy", "index")  # heavy: only at index time
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` exactly, each at most `size` characters, cut after the
    last sentence end in the window, else at its last space, else hard (no space at all).

    >>> pieces("One. Two three. Four five", 12)
    [(0, 'One. '), (5, 'Two three. '), (16, 'Four five')]
    >>> pieces("short", 10)
    [(0, 'short')]
    """
    out = []
    pos = 0
    while len(text) - pos > size:
        window = text[pos : pos + size]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else max((m.end() for m in _SPACE.finditer(window)), default=size)
        out.append((pos, text[pos : pos + cut]))
        pos += cut
    out.append((pos, text[pos:]))
    return out


def sentences(doc: Document, piece_chars: int = PIECE_CHARS) -> list[Sentence]:
    """Sentences of a document, each inside one kept line, with resolved dates."""
    nlp = _sentencizer()
    # A comments-dated article is at most that old; its bare months ("in July") still resolve.
    anchor = doc.date
    cuts = [(line, offset, piece) for line in doc.lines
            for offset, piece in pieces(line.text, piece_chars)]
    out = []
    for (line, offset, _), parsed in zip(cuts, nlp.pipe(p for _, _, p in cuts), strict=True):
        for sent in parsed.sents:
            text = sent.text.strip()
            if not text:
                continue
            # a piece cut inside a run of spaces starts with one: skip it, as strip() did
            start = line.start + offset + sent.start_char + len(sent.text) - len(sent.text.lstrip())
            out.append(
                Sentence(
                    start=start,
                    end=start + len(text),
                    line=line.number,
                    dates=tuple(dates.sentence_dates(text, anchor)),
                )
            )
    return out


def chunk_id(file: str, article: int, start: int, end: int, chunker: str = CHUNKER) -> int:
    """A chunk's id: from where it is (file, article, offsets) and the chunker version, never
    from build order, so re-indexing one file leaves every other chunk's id as it was.

    63 bits of BLAKE2b: a positive int64 for FAISS, SQLite and Milvus primary keys alike; two
    of 10^8 chunks collide with odds of about 5e-4 (birthday bound, n^2 / 2^64).

    >>> chunk_id("a.txt", 0, 0, 120) == chunk_id("a.txt", 0, 0, 120)
    True
    >>> chunk_id("a.txt", 0, 0, 120) != chunk_id("b.txt", 0, 0, 120)
    True
    >>> 0 <= chunk_id("a.txt", 0, 0, 120) < 2**63
    True
    """
    key = f"{chunker}\x1f{file}\x1f{article}\x1f{start}\x1f{end}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> 1


def chunk_document(
    doc: Document, sents: list[Sentence], chunk_size: int, overlap: int = 0
) -> list[Chunk]:
    """Pack sentences into chunks; chunk i spans doc.text[start:end] exactly.

    Without overlap, consecutive chunks of a section touch (end == next start), so the chunks
    rebuild the cleaned text exactly; with overlap, the last `overlap` sentences are repeated.
    """
    chunks: list[Chunk] = []
    for section in doc.sections:
        group = [s for s in sents if section.start <= s.start < section.end]
        i = 0
        pos = section.start
        while i < len(group):
            j = i + 1
            while j < len(group) and group[j].end - group[i].start <= chunk_size:
                j += 1
            start = pos if pos <= group[i].start else group[i].start
            end = group[j].start if j < len(group) else section.end
            chunks.append(
                Chunk(
                    id=chunk_id(doc.file, doc.article, start, end),
                    file=doc.file,
                    article=doc.article,
                    title=doc.title,
                    date=doc.date,
                    section=section.name,
                    start=start,
                    end=end,
                    line_start=doc.line_at(start).number,
                    line_end=doc.line_at(max(start, end - 1)).number,
                    text=doc.text[start:end],
                )
            )
            if j >= len(group):
                break
            pos = end
            i = max(j - overlap, i + 1)
            if overlap:
                pos = group[i].start
    return chunks


def chunk_documents(
    docs: Iterable[Document], chunk_size: int, overlap: int = 0
) -> Iterator[tuple[Document, list[Chunk], list[Sentence]]]:
    """Each document with its chunks and sentences."""
    for doc in docs:
        sents = sentences(doc)
        yield doc, chunk_document(doc, sents, chunk_size, overlap), sents
