"""A torch-free query encoder: the index's sentence-transformers model exported to ONNX.

`import sentence_transformers` alone costs 8-11 s on this machine; a one-shot `ask` only has to
embed one question, so the index build exports the transformer once (`export`) and questions
are embedded by `OnnxEmbedder` with onnxruntime + tokenizers + numpy, never touching torch.

An export folder holds:
    model.onnx      the transformer: (input_ids, attention_mask, token_type_ids) -> token vectors
    weights.bin     its weights, stored beside the graph (external data: a faster load)
    tokenizer.json  the model's fast tokenizer, with truncation and padding set as ST uses them
    meta.json       embedder id, dim, max_seq_length, pooling; written last, so its presence
                    (outside a temp name) means the export is complete and passed its parity check
Pooling (attention-mask mean, or CLS) and L2 normalisation happen in numpy, like
sentence-transformers' Pooling + Normalize modules.

Nothing at module level may import torch or sentence_transformers (tests check this in a fresh
process); only `export` does.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ExportError

FORMAT = 2  # 2: weights in a separate file (WEIGHTS)
MODEL, TOKENIZER, META = "model.onnx", "tokenizer.json", "meta.json"
# The graph keeps its weights in a raw side file: onnxruntime then opens the model in ~40 ms
# instead of ~110 ms parsing a 90 MB protobuf, a tenth of a one-shot `ask` (bench/README.md).
WEIGHTS = "weights.bin"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
POOLINGS = ("mean", "cls")
PARITY_MIN_COSINE = 0.999  # export is refused below this against the torch model
# Probes for the post-export parity check: short, mixed case, non-ASCII, and one far longer than
# 256 word pieces so truncation is compared too.
_PROBES = (
    "When did Xi Jinping last visit Seoul?",
    "South Korea's exports to China fell 9.4% in the first quarter, the ministry said.",
    "Ë ü — 中国 한국",
    " ".join(["The summit in Gyeongju produced a currency swap agreement worth 70 trillion won."]
             * 40),
)


def cores() -> int:
    """CPU cores this process may use (affinity-aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_meta(out_dir: Path) -> dict[str, Any] | None:
    """The export's meta.json, or None when the folder holds no complete export."""
    meta_path = out_dir / META
    if not all(p.is_file() for p in (meta_path, out_dir / MODEL, out_dir / WEIGHTS,
                                      out_dir / TOKENIZER)):
        return None
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and meta.get("format") == FORMAT else None


def matches(out_dir: Path, embedder_id: str) -> bool:
    """True when `out_dir` holds a complete export of the embedder with this id."""
    meta = read_meta(out_dir)
    return meta is not None and meta.get("embedder_id") == embedder_id


def reuse(src: Path, dst: Path, embedder_id: str) -> bool:
    """Carry a previous version's export into a new version folder; False if `src` won't do.

    Files are hard-linked where the filesystem allows (exports are never modified in place, and
    the old version is deleted right after), so an incremental re-index costs no 90 MB copy.
    """
    if not matches(src, embedder_id):
        return False

    def link_or_copy(s: str, d: str) -> object:
        try:
            os.link(s, d)
            return d
        except OSError:
            return shutil.copy2(s, d)

    tmp = dst.with_name(f".{dst.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp, copy_function=link_or_copy)
    _swap_in(tmp, dst)
    return True


def _swap_in(tmp: Path, out_dir: Path) -> None:
    """Move a finished temp folder to `out_dir`, replacing any older export there."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _st_layout(model: Any) -> tuple[Any, str, bool]:
    """(transformer module, pooling mode, do_lower_case) or ExportError for other layouts."""
    modules = list(model)
    kinds = [type(m).__name__ for m in modules]
    if (
        len(modules) < 2 or kinds[0] != "Transformer" or kinds[1] != "Pooling"
        or any(k != "Normalize" for k in kinds[2:])
        or not hasattr(modules[0], "auto_model")
    ):
        raise ExportError(
            f"only Transformer + Pooling (+ Normalize) models can be exported, not {kinds}; "
            "questions will be embedded with sentence-transformers instead"
        )
    pooling = modules[1].pooling_mode
    if pooling not in POOLINGS:
        raise ExportError(f"pooling {pooling!r} has no ONNX encoder (only {POOLINGS})")
    if getattr(model, "default_prompt_name", None):
        raise ExportError("models with a default prompt are not exported")
    return modules[0], pooling, bool(getattr(modules[0], "do_lower_case", False))


def _write_tokenizer(transformer: Any, model_dir: Path, path: Path,
                     max_len: int) -> tuple[int, str]:
    """Save the fast tokenizer with ST's truncation/padding baked in; returns the pad id/token."""
    from tokenizers import Tokenizer

    hf_tok = transformer.tokenizer
    source = model_dir / TOKENIZER
    if source.is_file():
        tok = Tokenizer.from_file(str(source))
    elif hasattr(hf_tok, "backend_tokenizer"):
        tok = Tokenizer.from_str(hf_tok.backend_tokenizer.to_str())
    else:
        raise ExportError(f"{model_dir} has no fast tokenizer (tokenizer.json); cannot export")
    pad_id = int(hf_tok.pad_token_id if hf_tok.pad_token_id is not None else 0)
    pad_token = str(hf_tok.pad_token or "[PAD]")
    # The shipped tokenizer.json pads to a fixed 128 and truncates at 128; ST truncates at
    # max_seq_length (256, longest_first) and pads to the longest text in the batch.
    tok.enable_truncation(max_length=max_len)
    tok.enable_padding(pad_id=pad_id, pad_token=pad_token)
    tok.save(str(path))
    return pad_id, pad_token


def export(model_dir: Path, out_dir: Path, *, embedder_id: str | None = None,
           model: Any = None) -> None:
    """Export a sentence-transformers model folder to `out_dir` (model.onnx, tokenizer.json,
    meta.json), checking parity with the torch model before the folder appears.

    `model` may be an already-loaded SentenceTransformer for `model_dir` (saves a reload);
    `embedder_id` defaults to the id `rag.embed` gives that folder.
    """
    import warnings

    from .models import DEFAULT
    from .models import embedder_id as id_of
    from .models import model_dir as dir_of
    from .models import offline as _offline

    t0 = time.perf_counter()
    model_dir = Path(model_dir)
    if embedder_id is None:
        is_default = model_dir.resolve() == dir_of(DEFAULT)
        embedder_id = id_of(DEFAULT) if is_default else id_of(str(model_dir))
    _offline()
    import torch

    if model is None:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    transformer, pooling, lower = _st_layout(model)
    max_len = int(model.max_seq_length)
    dim = int(model.get_embedding_dimension() or 0)

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        pad_id, pad_token = _write_tokenizer(transformer, model_dir, tmp / TOKENIZER, max_len)

        bert = transformer.auto_model.eval()

        class Encoder(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids)
                return out.last_hidden_state

        # The dummy batch must contain padding: a trace of an all-ones mask could let the model
        # skip masking, and that branch would then be frozen into the graph.
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(tmp / TOKENIZER))
        enc = tok.encode_batch(["a short one", "a somewhat longer dummy sentence for tracing"])
        dummy = tuple(
            torch.tensor([getattr(e, attr) for e in enc], dtype=torch.long)
            for attr in ("ids", "attention_mask", "type_ids")
        )
        axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, "token_embeddings")}
        with torch.no_grad(), warnings.catch_warnings():
            # The TorchScript exporter is deprecated (the dynamo one needs onnxscript) and the
            # tracer warns about shape checks that are constant for BERT; both are expected.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Encoder(), dummy, str(tmp / MODEL), input_names=list(INPUTS),
                output_names=["token_embeddings"], dynamic_axes=axes, opset_version=OPSET,
                do_constant_folding=True, dynamo=False,
            )
        import onnx

        graph = onnx.load(str(tmp / MODEL))
        onnx.save_model(graph, str(tmp / MODEL), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=WEIGHTS, size_threshold=1024)

        meta = {
            "format": FORMAT, "embedder_id": embedder_id, "dim": dim, "max_seq_length": max_len,
            "pooling": pooling, "normalize": True, "do_lower_case": lower, "pad_id": pad_id,
            "pad_token": pad_token, "inputs": list(INPUTS), "opset": OPSET,
            "source": str(model_dir),
        }
        # Parity check before the export becomes visible: a graph that drifts from the torch
        # model would silently degrade retrieval, so it is refused instead.
        onnx_vecs = OnnxEmbedder(tmp, meta=meta).embed(_PROBES)
        torch_vecs = model.encode(list(_PROBES), normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        cosine = float(np.min(np.sum(onnx_vecs * torch_vecs, axis=1)))
        if cosine < PARITY_MIN_COSINE:
            raise ExportError(
                f"ONNX export of {model_dir} drifts from the torch model (cosine {cosine:.5f}); "
                "questions will be embedded with sentence-transformers instead"
            )
        meta["parity_min_cosine"] = round(cosine, 6)
        meta["export_seconds"] = round(time.perf_counter() - t0, 2)
        (tmp / META).write_text(json.dumps(meta, indent=1))
        _swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class OnnxEmbedder:
    """The Embedder protocol on onnxruntime + tokenizers + numpy (no torch)."""

    # Small batches measured fastest here (64 seed sentences, 2 cores under load: batch 2-4
    # 2.1-2.5 s, 8 3.1 s, 16 5.2 s): activations of a small batch stay in cache.
    def __init__(self, out_dir: Path, batch_size: int = 4,
                 meta: dict[str, Any] | None = None, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        out_dir = Path(out_dir)
        meta = meta if meta is not None else read_meta(out_dir)
        if meta is None:
            raise ExportError(f"{out_dir} holds no complete ONNX export; rebuild the index")
        if meta.get("pooling") not in POOLINGS:
            raise ExportError(f"{out_dir}: unsupported pooling {meta.get('pooling')!r}")
        self.id = str(meta["embedder_id"])
        self.dim = int(meta["dim"])
        self.meta = meta
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(out_dir / TOKENIZER))
        # Enforced again at load: the export baked these in, but the file is plain JSON.
        self.tokenizer.enable_truncation(max_length=int(meta["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=int(meta.get("pad_id", 0)),
                                      pad_token=str(meta.get("pad_token", "[PAD]")))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or cores()
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.log_severity_level = 3
        # Busy-waiting worker threads fight the other processes for 2 cores; without spinning
        # the same 64 sentences took 2.5 s instead of 5.5 s, and a question 0.02 s either way.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(out_dir / MODEL), sess_options=opts,
                                            providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        lower = bool(self.meta.get("do_lower_case"))
        items = [t.lower() if lower else t for t in texts]
        # Length-sorted batches keep padding (wasted attention) low, as ST's encode does.
        order = sorted(range(len(items)), key=lambda i: -len(items[i]))
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for s in range(0, len(order), self.batch_size):
            ids = order[s : s + self.batch_size]
            out[ids] = self._embed_batch([items[i] for i in ids])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        feeds = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        tokens = self.session.run(None, feeds)[0]  # (batch, seq, dim)
        if self.meta["pooling"] == "cls":
            pooled = tokens[:, 0]
        else:
            mask = feeds["attention_mask"][:, :, None].astype(np.float32)
            pooled = (tokens * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(pooled / norms, dtype=np.float32)
