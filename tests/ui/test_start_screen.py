"""The cold start: the main window on its sign-in before the ORM is loaded, the database opening in steps."""

from __future__ import annotations

import builtins

import pytest

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.desk.settings import update_settings
from liaison_desk.services.desk.startup import list_accounts, read_start, sign_in_as
from liaison_desk.ui.main_window import MainWindow

from .conftest import ADMIN_PIN, DEPUTY_NAME, DEPUTY_PIN, STATION_NAME


def _window(qtbot, data_dir, **kw) -> MainWindow:
    start = read_start(data_dir)
    assert start is not None
    win = MainWindow(None, "zh", start=start, data_dir=data_dir, idle_ms=0, **kw)
    qtbot.addWidget(win)
    win.show()
    return win


def _sql(data_dir, statement: str, *args) -> None:
    conn = cipher.connect_station(paths.database_path(data_dir))  # encrypted: with this PC's key
    with conn:
        conn.execute(statement, args)
    conn.close()


# -- the quick read gives what the services give -------------------------------------------------------------
def test_quick_sign_in_list_matches_the_services(desk_db, data_dir):
    assert list(read_start(data_dir).accounts) == list_accounts(desk_db)
    deputy = next(a for a in list_accounts(desk_db) if a.name == DEPUTY_NAME)
    assert not deputy.rostered_today
    sign_in_as(desk_db, deputy, DEPUTY_PIN)  # a shift today: now listed first, as 今日值班
    quick = read_start(data_dir).accounts
    assert quick[0].name == DEPUTY_NAME and quick[0].rostered_today
    assert list(quick) == list_accounts(desk_db)
    _sql(data_dir, "UPDATE operators SET active = 0 WHERE deputy_id IS NOT NULL")  # account switched off
    quick = read_start(data_dir).accounts
    assert not next(a for a in quick if a.name == DEPUTY_NAME).can_sign_in
    assert list(quick) == list_accounts(desk_db)


def test_quick_sign_in_list_matches_the_services_on_a_training_database(demo_db):
    start = read_start(demo_db.path.parent)
    assert start.training and len(start.accounts) > 10
    assert list(start.accounts) == list_accounts(demo_db)


def test_quick_read_sends_anything_unusual_the_ordinary_way(empty_db, data_dir, tmp_path):
    assert read_start(tmp_path / "nothing-here") is None  # first run: the wizard
    assert read_start(data_dir) is None  # a database without a station yet: the wizard too
    from liaison_desk.services.admin.setup import init_station

    init_station(empty_db, name=STATION_NAME, code="LX01", admin_pin=ADMIN_PIN)
    assert read_start(data_dir).station_name == STATION_NAME
    _sql(data_dir, "UPDATE alembic_version SET version_num = 'older'")  # an upgrade is due
    assert read_start(data_dir) is None
    paths.database_path(data_dir).write_bytes(b"not a database at all")
    assert read_start(data_dir) is None


def test_large_type_is_known_before_the_database_opens(desk_db, data_dir, admin_session):
    assert not read_start(data_dir).large_type
    update_settings(desk_db, admin_session.actor, large_type=True)
    assert read_start(data_dir).large_type


def test_pyside_import_hook_is_taken_out():
    """PySide6's __feature__ import hook (source read of every later import; crashes off the UI thread) is gone."""
    assert getattr(builtins.__import__, "__name__", "") != "__feature_import__"


# -- the start screen --------------------------------------------------------------------------------------
def test_names_and_training_banner_show_before_the_database_is_open(qtbot, demo_db):
    win = _window(qtbot, demo_db.path.parent)
    screen = win.start_screen
    assert not screen.ready and win.database is None
    assert screen.dialog.accounts.count() == len(read_start(demo_db.path.parent).accounts)
    assert screen.training_banner.isVisibleTo(win) and "培训库" in win.windowTitle()
    assert "1234" in screen.dialog.intro.text()  # the training PINs, as the sign-in dialog says them
    qtbot.waitUntil(lambda: screen.ready, timeout=20000)
    win.close()


