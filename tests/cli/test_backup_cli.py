"""``liaison-desk backup`` and ``restore`` (issue 17): on demand, to a USB folder, readable refusals."""

from __future__ import annotations

import gc

from liaison_desk import paths
from liaison_desk.app import main
from liaison_desk.services.admin import backup as bk
from liaison_desk.services.context import open_station_database


def recovery_code(data_dir) -> str:
    """A recovery code for the station's key (init shows one; a new one replaces it)."""
    db = open_station_database(data_dir)
    try:
        code = db.new_recovery_code()
        assert code is not None  # every station database is encrypted
        return code
    finally:
        db.dispose()


def test_backup_then_restore_on_a_new_pc(tmp_path, capsys):
    d, usb = tmp_path / "st", tmp_path / "usb"
    usb.mkdir()
    assert main(["--data-dir", str(d), "init", "--station-name", "柳树湾", "--station-code", "LX01",
                 "--admin-pin", "2468"]) == 0
    code = recovery_code(d)
    capsys.readouterr()
    assert main(["--data-dir", str(d), "backup", "--usb-dir", str(usb), "--keep", "3"]) == 0
    out = capsys.readouterr().out
    assert "已备份并核对" in out and "U 盘备份" in out and "保留 3 份" in out
    [made] = bk.list_backups(paths.backup_dir(d))
    assert (usb / made.name).exists()

    new_pc = tmp_path / "new-pc"
    assert main(["--data-dir", str(new_pc), "restore", str(usb / made.name)]) == 1  # no key on a new PC
    assert "--recovery-code" in capsys.readouterr().err
    assert main(["--data-dir", str(new_pc), "restore", str(usb / made.name), "--recovery-code", code.lower()]) == 0
    out = capsys.readouterr().out
    assert "已恢复" in out and "sync" in out
    assert main(["--data-dir", str(new_pc), "check"]) == 0

    # a live database is not replaced without --force; with it, the old one is kept aside first
    gc.collect()  # each command is its own process: the databases the commands above opened are closed
    assert main(["--data-dir", str(new_pc), "restore", str(made)]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err
    assert main(["--data-dir", str(new_pc), "restore", str(made), "--force"]) == 0
    assert "另存为" in capsys.readouterr().out


def test_backup_with_the_usb_stick_missing_says_so_and_keeps_the_local_copy(tmp_path, capsys):
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "柳树湾", "--station-code", "LX01",
                 "--admin-pin", "2468"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(d), "backup", "--to", str(tmp_path / "no-stick")]) == 3
    captured = capsys.readouterr()
    assert "已备份并核对" in captured.out and "U 盘" in captured.err and "Traceback" not in captured.err
    assert len(bk.list_backups(paths.backup_dir(d))) == 1


def test_restore_of_a_file_that_is_not_a_backup_is_one_clear_line(tmp_path, capsys):
    junk = tmp_path / "photo.ldbak"
    junk.write_bytes(b"\x89PNG not a database at all" * 100)
    assert main(["--data-dir", str(tmp_path / "st"), "restore", str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "备份文件" in err and "Traceback" not in err
    assert not paths.database_path(tmp_path / "st").exists()


def test_a_forced_restore_of_another_pcs_backup_says_how_to_go_back_and_going_back_works(tmp_path, capsys):
    from liaison_desk.services.admin.setup import init_station

    here, there = tmp_path / "here", tmp_path / "there"  # two PCs, two stations, two keys
    for d, station in ((here, "LX01"), (there, "HK02")):
        db = open_station_database(d)
        init_station(db, name=f"{station}站", code=station, township="河口镇", admin_pin="2468")
        db.dispose()
    code = recovery_code(there)
    assert main(["--data-dir", str(there), "backup"]) == 0
    [theirs] = bk.list_backups(paths.backup_dir(there))
    assert "HK02" in theirs.name
    gc.collect()
    capsys.readouterr()
    assert main(["--data-dir", str(here), "restore", str(theirs), "--force", "--recovery-code", code]) == 0
    out = capsys.readouterr().out
    hint = [line for line in out.splitlines() if line.startswith("要换回原来的数据库：")]
    assert hint, out
    command = hint[0].split("：", 1)[1].split()
    assert command[:2] == ["liaison-desk", "restore"] and command[-1] == "--force"
    safety = command[2].strip('"')
    gc.collect()
    assert main(["--data-dir", str(here), "restore", safety, "--force"]) == 0  # no code: this PC's key opens it
    assert main(["--data-dir", str(here), "check"]) == 0
