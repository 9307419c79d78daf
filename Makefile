# LiaisonDesk developer commands. `make run` and `make test` are the two quick-start commands.
PYTHON ?= python3
VENV ?= .venv
ifeq ($(OS),Windows_NT)
  BIN := $(VENV)/Scripts
else
  BIN := $(VENV)/bin
endif
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test test-all lint setup bench frozen frozen-smoke test-frozen fixtures clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,build,hub]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/liaison-desk $(ARGS)

# Tests run in parallel (pytest-xdist): one worker per core, each test file whole on one worker.
# `make test PYTEST_JOBS=` runs them in one process.
PYTEST_JOBS ?= -n auto --dist loadfile

# The whole default suite: layering contracts, migrations vs models, then pytest (slow stress runs excluded).
test: $(STAMP)
	$(BIN)/lint-imports
	$(PY) -m pytest -q $(PYTEST_JOBS) -m "not slow and not frozen" $(PYTEST_ARGS)

# Everything, including the stress runs and the frozen build (minutes).
test-all: $(STAMP)
	$(BIN)/lint-imports
	$(PY) -m pytest -q $(PYTEST_ARGS)

# Static checks, zero findings (CI runs this before the tests): layering contracts, ruff (rules in
# pyproject.toml), mypy over every package (strict for domain/; files and flags in pyproject.toml).
lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check liaison_desk tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

# PyInstaller one-folder build, then the frozen program's --version, headless.
frozen: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec

frozen-smoke: frozen
	QT_QPA_PLATFORM=offscreen dist/liaison-desk/liaison-desk --version

# Builds the bundle in a temporary folder and runs --version, init (bundled migrations), demo, check, export
# and the desk window from it, headless.
test-frozen: $(STAMP)
	$(PY) -m pytest -q -m frozen tests/test_frozen.py

# Regenerate the schema fixture databases under tests/fixtures/schemas (one per migration).
fixtures: $(STAMP)
	$(PY) -m tests.fixtures.make_schema_fixtures

clean:
	rm -rf build dist .pytest_cache
