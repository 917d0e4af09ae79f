"""The torch-free query encoder: parity with sentence-transformers, no torch at question time,
and the export's life cycle inside index versions (export, reuse, fallback)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag import onnxembed
from rag.embed import embedder_id, model_dir

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MINILM = embedder_id("minilm")


def _export_files(folder: Path, eid: str, meta: bool = True) -> Path:
    """Files shaped like an export (contents irrelevant to the bookkeeping under test)."""
    folder.mkdir(parents=True)
    (folder / "model.onnx").write_bytes(b"\x08\x07onnx-bytes")
    (folder / "weights.bin").write_bytes(b"\x00" * 16)
    (folder / "tokenizer.json").write_text("{}")
    if meta:
        (folder / "meta.json").write_text(json.dumps({"format": onnxembed.FORMAT,
                                                      "embedder_id": eid, "dim": 384}))
    return folder


# --- fast: export folder bookkeeping ----------------------------------------------------------

@pytest.mark.parametrize(
    ("meta", "missing", "eid", "expected"),
    [
        (True, None, MINILM, True),
        (True, None, "st:/some/other/model", False),  # another model's export
        (False, None, MINILM, False),  # half-written: meta.json comes last
        (True, "model.onnx", MINILM, False),
        (True, "weights.bin", MINILM, False),  # the graph without its weights
        (True, "tokenizer.json", MINILM, False),
    ],
)
def test_matches_only_complete_exports_of_the_same_model(tmp_path, meta, missing, eid, expected):
    folder = _export_files(tmp_path / "onnx", MINILM, meta=meta)
    if missing:
        (folder / missing).unlink()
    assert onnxembed.matches(folder, eid) is expected


def test_matches_rejects_unreadable_meta(tmp_path):
    folder = _export_files(tmp_path / "onnx", MINILM)
    (folder / "meta.json").write_text("{not json")
    assert onnxembed.read_meta(folder) is None
    assert not onnxembed.matches(folder, MINILM)


def test_reuse_hard_links_a_matching_export_and_refuses_others(tmp_path):
    src = _export_files(tmp_path / "old" / "onnx", MINILM)
    dst = tmp_path / "new" / "onnx"
    dst.parent.mkdir()
    assert not onnxembed.reuse(src, dst, "st:/another")
    assert not dst.exists()
    assert onnxembed.reuse(src, dst, MINILM)
    for name in ("model.onnx", "weights.bin", "tokenizer.json", "meta.json"):
        assert (dst / name).read_bytes() == (src / name).read_bytes()
    assert (dst / "model.onnx").stat().st_ino == (src / "model.onnx").stat().st_ino
    assert not list(dst.parent.glob(".onnx.*")), "temp folder left behind"


# --- slow: the real model ------------------------------------------------------------------

def _seed_texts() -> list[str]:
    """Real seed sentences of varied length, plus a whole article far over 256 word pieces."""
    text = (SEEDS / sorted(os.listdir(SEEDS))[2]).read_text(encoding="utf-8")
    sentences = sorted(
        {s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 3},
        key=len,
    )
    picks = [sentences[0], sentences[len(sentences) // 4], sentences[len(sentences) // 2],
             sentences[-1]]
    return [*picks, "When did Xi Jinping last visit Seoul?", text]


@pytest.mark.slow
def test_onnx_vectors_match_sentence_transformers(seeds_index, embedder):
    from tokenizers import Tokenizer

    texts = _seed_texts()
    raw = Tokenizer.from_file(str(model_dir("minilm") / "tokenizer.json"))
    raw.no_truncation()
    raw.no_padding()  # the shipped file pads to a fixed 128
    lengths = [len(raw.encode(t).ids) for t in texts]
    assert max(lengths) > 2 * 256, "the long text must exercise truncation"
    assert min(lengths) < 32

    settings, index = seeds_index
    onnx = onnxembed.OnnxEmbedder(index.version / "onnx")
    got, want = onnx.embed(texts), embedder.embed(texts)
    assert got.shape == want.shape == (len(texts), 384)
    assert got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(got * want, axis=1)
    assert cosines.min() >= 0.999, dict(zip(lengths, cosines.round(5), strict=True))
    # Padding must not leak into the mean: one at a time == in a padded batch.
    alone = np.vstack([onnx.embed([t]) for t in texts])
    assert np.sum(alone * got, axis=1).min() >= 0.9999


@pytest.mark.slow
def test_index_version_holds_the_export(seeds_index):
    from rag.embed import query_embedder

    settings, index = seeds_index
    onnx = index.version / "onnx"
    assert {"model.onnx", "weights.bin", "tokenizer.json", "meta.json"} <= {
        p.name for p in onnx.iterdir()}
    # The weights live beside the graph (a fast load), not inside it.
    assert (onnx / "model.onnx").stat().st_size < 1_000_000 < (onnx / "weights.bin").stat().st_size
    meta = json.loads((onnx / "meta.json").read_text())
    assert meta["embedder_id"] == index.manifest["embedder"]["id"] == MINILM
    assert meta["dim"] == index.manifest["embedder"]["dim"] == 384
    assert meta["max_seq_length"] == 256 and meta["pooling"] == "mean"
    assert meta["parity_min_cosine"] >= onnxembed.PARITY_MIN_COSINE
    assert isinstance(query_embedder(index.version, settings), onnxembed.OnnxEmbedder)


_CHILD = """
import json, sys
import numpy as np
from pathlib import Path
from rag.onnxembed import OnnxEmbedder
from rag.embed import query_embedder
from rag.index import open_index
from rag.settings import Settings

