# The two commands: `make run` and `make test`. Everything installs from this project's files.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	@echo "Building today's briefing from seeds/ ..."
	$(BIN)/briefing build --config config.yaml
	@echo "Done: the HTML and PDF above are in out/; out/index.html lists every briefing."

test: install-dev
	$(BIN)/python -m pytest -q

clean:
	rm -rf out/ .pytest_cache
