# The two commands: `make run` and `make test`. Everything installs from this project's files.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
LINTED  = briefing tests scripts benchmarks
# extra pytest arguments, e.g. `make test PYTEST_ARGS="-k scheduler"` or `-m "not slow"`
PYTEST_ARGS ?=
# Test processes: two, one test file each at a time (module fixtures are built once). Much
# of the suite waits on sockets, daemons and subprocesses, so two workers pay off on two
# cores; `make test WORKERS=0` runs everything in one process.
WORKERS ?= 2
PYTEST  = $(BIN)/python -m pytest -n $(WORKERS) --dist loadfile

.PHONY: run test test-fast lint stress-test dev-models system-deps services install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs with uv (itself from PyPI, by pip): it resolves and unpacks in parallel, about
# a minute on a fresh clone where pip took four or five. Plain pip if uv cannot be had.
define install
	($(BIN)/python -m pip install -q uv && $(BIN)/uv pip install -q --python $(BIN)/python -e '$(1)') \
	|| $(BIN)/python -m pip install -q -e '$(1)'
endef

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(call install,.)
	touch $@

# One run for the package and its dev tools (a second run would resolve everything again).
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(call install,.[dev])
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	@echo "Building today's briefing from seeds/ ..."
	$(BIN)/briefing build --config config.yaml
	@echo "Done: the HTML and PDF above are in out/; out/index.html lists every briefing."

# The whole suite, slow end-to-end tests included; the slowest are listed with their times.
test: install-dev
	$(PYTEST) $(PYTEST_ARGS)

# Everything but the tests marked slow (PDF rendering, whole builds, real daemons).
test-fast: install-dev
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# The suite three times in a row while a CPU hog keeps every core busy (scripts/stress-test.sh).
stress-test: install-dev
	scripts/stress-test.sh -n $(WORKERS) --dist loadfile $(PYTEST_ARGS)

# The Arabic development NER models for the dev-split quality floor, trained once per change
# of their inputs (about 9 min) and cached outside the checkout (scripts/dev_models.py).
dev-models: install
	$(BIN)/python scripts/dev_models.py

# Debian packages (WeasyPrint's Pango, Chromium for browser tests) and the test services.
system-deps:
	scripts/install-system-deps.sh

services:
	scripts/start-services.sh

clean:
	rm -rf out/ .pytest_cache .mypy_cache .ruff_cache
