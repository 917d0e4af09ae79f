"""One bad file never blocks the rest: each is skipped with a reason, listed in the report and the
manifest, and the index of everything else is built. `strict_index` turns a skip into an error.

The index is built with a small hashing embedder (a real fake, no model), so these tests are fast;
tests marked slow run the CLI with the real model.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from rag.cli import app
from rag.errors import CorpusError
from rag.index import build_index, open_index, read_manifest, staleness
from rag.settings import Settings

from .conftest import SEEDS

ONE, TWO = "000_ebea100e75084d02.txt", "003_0e1adef3b88bf17b.txt"


class HashingEmbedder:
    """Bag of hashed words -> unit vector. Deterministic, instant, good enough to index."""

    id, dim = "test/hashing", 64

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, hashlib.md5(word.encode()).digest()[0] % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def prose(chars: int) -> str:
    """One paragraph of `chars` characters: varied news sentences, no line breaks."""
    words = ("ministry exports china rose sharply may tourism beijing recovered visa waiver "
             "officials expect flights seoul trade quarter").split()
    out, n, i = [], 0, 0
    while n < chars:
        sentence = " ".join(words[(i * 7 + k) % len(words)] for k in range(9 + i % 13))
        out.append(sentence.capitalize() + ".")
        n += len(out[-1]) + 1
        i += 1
    return " ".join(out)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (ONE, TWO):
        shutil.copy(SEEDS / name, folder)
    return folder


def add_bad_files(corpus: Path) -> dict[str, str]:
    """Put one file of each kind of fault in the corpus; name -> a phrase its reason holds."""
    with (corpus / "huge.txt").open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: too large, and never read
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (corpus / "dump.txt").write_text("Export of the archive\n" + "QUJD" * 5000 + "\n")
    (corpus / "empty.txt").write_text("Recommended Stories\n\n![img](x.png)\n")
    outside = corpus.parent / "outside.txt"
    outside.write_text("Seoul talks resume\nOfficials said talks would resume.\n")
    (corpus / "link.txt").symlink_to(outside)
    return {
        "huge.txt": "larger than 20 MB; raise max_file_mb",
        "photo.txt": "is a PNG image, not a text article",
        "dump.txt": "line 2 has a run of 20,000 characters without a space",
        "empty.txt": "has no article text after cleaning",
        "link.txt": "is a link to a file outside the corpus",
    }


def settings_for(corpus: Path, **kw) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=corpus.parent / "index", **kw)


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_indexed(corpus):
    expect = add_bad_files(corpus)
    s = settings_for(corpus)
    report = build_index(s, embedder=HashingEmbedder())
    assert report.rebuilt and report.files == 2 and report.chunks > 10
    reasons = {skip.file: skip.reason for skip in report.skipped}
    assert sorted(reasons) == sorted(expect)
    for name, phrase in expect.items():
        assert phrase in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    manifest = read_manifest(s.resolved_index_dir())
    assert sorted(manifest["files"]) == [ONE, TWO]
    assert {n: v["reason"] for n, v in manifest["skipped"].items()} == reasons
    assert {d.file for d in open_index(s).headers()} == {ONE, TWO}


def test_an_unchanged_skip_does_not_make_the_index_stale(corpus):
    add_bad_files(corpus)
    s = settings_for(corpus)
    build_index(s, embedder=HashingEmbedder())
    assert staleness(s).fresh  # so `ask` does not rebuild before every question
    again = build_index(s, embedder=HashingEmbedder())
    assert not again.rebuilt and len(again.skipped) == 5  # still reported
    (corpus / "dump.txt").write_text("Archive talks resume\nSeoul and Beijing met again.\n")
    assert staleness(s).changed == ["dump.txt"]
    fixed = build_index(s, embedder=HashingEmbedder())
    assert fixed.files == 3 and "dump.txt" not in {skip.file for skip in fixed.skipped}


def test_raising_max_file_mb_brings_a_skipped_file_in(corpus):
    (corpus / "long.txt").write_text("Quarterly trade roundup for Korea\n" + prose(30_000) + "\n")
    s = settings_for(corpus, max_file_mb=0.02)  # 20 KB: the seeds are smaller
    assert [skip.file for skip in build_index(s, embedder=HashingEmbedder()).skipped] == [
        "long.txt"]
    bigger = settings_for(corpus, max_file_mb=1)
    assert staleness(bigger).changed == ["long.txt"]
    assert build_index(bigger, embedder=HashingEmbedder()).skipped == ()


def test_strict_index_fails_in_one_line_and_writes_nothing(corpus):
    add_bad_files(corpus)
    s = settings_for(corpus, strict_index=True)
    with pytest.raises(CorpusError) as caught:
        build_index(s, embedder=HashingEmbedder())
    message = str(caught.value)
    assert message.startswith("5 files skipped: dump.txt (line 2 has a run")
    assert message.endswith("; fix or remove them, or index without --strict")
    assert "\n" not in message
    assert read_manifest(s.resolved_index_dir()) is None


def test_a_corpus_of_only_bad_files_is_an_error_that_lists_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "photo.txt").write_bytes(b"GIF89a" + bytes(300))
    with pytest.raises(CorpusError, match=r"no file in .* can be indexed: 1 file skipped: "
                                          r"photo.txt \(is a GIF image"):
        build_index(settings_for(corpus), embedder=HashingEmbedder())


def test_a_line_longer_than_spacy_allows_is_indexed_and_cited_to_its_line(corpus):
    """A 1.1 MB paragraph used to stop `rag index` with spaCy's E088 (max_length 1,000,000)."""
    body = prose(1_100_000)
    (corpus / "long.txt").write_text("Quarterly trade roundup for Korea\n" + body + "\n")
    s = settings_for(corpus)
    report = build_index(s, embedder=HashingEmbedder())
    assert report.skipped == () and report.files == 3
    idx = open_index(s)
    [doc] = idx.documents("long.txt")
    assert doc.lines[1].number == 2 and doc.lines[1].text == body
    counts = idx.chunk_counts()[("long.txt", 0)]
    assert counts > 1000  # chunked like any text (chunk_size 700), not one giant chunk
    every = idx.chunks(idx.chunk_ids())
    chunks = {i: c for i, c in every.items() if c.file == "long.txt"}
    assert len(chunks) == counts
    assert all(len(c.text) <= s.chunk_size + 200 for c in chunks.values())
    assert all(c.line_start in (1, 2) and c.text in doc.text for c in chunks.values())


