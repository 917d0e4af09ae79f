"""ask: question -> retrieve (dense + bm25, fused) -> evidence scoring -> answer -> cite.

`Pipeline` keeps the index and the query encoder loaded between questions (chat, eval);
`ask()` is the one-shot form. The index is built or refreshed first when it is missing or the
corpus changed, so a user never has to remember `rag index`.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Any

from . import evidence as scoring
from .answerers import Answerer, get_answerer
from .articles import answer_about, asks_about_article, describes_a_piece
from .followup import resolve_followup
from .index import Index, ensure_index, open_index
from .query import (
    ASKS_LENGTH,
    analyze,
    asking_clause,
    comparison_names,
    split_options,
    split_parts,
    statement,
    validate_question,
    without_reference,
)
from .retrieve import Retriever
from .settings import Settings, load_settings
from .text import DURATION_WORDS, respelt
from .types import Answer, Citation, Claim, Document, Hit, answer_text

__all__ = ["Pipeline", "ask", "ensure_index", "validate_question"]
EVIDENCE_KEPT = 40  # scored sentences an Answer carries (for --show-evidence, eval, chat)

def _query_encoder(index: Index, settings: Settings) -> Any:
    try:
        from .embed import query_embedder  # the torch-free ONNX encoder, when exported
    except ImportError:
        from .embed import get_embedder

        return get_embedder(settings.embedder, settings.batch_size)
    return query_embedder(index.version, settings)


class Pipeline:
    """A loaded index plus encoder; answers many questions cheaply.

    `generator`: bring your own model, any LangChain chat model (or a rag Generator); answers
    are then written by it and verified like every LLM answer, whatever `settings.answerer` says.
    """

    def __init__(self, settings: Settings | None = None, index: Index | None = None,
                 mode: str = "hybrid", encoder: Any = None, generator: Any = None) -> None:
        self.settings = settings or load_settings()
        self.index = index or open_index(self.settings)
        self.encoder = encoder or _query_encoder(self.index, self.settings)
        self.retriever = Retriever(self.index, self.encoder, mode=mode)
        self._labels: dict[tuple[str, int], str] | None = None
        self._answerer: Answerer | None = None
        if generator is not None:
            from .answerers.llm import LLMAnswerer

            self._answerer = LLMAnswerer(self.settings, generator)
        self._headers: list[Document] | None = None

    @property
    def headers(self) -> list[Document]:
        """Every article's metadata, without texts (cheap at any corpus size)."""
        if self._headers is None:
            self._headers = self.index.headers()
        return self._headers

    @property
    def labels(self) -> dict[tuple[str, int], str]:
        """(file, article) -> date label for citations."""
        if self._labels is None:
            self._labels = {(d.file, d.article): d.date_label for d in self.headers}
        return self._labels

    @property
    def answerer(self) -> Answerer:
        """The settings' answerer, made on first use (an LLM backend may take seconds)."""
        if self._answerer is None:
            self._answerer = get_answerer(self.settings)
        return self._answerer

    def retrieve(self, question: str, k: int | None = None) -> list[Hit]:
        """The k best chunks; a choice question's options, and the two things a comparison
        compares ("which came first, A or B?"), are each searched too; a true-or-false
        question's statement is searched without its quiz wording."""
        said = statement(question)
        if said is not None:
            return self.retriever.search(said, k or self.settings.k)
        stem, options = split_options(question)
        if options:
            return self.retriever.search_options(question, stem, options, k or self.settings.k)
        sides = comparison_names(question)
        if sides:  # each side alone: the whole question ranks the side it words best first
            return self.retriever.search_options(question, "", sides, k or self.settings.k,
                                                 min_match=0.5, figured=True)
        k = k or self.settings.k
        hits = self.retriever.search(question, k)
        asked = without_reference(question)
        if asked != question:  # "before the Gyeongju trip, when had Xi last visited Seoul?"
            # The earlier visit is searched too: the whole question ranks the trip first.
            seen = {h.chunk.id for h in hits}
            hits += [h for h in self.retriever.search(asked, k) if h.chunk.id not in seen][: k // 2]
        if ASKS_LENGTH.search(question):
            # "How long did the summit last?" is answered by "the 90-minute summit", which
            # shares few words with the question: searched with the words a length is given in.
            seen = {h.chunk.id for h in hits}
            hits += [h for h in self.retriever.search(f"{question} {DURATION_WORDS}", k)
                     if h.chunk.id not in seen][: k // 4]
            # ... and as a comparison's side is: chunks that measure the thing first (the
            # search's own first k are in already)
            seen = {h.chunk.id for h in hits}
            hits += [h for h in self.retriever.search_options(
                question, "", [asking_clause(question)], k, per_option=2, min_match=0.5,
                figured=True) if h.chunk.id not in seen]
        return hits

    def ask(self, question: str) -> Answer:
        """Answer one question from the articles, with citations.

        A question that asks two things is answered part by part and the parts are joined.
        """
        q = validate_question(question)
        parts = split_parts(q) if self.answerer.splits_parts else [q]
        if len(parts) == 1:
            # ("..., and what was the lower figure?" is answered by the comparison alone)
            one = self._ask_one(parts[0])
            return one if parts[0] == q else replace(one, question=q)
        answers: list[Answer] = []
        for part in parts:  # "... and when did he later take office?": he = the first part's
            history = [(a.question, a.short_answer) for a in answers]
            answers.append(self._ask_one(resolve_followup(part, history, one_question=True)))
        return merge(q, answers)

    def _ask_one(self, q: str) -> Answer:
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        hits = None
        if asks_about_article(q):  # "who wrote <title>?": answered from article metadata
            # "who wrote the article about ...": the article retrieval ranks first is meant
            hits = self.retrieve(q) if describes_a_piece(q) else None
            best = (hits[0].chunk.file, hits[0].chunk.article) if hits else None
            about = answer_about(q, self.headers, self.labels, self.index.document, best)
            if about is not None:
                return replace(about, timings_ms={"total": (time.perf_counter() - t0) * 1000})
        hits = self.retrieve(q) if hits is None else hits
        # A name typed one letter off ("Ishba") is read as the articles spell it ("Ishiba").
        asked = q
        query = analyze(q)
        keep = {w.lower() for o in query.options for w in re.findall(r"[A-Za-z]+", o)}
        if (fixed := respelt(q, [h.chunk.text for h in hits], keep)) != q:
            q = fixed
            hits = self.retrieve(q)
            query = analyze(q)
        t1 = time.perf_counter()
        timings["retrieve"] = (t1 - t0) * 1000
        ranked = scoring.score(query, hits, self.index, self.encoder, limit=None)
        t2 = time.perf_counter()
        timings["evidence"] = (t2 - t1) * 1000
        result = self.answerer.answer(query, ranked, self.labels, self.index.mentions)
        t3 = time.perf_counter()
        timings["answer"] = (t3 - t2) * 1000
        timings["total"] = (t3 - t0) * 1000
        return replace(result, question=asked,
                       evidence=(result.evidence or tuple(ranked))[:EVIDENCE_KEPT],
                       timings_ms={**result.timings_ms, **timings})


def merge(question: str, answers: list[Answer]) -> Answer:
    """One Answer from the answers to each part of a question; citations renumbered in order.

    A part the articles do not answer says so under its own question; the whole abstains only
    when every part does.
    """
    lines: list[str] = []
    citations: list[Citation] = []
    claims: list[Claim] = []
    parts: list[Answer] = []
    for a in answers:
        # A sentence two parts quote is one source, cited by one number.
        number = {}
        for i, c in enumerate(a.citations, 1):
            if c not in citations:
                citations.append(c)
            number[i] = citations.index(c) + 1
        part = tuple(replace(c, cites=tuple(number.get(n, n) for n in c.cites))
                     for c in a.claims)
        body = answer_text(None if a.abstained else a.short_answer, part, a.notes, a.reason)
        lines.append(a.question)
        lines.extend("  " + ln for ln in body.split("\n"))
        claims.extend(part)
        parts.append(replace(a, claims=part, citations=(), evidence=()))
    shorts = [a.short_answer for a in answers if a.short_answer]
    timings: dict[str, float] = {}
    for a in answers:
        for k, v in a.timings_ms.items():
            timings[k] = timings.get(k, 0.0) + v
    unanswered = [a.question for a in answers if a.abstained]
    notes = tuple(n for a in answers for n in a.notes)
    if unanswered and len(unanswered) < len(answers):
        notes += (f"The articles do not answer this part: {'; '.join(unanswered)}",)
        lines.append(f"Note: {notes[-1]}")
    return Answer(
        question=question,
        answer="\n".join(lines),
        short_answer="; ".join(shorts) if shorts else None,
        abstained=all(a.abstained for a in answers),
        citations=tuple(citations),
        evidence=tuple(e for a in answers for e in a.evidence),
        unsupported=tuple(u for a in answers for u in a.unsupported),
        timings_ms=timings,
        notes=notes,
        claims=tuple(claims),
        reason="; ".join(a.reason for a in answers if a.reason) or None,
        parts=tuple(parts),
    )


def ask(question: str, **flags: Any) -> Answer:
    """One-shot: `rag.ask("when did Xi last visit Seoul?", corpus_dir="seeds")`."""
    validate_question(question)
    settings = load_settings(**flags)
    ensure_index(settings)
    from .cite import note_missing  # the refresh may have failed: a cited file may be gone

    return note_missing(Pipeline(settings).ask(question), settings.corpus_dir)
