"""Domain errors. Every message tells the user what to do next; the CLI prints it as one line."""


class RagError(Exception):
    """Base class for every error a user can cause or fix."""


class CorpusError(RagError):
    """The corpus directory or one of its files cannot be read as news text."""


class IndexMissingError(RagError):
    """No index exists where one was expected."""


class IndexMismatchError(RagError):
    """The index on disk was built with other settings or another embedder."""


class InputError(RagError):
    """A question, flag or file the user passed is unusable."""


class LLMError(RagError):
    """The configured LLM backend is missing or unreachable."""


class ExportError(RagError):
    """The ONNX query encoder could not be exported or loaded; torch is used instead."""


class SkippedFile(CorpusError):
    """One corpus file cannot be indexed (unreadable, not text, …); the others still are."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason  # "is a PDF, not text; convert it to .txt or move it out …"


class IndexDamagedError(RagError):
    """A file of the index is missing, truncated or altered; `rag index` repairs it."""


class IndexWriteError(RagError):
    """The index could not be written (disk full, read-only folder); the old one is unchanged."""


class MissingExtraError(RagError):
    """An optional part of the install (an extra such as `[index]`) is needed but missing."""