def test_a_pin_typed_before_the_database_is_ready_is_checked_once_it_is(qtbot, desk_db, data_dir):
    win = _window(qtbot, data_dir)
    dialog = win.start_screen.dialog
    assert dialog.select_account(DEPUTY_NAME)
    dialog.pin_edit.setText(DEPUTY_PIN)
    dialog.sign_in_button.click()  # no event has run yet: the database cannot be open
    assert dialog.waiting and "请稍候" in dialog.error_text() and not dialog.sign_in_button.isEnabled()
    with qtbot.waitSignal(win.started, timeout=20000):
        pass
    assert win.session.actor.name == DEPUTY_NAME and win.session.shift_id is not None
    assert win.user_label.text().startswith("值班：" + DEPUTY_NAME)
    assert win.tabs.currentWidget() is win.handover and win.tabs.isVisible()
    assert win.menuBar().actions()[0].text() == "值班(&D)" and win.menus.lock_action.isEnabled()
    win.close()


def test_a_wrong_pin_keeps_the_start_screen(qtbot, desk_db, data_dir):
    win = _window(qtbot, data_dir)
    screen = win.start_screen
    qtbot.waitUntil(lambda: screen.ready, timeout=20000)
    assert screen.dialog.select_account(DEPUTY_NAME)
    screen.dialog.pin_edit.setText("0000")
    screen.dialog.sign_in_button.click()
    assert "密码" in screen.dialog.error_text()
    assert win.start_screen is screen and screen.db is not None and not hasattr(win, "tabs")
    win.close()
    assert screen.db is None  # closed with the window


def test_a_database_that_cannot_be_opened_is_explained_and_the_window_closes(qtbot, desk_db, data_dir,
                                                                              monkeypatch):
    from liaison_desk.ui import start_screen

    def newer(_data_dir):
        raise DomainError("database_too_new", "这个数据库是由更新版本的联络站值班台建立的。", message_en="Newer.")

    monkeypatch.setattr(start_screen, "open_desk_database", newer)
    monkeypatch.setattr(start_screen.StartScreen.__init__, "__defaults__", (None, newer, ()))
    win = _window(qtbot, data_dir)
    assert _failure_said(qtbot, win) == "这个数据库是由更新版本的联络站值班台建立的。"


@pytest.mark.parametrize("step", ["liaison_desk.no_such_module"])
def test_a_broken_installation_is_said_without_a_traceback(qtbot, desk_db, data_dir, monkeypatch, step):
    from liaison_desk.ui import start_screen

    monkeypatch.setattr(start_screen.StartScreen.__init__, "__defaults__",
                        (None, start_screen.open_desk_database, (step,)))
    win = _window(qtbot, data_dir)
    text = _failure_said(qtbot, win)
    assert "日志文件" in text and "Traceback" not in text


def _failure_said(qtbot, win) -> str:
    """The box that says why (it does not block); the window closes when it is dismissed."""
    qtbot.waitUntil(lambda: win.failure_box is not None and win.failure_box.isVisible(), timeout=20000)
    text = win.failure_box.text()
    win.failure_box.accept()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=20000)
    return text


# -- found in review: the early PIN, closing at the wrong moment, Enter, the lock ----------------------------
def _second_deputy(db, name: str, pin: str, code: str) -> None:
    import uuid

    from liaison_desk.domain.workflow import Role
    from liaison_desk.services.context import Actor
    from liaison_desk.services.desk import lookups
    from liaison_desk.services.duty import deputies

    admin = Actor(Role.ADMIN, "管理员")
    view = deputies.create_deputy(db, admin, deputies.DeputyInput(name=name, level="county", code=code))
    lookups.add_account(db, admin, name=name, pin=pin, deputy_id=uuid.UUID(str(view.id)))


