"""The LangChain and LlamaIndex adapters, with the real frameworks, over a small real index."""

from __future__ import annotations

import re
import subprocess
import sys
from operator import itemgetter

import pytest

from rag.cite import quote_in_file
from rag.types import Citation

from .conftest import ROOT, tiny_pipeline

XI = ("Xi Jinping arrives in Seoul for state visit\nPublished: 2014-07-03\n\n"
      "SEOUL, July 3 (Reuters) - Chinese President Xi Jinping arrived in Seoul on Thursday for "
      "a two-day state visit, his first trip to South Korea since taking office.\n"
      "Xi and South Korean President Park Geun-hye are expected to discuss North Korea's "
      "nuclear program.\n")
TOURISM = ("Chinese tourists return to South Korea\nPublished: 2024-03-01\n\n"
           "The number of Chinese tourists visiting South Korea fell from 8 million in 2016 to "
           "4.17 million in 2017 after the THAAD missile dispute, official data show.\n"
           "Tourism officials expect arrivals to recover slowly this year.\n")
QUESTION = "When did Xi Jinping arrive in Seoul?"
KEYS = {"file", "lines", "title", "date", "score", "quote"}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    return tiny_pipeline(tmp_path_factory.mktemp("news"), {"xi.txt": XI, "tourism.txt": TOURISM})


def _quote_is_in_its_file(meta: dict, pipeline) -> bool:
    cit = Citation(meta["file"], tuple(meta["lines"]), meta["title"], meta["date"], meta["quote"])
    return quote_in_file(cit, pipeline.settings.corpus_dir)


def test_langchain_retriever_returns_documents_with_citable_metadata(news):
    pytest.importorskip("langchain_core")
    from langchain_core.documents import Document

    from rag.adapters.langchain import RagRetriever

    docs = RagRetriever(pipeline=news, k=4).invoke(QUESTION)
    assert docs and all(isinstance(d, Document) for d in docs)
    assert docs[0].metadata["file"] == "xi.txt"
    assert re.search(r"arriv\w* in Seoul", docs[0].metadata["quote"])  # headline or body
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)
    for d in docs:
        assert set(d.metadata) == KEYS
        assert d.metadata["quote"] in d.page_content
        assert _quote_is_in_its_file(d.metadata, news)


def test_langchain_lcel_chain_over_retriever_and_pipeline(news):
    pytest.importorskip("langchain_core")
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnableLambda, RunnablePassthrough

    from rag.adapters.langchain import RagRetriever, rag_runnable

    # the retriever in the classic RAG chain shape: context + question -> prompt
    prompt = ChatPromptTemplate.from_messages(
        [("system", "Answer from the context.\n{context}"), ("human", "{question}")])
    cite = RunnableLambda(lambda docs: "\n".join(
        f"[{d.metadata['file']}:{d.metadata['lines'][0]}] {d.metadata['quote']}" for d in docs))
    chain = {"context": RagRetriever(pipeline=news, k=2) | cite,
             "question": RunnablePassthrough()} | prompt
    messages = chain.invoke(QUESTION).to_messages()
    assert "[xi.txt:" in messages[0].content
    assert re.search(r"arriv\w* in Seoul", messages[0].content)
    assert messages[1].content == QUESTION

    # the whole pipeline as a Runnable: str or {"question"} in, the Answer dict out
    ask = rag_runnable(news)
    answers = (ask | itemgetter("short_answer", "abstained")).batch(
        [QUESTION, {"question": "How many Chinese tourists visited South Korea in 2016?"}])
    assert "2014" in answers[0][0] and answers[0][1] is False
    assert "8 million" in answers[1][0]
    full = ask.invoke(QUESTION)
    assert full["citations"] and full["citations"][0]["file"] == "xi.txt"


def test_llamaindex_retriever_and_query(news):
    pytest.importorskip("llama_index.core")
    from llama_index.core.schema import NodeWithScore

    from rag.adapters.llamaindex import RagQueryEngine, RagRetriever

    nodes = RagRetriever(news, k=4).retrieve(QUESTION)
    assert nodes and all(isinstance(n, NodeWithScore) for n in nodes)
    assert nodes[0].node.metadata["file"] == "xi.txt"
    assert nodes[0].score == max(n.score for n in nodes)
    for n in nodes:
        assert set(n.node.metadata) == KEYS
        assert _quote_is_in_its_file(n.node.metadata, news)

    response = RagQueryEngine(pipeline=news).query(QUESTION)
    assert "2014" in str(response)
    assert response.source_nodes and response.source_nodes[0].node.metadata["file"] == "xi.txt"
    assert response.metadata["abstained"] is False


@pytest.mark.parametrize("module, extra", [("rag.adapters.langchain", "langchain"),
                                           ("rag.adapters.llamaindex", "llamaindex")])
def test_adapter_without_its_framework_names_the_extra(module, extra):
    # The framework made unimportable in a fresh interpreter, as if it were not installed.
    blocked = "langchain_core" if extra == "langchain" else "llama_index"
    code = (f"import sys; sys.modules[{blocked!r}] = None\n"
            f"from rag.errors import MissingExtraError\n"
            f"try:\n    import {module}\nexcept MissingExtraError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60).stdout
    assert f"pip install 'citednews[{extra}]'" in out, out
