# Two entry points: `make run` (dashboard) and `make test` (whole test suite).
# Both create the virtual environment and install requirements.txt when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-requirements

.PHONY: run test data bench chromium

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	cp requirements.txt $(STAMP)

run: $(STAMP)
	$(PY) -m tableau.geostatique
	$(PY) -m streamlit run app.py

AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js

test: $(STAMP) chromium $(AXE)
	$(PY) -m pytest

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
