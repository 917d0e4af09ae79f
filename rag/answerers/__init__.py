"""Answerers: scored evidence -> Answer. One file per kind behind the `Answerer` protocol.

    extractive  no LLM: the best sentences, quoted and cited (the default)
    llm         a chat model writes the answer; every sentence is verified against its passages

`get_answerer(settings)` picks one by `settings.answerer`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..query import Query
from ..settings import Settings
from ..types import Answer, Evidence


class Answerer(Protocol):
    """Answers one question from its scored evidence (best first)."""

    splits_parts: bool  # answers a two-part question part by part (else it gets it whole)

    def answer(self, query: Query, evidence: Sequence[Evidence],
               labels: dict[tuple[str, int], str],
               mentions: Callable[[str], bool] | None = None) -> Answer:
        """`labels`: (file, article) -> date label; `mentions(word)`: the corpus has the word."""
        ...


def get_answerer(settings: Settings) -> Answerer:
    """The answerer the settings name; LLM backends load on first use."""
    if settings.answerer == "llm":
        from .llm import LLMAnswerer

        return LLMAnswerer(settings)
    from .extractive import ExtractiveAnswerer

    return ExtractiveAnswerer()
