"""The PyInstaller one-folder build (build.spec): it builds, and the frozen program really works.

Slow (one build, about a minute or two), so it is marked ``frozen`` and left out of ``make test``; run it with
``pytest -m frozen tests/test_frozen.py`` or ``make test-all``. The build goes to a temporary folder, never to
the checkout's build/ and dist/.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
APP_NAME = "liaison-desk"
EXE_NAME = APP_NAME + (".exe" if sys.platform == "win32" else "")
BUILD_TIMEOUT = 1800  # seconds; a cold build on a slow CI machine
RUN_TIMEOUT = 120
STATION = ["--station-name", "测试站", "--station-code", "CE01", "--admin-pin", "1234"]


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join((text or "").splitlines()[-lines:])


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


@pytest.fixture(scope="module")
def source_files() -> dict[str, set[str]]:
    """The data files the bundle must carry, listed *before* the build (others may add files meanwhile)."""
    return {"resources": _files(ROOT / "resources"),
            "migrations": _files(ROOT / "liaison_desk" / "db" / "migrations")}


@pytest.fixture(scope="module")
def frozen_dir(tmp_path_factory, source_files) -> Path:
    """Build the bundle once for this module; return dist/liaison-desk (the one folder)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]'): cannot test the frozen build")
    base = tmp_path_factory.mktemp("frozen")
    dist, work = base / "dist", base / "build"
    # No --clean: the work path is fresh anyway, and --clean would also wipe PyInstaller's per-user cache
    # under a `make frozen` that may be running at the same time.
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    started = time.monotonic()
    proc = subprocess.run(cmd, check=False, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=BUILD_TIMEOUT)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, (
        f"pyinstaller build.spec failed (exit {proc.returncode}, {elapsed:.0f} s):\n"
        f"{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
    )
    folder = dist / APP_NAME
    assert (folder / EXE_NAME).is_file(), f"no {EXE_NAME} in {folder}: {sorted(os.listdir(folder))}"
    print(f"frozen build: {elapsed:.0f} s")
    return folder


def _env() -> dict[str, str]:
    """The user's environment minus what would point the program at real data or change its language."""
    drop = {"LIAISON_DESK_DATA_DIR", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "PYTHONPATH", "PYTHONHOME"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_frozen(folder: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    # The bundle runs in UTF-8 mode (build.spec), so its output is UTF-8 whatever the locale.
    # cwd is a scratch folder: the program must not depend on being started from the checkout.
    return subprocess.run([str(folder / EXE_NAME), *args], check=False, cwd=cwd, env=_env(),
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=RUN_TIMEOUT)


def _explain(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{_tail(proc.stdout)}\n--- stderr\n{_tail(proc.stderr)}"


def _log_text(data: Path) -> str:
    logs = sorted((data / "logs").glob("*.log*"))
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)


def test_version(frozen_dir, tmp_path):
    from liaison_desk import __version__

    proc = run_frozen(frozen_dir, "--version", cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    assert proc.stdout.strip() == f"liaison-desk {__version__}", _explain(proc)


def test_init_runs_the_bundled_migrations_then_stats_json(frozen_dir, tmp_path):
    from liaison_desk.db.migrate import head_revision

    data = tmp_path / "data"
    proc = run_frozen(frozen_dir, "--data-dir", str(data), "init", *STATION, cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc) + "\n--- log\n" + _tail(_log_text(data))
    assert "测试站" in proc.stdout and "CE01" in proc.stdout, _explain(proc)

    # Every migration made it into the bundle: the new database is at the checkout's head revision.
    from liaison_desk.db.cipher import connect_station, is_encrypted

    assert is_encrypted(data / "liaison-desk.sqlite3")  # the bundle carries SQLCipher: the file is encrypted
    con = connect_station(data / "liaison-desk.sqlite3")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    finally:
        con.close()

    proc = run_frozen(frozen_dir, "--data-dir", str(data), "stats", "--json", cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    stats = json.loads(proc.stdout)
    assert isinstance(stats, dict) and stats, proc.stdout


def test_demo_check_and_export(frozen_dir, tmp_path):
    """The other subcommands import their services lazily; each must find its modules in the bundle."""
    data = tmp_path / "demo"
    proc = run_frozen(frozen_dir, "--data-dir", str(data), "demo", "--visits", "60", "--seed", "2",
                      cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    proc = run_frozen(frozen_dir, "--data-dir", str(data), "check", cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    out = tmp_path / "all.jsonl"
    proc = run_frozen(frozen_dir, "--data-dir", str(data), "export", "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)


def test_desk_window_starts(frozen_dir, tmp_path):
    """No subcommand opens the desk (off-screen here): it must still be running after a few seconds, with
    the bundled font and Qt's Chinese translation found (ui/appearance.py warns when either is missing).
    """
    data = tmp_path / "data"
    proc = run_frozen(frozen_dir, "--data-dir", str(data), "init", *STATION, cwd=tmp_path)
    assert proc.returncode == 0, _explain(proc)
    desk = subprocess.Popen([str(frozen_dir / EXE_NAME), "--data-dir", str(data)], cwd=tmp_path, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        desk.wait(timeout=8)
    except subprocess.TimeoutExpired:
        pass  # still running: the window is up
    finally:
        still_running = desk.poll() is None
        if still_running:
            desk.kill()
        output = desk.communicate(timeout=30)[0].decode("utf-8", "replace")
    log = _log_text(data)
    assert still_running, (f"the desk exited at once (exit {desk.returncode}):\n{_tail(output)}\n"
                           f"--- log\n{_tail(log)}")
    assert "bundled font not found" not in log and "could not load the bundled font" not in log, _tail(log)
    assert "qtbase_zh_CN not found" not in log, _tail(log)
    assert "Traceback" not in log, _tail(log)
    # the main window opened on its sign-in and then loaded the rest step by step (ui/start_screen.py): every
    # module it imports by name is in the bundle
    assert "database ready" in log, _tail(log)


def _pyside_modules_imported_by_the_app() -> set[str]:
    used: set[str] = set()
    for path in (ROOT / "liaison_desk").rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            used.update(n.split(".")[1] for n in names
                        if n.startswith("PySide6.Qt") and len(n.split(".")) >= 2)
    return used


def test_bundle_contents(frozen_dir, source_files):
    """What the code finds by path at run time is in the bundle; every Qt module the UI imports was kept."""
    internal = frozen_dir / "_internal"  # sys._MEIPASS of a PyInstaller 6 one-folder build
    assert internal.is_dir(), sorted(p.name for p in frozen_dir.iterdir())
    assert source_files["resources"] <= _files(internal / "resources")
    bundled = _files(internal / "liaison_desk" / "db" / "migrations")
    assert source_files["migrations"] <= bundled
    assert {"env.py", "script.py.mako"} <= bundled and any(f.startswith("versions/") for f in bundled)

    # The UI is the only path this suite cannot drive fully: check that no Qt module it imports was excluded.
    qt_dir = internal / "PySide6"
    missing = sorted(m for m in _pyside_modules_imported_by_the_app()
                     if not any(qt_dir.glob(f"{m}.*")))
    assert not missing, f"PySide6 modules imported by liaison_desk but missing from the bundle: {missing}"
