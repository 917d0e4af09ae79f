"""rag: offline, cited question answering over a folder of news articles."""

from .errors import RagError

__all__ = ["RagError"]
