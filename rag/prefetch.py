"""Open the query encoder in the background while a one-shot `ask` loads everything else.

A cold `rag ask` waits ~0.2 s for the ONNX query encoder (importing onnxruntime and tokenizers,
opening the session) and ~0.25 s for numpy, FAISS and the index. Neither needs the other, so on
a second core they overlap (bench/README.md). `start` opens the live index version's ONNX export
in a daemon thread; `take` hands the encoder over only for that same version. Whatever goes
wrong in the thread (no export yet, a build swapping versions under it) leaves `take` empty and
the pipeline opens its encoder the normal way, which reports real problems.

This module imports only the standard library: importing it must not cost what it saves.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .settings import Settings


class EncoderPrefetch:
    """The ONNX query encoder of one index version, being opened in a daemon thread."""

    def __init__(self, version: Path) -> None:
        self.version = version
        self._encoder: Any = None
        self._thread = threading.Thread(target=self._open, name="rag-encoder", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            from . import onnxembed

            manifest = json.loads((self.version / "manifest.json").read_text(encoding="utf-8"))
            onnx_dir = self.version / "onnx"
            if onnxembed.matches(onnx_dir, manifest["embedder"]["id"]):
                self._encoder = onnxembed.OnnxEmbedder(onnx_dir)
        except Exception:  # noqa: BLE001 - the normal path opens it again and reports problems
            self._encoder = None

    def take(self, version: Path) -> Any:
        """The encoder if it was opened from `version` (the index the pipeline loaded), else
        None; waits for the thread to finish."""
        self._thread.join()
        encoder, self._encoder = self._encoder, None
        return encoder if Path(version) == self.version else None


def start(settings: Settings) -> EncoderPrefetch | None:
    """Start opening the live index version's query encoder; None when there is no index yet
    or the settings name none (the caller's normal path then says what to do)."""
    from .versions import current

    try:
        live = current(settings.resolved_index_dir())
    except Exception:  # noqa: BLE001 - e.g. no corpus yet: reported by the normal path
        return None
    return EncoderPrefetch(live.version) if live is not None and live.problem is None else None
