# Atelier — the commands of the README. Every target installs what it needs first.
#   make serve   live preview on http://127.0.0.1:8000
#   make test    every check: lint, types, unit, integration, CLI tests
#   make build   the static site in site/
#   make install the virtual environment in .venv (idempotent)
#   make bench   build time at scale, Atelier against plain mkdocs-material (SHEETS=2000)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build test lint typecheck unit bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --clean

lint: install
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

bench: install
	$(BIN)/python benchmarks/build.py --sheets $(or $(SHEETS),2000)
