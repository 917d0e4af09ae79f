"""Every store, for real: FAISS + bm25s + SQLite, and Milvus through a milvus-lite file.

Stable chunk ids mean an edit to one file re-embeds only that file's chunks in every store, and
a Milvus build sends the collection only the files that differ from what it holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.errors import IndexMismatchError
from rag.index import build_index, open_index
from rag.settings import Settings

from .conftest import SEEDS, HashEmbedder

pytest.importorskip("pymilvus")
ROOT = Path(__file__).resolve().parent.parent
STORES = ["faiss", "milvus"]


class Counting(HashEmbedder):
    """The hash embedder, counting the texts it embeds."""

    def __init__(self) -> None:
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        return super().embed(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def settings_for(corpus: Path, store: str, **kw) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=corpus.parent / f"index-{store}", store=store,
                    **kw)


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}\n")


def _file_ids(settings: Settings) -> dict[str, set[int]]:
    idx = open_index(settings)
    try:
        out: dict[str, set[int]] = {}
        for i, c in idx.chunks(idx.chunk_ids()).items():
            out.setdefault(c.file, set()).add(i)
        return out
    finally:
        idx.close()


@pytest.mark.parametrize("store", STORES)
def test_editing_one_file_reembeds_only_its_chunks(corpus, store):
    s = settings_for(corpus, store)
    emb = Counting()
    first = build_index(s, embedder=emb)
    assert first.chunks_embedded == first.chunks == emb.texts > 50
    before = _file_ids(s)
    one, two = corpus / "000_ebea100e75084d02.txt", corpus / "004_917c166e15c6cbe0.txt"

    _append(one, "Lee and Xi spoke again on Friday about the zyzzyva treaty.")
    emb.texts = 0
    second = build_index(s, embedder=emb)
    after = _file_ids(s)
    assert second.files_changed == 1 and emb.texts == second.chunks_embedded
    assert second.chunks_embedded == len(after[one.name]) < second.chunks / 3
    assert {f: ids for f, ids in after.items() if f != one.name} == {
        f: ids for f, ids in before.items() if f != one.name}  # stable ids everywhere else

    _append(two, "A quokka delegation arrived in Busan.")
    emb.texts = 0
    third = build_index(s, embedder=emb)
    after3 = _file_ids(s)
    assert third.chunks_embedded == emb.texts == len(after3[two.name])
    if store == "milvus":
        # the standby collection held the first version: it is sent the two edited files only
        assert third.chunks_written == len(after3[one.name]) + len(after3[two.name])

    idx = open_index(s)
    try:  # readers see the new version through the alias: both edits, keyword and dense
        assert idx.mentions("zyzzyva") and idx.mentions("quokka") and not idx.mentions("wombat")
        top = idx.bm25("quokka delegation Busan", 3)
        assert idx.chunks([top[0][0]])[top[0][0]].file == two.name
        [(edited, _)] = idx.bm25("zyzzyva", 1)
        chunk = idx.chunks([edited])[edited]
        assert chunk.file == one.name and "zyzzyva" in chunk.text
        hit, cos = idx.dense(HashEmbedder().embed([chunk.embed_text()])[0], 1)[0]
        assert hit == edited and cos == pytest.approx(1.0, abs=1e-5)  # its new vector
        [sents] = idx.sentences([edited]).values()
        assert sents and all(a < b for a, b, _, _ in sents)
    finally:
        idx.close()


def test_deleted_file_leaves_milvus(corpus):
    s = settings_for(corpus, "milvus")
    build_index(s, embedder=HashEmbedder())
    gone = "003_0e1adef3b88bf17b.txt"
    (corpus / gone).unlink()
    for _ in range(2):  # both collections, one build each
        _append(corpus / "000_ebea100e75084d02.txt", "One more line.")
        report = build_index(s, embedder=HashEmbedder())
        assert report.files_deleted in (0, 1) and gone not in _file_ids(s)


def test_index_of_another_store_is_refused_with_the_fix(corpus):
    build_index(settings_for(corpus, "faiss"), embedder=HashEmbedder())
    other = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index-faiss", store="milvus")
    with pytest.raises(IndexMismatchError, match=r"faiss store, settings want milvus; run "
                       r"`rag index .* --store milvus --rebuild`"):
        open_index(other)


def test_the_default_query_path_imports_neither_pymilvus_nor_ray():
    import subprocess
    import sys

    code = ("import sys, rag.pipeline, rag.index, rag.retrieve, rag.stores.faiss, rag.evidence; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pymilvus', 'milvus_lite', 'ray')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_milvus_lite_retrieves_what_faiss_does_on_the_seeds_eval(seeds_index, embedder):
    """Same top-10 files per question, and the same hit@5 and accuracy over the whole eval."""
    from rag import evaluate
    from rag.pipeline import Pipeline

    faiss_settings, _ = seeds_index
    corpus = faiss_settings.corpus_dir
    milvus = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index-milvus",
                      store="milvus")
    build_index(milvus, embedder=embedder)
    questions = ROOT / "eval" / "questions.jsonl"
    f = Pipeline(faiss_settings)
    m = Pipeline(milvus)
    for q in evaluate.load_questions(questions):
        assert ([h.chunk.file for h in f.retrieve(q.question, 10)]
                == [h.chunk.file for h in m.retrieve(q.question, 10)]), q.question
    f_report = evaluate.run(faiss_settings, questions)
    m_report = evaluate.run(milvus, questions)
    assert abs(f_report.overall["hit_at_5"] - m_report.overall["hit_at_5"]) <= 0.01
    assert f_report.overall["accuracy"] == m_report.overall["accuracy"]


@pytest.mark.slow
def test_cli_indexes_into_milvus_and_a_reader_without_the_store_gets_the_fix(tmp_path):
    from typer.testing import CliRunner

    from rag.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_ebea100e75084d02.txt", "004_917c166e15c6cbe0.txt"):
        shutil.copy2(SEEDS / name, corpus / name)
    index = str(tmp_path / "index")
    run = CliRunner().invoke
    made = run(app, ["index", str(corpus), "--index-dir", index, "--store", "milvus"],
               env={"COLUMNS": "200"})
    assert made.exit_code == 0 and made.stdout.startswith("indexed 2 files"), made.output
    refused = run(app, ["ask", "who met Xi?", "--corpus", str(corpus), "--index-dir", index],
                  env={"COLUMNS": "200"})
    [line] = [ln for ln in refused.stderr.splitlines() if ln.strip()]
    assert refused.exit_code == 1 and line.startswith("error: ") and line.endswith(
        "built with the milvus store, settings want faiss; run "
        f"`rag index {corpus} --rebuild`, or set RAG_STORE=milvus to use it")
    answered = run(app, ["ask", "who met Xi?", "--corpus", str(corpus), "--index-dir", index],
                   env={"COLUMNS": "200", "RAG_STORE": "milvus"})
    assert answered.exit_code == 0 and "[1]" in answered.stdout, answered.output
