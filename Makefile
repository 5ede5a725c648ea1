# Kansrijk: the two commands are `make serve` and `make test`; both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint typecheck bench install plotly chromium postgresql pdf axe catalogues clean

# The partial plotly.js bundle the pages load (npm, MIT licence): "basic" (scatter, bar) for
# the charts (the maps are Leaflet); checked against its SHA-256
# and stored with a gzip copy that the server sends as is. Without them the server falls back
# to the whole plotly.min.js of the plotly Python package (4.8 MB).
PLOTLY_JS     := 4.1.1
PLOTLY_VENDOR := src/kansrijk/web/static/vendor
PLOTLY_SHA256_basic := 99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba
PLOTLY_BUNDLES := $(PLOTLY_VENDOR)/plotly-basic-$(PLOTLY_JS).min.js

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) plotly

## plotly: the partial plotly.js bundles (npm), checked and pre-compressed, into web/static/vendor
plotly: $(PLOTLY_BUNDLES)

$(PLOTLY_VENDOR)/plotly-%-$(PLOTLY_JS).min.js:
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: the pages use the whole plotly.min.js (4.8 MB) instead of $(@F)"; exit 0; }; \
	mkdir -p $(PLOTLY_VENDOR) && tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ npm pack --silent --pack-destination "$$tmp" plotly.js-$*-dist-min@$(PLOTLY_JS) >/dev/null && \
	  tar -xzf "$$tmp"/plotly.js-$*-dist-min-$(PLOTLY_JS).tgz -C "$$tmp" && \
	  echo "$(PLOTLY_SHA256_$*)  $$tmp/package/plotly-$*.min.js" | sha256sum -c --quiet && \
	  cp "$$tmp"/package/LICENSE $(PLOTLY_VENDOR)/LICENSE.plotly.js.txt && \
	  gzip -9 -n -c "$$tmp"/package/plotly-$*.min.js > $@.gz && \
	  cp "$$tmp"/package/plotly-$*.min.js $@; } || \
	{ rm -f $@ $@.gz; echo "could not get plotly.js-$*-dist-min $(PLOTLY_JS) from npm: the pages use the whole plotly.min.js (4.8 MB)"; }

## serve: install, then run the web app (real data if loaded, else the fictional demo region)
serve: $(STAMP) plotly pdf
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
## the finder's `messages` domain (English msgids; nl, en, tr, ar, pl), the monitor's
## `monitor` domain (Dutch source text; en), and the `api` (OpenAPI texts) and
## `definitions` (indicator definitions) domains (English source; nl), and the `errors`
## domain (the `Message(...)` templates of errors a user can cause; English source; nl)
catalogues: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k translate:2 -k N_ --no-location --sort-output \
	  --omit-header -o src/kansrijk/l10n/locale/messages.pot .
	$(BIN)/pybabel update -i src/kansrijk/l10n/locale/messages.pot -d src/kansrijk/l10n/locale \
	  --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel extract -F babel-monitor.cfg --no-default-keywords -k _ -k t:2 -k N_ \
	  --no-location --sort-output --omit-header --width 100 -o src/kansrijk/l10n/locale/monitor.pot .
	$(BIN)/pybabel update -i src/kansrijk/l10n/locale/monitor.pot -d src/kansrijk/l10n/locale \
	  -D monitor -l en --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python -c "from kansrijk.web.routes.docs import write_api_template; write_api_template()"
	$(BIN)/pybabel update -i src/kansrijk/l10n/locale/api.pot -d src/kansrijk/l10n/locale \
	  -D api -l nl --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python -c "from kansrijk.indicators.export import definition_texts as d; from kansrijk.l10n.monitor import DEFINITIONS_DOMAIN, write_template; write_template(DEFINITIONS_DOMAIN, d())"
	$(BIN)/pybabel update -i src/kansrijk/l10n/locale/definitions.pot -d src/kansrijk/l10n/locale \
	  -D definitions -l nl --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/pybabel extract -F babel-errors.cfg --no-default-keywords -k Message -k HTTPException:2 \
	  --no-location --sort-output --omit-header --width 100 -o src/kansrijk/l10n/locale/errors.pot .
	test -f src/kansrijk/l10n/locale/nl/LC_MESSAGES/errors.po || $(BIN)/pybabel init \
	  -i src/kansrijk/l10n/locale/errors.pot -d src/kansrijk/l10n/locale -D errors -l nl --width 100
	$(BIN)/pybabel update -i src/kansrijk/l10n/locale/errors.pot -d src/kansrijk/l10n/locale \
	  -D errors -l nl --no-fuzzy-matching --ignore-obsolete --width 100

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

## test: install, lint, type-check and run every test, browser and PostgreSQL tests included
test: $(STAMP) plotly chromium postgresql pdf axe lint typecheck
	$(BIN)/pytest

## bench: the performance benchmarks (pytest-benchmark) against the budget in docs/performance.md
bench: $(STAMP)
	$(BIN)/pytest benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