settings = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
index = open_index(settings)
direct = OnnxEmbedder(index.version / "onnx").embed([sys.argv[3]])
enc = query_embedder(index.version, settings)
vec = enc.embed([sys.argv[3]])
heavy = sorted(m for m in sys.modules
               if m.split(".")[0] in {"torch", "sentence_transformers", "transformers"})
print(json.dumps({"encoder": type(enc).__name__, "vec": vec[0].tolist(),
                  "direct": direct[0].tolist(), "heavy": heavy}))
"""


@pytest.mark.slow
def test_fresh_process_embeds_a_question_without_torch(seeds_index, embedder):
    settings, _ = seeds_index
    question = "Who did Lee Jae-myung meet at the APEC summit?"
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, str(settings.corpus_dir), str(settings.index_dir),
         question],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )
    assert run.returncode == 0, run.stderr
    child = json.loads(run.stdout.strip().splitlines()[-1])
    assert child["heavy"] == []
    assert child["encoder"] == "OnnxEmbedder"
    want = embedder.embed([question])[0]
    assert float(np.dot(np.array(child["vec"]), want)) >= 0.999
    assert float(np.dot(np.array(child["direct"]), want)) >= 0.999


@pytest.mark.slow
def test_incremental_reindex_reuses_the_export(seeds_index, embedder, tmp_path):
    from rag.index import build_index, open_index
    from rag.settings import Settings

    settings, index = seeds_index
    corpus, index_dir = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(settings.corpus_dir, corpus)
    shutil.copytree(settings.index_dir, index_dir, ignore=shutil.ignore_patterns(".lock"))
    mine = Settings(corpus_dir=corpus, index_dir=index_dir)
    old_model = open_index(mine).version / "onnx" / "model.onnx"
    inode = old_model.stat().st_ino

    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nSeoul and Beijing agreed to meet "
                     "again next spring, officials said.\n", encoding="utf-8")
    events: list[tuple[str, dict]] = []
    report = build_index(mine, embedder=embedder, progress=lambda e, d: events.append((e, d)))

    assert report.rebuilt and report.files_changed == 1
    assert ("onnx", {"reused": True, "seconds": 0.0}) in events
    new_version = open_index(mine).version
    assert new_version != old_model.parent.parent
    assert (new_version / "onnx" / "model.onnx").stat().st_ino == inode  # linked, not re-exported
    assert onnxembed.matches(new_version / "onnx", MINILM)


def _version_copy(src: Path, dst: Path) -> Path:
    """Just what query_embedder reads from a version: the manifest and the onnx folder."""
    dst.mkdir()
    shutil.copy2(src / "manifest.json", dst / "manifest.json")
    shutil.copytree(src / "onnx", dst / "onnx")
    return dst


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["no-export", "half-written", "other-model", "corrupt-model"])
def test_query_embedder_falls_back_to_torch(seeds_index, tmp_path, caplog, damage):
    from rag.embed import SentenceTransformerEmbedder, query_embedder

    settings, index = seeds_index
    version = _version_copy(index.version, tmp_path / "v-copy")
    onnx = version / "onnx"
    if damage == "no-export":
        shutil.rmtree(onnx)
    elif damage == "half-written":
        (onnx / "meta.json").unlink()
    elif damage == "other-model":
        meta = json.loads((onnx / "meta.json").read_text())
        (onnx / "meta.json").write_text(json.dumps({**meta, "embedder_id": "st:/elsewhere"}))
    else:
        (onnx / "model.onnx").write_bytes((onnx / "model.onnx").read_bytes()[:4096])

    with caplog.at_level(logging.WARNING, logger="rag.embed"):
        enc = query_embedder(version, settings)
    assert isinstance(enc, SentenceTransformerEmbedder)
    assert enc.embed(["Xi visited Seoul"]).shape == (1, 384)
    assert ("unusable" in caplog.text) is (damage == "corrupt-model")
