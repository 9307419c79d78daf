"""Issue 17 (at rest): the station database, its WAL and its upgrade backups are encrypted (SQLCipher); the key
lives in the key store, a recovery code rebuilds it on another PC, a plain database is encrypted at the next
open, atomically."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from liaison_desk import paths
from liaison_desk.db import cipher, migrate, quick
from liaison_desk.db.database import Database
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database

PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"
NAME = "覃秀梅"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _copy_new_databases(monkeypatch, _migrated_empty_station):
    """As outside tests/db (tests/conftest.py): a new file is a copy of one the real migrations made, not
    migrated again (these tests are about encryption, not migrations; the upgrade test still migrates)."""
    real = migrate.upgrade

    def upgrade(path: Path, revision: str = "head") -> None:
        path = Path(path)
        if revision == "head" and (not path.exists() or path.stat().st_size == 0):
            shutil.copyfile(_migrated_empty_station, path)
            return
        real(path, revision)

    monkeypatch.setattr(migrate, "upgrade", upgrade)


def _secrets_on_disk(folder: Path) -> list[str]:
    """Every file under ``folder`` that holds the phone, the ID number or the visitor's name in clear."""
    found = []
    needles = (PHONE.encode(), ID_NUMBER.encode(), NAME.encode("utf-8"), NAME.encode("utf-16-le"))
    for file in folder.rglob("*"):
        if file.is_file() and any(n in file.read_bytes() for n in needles):
            found.append(str(file.relative_to(folder)))
    return found


def _register(db: Database) -> None:
    register_visit(db, SYSTEM_ADMIN, VisitInput(NAME, visitor_phone=PHONE, id_number=ID_NUMBER),
                   CaseInput("村口路灯坏了，晚上看不见路"))


def _plain_station(data_dir: Path) -> Path:
    """A station database as the previous version left it: plain, with a visit, and a plain upgrade backup."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = paths.database_path(data_dir)
    migrate.upgrade(path)
    assert cipher.is_encrypted(path) is False
    db = Database(path)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    _register(db)
    db.dispose()
    backups = paths.backup_dir(data_dir)
    backups.mkdir()
    shutil.copyfile(path, backups / "liaison-desk-20260101-080000-before-0005.sqlite3")
    return path


def test_a_phone_typed_at_the_desk_is_not_in_the_files(data_dir):
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    _register(db)
    # while the desk is open (the WAL holds the newest pages) and after it closed
    assert _secrets_on_disk(data_dir) == []
    db.dispose()
    assert _secrets_on_disk(data_dir) == []
    head = paths.database_path(data_dir).read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    assert len(set(head)) > 8  # random bytes, not a header
    if os.name == "posix":
        assert stat.S_IMODE(paths.database_path(data_dir).stat().st_mode) == 0o600
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_the_encrypted_database_opens_again_with_no_typing(data_dir):
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    _register(db)
    db.dispose()
    again = open_station_database(data_dir)
    assert again.encrypted and again.station_id() == db.station_id()
    again.dispose()


def test_a_wrong_key_is_a_clear_chinese_message(data_dir):
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    db.dispose()
    path = paths.database_path(data_dir)
    before = path.read_bytes()
    cipher.key_store(path).put(cipher.key_name(path), os.urandom(32))
    with pytest.raises(cipher.WrongKey) as err:
        open_station_database(data_dir)
    assert "密钥" in err.value.message and "没有被改动" in err.value.message
    assert path.read_bytes() == before
    assert quick.read_start(path, __import__("datetime").date.today()) is None  # the ordinary path explains


def test_the_cli_says_so_without_a_traceback(data_dir, capsys):
    from liaison_desk.app import main

    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    db.dispose()
    path = paths.database_path(data_dir)
    cipher.key_store(path).put(cipher.key_name(path), os.urandom(32))
    assert main(["--data-dir", str(data_dir), "stats"]) != 0
    out = capsys.readouterr()
    assert "密钥" in out.err + out.out
    assert "Traceback" not in out.err + out.out


def test_quick_read_opens_the_encrypted_file(data_dir):
    import datetime as dt

    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    db.dispose()
    start = quick.read_start(paths.database_path(data_dir), dt.date.today())
    assert start is not None and start["station_code"] == "LX01"


def test_a_plain_database_is_encrypted_at_the_next_open(data_dir):
    path = _plain_station(data_dir)
    assert _secrets_on_disk(data_dir)  # the finding: in clear, the backup too
    db = open_station_database(data_dir)
    try:
        assert db.encrypted
        with db.session(write=False) as s:
            from sqlalchemy import text

            assert s.execute(text("SELECT visitor_phone FROM visits")).scalars().all() == [PHONE]
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        db.dispose()
    assert _secrets_on_disk(data_dir) == []
    backups = sorted(paths.backup_dir(data_dir).glob("*.sqlite3"))
    assert len(backups) == 2  # the old plain one, now encrypted, and the one made before encrypting
    key = cipher.stored_key(path)
    for b in backups:
        assert cipher.is_encrypted(b)
        con = cipher.connect_raw(b, key)
        assert con.execute("SELECT count(*) FROM visits").fetchone()[0] == 1
        con.close()
    assert not list(data_dir.glob("*.encrypting*"))


@pytest.mark.parametrize("step", ["exported", "verified", "backed-up", "replaced"])
def test_a_failure_at_any_step_leaves_a_usable_file(data_dir, monkeypatch, step):
    path = _plain_station(data_dir)

    def fail(name: str) -> None:
        if name == step:
            raise OSError(f"power cut at {name}")

    monkeypatch.setattr(cipher, "step_hook", fail)
    with pytest.raises(OSError):
        open_station_database(data_dir)
    monkeypatch.setattr(cipher, "step_hook", None)
    assert cipher.is_encrypted(path) == (step == "replaced")
    db = open_station_database(data_dir)  # the next start finishes the job with the same key
    try:
        with db.session(write=False) as s:
            from sqlalchemy import text

            assert s.execute(text("SELECT count(*) FROM visits")).scalar() == 1
    finally:
        db.dispose()
    assert cipher.is_encrypted(path)
    assert _secrets_on_disk(data_dir) == []


_CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from liaison_desk.db import cipher
    from liaison_desk.services.context import open_station_database

    def hook(name):
        if name == sys.argv[2]:
            os.kill(os.getpid(), signal.SIGKILL)

    cipher.step_hook = hook
    open_station_database(Path(sys.argv[1]))
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("step", ["verified", "replaced"])
def test_kill_9_while_encrypting_leaves_the_old_or_the_new_file(data_dir, step):
    path = _plain_station(data_dir)
    env = dict(os.environ, LIAISON_DESK_KEYSTORE="file")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(data_dir), step], cwd=ROOT, env=env, timeout=120)
    assert done.returncode == -9
    assert cipher.is_encrypted(path) == (step == "replaced")
    db = open_station_database(data_dir)
    try:
        with db.session(write=False) as s:
            from sqlalchemy import text

            assert s.execute(text("SELECT visitor_phone FROM visits")).scalars().all() == [PHONE]
    finally:
        db.dispose()
    assert _secrets_on_disk(data_dir) == []


def test_the_upgrade_backup_is_encrypted(data_dir):
    """An older schema's copy made before the upgrade holds no personal data in clear."""
    import gzip

    data_dir.mkdir(parents=True)
    path = paths.database_path(data_dir)
    fixture = ROOT / "tests" / "fixtures" / "schemas" / "0005.sqlite3.gz"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    db = open_station_database(data_dir)
    db.dispose()
    backups = list(paths.backup_dir(data_dir).glob("*.sqlite3"))
    assert backups and all(cipher.is_encrypted(b) for b in backups)
    con = cipher.connect_raw(backups[0], cipher.stored_key(path))
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0005"
    con.close()


