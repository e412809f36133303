# Emberwise — the README's commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := server
HOST ?= 127.0.0.1
PORT ?= 8000
## The browser the browser tests and bench/pwa.py drive: a name looked up on PATH, or a path.
## tests/e2e/conftest.py and bench/pwa.py find it the same way ($CHROMIUM, else chromium on PATH).
CHROMIUM ?= chromium
export CHROMIUM

.PHONY: run test test-browser typecheck install browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## TypeScript, pinned in package-lock.json, only to type-check the PWA (no build step).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

typecheck: node_modules/.package-lock.json
	node_modules/.bin/tsc -p tsconfig.json

## Serve the API and the PWA on http://127.0.0.1:8000 and run the scheduler beside it.
run: install
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask push init
	bash scripts/run.sh $(HOST) $(PORT)

## The tests, in two jobs that together run every test (.ci/run runs both):
##   make test          tsc over pwa/js, every pytest test but the browser ones (SQLite, plus
##                      PostgreSQL when TEST_DATABASE_URL is set), node --test over tests/js;
##   make test-browser  the browser tests (tests/e2e): the PWA in Debian's Chromium.
## pytest spreads each over the machine's cores. Each prints how long it took.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --dist worksteal
test: install node_modules/.package-lock.json
	@start=$$(date +%s); \
	node_modules/.bin/tsc -p tsconfig.json && echo "tsc: pwa/js type-checks" && \
	$(PYTEST) --ignore=tests/e2e && \
	node --test tests/js/; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s (the browser tests: make test-browser)"; exit $$status

test-browser: install browser
	@start=$$(date +%s); \
	$(PYTEST) tests/e2e; status=$$?; \
	echo "make test-browser: $$(( $$(date +%s) - start )) s"; exit $$status

## Debian's Chromium for the browser tests ($(CHROMIUM)), and poppler's pdftoppm to keep report
## pages as PNGs. Installed as root when missing; otherwise a missing one stops here.
browser:
	@if ! command -v "$(CHROMIUM)" >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "Browser tests need Debian's chromium and poppler-utils: sudo apt-get install chromium poppler-utils" >&2; exit 1; fi; \
	fi
	@command -v "$(CHROMIUM)" >/dev/null 2>&1 || { echo "No browser at CHROMIUM=$(CHROMIUM)" >&2; exit 1; }

bench: install browser
	$(BIN)/python bench/api.py
	$(BIN)/python bench/sync.py
	$(BIN)/python bench/pwa.py
	$(BIN)/python bench/push_fanout.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/import_memory.py
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(BIN)/python bench/reminder_tick.py; \
	else echo "bench/reminder_tick.py skipped: it needs PostgreSQL (TEST_DATABASE_URL)"; fi
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(BIN)/python bench/load.py; \
	else echo "bench/load.py skipped: it needs PostgreSQL (TEST_DATABASE_URL)"; fi

clean:
	rm -rf $(VENV) node_modules instance/emberwise.sqlite*