def test_an_early_pin_is_checked_for_the_person_chosen_not_the_first_match(qtbot, desk_db, data_dir):
    from PySide6.QtCore import Qt

    _second_deputy(desk_db, "王𠮷华", "8642", "D002")  # both match the search 王
    win = _window(qtbot, data_dir)
    dialog = win.start_screen.dialog
    dialog.code_edit.setText("王")  # (QTest cannot type CJK keys)
    assert dialog.accounts.currentItem().data(Qt.ItemDataRole.UserRole + 2) == "王𠮷华"  # the first match
    assert dialog.select_account(DEPUTY_NAME)  # 王𠮷明: the second match
    dialog.pin_edit.setText(DEPUTY_PIN)
    dialog.sign_in_button.click()
    assert dialog.waiting
    with qtbot.waitSignal(win.started, timeout=20000):
        pass
    assert win.session.actor.name == DEPUTY_NAME
    win.close()


def test_closing_the_window_right_after_a_correct_pin_is_quiet(qtbot, desk_db, data_dir):
    win = _window(qtbot, data_dir)
    screen = win.start_screen
    qtbot.waitUntil(lambda: screen.ready, timeout=20000)
    assert screen.dialog.select_account(DEPUTY_NAME)
    screen.dialog.pin_edit.setText(DEPUTY_PIN)
    screen.dialog.sign_in_button.click()
    win.close()  # before the event loop hands the sign-in over
    qtbot.wait(50)  # let the queued hand-over run: it must do nothing (pytest-qt fails on an exception in it)
    assert screen.db is None and win.database is None and not hasattr(win, "tabs")


def test_enter_in_the_pin_field_signs_in_once(qtbot, desk_db, data_dir):
    from PySide6.QtCore import Qt

    win = _window(qtbot, data_dir)
    dialog = win.start_screen.dialog
    qtbot.waitUntil(lambda: win.start_screen.ready, timeout=20000)
    qtbot.keyClicks(dialog.code_edit, "D001")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)  # a scanner ends with Enter: on to the PIN, no error
    assert dialog.pin_edit.hasFocus() and dialog.error_text() == ""
    qtbot.keyClicks(dialog.pin_edit, "0000")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert "还可以再试 4 次" in dialog.error_text()  # one wrong PIN counted, its message not replaced
    win.close()


def test_the_idle_lock_closes_the_conflicts_list(qtbot, admin_session):
    from liaison_desk.ui.main_window import MainWindow as Window

    win = Window(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    win.sync.show_conflicts()
    dialog = win.sync.conflicts_dialog
    qtbot.waitUntil(dialog.isVisible)
    win.desk_lock.lock()
    assert not dialog.isVisible() and win.sync.conflicts_dialog is None
    win.desk_lock.dialog.done(0)


# -- issue 13, item 4: the person on duty today is chosen, the PIN field has the focus ------------------------
def test_the_start_screen_opens_on_the_pin_of_the_deputy_on_duty_today(qtbot, desk_db, data_dir):
    from PySide6.QtCore import Qt

    from .test_signin_and_lock import _on_duty_today

    _on_duty_today(desk_db, "李四", "D002", account=True)
    _on_duty_today(desk_db, "赵六", "D006", account=False)  # on duty too, but cannot sign in: never chosen
    win = _window(qtbot, data_dir)
    qtbot.waitExposed(win)
    dialog = win.start_screen.dialog
    assert dialog.accounts.currentItem().data(Qt.ItemDataRole.UserRole + 2) == "李四"
    qtbot.waitUntil(lambda: win.focusWidget() is dialog.pin_edit)
    win.start_screen.setFocus()
    assert win.focusWidget() is dialog.pin_edit
    qtbot.keyClicks(win.focusWidget(), "1357")
    assert dialog.pin_edit.text() == "1357" and dialog.code_edit.text() == ""
    with qtbot.waitSignal(win.started, timeout=20000):
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert win.session.actor.name == "李四"
    win.close()
