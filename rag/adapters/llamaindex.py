"""LlamaIndex: our retriever as a `BaseRetriever` of `NodeWithScore`s, and a query engine that
answers with our cited, verified answers.

    retriever = RagRetriever.from_settings(corpus_dir="news")
    nodes = retriever.retrieve("when did Xi last visit Seoul?")   # NodeWithScore, best first
    engine = RagQueryEngine.from_settings(corpus_dir="news")
    response = engine.query("when did Xi last visit Seoul?")      # .response, .source_nodes

Node metadata: {file, lines, title, date, score, quote} (see rag.adapters.Passage).
"""

from __future__ import annotations

from typing import Any

from ..extras import require

require("llama_index.core", "llamaindex")

from llama_index.core.base.response.schema import Response  # noqa: E402
from llama_index.core.query_engine import CustomQueryEngine  # noqa: E402
from llama_index.core.retrievers import BaseRetriever  # noqa: E402
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode  # noqa: E402

from . import Passage, open_pipeline, passages  # noqa: E402


def to_node(p: Passage) -> NodeWithScore:
    return NodeWithScore(node=TextNode(id_=p.id, text=p.text, metadata=p.metadata()),
                         score=p.score)


class RagRetriever(BaseRetriever):
    """Hybrid retrieval plus evidence scoring over a rag index, as a LlamaIndex retriever."""

    def __init__(self, pipeline: Any, k: int | None = None, **kwargs: Any) -> None:
        self.pipeline = pipeline
        self.k = k
        super().__init__(**kwargs)

    @classmethod
    def from_settings(cls, k: int | None = None, **flags: Any) -> RagRetriever:
        """A retriever over the corpus the settings name (flags: corpus_dir, index_dir, …)."""
        return cls(open_pipeline(**flags), k=k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [to_node(p) for p in passages(self.pipeline, query_bundle.query_str, self.k)]


class RagQueryEngine(CustomQueryEngine):
    """Answers with rag's pipeline: the cited answer text, its citations as source nodes."""

    pipeline: Any

    @classmethod
    def from_settings(cls, **flags: Any) -> RagQueryEngine:
        return cls(pipeline=open_pipeline(**flags))

    def custom_query(self, query_str: str) -> Response:
        answer = self.pipeline.ask(query_str)
        nodes = [NodeWithScore(node=TextNode(
            id_=f"{c.file}:{c.lines[0]}", text=c.quote,
            metadata={"file": c.file, "lines": list(c.lines), "title": c.title,
                      "date": c.date, "quote": c.quote}), score=None)
            for c in answer.citations]
        return Response(response=answer.answer, source_nodes=nodes, metadata=answer.to_json())
