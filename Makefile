# Kansrijk: the two commands are `make serve` and `make test`; both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint typecheck bench install chromium postgresql pdf axe catalogues clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## serve: install, then run the web app (real data if loaded, else the fictional demo region)
serve: $(STAMP) pdf
	$(BIN)/kansrijk serve --host $(HOST) --port $(PORT)

## chromium: Debian's chromium for the browser tests, when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

## postgresql: Debian's PostgreSQL server for the registry tests (they start their own), when missing
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi; }

## pdf: Debian's pango (WeasyPrint's layout engine), fonts with Arabic, and poppler-utils (pdftoppm)
pdf:
	@{ pkg-config --exists pango 2>/dev/null || ldconfig -p | grep -q libpango-1.0; } && command -v pdftoppm >/dev/null 2>&1 \
	  && fc-list | grep -q "Noto Sans Arabic" || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 poppler-utils fonts-noto-core fonts-dejavu-core >/dev/null; }

## axe: axe-core (npm) for the accessibility tests of the finder pages, into tests/e2e/axe
axe:
	@test -f tests/e2e/axe/node_modules/axe-core/axe.min.js || npm install --prefix tests/e2e/axe --no-audit --no-fund --silent

## catalogues: extract the messages and update the .po catalogues (then translate the new ones):
## the finder's `messages` domain (English msgids; nl, en, tr, ar, pl) and the monitor's
## `monitor` domain (Dutch source text; en)
catalogues: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k translate:2 -k N_ --no-location --sort-output \
	  --omit-header -o src/kansrijk/web/locale/messages.pot .
	$(BIN)/pybabel update -i src/kansrijk/web/locale/messages.pot -d src/kansrijk/web/locale \
	  --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel extract -F babel-monitor.cfg --no-default-keywords -k _ -k t:2 -k N_ \
	  --no-location --sort-output --omit-header --width 100 -o src/kansrijk/web/locale/monitor.pot .
	$(BIN)/pybabel update -i src/kansrijk/web/locale/monitor.pot -d src/kansrijk/web/locale \
	  -D monitor -l en --no-fuzzy-matching --ignore-obsolete --width 100

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

## test: install, lint, type-check and run every test, browser and PostgreSQL tests included
test: $(STAMP) chromium postgresql pdf axe lint typecheck
	$(BIN)/pytest

## bench: the performance benchmarks (pytest-benchmark) against the budget in docs/performance.md
bench: $(STAMP)
	$(BIN)/pytest benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
