"""The examples in docstrings are part of the documentation; they must stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

# the modules with examples
MODULES = ["rag.choice", "rag.chunk", "rag.corpus", "rag.dates", "rag.encoding", "rag.evaluate",
           "rag.followup", "rag.metrics", "rag.places", "rag.prompts", "rag.query", "rag.retrieve",
           "rag.terminal", "rag.text", "rag.types", "rag.verify"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
