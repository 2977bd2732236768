# Atelier — the commands of the README. Every target installs what it needs first.
#   make serve   live preview on http://127.0.0.1:8000
#   make unit    quick feedback: the tests without a browser, a spaCy model or a slow build
#   make test    every check: lint, types, unit, integration, CLI and browser tests
#   make browser-deps  what the browser tests need: chromium, Java, vnu.jar (idempotent)
#   make build   the static site in site/
#   make install the virtual environment in .venv (idempotent)
#   make bench   this site at scale against plain mkdocs-material (SHEETS=1000,10000 PROFILE=1):
#                time, memory, sizes, stage times, first search; bench-results/bench.{json,png}
#   make bench-privacy  the privacy guard: recall and false alarms per labelled set, and its cost
#   make fuzz    random hostile sheets through reader, checks and renderer (FUZZ_SECONDS=600)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build test lint typecheck unit bench bench-search bench-privacy clean browser-deps chromium fuzz

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The preview shows the privacy guard's rules to the author (the build leaves them to
# `atelier check`, see mkdocs.yml); the search index follows the pages in the background.
serve: install
	ATELIER_PRIVACY=rules $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --clean

lint: install
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -m "not browser and not slow and not model"

test: lint typecheck browser-deps
	$(BIN)/pytest

# Hypothesis draws new hostile sheets until FUZZ_SECONDS is spent (tests/fuzz); `make test` runs a
# short deterministic profile of the same properties.
FUZZ_SECONDS ?= 600

fuzz: install
	ATELIER_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/pytest tests/fuzz -k for_a_set_time -s -q -p no:cacheprovider

# The browser tests (tests/e2e) drive Debian's chromium (never a browser that Playwright would
# download), and check HTML with the Nu Html Checker (vnu.jar, from npm, run by Java).
# Each piece is installed only when it is missing: quiet when everything is there.
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get

# The benchmark's first search runs in chromium too: `make bench` installs it alone.
chromium:
	@test -x /usr/bin/chromium || { echo "Installing chromium with apt-get"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium; }

browser-deps:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing with apt-get:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing; \
	fi
	@if [ ! -f $(VNU_JAR) ]; then \
	  echo "Installing the Nu Html Checker (npm vnu-jar) in .tools/"; \
	  npm install --prefix .tools --no-audit --no-fund --silent vnu-jar@26; \
	fi
	@test -f $(VNU_JAR) || { echo "$(VNU_JAR) is still missing after npm install" >&2; exit 1; }

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

BENCH_STAMP := $(VENV)/.bench-stamp
BENCH_SHEETS := 1000,10000

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

bench: install $(BENCH_STAMP) chromium
	$(BIN)/python benchmarks/build.py --sheets $(or $(SHEETS),$(BENCH_SHEETS)) \
	  --out bench-results/bench.json $(if $(PROFILE),--profile)

bench-search: install chromium
	$(BIN)/python benchmarks/search.py --sheets $(or $(SHEETS),10000)

bench-privacy: install
	$(BIN)/python benchmarks/privacy_eval.py --sheets $(or $(SHEETS),1000)
