"""Chunk offsets rebuild the cleaned text exactly (on the seeds and on generated text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.chunk import chunk_document, sentences
from rag.ingest import load_corpus, parse

from .conftest import SEEDS


def rebuild(doc, chunks) -> str:
    """Stitch chunk texts back together using only their offsets."""
    out, pos = [], 0
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        out.append(doc.text[max(pos, c.start) : c.end])
        pos = max(pos, c.end)
    return "".join(out)


@pytest.mark.parametrize("size", [150, 700, 3000])
@pytest.mark.parametrize("overlap", [0, 1])
def test_seed_chunks_rebuild_the_cleaned_text(size, overlap):
    for doc in load_corpus(SEEDS):
        sents = sentences(doc)
        chunks = chunk_document(doc, sents, size, overlap)
        assert rebuild(doc, chunks) == doc.text
        for c in chunks:
            assert c.section == doc.section_at(c.start)
            assert c.line_start <= c.line_end
            # a chunk never crosses from the article body into the reader comments
            assert doc.section_at(c.end - 1) == c.section


def test_chunks_stay_under_size_unless_one_sentence_is_longer():
    for doc in load_corpus(SEEDS):
        sents = sentences(doc)
        longest = max(s.end - s.start for s in sents)
        for c in chunk_document(doc, sents, 400):
            assert len(c.text.strip()) <= max(400, longest) + 2


def test_sentences_never_cross_lines_and_map_to_their_line():
    for doc in load_corpus(SEEDS):
        for s in sentences(doc):
            line = doc.line_at(s.start)
            assert line.number == s.line
            assert doc.text[s.start : s.end] in line.text


words = st.text(alphabet=st.sampled_from("abc XYZ.,!?\u2019"), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(words, min_size=1, max_size=12), size=st.integers(20, 400))
def test_property_offsets_rebuild_any_text(paragraphs, size):
    text = "Title of a generated article here\n" + "\n".join(paragraphs)
    for doc in parse("gen.txt", text):
        chunks = chunk_document(doc, sentences(doc), size)
        assert rebuild(doc, chunks) == doc.text
