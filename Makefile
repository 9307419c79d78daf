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

.PHONY: run system-libs test test-all lint setup bench frozen frozen-smoke test-frozen fixtures clean

# The system libraries Qt 6's X11 (xcb) platform plugin loads (`ldd` on PySide6's
# Qt/plugins/platforms/libqxcb.so), as soname:Debian/Ubuntu package. A fresh Debian or Ubuntu lacks some of
# them (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, …) and the desk window then cannot open.
QT_XCB_LIBS := libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
  libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 \
  libxcb-render-util.so.0:libxcb-render-util0 libxcb-xkb.so.1:libxcb-xkb1 \
  libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-randr.so.0:libxcb-randr0 libxcb-shape.so.0:libxcb-shape0 \
  libxcb-sync.so.1:libxcb-sync1 libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-shm.so.0:libxcb-shm0 \
  libX11-xcb.so.1:libx11-xcb1 libxkbcommon.so.0:libxkbcommon0 libEGL.so.1:libegl1 libGL.so.1:libgl1 \
  libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,build,hub]"
	touch $(STAMP)

setup: $(STAMP)

run: system-libs $(STAMP)
	$(BIN)/liaison-desk $(ARGS)

# Checked first, before the venv is built: as root with apt-get the missing libraries are installed, otherwise
# the exact `sudo apt-get install -y …` line is printed and make stops. `make run SYSTEM_LIBS=no` skips it
# (a Wayland-only or headless machine).
SYSTEM_LIBS ?= yes
system-libs:
ifneq ($(OS),Windows_NT)
ifeq ($(SYSTEM_LIBS),yes)
	@sh scripts/qt_system_libs.sh $(QT_XCB_LIBS)
endif
endif

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
