"""LangChain: our retriever as a `BaseRetriever`, the whole pipeline as a `Runnable`.

    retriever = RagRetriever.from_settings(corpus_dir="news")
    docs = retriever.invoke("when did Xi last visit Seoul?")   # Documents, best first
    ask = rag_runnable(corpus_dir="news")                      # question -> Answer dict
    chain = ask | (lambda a: a["short_answer"])                # compose with LCEL

Document metadata: {file, lines, title, date, score, quote} (see rag.adapters.Passage).
"""

from __future__ import annotations

from typing import Any

from ..extras import require

require("langchain_core", "langchain")

from langchain_core.callbacks import CallbackManagerForRetrieverRun  # noqa: E402
from langchain_core.documents import Document  # noqa: E402
from langchain_core.retrievers import BaseRetriever  # noqa: E402
from langchain_core.runnables import Runnable, RunnableLambda  # noqa: E402

from . import Passage, open_pipeline, passages  # noqa: E402


def to_document(p: Passage) -> Document:
    return Document(page_content=p.text, metadata=p.metadata(), id=p.id)


class RagRetriever(BaseRetriever):
    """Hybrid retrieval plus evidence scoring over a rag index, as a LangChain retriever."""

    pipeline: Any  # a rag.pipeline.Pipeline (kept loaded between calls)
    k: int | None = None  # chunks per question; None = settings.k

    @classmethod
    def from_settings(cls, k: int | None = None, **flags: Any) -> RagRetriever:
        """A retriever over the corpus the settings name (flags: corpus_dir, index_dir, …)."""
        return cls(pipeline=open_pipeline(**flags), k=k)

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(p) for p in passages(self.pipeline, query, self.k)]


def rag_runnable(pipeline: Any = None, **flags: Any) -> Runnable[Any, dict[str, Any]]:
    """The whole pipeline as a Runnable: a question (str, or {"question": str}) -> the Answer
    as a dict (`Answer.to_json()`: answer, short_answer, abstained, citations, …)."""
    loaded = open_pipeline(pipeline, **flags)

    def ask(question: str | dict[str, Any]) -> dict[str, Any]:
        text = question["question"] if isinstance(question, dict) else question
        return loaded.ask(text).to_json()

    return RunnableLambda(ask, name="rag")