def test_the_recovery_code_unlocks_the_database_on_another_pc(tmp_path, data_dir):
    db = open_station_database(data_dir)
    result = init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    _register(db)
    db.dispose()
    code = result.recovery_code
    assert code is not None and len(code) == 35 and code.count("-") == 5
    assert code not in "".join(p.read_text("latin-1") for p in data_dir.rglob("*") if p.is_file())
    moved = tmp_path / "new-pc"
    shutil.copytree(data_dir, moved, ignore=shutil.ignore_patterns("keys"))  # the key store stays behind
    with pytest.raises(cipher.DatabaseLocked) as err:
        open_station_database(moved)
    assert "恢复码" in err.value.message
    path = paths.database_path(moved)
    wrong = cipher.new_recovery_code()
    with pytest.raises(cipher.BadRecoveryCode, match="恢复码不对"):
        cipher.recover_key(path, wrong)
    with pytest.raises(cipher.BadRecoveryCode, match="6 组"):
        cipher.recover_key(path, "ABC")
    typed = code.lower().replace("-", " ").replace("o", "0")  # as read aloud and typed
    cipher.recover_key(path, typed)
    again = open_station_database(moved)
    assert again.station_id() == db.station_id()
    again.dispose()


def test_recover_key_from_the_cli(tmp_path, data_dir, capsys, monkeypatch):
    from liaison_desk.app import main

    db = open_station_database(data_dir)
    code = init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468").recovery_code
    db.dispose()
    moved = tmp_path / "new-pc"
    shutil.copytree(data_dir, moved, ignore=shutil.ignore_patterns("keys"))
    assert main(["--data-dir", str(moved), "stats"]) != 0
    assert "recover-key" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda _prompt="": "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    assert main(["--data-dir", str(moved), "recover-key"]) != 0
    assert "恢复码不对" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda _prompt="": code)
    assert main(["--data-dir", str(moved), "recover-key"]) == 0
    assert main(["--data-dir", str(moved), "stats"]) == 0


def test_cli_init_shows_the_recovery_code_once(tmp_path, capsys):
    from liaison_desk.app import main

    data = tmp_path / "station"
    assert main(["--data-dir", str(data), "init", "--station-name", "柳树湾村人大代表联络站", "--station-code",
                 "LX01"]) == 0
    out = capsys.readouterr().out
    assert "恢复码" in out and "请抄下或打印并妥善保管" in out
    code = re.search(r"[A-Z2-7]{5}(?:-[A-Z2-7]{5}){5}", out).group(0)
    cipher.recover_key(paths.database_path(data), code)  # the code shown is the one that works


def test_connect_raw_is_a_keyed_db_api_connection(data_dir):
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468")
    db.dispose()
    path = paths.database_path(data_dir)
    con = cipher.connect_raw(path, cipher.stored_key(path))
    assert con.execute("SELECT code FROM stations").fetchone()[0] == "LX01"
    con.close()
    with pytest.raises(DomainError):
        cipher.connect_raw(path, bytes(32))
