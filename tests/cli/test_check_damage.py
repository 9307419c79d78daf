"""Issue 17, item 6: ``check`` tells the truth about a damaged file. A 0-byte or cut-short database is damage
(never given a fresh schema: only ``init`` makes one), a damaged page is named with exit 3, a file that is not
a database says so, and a read-only data folder says it is read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from liaison_desk.app import main
from liaison_desk.services.admin.integrity import DatabaseFileProblem
from liaison_desk.services.context import open_station_database

DB = "liaison-desk.sqlite3"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A station with a few hundred pages of records, checkpointed into the main file."""
    d = tmp_path_factory.mktemp("tpl") / "st"
    assert main(["--data-dir", str(d), "demo", "--visits", "30"]) == 0
    db = open_station_database(d)  # through the app: a plain or an encrypted file alike
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return d


@pytest.fixture
def station(tmp_path, template):
    """A copy of the template's data folder (with its key store, when the file is encrypted)."""
    d = tmp_path / "st"
    shutil.copytree(template, d, ignore=shutil.ignore_patterns("logs"))
    return d


def _check(d, capsys) -> tuple[int, str]:
    rc = main(["--data-dir", str(d), "check"])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "意外问题" not in text, text
    return rc, text


def test_a_sound_station_passes(station, capsys):
    rc, text = _check(station, capsys)
    assert rc == 0 and "检查通过" in text


def test_a_zero_byte_database_is_damage_and_is_not_given_a_schema(station, capsys):
    (station / DB).write_bytes(b"")
    rc, text = _check(station, capsys)
    assert rc == 3, text
    assert "0 字节" in text or "空的" in text
    assert "备份" in text  # says what to do
    assert (station / DB).stat().st_size == 0, "check wrote a fresh schema into the damaged file"
    # nor does any other command (the desk's data would be silently replaced by an empty station)
    assert main(["--data-dir", str(station), "stats"]) == 1
    assert (station / DB).stat().st_size == 0
    assert "空的" in capsys.readouterr().err
    with pytest.raises(DatabaseFileProblem):  # the desk opens it this way: no set-up wizard over lost data
        open_station_database(station)
    assert (station / DB).stat().st_size == 0


def test_a_cut_short_database_is_damage(station, capsys):
    data = (station / DB).read_bytes()
    (station / DB).write_bytes(data[: len(data) // 3])
    rc, text = _check(station, capsys)
    assert rc == 3, text
    assert "损坏" in text or "不完整" in text


@pytest.mark.parametrize("where", ["records", "schema"])
def test_a_damaged_page_is_named_with_exit_3(station, capsys, where):
    data = bytearray((station / DB).read_bytes())
    page = 4096
    pages = len(data) // page
    # the records (change log, indexes) fill the file's last pages; the schema spans its first ones
    chosen = range(pages * 2 // 3, pages - 1, 7) if where == "records" else range(3, pages - 1, 5)
    for n in chosen:
        data[n * page + 100: n * page + 300] = os.urandom(200)
    (station / DB).write_bytes(bytes(data))
    rc, text = _check(station, capsys)
    assert rc == 3, text
    assert "损坏" in text and "备份" in text


def test_a_file_that_is_not_a_database_says_so(station, capsys):
    (station / DB).write_bytes(os.urandom(8192))
    rc, text = _check(station, capsys)
    assert rc == 3, text
    assert "不是" in text and "数据库" in text


def _make_read_only(d) -> bool:
    if os.geteuid() != 0:
        os.chmod(d, 0o555)
        return True
    return subprocess.run(["chattr", "+i", str(d)], capture_output=True, check=False).returncode == 0


def _make_writable(d) -> None:
    if os.geteuid() != 0:
        os.chmod(d, 0o755)
    else:
        subprocess.run(["chattr", "-i", str(d)], capture_output=True, check=False)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_data_folder_says_it_is_read_only(station, capsys):
    if not _make_read_only(station):
        pytest.skip("cannot make a folder read-only here (root without chattr)")
    try:
        rc, text = _check(station, capsys)
    finally:
        _make_writable(station)
    assert rc != 0
    assert "只读" in text, text
    assert "不是" not in text and "损坏" not in text, text


@pytest.mark.parametrize("cut", ["mid-page", "page-boundary"])
def test_a_plain_file_cut_short_is_told_from_its_header(tmp_path, cut):
    """An older station's plain SQLite file: its header says how long it is, so a cut is found before SQLite
    reads a missing page (an encrypted file's header is not readable: opening it tells)."""
    import sqlite3

    from liaison_desk.services.admin.integrity import inspect_file

    path = tmp_path / DB
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [(os.urandom(500),) for _ in range(400)])
    con.commit()
    con.close()
    assert inspect_file(path) is None
    data = path.read_bytes()
    keep = len(data) // 2 + (100 if cut == "mid-page" else 0)
    keep -= keep % 4096 if cut == "page-boundary" else 0
    path.write_bytes(data[:keep])
    problem = inspect_file(path)
    assert problem is not None and problem.code == "truncated" and problem.damaged


def test_a_damaged_page_met_while_opening_is_said_in_words(station, monkeypatch, capsys):
    """The desk and every command open the database the same way: SQLite's "malformed" while the database
    opens is the damage sentence (the desk showed "无法打开数据目录中的数据库"), ``check`` exits 3."""
    import sqlite3

    from liaison_desk.services import context

    def damaged(*_a, **_k):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(context, "open_database", damaged)
    with pytest.raises(DatabaseFileProblem) as e:
        open_station_database(station)
    assert e.value.problem.code == "damaged" and "损坏" in e.value.message and "备份" in e.value.message
    rc, text = _check(station, capsys)
    assert rc == 3 and "损坏" in text
