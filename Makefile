# stdkg: the two commands of the README, and a few helpers.
#   make demo   set everything up, ingest the demo corpus, serve the API, print where to look
#   make test   set everything up, lint (ruff, mypy, the layers contract), run the whole test suite against a
#               throw-away Neo4j
# Benchmarks: see docs/benchmarks/README.md (each script writes its own results page).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STDKG  := $(VENV)/bin/stdkg
STAMP  := $(VENV)/.stdkg-installed

.PHONY: demo test setup lint stop

# The virtual environment, created once and refreshed when pyproject.toml changes. uv does
# the installing (much faster than pip for torch and friends); it is itself installed from PyPI.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null
	@$(PY) -m pip install -q --disable-pip-version-check uv
	@$(PY) -m uv pip install -q -p $(PY) -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	@$(STDKG) demo

test: setup lint
	@$(PY) -m pytest -q

lint: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy stdkg corpus nlp graph analysis api cli evaluation
	@$(VENV)/bin/lint-imports --no-cache

stop: setup
	@$(STDKG) neo4j stop
