"""Optional parts of the install: which extra brings which import, and the one-line fix.

The core install answers questions from an index (numpy, faiss, onnxruntime, tokenizers, …).
Building an index, LLM answers, eval charts and the framework adapters are extras; code that
needs one calls `require(...)` where it imports, so a missing part is one line that names the
`pip install` that fixes it, never an ImportError traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

DISTRIBUTION = "citednews"  # the name on the package index; the import package stays `rag`

# extra -> what it is for (the first half of the message)
PURPOSE = {
    "index": "building an index",
    "llm": "LLM answers",
    "eval": "eval charts and `rag tune`",
    "langchain": "the LangChain adapter",
    "llamaindex": "the LlamaIndex adapter",
}


def install_hint(extra: str) -> str:
    """The command that installs an extra.

    >>> install_hint("index")
    "pip install 'citednews[index]'"
    """
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def require(module: str, extra: str) -> ModuleType:
    """Import `module`, or raise MissingExtraError naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        missing = e.name or module
        raise MissingExtraError(
            f"{PURPOSE.get(extra, extra)} needs {missing}, which is not installed; run "
            f"`{install_hint(extra)}` (or `pip install -e '.[{extra}]'` in a checkout)"
        ) from e