# --- the command line --------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_rag_index_strict_is_one_error_line(corpus):
    add_bad_files(corpus)
    result = run("index", str(corpus), "--index-dir", str(corpus.parent / "idx"), "--strict")
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: 5 files skipped: dump.txt"), lines
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_rag_index_warns_once_per_skip_and_lists_them(corpus):
    expect = add_bad_files(corpus)
    result = run("index", str(corpus), "--index-dir", str(corpus.parent / "idx"))
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: skipped ")]
    assert sorted(w.split()[2].rstrip(":") for w in warnings) == sorted(expect)
    assert "indexed 2 files" in result.stdout
    summary = [ln for ln in result.stdout.splitlines() if "files skipped" in ln]
    assert summary and summary[0].startswith("5 files skipped: dump.txt (line 2 has a run")


@pytest.mark.slow
def test_ask_with_a_skipped_file_answers_and_does_not_rebuild_each_time(corpus):
    add_bad_files(corpus)
    flags = ["--corpus", str(corpus), "--json"]
    first = run("ask", "who is Pete Hegseth?", *flags)
    assert first.exit_code == 0, first.output
    assert "warning: skipped photo.txt" in first.stderr  # built now: warned, not failed
    assert json.loads(first.stdout)["citations"]
    second = run("ask", "who is Pete Hegseth?", *flags)
    assert second.exit_code == 0, second.output
    assert "warning" not in second.stderr  # the index is fresh: nothing rebuilt, nothing said
