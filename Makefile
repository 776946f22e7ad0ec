# Two entry points for a new user (see README "Quick start"): `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mh-planner --data data

test: lint
	$(BIN)/python -m pytest -n 2 -q

# Hostile inputs at length (tests/hostile): thousands of mutated data sets, the save-kill loop and the TUI.
# `make test` runs a small fixed sample of the same tests. Figures: .hostile/summary.json (see its README).
# MH_HOSTILE_EXAMPLES=N examples per test; MH_HOSTILE_SURVEY=1 records every outcome instead of stopping.
fuzz: $(STAMP)
	MH_HOSTILE=fuzz $(BIN)/python -m pytest tests/hostile -n 0 -q

# Style, the layers contract (import-linter) and the types (mypy: strict on the core).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_place.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_tui_start.py
	$(BIN)/python benchmarks/bench_import.py

clean:
	rm -rf $(VENV) .pytest_cache
