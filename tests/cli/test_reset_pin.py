"""``liaison-desk reset-pin``: an administrator sets a new PIN for an account from the command line."""

from __future__ import annotations

import datetime as dt

from liaison_desk.app import main
from liaison_desk.domain.workflow import Role
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.desk.lookups import add_account
from liaison_desk.services.desk.shifts import sign_in


def _station(tmp_path, capsys) -> str:
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    db = open_station_database(tmp_path / "st")
    try:
        add_account(db, SYSTEM_ADMIN, name="李干事", pin="13579", role=Role.STAFF, login="li")
    finally:
        db.dispose()
    capsys.readouterr()
    return d


def test_reset_pin_with_a_given_and_a_generated_pin(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main(["--data-dir", d, "reset-pin", "LI", "--pin", "97531"]) == 0
    assert "李干事" in capsys.readouterr().out
    db = open_station_database(tmp_path / "st")
    try:
        assert sign_in(db, "97531", login="li", at=dt.datetime(2026, 11, 30, 1)).actor.name == "李干事"
    finally:
        db.dispose()
    assert main(["--data-dir", d, "reset-pin", "li"]) == 0
    out = capsys.readouterr().out
    pin = out.split("新密码：")[1].split("（")[0].strip()
    assert len(pin) == 6 and pin.isdigit(), out
    assert main(["--lang", "en", "--data-dir", d, "reset-pin", "li", "--pin", "1111"]) == 0
    assert "New PIN" not in capsys.readouterr().out  # a PIN given on the command line is not echoed


def test_reset_pin_errors_are_readable(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main(["--data-dir", d, "reset-pin", "nobody", "--pin", "1234"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "找不到账号" in err
    assert main(["--data-dir", d, "reset-pin", "li", "--pin", "12"]) == 1
    assert "4 到 12 位数字" in capsys.readouterr().err
