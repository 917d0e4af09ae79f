"""Index build, incremental refresh, refusal of mismatched indexes, atomic swaps, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.cite import quote_in_file
from rag.errors import CorpusError, IndexMismatchError, IndexMissingError
from rag.index import build_index, open_index, read_manifest, staleness
from rag.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.slow


class CountingEmbedder:
    """The real embedder, counting how many texts it is asked to embed."""

    def __init__(self, inner, fail_after: int | None = None) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self.calls: list[int] = []
        self.fail_after = fail_after

    def embed(self, texts):
        if self.fail_after is not None and sum(self.calls) >= self.fail_after:
            raise KeyboardInterrupt  # the user pressed Ctrl-C mid-build
        self.calls.append(len(texts))
        return self.inner.embed(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def settings_for(corpus: Path, **kw) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=corpus.parent / "index", **kw)


def test_build_then_unchanged_reindex_embeds_nothing(corpus, embedder):
    s = settings_for(corpus)
    counter = CountingEmbedder(embedder)
    first = build_index(s, embedder=counter)
    assert first.chunks_embedded == first.chunks == sum(counter.calls) > 50
    again = build_index(s, embedder=counter)
    assert (again.rebuilt, again.chunks_embedded) == (False, 0)
    assert sum(counter.calls) == first.chunks  # no new embedding calls
    assert staleness(s).fresh


def test_touching_one_file_reembeds_only_its_chunks(corpus, embedder):
    s = settings_for(corpus)
    build_index(s, embedder=embedder)
    before = read_manifest(s.resolved_index_dir())
    old = open_index(s)
    before_ids = old.chunk_ids()
    target = corpus / "000_ebea100e75084d02.txt"
    before_target = {i for i, c in old.chunks(before_ids).items() if c.file == target.name}
    target.write_text(target.read_text() + "\nLee and Xi spoke again on Friday.\n")
    counter = CountingEmbedder(embedder)
    report = build_index(s, embedder=counter)
    after = read_manifest(s.resolved_index_dir())
    assert report.files_changed == 1
    assert sum(counter.calls) == report.chunks_embedded == after["files"][target.name]["count"]
    assert report.chunks_embedded < before["n_chunks"] / 3
    # every other file keeps its chunk ids, and its reused vectors equal a fresh embedding
    idx = open_index(s)
    ids = idx.chunk_ids()
    chunks = idx.chunks(ids)
    other = [i for i in ids if chunks[i].file == "004_917c166e15c6cbe0.txt"]
    assert len(other) == after["files"]["004_917c166e15c6cbe0.txt"]["count"]
    assert set(before_ids) - before_target == {i for i in ids if chunks[i].file != target.name}
    stored = np.load(idx.version / "vectors.npy")[ids.index(other[0])]
    assert float(stored @ embedder.embed([chunks[other[0]].embed_text()])[0]) > 0.999


def test_deleted_and_new_files(corpus, embedder):
    s = settings_for(corpus)
    build_index(s, embedder=embedder)
    (corpus / "003_0e1adef3b88bf17b.txt").unlink()
    (corpus / "005_new.txt").write_text(
        "Seoul hosts talks\nPublished: 01 Jan. 2026, 09:00\nXi and Lee met in Seoul.\n"
    )
    report = build_index(s, embedder=CountingEmbedder(embedder))
    assert (report.files_new, report.files_deleted, report.chunks_embedded) == (1, 1, 1)
    files = {d.file for d in open_index(s).documents()}
    assert "003_0e1adef3b88bf17b.txt" not in files and "005_new.txt" in files


def test_index_built_with_other_settings_is_refused_with_the_fix(corpus, embedder):
    build_index(settings_for(corpus), embedder=embedder)
    other = settings_for(corpus, chunk_size=300)
    with pytest.raises(IndexMismatchError, match=r"chunk_size.*run `rag index .* --rebuild`"):
        open_index(other)
    with pytest.raises(IndexMismatchError):
        build_index(other, embedder=embedder)
    assert build_index(other, rebuild=True, embedder=embedder).rebuilt
    assert open_index(other).manifest["chunking"]["chunk_size"] == 300


def test_index_from_an_older_rag_is_rebuilt_not_refused(corpus, embedder):
    """A code upgrade (index format or chunker) is not the user's doing: refresh rebuilds it."""
    import json

    from rag.index import FORMAT, _current

    s = settings_for(corpus)
    build_index(s, embedder=embedder)
    path = _current(s.resolved_index_dir()) / "manifest.json"
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps({**manifest, "format": FORMAT - 1}))
    with pytest.raises(IndexMismatchError, match="format"):
        open_index(s)  # opening as-is is still refused ...
    assert staleness(s).missing  # ... but a refresh knows it must rebuild
    counter = CountingEmbedder(embedder)
    report = build_index(s, embedder=counter)
    assert report.rebuilt and report.chunks_embedded == report.chunks == sum(counter.calls)
    assert open_index(s).manifest["format"] == FORMAT


