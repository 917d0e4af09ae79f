"""Prompt files: `rag/data/prompts/<name>.md`, split into roles, placeholders checked at load.

A prompt file is Markdown. Lines before the first role heading are notes for maintainers and are
not sent. Each role starts with a line that is exactly `# system` or `# user`. Placeholders are
`{name}` (str.format syntax; write `{{` and `}}` for literal braces). A placeholder the caller does
not supply, or one the caller requires but the file lacks, is an error when the file is loaded,
not half-way through an answer.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RagError

ROLES = ("system", "user")
_HEADING = re.compile(r"^# (system|user)\s*$", re.M)


def prompts_dir() -> Path:
    """$RAG_PROMPTS_DIR, else the packaged `rag/data/prompts/` (shipped in the wheel)."""
    default = Path(__file__).resolve().parent / "data" / "prompts"
    return Path(os.environ.get("RAG_PROMPTS_DIR") or default)


def placeholders(template: str) -> set[str]:
    """Field names used in a str.format template.

    >>> sorted(placeholders("Q: {question} {{literal}} {passages}"))
    ['passages', 'question']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@dataclass(frozen=True)
class Prompt:
    name: str
    parts: tuple[tuple[str, str], ...]  # (role, template) in file order

    def render(self, **values: str) -> list[tuple[str, str]]:
        """(role, text) messages with the placeholders filled in."""
        return [(role, template.format(**values).strip()) for role, template in self.parts]


def parse_prompt(
    name: str, text: str, fields: set[str], required: set[str] | None = None
) -> Prompt:
    """A Prompt from file text; raises RagError on unknown or missing placeholders."""
    marks = list(_HEADING.finditer(text))
    if not marks:
        raise RagError(f"prompt {name!r} has no '# system' or '# user' heading; add one")
    parts = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        parts.append((m.group(1), text[m.end() : end]))
    used: set[str] = set()
    for role, template in parts:
        try:
            used |= placeholders(template)
        except ValueError as e:  # unbalanced braces
            raise RagError(
                f"prompt {name!r} ({role}) is not a valid template ({e}); write literal braces "
                "as {{ and }}"
            ) from e
    unknown = used - fields
    if unknown:
        raise RagError(
            f"prompt {name!r} uses unknown placeholder(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(fields))}"
        )
    missing = set(required or ()) - used
    if missing:
        raise RagError(
            f"prompt {name!r} lacks required placeholder(s) {', '.join(sorted(missing))}; add them"
        )
    return Prompt(name, tuple(parts))


@lru_cache(maxsize=16)
def _load(path: Path, mtime: float, fields: frozenset[str], required: frozenset[str]) -> Prompt:
    return parse_prompt(path.stem, path.read_text(encoding="utf-8"), set(fields), set(required))


def load_prompt(name: str, fields: set[str], required: set[str] | None = None) -> Prompt:
    """Load and validate `prompts/<name>.md` (cached until the file changes)."""
    path = prompts_dir() / f"{name}.md"
    if not path.is_file():
        raise RagError(f"prompt file {path} is missing; restore it from git or set RAG_PROMPTS_DIR")
    return _load(path, path.stat().st_mtime, frozenset(fields), frozenset(required or fields))
