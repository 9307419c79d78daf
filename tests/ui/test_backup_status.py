"""上次备份 on the desk (issue 17): the daily backup in the background at sign-in, the age in words and red
after 7 days, the USB folder chosen by staff, a failure said in words."""

from __future__ import annotations

import datetime as dt
import threading

from liaison_desk import paths
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.timeutil import to_local, utcnow
from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin import backup as bk
from liaison_desk.services.context import Actor
from liaison_desk.ui.backup_status import ALERT_STYLE, BackupStatus


def test_the_daily_backup_runs_in_the_background_at_sign_in_and_the_desk_says_today(qtbot, admin_session):
    db = admin_session.db
    on_ui = threading.get_ident()
    ran_on: list[int] = []

    def daily(d):
        ran_on.append(threading.get_ident())
        return bk.backup_if_due(d)

    status = BackupStatus(db, lambda: admin_session.actor, backup_fn=daily)
    qtbot.addWidget(status)
    assert "还没有备份" in status.label.text() and status.label.styleSheet() == ALERT_STYLE
    with qtbot.waitSignal(status.finished, timeout=10_000) as got:
        status.start()
        assert status.running and status.label.text() == "正在备份…"  # the desk did not wait
    assert got.args[0] is not None and ran_on and ran_on[0] != on_ui
    assert status.label.text() == "上次备份：今天" and status.label.styleSheet() == ""
    assert len(bk.list_backups(paths.backup_dir(db.path.parent))) == 1
    status.backup_if_due()  # made today: not made again
    assert not status.running
    status.stop()


def test_older_than_seven_days_is_red_and_said_in_words(qtbot, admin_session):
    db = admin_session.db
    today = to_local(utcnow())
    bk.make_backup(db, now=today - dt.timedelta(days=3))
    status = BackupStatus(db, lambda: admin_session.actor)
    qtbot.addWidget(status)
    assert status.label.text() == "上次备份：3 天前" and status.label.styleSheet() == ""
    for old in bk.list_backups(paths.backup_dir(db.path.parent)):
        old.unlink()
    bk.make_backup(db, now=today - dt.timedelta(days=9))
    status.refresh()
    assert status.label.text() == "上次备份：9 天前，已超过 7 天，请备份"  # not colour alone
    assert status.label.styleSheet() == ALERT_STYLE


def test_a_failed_backup_is_said_and_the_usb_folder_is_for_staff(qtbot, admin_session, deputy_session, tmp_path):
    db = admin_session.db

    def broken(_db):
        raise DomainError("backup_damaged", "备份文件已损坏")

    status = BackupStatus(db, lambda: admin_session.actor, backup_fn=broken)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.failed, timeout=10_000):
        status.backup_if_due()
    assert status.label.text() == "备份失败：备份文件已损坏" and status.label.styleSheet() == ALERT_STYLE
    assert status.button.isEnabled()

    usb = tmp_path / "usb"
    usb.mkdir()
    as_deputy = BackupStatus(db, lambda: Actor(Role.DUTY_DEPUTY, "值班代表"))
    qtbot.addWidget(as_deputy)
    assert not as_deputy.set_usb_dir(str(usb))
    assert "不能" in as_deputy.label.text()
    assert status.set_usb_dir(str(usb)) and bk.backup_settings(db).usb_dir == str(usb)
    with qtbot.waitSignal(status.finished, timeout=10_000):
        status.backup_now()
    assert len(bk.list_backups(usb)) == 1 and status.label.text() == "上次备份：今天"


def test_a_backup_dated_after_the_pc_clock_is_not_called_today_and_the_clock_is_named(qtbot, admin_session):
    db = admin_session.db
    today = to_local(utcnow())
    bk.make_backup(db, now=today + dt.timedelta(days=40))  # made before the PC's clock was set back
    status = BackupStatus(db, lambda: admin_session.actor)
    qtbot.addWidget(status)
    text = status.label.text()
    assert "今天" not in text and "0 天前" not in text
    assert "时钟" in text and status.label.styleSheet() == ALERT_STYLE
    with qtbot.waitSignal(status.finished, timeout=10_000) as got:
        status.start()  # still due: the daily backup is made
    assert got.args[0] is not None
    assert status.label.text().startswith("上次备份：今天") and "时钟" in status.label.text()
    status.backup_if_due()  # made today by this clock: not made again
    assert not status.running
    status.stop()
