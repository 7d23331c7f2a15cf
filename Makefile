# `make run` and `make test` work on a fresh machine: they create .venv and install everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run build serve test lint browser bench clean train

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build of torch first, from local disk: a bare `torch` pulls a multi-gigabyte CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/python -m indexer build corpus/

run: build
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

# The HTTP JSON service on 127.0.0.1:8000 (docs at /docs); HOST=0.0.0.0 needs INDEXER_API_KEY.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: install
	$(BIN)/python -m indexer serve --host $(HOST) --port $(PORT)

browser:
	@test -x /usr/bin/chromium || { (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "chromium could not be installed: browser tests will be skipped"; }

lint: install
	$(BIN)/ruff check indexer app.py ui tests bench train
	$(BIN)/mypy

test: install browser lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Retrains the shipped models from train/data (about an hour on two cores; never part of test).
train: install
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python train/train_retriever.py
	$(BIN)/python train/train_judge.py

bench: install
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) .index
