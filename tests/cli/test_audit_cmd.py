"""``liaison-desk audit verify`` and ``audit list`` (issue 17): the chain is walked from the command line; an
edited or deleted entry is named and the exit status is not 0."""

from __future__ import annotations

from pathlib import Path

from liaison_desk.app import main
from liaison_desk.services.context import open_station_database


def _station(tmp_path, capsys) -> str:
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    for pin in ("13579", "97531", "24680"):  # three admin actions: three entries
        assert main(["--data-dir", d, "reset-pin", "admin", "--pin", pin]) == 0
    capsys.readouterr()
    return d


def _sql(d: str, statement: str) -> None:
    """Someone with the file edits it by hand (through the engine: an encrypted file opens the same way)."""
    db = open_station_database(Path(d))
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    finally:
        db.dispose()


def test_verify_passes_on_an_untouched_trail_and_lists_it(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main(["--data-dir", d, "audit", "verify"]) == 0
    assert "共 3 条" in capsys.readouterr().out
    assert main(["--data-dir", d, "audit", "list", "--since", "2020-01-01"]) == 0
    out = capsys.readouterr().out
    assert sum("重置密码" in line for line in out.splitlines()) == 3 and "13579" not in out
    assert main(["--data-dir", d, "audit", "verify"]) == 0  # the listing itself was logged, chained on
    assert "共 4 条" in capsys.readouterr().out


def test_verify_names_an_edited_entry(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    _sql(d, "UPDATE audit_entries SET detail = '查看' WHERE seq = 2")
    assert main(["--data-dir", d, "audit", "verify"]) == 3
    assert "第 2 条审计记录被改动过" in capsys.readouterr().out


def test_verify_names_a_gap(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    _sql(d, "DELETE FROM audit_entries WHERE seq = 2")
    assert main(["--data-dir", d, "--lang", "en", "audit", "verify"]) == 3
    assert "Audit entry 2 missing (deleted)." in capsys.readouterr().out


def test_a_bad_date_is_a_readable_error(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main(["--data-dir", d, "audit", "list", "--since", "昨天"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().out
