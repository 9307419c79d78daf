"""Backups you can trust (issue 17): online backup (consistent with a WAL beside the file), verified before
older generations are rotated out, owner-only and atomic, a USB folder, the age the desk shows, restore."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat

import pytest

from liaison_desk import paths
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.admin import backup as bk
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import open_station_database

DAY = dt.datetime(2026, 12, 7, 9, 30)


def cases_in(path, db) -> int:
    """Cases in the file at ``path``, opened with the station's key (the database's, which backups share)."""
    con = bk.connect_file(path, bk.database_key(db.path))
    try:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()


def test_a_backup_holds_what_is_still_in_the_wal_and_is_one_private_file(db, admin, data_dir):
    register_visit(db, admin, VisitInput("张三", visitor_phone="13812345678"), CaseInput("路灯不亮"))
    wal = db.path.with_name(db.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the case is in the WAL, not yet in the main file
    copied = data_dir / "file-copy.sqlite3"
    shutil.copyfile(db.path, copied)  # what a file copy gets: the main file alone
    assert cases_in(copied, db) == 0

    res = bk.make_backup(db, now=DAY)
    assert res.path.parent == paths.backup_dir(data_dir)
    assert res.path.name == "station-backup-LX01-20261207-093000.ldbak"
    assert res.cases == 1 and cases_in(res.path, db) == 1
    assert not list(res.path.parent.glob("*.part"))
    assert not res.path.with_name(res.path.name + "-wal").exists()
    con = bk.connect_file(res.path, bk.database_key(db.path))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    if os.name == "posix":
        assert stat.S_IMODE(res.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(res.path.parent.stat().st_mode) & 0o077 == 0


def test_old_generations_are_rotated_out_only_after_the_new_one_is_verified(db, admin, data_dir, monkeypatch):
    made = [bk.make_backup(db, keep=3, now=DAY + dt.timedelta(days=i)).path for i in range(5)]
    kept = bk.list_backups(paths.backup_dir(data_dir))
    assert kept == made[-3:]

    def damaged(path, key, **_):
        raise bk.BackupError("backup_damaged", "坏了")

    monkeypatch.setattr(bk, "verify_backup", damaged)
    with pytest.raises(DomainError):
        bk.make_backup(db, keep=1, now=DAY + dt.timedelta(days=9))
    assert bk.list_backups(paths.backup_dir(data_dir)) == kept  # nothing rotated out, nothing half-made added
    assert not list(paths.backup_dir(data_dir).glob("*.part"))


def test_a_page_damaged_on_its_way_into_the_copy_is_found_and_nothing_is_kept(db, admin, data_dir, monkeypatch):
    """The copy is checked page by page (each page's HMAC): one flipped byte anywhere is a refused backup."""
    for i in range(40):
        register_visit(db, admin, VisitInput("村民" + "甲乙丙丁戊己庚辛壬癸"[i % 10]), CaseInput("路灯不亮" * 20))
    good = bk.make_backup(db, now=DAY).path
    real_copy = bk._copy_database

    def copy_then_flip(src, key, tmp):
        cases = real_copy(src, key, tmp)
        raw = bytearray(tmp.read_bytes())
        raw[len(raw) // 2] ^= 0x01
        tmp.write_bytes(bytes(raw))
        return cases

    monkeypatch.setattr(bk, "_copy_database", copy_then_flip)
    with pytest.raises(bk.BackupError) as err:
        bk.make_backup(db, now=DAY + dt.timedelta(days=1))
    assert err.value.code in ("backup_damaged", "backup_unreadable")
    assert bk.list_backups(paths.backup_dir(data_dir)) == [good]
    assert not list(paths.backup_dir(data_dir).glob("*.part"))


def test_a_backup_goes_to_the_chosen_usb_folder_too_and_a_missing_stick_does_not_fail_it(db, admin, staff_actor,
                                                                                       tmp_path):
    usb = tmp_path / "usb" / "联络站备份"
    usb.mkdir(parents=True)
    assert bk.set_backup_settings(db, staff_actor, usb_dir=str(usb), keep=2).keep == 2
    register_visit(db, admin, VisitInput("李四"), CaseInput("水渠堵了"))
    for i in range(3):
        res = bk.make_backup(db, now=DAY + dt.timedelta(hours=i))
    assert res.usb_path is not None and res.usb_path.parent == usb and not res.usb_error
    assert cases_in(res.usb_path, db) == 1
    assert len(bk.list_backups(usb)) == 2 and not list(usb.glob("*.part"))
    assert sorted(p.name for p in usb.iterdir()) == sorted(  # each with its wrapped key (for the recovery code)
        [p.name for p in bk.list_backups(usb)] + [p.name + ".recovery" for p in bk.list_backups(usb)])

    shutil.rmtree(usb.parent)  # the stick was taken out
    res = bk.make_backup(db, now=DAY + dt.timedelta(days=1))
    assert res.path.exists() and res.usb_path is None
    assert "U 盘" in res.usb_error


def test_a_backup_holds_no_phone_number_in_clear(db, admin):
    register_visit(db, admin, VisitInput("张三", visitor_phone="13812345678", id_number="110101199003074514"),
                   CaseInput("路灯不亮，联系 13812345678"))
    res = bk.make_backup(db, now=DAY)
    raw = res.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")  # SQLCipher: random bytes from the first page on
    assert b"13812345678" not in raw and "13812345678".encode("utf-16-le") not in raw
    assert b"110101199003074514" not in raw and "路灯".encode() not in raw


def test_backup_settings_are_checked(db, deputy_actor, staff_actor):
    with pytest.raises(DomainError):
        bk.set_backup_settings(db, deputy_actor, keep=3)  # a deputy on duty does not manage backups
    with pytest.raises(DomainError) as e:
        bk.set_backup_settings(db, staff_actor, keep=0)
    assert e.value.field == "keep"
    with pytest.raises(DomainError) as e:
        bk.set_backup_settings(db, staff_actor, usb_dir="relative/folder")
    assert e.value.field == "usb_dir"
    assert bk.backup_settings(db) == bk.BackupSettings(usb_dir="", keep=bk.KEEP_DEFAULT)


def test_the_age_of_the_last_backup(db):
    none = bk.backup_age(db, now=DAY)
    assert none.last_at is None and none.overdue and none.due
    bk.make_backup(db, now=DAY)
    today = bk.backup_age(db, now=DAY + dt.timedelta(hours=5))
    assert today.days == 0 and not today.due and not today.overdue
    week = bk.backup_age(db, now=DAY + dt.timedelta(days=7))
    assert week.days == 7 and week.due and not week.overdue
    late = bk.backup_age(db, now=DAY + dt.timedelta(days=8))
    assert late.days == 8 and late.overdue
    assert bk.backup_if_due(db, now=DAY + dt.timedelta(hours=1)) is None  # made today already
    assert bk.backup_if_due(db, now=DAY + dt.timedelta(days=1)) is not None


def test_a_training_database_is_not_backed_up_by_the_desk(empty_db):
    from liaison_desk.services.admin.demo import generate_demo

    generate_demo(empty_db, visits=5, seed=1, end=dt.date(2026, 11, 1))
    assert bk.backup_if_due(empty_db, now=DAY) is None


def test_restore_into_a_fresh_folder_and_the_live_database_is_never_replaced_unasked(db, admin, tmp_path):
    register_visit(db, admin, VisitInput("王五"), CaseInput("第一件"))
    code = db.new_recovery_code()  # what the administrator wrote down at set-up
    res = bk.make_backup(db, now=DAY)
    register_visit(db, admin, VisitInput("赵六"), CaseInput("备份之后登记的"))

    fresh = tmp_path / "new-pc"
    with pytest.raises(DomainError) as e:  # a new PC has no key: the recovery code is asked for
        bk.restore_backup(res.path, fresh)
    assert e.value.code == "backup_needs_code" and "--recovery-code" in e.value.message
    with pytest.raises(DomainError) as e:
        bk.restore_backup(res.path, fresh, recovery_code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    assert e.value.code == "bad_recovery_code"
    assert not paths.database_path(fresh).exists()
    done = bk.restore_backup(res.path, fresh, recovery_code=code)
    assert done.cases == 1 and done.safety_copy is None
    again = open_station_database(fresh)  # opens with the key now kept on the new PC: no code typed again
    try:
        assert cases_in(again.path, again) == 1
        assert again.path.with_name(again.path.name + ".recovery").exists()  # it can move again with the code
    finally:
        again.dispose()

    live = db.path.parent
    with pytest.raises(DomainError) as e:
        bk.restore_backup(res.path, live)
    assert e.value.code == "database_exists" and "--force" in e.value.message
    assert cases_in(db.path, db) == 2  # untouched
    with pytest.raises(DomainError) as e:  # the desk still has it open: never replaced under it
        bk.restore_backup(res.path, live, force=True)
    assert e.value.code == "database_in_use" and "关闭值班台" in e.value.message
    assert cases_in(db.path, db) == 2
    wal = db.path.with_name(db.path.name + "-wal")
    left = wal.read_bytes()  # the desk died: its WAL, holding the case registered after the backup, stays
    db.dispose()
    wal.write_bytes(left)
    done = bk.restore_backup(res.path, live, force=True)
    # the replaced database, kept aside with what its WAL held; nothing of it replayed into the restored file
    assert done.safety_copy is not None and cases_in(done.safety_copy, db) == 2
    assert cases_in(paths.database_path(live), db) == 1
    assert not paths.database_path(live).with_name("liaison-desk.sqlite3.restore").exists()


def test_a_damaged_backup_is_refused_and_changes_nothing(db, tmp_path):
    code = db.new_recovery_code()
    res = bk.make_backup(db, now=DAY)
    bad = tmp_path / "bad.ldbak"
    raw = bytearray(res.path.read_bytes())
    raw[5000:9000] = b"\0" * 4000  # a damaged page
    bad.write_bytes(bytes(raw))
    shutil.copyfile(res.path.with_name(res.path.name + ".recovery"), tmp_path / "bad.ldbak.recovery")
    fresh = tmp_path / "new-pc"
    with pytest.raises(DomainError) as e:
        bk.restore_backup(bad, fresh, recovery_code=code)
    assert e.value.code in ("backup_unreadable", "backup_damaged")
    assert not paths.database_path(fresh).exists()
    with pytest.raises(DomainError) as e:
        bk.restore_backup(tmp_path / "missing.ldbak", fresh)
    assert e.value.code == "no_backup_file"


# -- issue 17, the gaps: stations sharing a stick, a restore from another PC, a PC clock behind its backups ------
def _other_station(tmp_path, folder: str = "other-pc", code: str = "HK02"):
    """Another station on another PC (its own data folder, so its own key store and key)."""
    from liaison_desk.services.admin.setup import init_station

    other = open_station_database(tmp_path / folder)
    init_station(other, name="河口村人大代表联络站", code=code, township="河口镇", admin_pin="1357")
    return other


def test_two_stations_sharing_a_usb_stick_never_remove_or_overwrite_each_others_backups(db, admin, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    other = _other_station(tmp_path)
    try:
        theirs = [bk.make_backup(other, usb_dir=usb, keep=2, now=DAY + dt.timedelta(hours=i)).usb_path
                  for i in range(2)]
    finally:
        other.dispose()
    # LX01 backs up to the same stick at the same minutes, and more often than its keep
    mine = [bk.make_backup(db, usb_dir=usb, keep=2, now=DAY + dt.timedelta(hours=i)).usb_path for i in range(4)]
    assert all(p is not None and p.exists() for p in theirs)  # neither rotated out nor overwritten by LX01's
    hk02 = bk.connect_file(theirs[0], bk.database_key(tmp_path / "other-pc" / db.path.name))
    try:  # still HK02's own file, not LX01's written over it under the same name
        assert hk02.execute("SELECT code FROM stations").fetchone()[0] == "HK02"
    finally:
        hk02.close()
    assert all(p is not None and "LX01" in p.name for p in mine)
    assert bk.list_backups(usb, station="LX01") == mine[-2:]
    assert bk.list_backups(usb, station="HK02") == theirs


def test_backups_named_the_old_way_still_restore_and_only_this_stations_are_rotated(db, admin, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    code = db.new_recovery_code()
    register_visit(db, admin, VisitInput("王五"), CaseInput("旧名字的备份"))
    first = bk.make_backup(db, usb_dir=usb, now=DAY)
    assert first.usb_path is not None
    old_name = "station-backup-20261201-093000.ldbak"  # how the previous version named its backups
    for made in (first.path, first.usb_path):
        made.rename(made.with_name(old_name))
        made.with_name(made.name + ".recovery").rename(made.with_name(old_name + ".recovery"))
    other = _other_station(tmp_path)
    try:  # an old-style backup of another station on the same stick, older than every LX01 backup
        res = bk.make_backup(other, now=DAY - dt.timedelta(days=30))
        shutil.copyfile(res.path, usb / "station-backup-20261101-080000.ldbak")
    finally:
        other.dispose()
    assert bk.backup_age(db, now=DAY).last_at == dt.datetime(2026, 12, 1, 9, 30)  # it still counts as a backup

    done = bk.restore_backup(usb / old_name, tmp_path / "new-pc", recovery_code=code)
    assert done.cases == 1

    for i in range(1, 4):
        bk.make_backup(db, usb_dir=usb, keep=2, now=DAY + dt.timedelta(days=i))
    assert not (usb / old_name).exists() and not (paths.backup_dir(db.path.parent) / old_name).exists()
    assert (usb / "station-backup-20261101-080000.ldbak").exists()  # not LX01's: left alone
    assert len(bk.list_backups(usb, station="LX01")) == 2


def test_the_safety_copy_of_a_forced_restore_from_another_pcs_backup_stays_readable(db, admin, tmp_path,
                                                                                   monkeypatch):
    register_visit(db, admin, VisitInput("王五"), CaseInput("本机的案件"))
    other = _other_station(tmp_path)
    try:
        code = other.new_recovery_code()
        for what in ("另一台电脑的第一件", "另一台电脑的第二件"):
            register_visit(other, admin, VisitInput("赵六"), CaseInput(what))
        theirs = bk.make_backup(other, now=DAY).path
    finally:
        other.dispose()
    live = db.path.parent
    db.dispose()
    instant = bk.utcnow()
    monkeypatch.setattr(bk, "utcnow", lambda: instant)  # both restores within one second
    done = bk.restore_backup(theirs, live, force=True, recovery_code=code)
    assert done.cases == 2 and done.safety_copy is not None and done.safety_copy.is_file()
    # the database that was replaced opens with the key this PC keeps now: it can be restored back
    back = bk.restore_backup(done.safety_copy, live, force=True)
    assert back.cases == 1
    assert back.safety_copy is not None and back.safety_copy != done.safety_copy  # not written over the first
    # and with the code of the key that stays (the wrapped key beside it is that key's)
    again = bk.restore_backup(done.safety_copy, tmp_path / "third-pc", recovery_code=code)
    assert again.cases == 1


def test_a_damaged_database_kept_aside_by_a_forced_restore_keeps_its_key(db, admin, tmp_path, monkeypatch):
    from liaison_desk.db import cipher

    register_visit(db, admin, VisitInput("王五"), CaseInput("本机的案件"))
    old_key = bk.database_key(db.path)
    other = _other_station(tmp_path)
    try:
        code = other.new_recovery_code()
        theirs = bk.make_backup(other, now=DAY).path
    finally:
        other.dispose()
    live = db.path.parent
    db.dispose()
    real_copy = bk._copy_database

    def does_not_open(source, key, target, **kw):
        if source == paths.database_path(live):
            raise bk.BackupError("backup_damaged", "打不开")  # as a damaged database would
        return real_copy(source, key, target, **kw)

    monkeypatch.setattr(bk, "_copy_database", does_not_open)
    done = bk.restore_backup(theirs, live, force=True, recovery_code=code)
    assert done.safety_copy is not None and done.safety_copy.is_dir()
    aside = done.safety_copy / paths.database_path(live).name
    assert cipher.stored_key(aside) == old_key  # its files, and the key they need
    con = cipher.connect_raw(aside, cipher.stored_key(aside))
    try:
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    finally:
        con.close()


def test_a_backup_dated_after_the_pc_clock_does_not_stop_the_daily_backups(db):
    ahead = DAY + dt.timedelta(days=30)
    bk.make_backup(db, now=ahead)  # made while the clock was a month ahead (or before it was set back)
    age = bk.backup_age(db, now=DAY)
    assert age.due and age.days is None and age.last_at is None and age.ahead_at == ahead
    assert bk.backup_if_due(db, now=DAY) is not None
    after = bk.backup_age(db, now=DAY + dt.timedelta(hours=1))
    assert not after.due and after.days == 0 and after.last_at == DAY and after.ahead_at == ahead
    assert bk.backup_if_due(db, now=DAY + dt.timedelta(hours=2)) is None  # once a day, not at every start
    # the generations dated after the clock go first: the backups made since are the newest there are
    made = [bk.make_backup(db, keep=3, now=DAY + dt.timedelta(days=i)).path for i in range(1, 4)]
    assert bk.list_backups(paths.backup_dir(db.path.parent)) == made
    assert bk.backup_age(db, now=DAY + dt.timedelta(days=3)).ahead_at is None


def test_the_file_copy_inside_a_read_is_the_snapshot_whatever_the_desk_writes_meanwhile(db, admin, monkeypatch):
    register_visit(db, admin, VisitInput("张三"), CaseInput("第一件"))
    seen: list[str] = []

    def desk_writes(how: str) -> None:  # the desk registers a visit while the file is being copied
        seen.append(how)
        register_visit(db, admin, VisitInput("李四"), CaseInput("复制时登记的"))

    monkeypatch.setattr(bk, "copy_hook", desk_writes)
    res = bk.make_backup(db, now=DAY)
    assert seen == ["file"]  # the encrypted pages copied as they are, not decrypted and encrypted again
    assert res.cases == 1 and cases_in(res.path, db) == 1  # the snapshot of the read: the visit is not half in
    assert cases_in(db.path, db) == 2
    con = bk.connect_file(res.path, bk.database_key(db.path))
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert bk.make_backup(db, now=DAY + dt.timedelta(hours=1)).cases == 2


def test_with_the_wal_held_by_a_reader_the_online_backup_is_used_and_holds_the_wal(db, admin, monkeypatch):
    from liaison_desk.db import cipher

    register_visit(db, admin, VisitInput("张三"), CaseInput("在 WAL 里的一件"))
    monkeypatch.setattr(bk, "CHECKPOINT_WAIT_MS", 50)
    seen: list[str] = []
    monkeypatch.setattr(bk, "copy_hook", seen.append)
    reader = cipher.connect_station(db.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM cases").fetchone()[0] == 1  # a read of the WAL, kept open
        res = bk.make_backup(db, now=DAY)
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert seen == [] and res.cases == 1 and cases_in(res.path, db) == 1
