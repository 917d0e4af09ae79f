"""Where state lives (indexes, config, chat history) and which corpus was indexed last.

RAG_HOME, when set, wins. Else a `.rag` folder in the current directory, when one exists (a
project that keeps its index beside its articles, as this repository's `make ask` does). Else
the platform's user data folder (platformdirs: ~/.local/share/citednews on Linux,
~/Library/Application Support/citednews on macOS, %LOCALAPPDATA%\\citednews on Windows), so
`rag` finds the same index from any folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .extras import DISTRIBUTION

LOCAL = ".rag"
LAST_CORPUS = "last_corpus.json"


def rag_home() -> Path:
    """$RAG_HOME, else ./.rag when it exists, else the platform's user data folder."""
    if os.environ.get("RAG_HOME"):
        return Path(os.environ["RAG_HOME"])
    local = Path.cwd() / LOCAL
    if local.is_dir():
        return local
    from platformdirs import user_data_path

    return user_data_path(DISTRIBUTION, appauthor=False)


def config_path() -> Path:
    """The optional TOML config file: $RAG_CONFIG, else `<RAG_HOME>/config.toml`."""
    return Path(os.environ.get("RAG_CONFIG") or rag_home() / "config.toml")


def last_corpus() -> Path | None:
    """The corpus folder `rag index DIR` last indexed under this RAG_HOME, if any."""
    try:
        data = json.loads((rag_home() / LAST_CORPUS).read_text(encoding="utf-8"))
        return Path(data["corpus"])
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or unreadable: not fatal
        return None


def remember_corpus(corpus: Path) -> None:
    """Record `corpus` (absolute) as the one later commands default to."""
    home = rag_home()
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / f".{LAST_CORPUS}.tmp"
    tmp.write_text(json.dumps({"corpus": str(corpus.resolve())}), encoding="utf-8")
    tmp.replace(home / LAST_CORPUS)
