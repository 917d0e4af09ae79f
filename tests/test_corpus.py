"""The corpus folder walk: size limit, links in and out of the corpus, subfolders, bad links."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rag.corpus import MB, scan
from rag.errors import CorpusError

from .conftest import SEEDS

ARTICLE = "Seoul and Beijing agree to talks\nPublished: 09 Jun. 2025\nXi met Lee in Seoul.\n"


def names(found) -> list[str]:
    return [p.name for p in found.files]


def skipped(found) -> dict[str, str]:
    return {s.file: s.reason for s in found.skipped}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    return folder


def test_a_file_over_max_file_mb_is_skipped_without_being_read(corpus):
    big = corpus / "big.txt"
    with big.open("wb") as fh:  # sparse: 21 MB on paper, nothing to read
        fh.truncate(21 * MB)
    found = scan(corpus)
    assert names(found) == ["a.txt"]
    assert skipped(found) == {"big.txt": "21 MB, larger than 20 MB; raise max_file_mb"}
    assert names(scan(corpus, max_file_mb=25)) == ["a.txt", "big.txt"]


def test_links_out_of_the_corpus_are_skipped_unless_followed(corpus, tmp_path):
    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "secret.txt").write_text(ARTICLE)
    (outside / "more" / "b.txt").write_text(ARTICLE)
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside / "more")
    found = scan(corpus)
    assert names(found) == ["a.txt"]
    reasons = skipped(found)
    assert set(reasons) == {"secret.txt", "linked"}
    assert reasons["secret.txt"].startswith("is a link to a file outside the corpus (")
    assert reasons["linked"].startswith("is a link to a folder outside the corpus (")
    assert all(r.endswith("pass --follow-links to index it") for r in reasons.values())
    followed = scan(corpus, follow_links=True)
    assert [p.relative_to(corpus).as_posix() for p in followed.files] == [
        "a.txt", "linked/b.txt", "secret.txt"]
    assert followed.skipped == ()


def test_links_inside_the_corpus_never_index_a_file_twice(corpus):
    (corpus / "sub").mkdir()
    (corpus / "sub" / "c.txt").write_text(ARTICLE)
    (corpus / "z_alias.txt").symlink_to(corpus / "a.txt")  # link beside its target
    (corpus / "again").symlink_to(corpus / "sub")  # a folder reachable twice
    (corpus / "sub" / "up").symlink_to(corpus)  # a loop back to the top
    found = scan(corpus)
    assert [p.relative_to(corpus).as_posix() for p in found.files] == ["a.txt", "sub/c.txt"]
    assert found.skipped == ()


def test_a_link_is_indexed_under_its_own_name_when_the_target_is_hidden(corpus):
    (corpus / ".drafts").mkdir()
    (corpus / ".drafts" / "d.txt").write_text(ARTICLE)
    (corpus / "d.txt").symlink_to(corpus / ".drafts" / "d.txt")
    assert names(scan(corpus)) == ["a.txt", "d.txt"]


def test_a_broken_link_is_a_skip_with_its_target(corpus):
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    found = scan(corpus)
    assert names(found) == ["a.txt"]
    assert skipped(found)["gone.txt"].startswith("is a broken link (to ")


def test_subfolders_are_read_and_hidden_names_are_not(corpus):
    (corpus / "2025" / "june").mkdir(parents=True)
    (corpus / "2025" / "june" / "b.txt").write_text(ARTICLE)
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (corpus / "~lock.txt").write_text("")
    found = scan(corpus)
    assert [p.relative_to(corpus).as_posix() for p in found.files] == ["2025/june/b.txt", "a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_a_skip(corpus):
    from rag.errors import SkippedFile
    from rag.ingest import load_file

    locked = corpus / "locked.txt"
    locked.write_text(ARTICLE)
    locked.chmod(0)
    with pytest.raises(SkippedFile, match="cannot be read .*check its permissions"):
        load_file(locked, corpus)


def test_folder_errors_still_say_the_fix(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        scan(tmp_path / "nope")
    with pytest.raises(CorpusError, match="is empty"):
        scan(tmp_path)
    shutil.copy(SEEDS / "000_ebea100e75084d02.txt", tmp_path / "one.txt")
    with pytest.raises(CorpusError, match="is a file, not a folder"):
        scan(tmp_path / "one.txt")
