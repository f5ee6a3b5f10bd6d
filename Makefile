# Entry points: `make run` (dashboard), `make test` (ruff, then the whole test suite) and
# `make test-unit` (ruff, then the unit tests only: no browser, no AppTest page, no raw sources).
# Each creates the virtual environment and installs requirements.txt when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-requirements

.PHONY: run test test-unit lint data bench chromium assets haproxy

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	cp requirements.txt $(STAMP)

run: $(STAMP) assets
	$(PY) -m streamlit run app.py

AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js

lint: $(STAMP)
	$(PY) -m ruff check .

test: lint chromium haproxy $(AXE) assets
	$(PY) -m pytest

# Unit tests: pure logic, pipeline stages on small synthetic data, the few UI modules testable without a page.
UNIT := tests/logique tests/geo tests/test_architecture.py tests/ui/test_routage.py tests/ui/test_assets.py \
        tests/ui/test_cadre.py tests/ui/test_profil.py tests/ui/test_composant_carte.py
test-unit: lint
	$(PY) -m pytest -q -m "not sources" $(UNIT)

# axe-core for the accessibility audit, from the npm registry (version pinned in the lock file).
$(AXE): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	npm ci --prefix tests/e2e/axe --no-audit --no-fund --loglevel=error
	touch $(AXE)

# Rebuild data/ from the raw sources (../shared/data/sources by default).
data: $(STAMP)
	$(PY) -m geo.build

# Debian's Chromium drives the browser tests (Playwright cannot download its own here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "Chromium manque : sudo apt-get install chromium"; exit 1; fi; }

# Fetch the raw sources from their official addresses (geo/registre_sources.json) and check their SHA-256.
.PHONY: sources
sources: $(STAMP)
	$(PY) -m geo.sources

# Static files served by the app (Leaflet, derived public files) are placed at install
# time: the app never writes into the project tree (it may be read-only).
assets: $(STAMP)
	$(PY) -m tableau.ui.assets

# Debian's HAProxy for the load-balancer test (tests/test_deploiement.py); without it
# (and not root) that test is skipped, saying so.
haproxy:
	@command -v haproxy >/dev/null || test -x /usr/sbin/haproxy || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy; \
	  else echo "HAProxy manque (test de déploiement ignoré) : sudo apt-get install haproxy"; fi; }
