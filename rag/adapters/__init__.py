"""Adapters to the frameworks our users run: LangChain (`rag.adapters.langchain`) and
LlamaIndex (`rag.adapters.llamaindex`). Each module imports its framework at the top, so it is
importable only when that framework is installed (`pip install 'citednews[langchain]'` or
`'citednews[llamaindex]'`); without it the import is one MissingExtraError naming the extra.

This module is framework-free: it turns a question into `Passage`s, the retrieved chunks ranked
by their best evidence sentence, which both adapters convert to their own document types.
Framework types stay in the adapter modules; they are not our types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import evidence as scoring
from ..pipeline import Pipeline, ensure_index
from ..query import analyze, validate_question
from ..settings import load_settings


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk, with the sentence in it that best supports the question."""

    id: str  # "<file>#<chunk id>", stable for one index version
    text: str  # the chunk: what a chain puts in a prompt
    file: str  # relative to the corpus folder, as citations name it
    lines: tuple[int, int]  # 1-based source lines of the chunk
    title: str
    date: str | None
    score: float  # fitted probability that `quote` holds the answer (rag/data/scorer.json)
    quote: str  # that sentence, verbatim from the file

    def metadata(self) -> dict[str, Any]:
        """{file, lines, title, date, score, quote}: what both frameworks carry as metadata."""
        return {"file": self.file, "lines": list(self.lines), "title": self.title,
                "date": self.date, "score": self.score, "quote": self.quote}


def open_pipeline(pipeline: Pipeline | None = None, **flags: Any) -> Pipeline:
    """`pipeline`, or one for the settings `flags` name (corpus_dir, k, …), its index built or
    refreshed first as `rag.ask` does."""
    if pipeline is not None:
        return pipeline
    settings = load_settings(**flags)
    ensure_index(settings)
    return Pipeline(settings)


def passages(pipeline: Pipeline, question: str, k: int | None = None) -> list[Passage]:
    """The k retrieved chunks for `question`, best supporting sentence first."""
    q = validate_question(question)
    hits = pipeline.retrieve(q, k)
    best: dict[int, Any] = {}
    for ev in scoring.score(analyze(q), hits, pipeline.index, pipeline.encoder, limit=None):
        best.setdefault(ev.chunk.id, ev)  # ranked best first: the first is the best
    out = []
    for hit in hits:
        c = hit.chunk
        top = best.get(c.id)
        out.append(Passage(id=f"{c.file}#{c.id}", text=c.text, file=c.file,
                           lines=(c.line_start, c.line_end), title=c.title, date=c.date,
                           score=float(top.score) if top else 0.0, quote=top.text if top else ""))
    return sorted(out, key=lambda p: -p.score)

