"""The LLM answerer: a chat model (rag/generate.py) writes, rag/verify.py checks every sentence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..query import Query
from ..settings import Settings
from ..types import Answer, Evidence


class LLMAnswerer:
    splits_parts = False  # the model reads the whole question

    def __init__(self, settings: Settings, generator: Any = None) -> None:
        from ..generate import as_generator, get_generator

        self.generator = (get_generator(settings) if generator is None
                          else as_generator(generator, settings))

    def answer(self, query: Query, evidence: Sequence[Evidence],
               labels: dict[tuple[str, int], str],
               mentions: Callable[[str], bool] | None = None) -> Answer:
        return self.generator.generate(query.text, evidence)