def test_interrupted_build_leaves_old_index_usable(corpus, embedder):
    s = settings_for(corpus)
    build_index(s, embedder=embedder)
    old = read_manifest(s.resolved_index_dir())
    (corpus / "001_c30783c9e7f1f1ae.txt").write_text("Changed\n" * 3 + "New text here.\n" * 50)
    with pytest.raises(KeyboardInterrupt):
        build_index(s, embedder=CountingEmbedder(embedder, fail_after=0))
    idx = open_index(s)
    assert idx.manifest == old
    assert idx.size == old["n_chunks"]


def test_bad_file_is_skipped_and_strict_fails_before_anything_is_written(corpus, embedder):
    s = settings_for(corpus)
    build_index(s, embedder=embedder)
    old = read_manifest(s.resolved_index_dir())
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(CorpusError, match="scan.pdf"):
        build_index(settings_for(corpus, strict_index=True), embedder=embedder)
    assert read_manifest(s.resolved_index_dir()) == old
    report = build_index(s, embedder=CountingEmbedder(embedder))
    assert [k.file for k in report.skipped] == ["scan.pdf"] and report.chunks_embedded == 0


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(IndexMissingError, match="rag index"):
        open_index(settings_for(tmp_path / "c"))


def test_store_round_trips_chunks_and_quotes(seeds_index):
    settings, idx = seeds_index
    chunks = idx.chunks(idx.chunk_ids())
    assert len(chunks) == idx.size
    sents = idx.sentences(list(chunks))
    from rag.types import Citation

    for cid, rows in sents.items():
        c = chunks[cid]
        for start, end, line, _ in rows[:3]:
            quote = c.text[start - c.start : end - c.start]
            cit = Citation(c.file, (line, line), c.title, c.date, quote)
            assert quote_in_file(cit, settings.corpus_dir), (c.file, line, quote)


@pytest.mark.parametrize("question", [
    "when did Xi last visit Seoul?",
    "How many Chinese tourists visited South Korea in 2024?",
    "visa-free entry for Chinese group tourists",
    "the and of",  # stopwords only
    "zzzz qqqq",  # unknown words
])
def test_bm25_without_bm25s_matches_bm25s(seeds_index, question):
    """Index.bm25 reads bm25s's saved matrix itself (no scipy import): same ranking and scores."""
    import bm25s

    from rag.index import _tokenize

    settings, index = seeds_index
    ours = index.bm25(question, 20)
    ref = bm25s.BM25.load(str(index.version / "bm25"))
    tokens = [[t for t in _tokenize([question], return_ids=False)[0] if t in ref.vocab_dict]]
    if not tokens[0]:
        assert ours == []
        return
    ids, scores = ref.retrieve(tokens, k=20, show_progress=False)
    rows = np.load(index.version / "ids.npy")  # bm25s ranks rows; the index names chunk ids
    theirs = [(int(rows[i]), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]
    assert ours, question
    assert np.allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-5)
    # Ties may come out in another order; the same score must hold the same set of chunks.
    by_score: dict[float, set[int]] = {}
    for i, s in theirs:
        by_score.setdefault(round(s, 4), set()).add(i)
    for i, s in ours:
        assert i in by_score[round(s, 4)]
