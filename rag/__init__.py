"""rag: offline, cited question answering over a folder of news articles.

    >>> import rag
    >>> answer = rag.ask("when did Xi last visit Seoul?", corpus_dir="seeds")  # doctest: +SKIP
"""

from typing import Any

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)

from .errors import RagError
from .types import Answer, Citation


def ask(question: str, **flags: Any) -> Answer:
    """Answer `question` from the corpus; flags override settings (corpus_dir, k, ...)."""
    from .pipeline import ask as _ask  # keep `import rag` light

    return _ask(question, **flags)


__all__ = ["Answer", "Citation", "RagError", "__version__", "ask"]
