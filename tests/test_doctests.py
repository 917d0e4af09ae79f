"""The examples in docstrings are part of the documentation; they must stay true."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import rag


def _with_examples() -> list[str]:
    """Every module of the package whose source has an example: a list kept by hand had
    drifted (rag.spans and the extractive answerer were missing from it)."""
    names = ["rag", *(m.name for m in pkgutil.walk_packages(rag.__path__, "rag."))]
    out = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec and spec.origin and ">>>" in Path(spec.origin).read_text(encoding="utf-8"):
            out.append(name)
    return sorted(out)


MODULES = _with_examples()


def test_the_modules_with_examples_are_found():
    assert {"rag.spans", "rag.text", "rag.query", "rag.answerers.extractive"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
