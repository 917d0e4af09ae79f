"""rag: offline, cited question answering over a folder of news articles.

    >>> import rag
    >>> answer = rag.ask("when did Xi last visit Seoul?", corpus_dir="seeds")  # doctest: +SKIP
"""

from typing import Any

from .errors import RagError
from .types import Answer, Citation


def ask(question: str, **flags: Any) -> Answer:
    """Answer `question` from the corpus; flags override settings (corpus_dir, k, ...)."""
    from .pipeline import ask as _ask  # keep `import rag` light

    return _ask(question, **flags)


__all__ = ["Answer", "Citation", "RagError", "ask"]
