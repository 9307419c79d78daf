"""Starting the desk: font and translations, friendly errors instead of tracebacks, first run vs. later runs."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.domain.errors import DomainError
from liaison_desk.services import context
from liaison_desk.services.admin.setup import station_info
from liaison_desk.ui import appearance, desk, main_window, setup_wizard, signin_dialog

from .helpers import CJK

CRASH = "程序遇到意外问题，详细信息已写入日志文件。"


@pytest.fixture
def restore_app_state(qapp, monkeypatch):
    """run_desk changes process-wide state: put the hooks, font and style sheet back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    font, sheet = qapp.font(), qapp.styleSheet()
    yield qapp
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001
        return type(caught), caught, caught.__traceback__


def test_excepthook_logs_the_traceback_and_shows_only_a_short_message(caplog):
    shown = []
    hook = desk.make_excepthook("zh", show=lambda title, text: shown.append((title, text)))
    with caplog.at_level(logging.ERROR, logger="liaison_desk.ui.desk"):
        hook(*_raise(ZeroDivisionError("secret internals")))
    assert shown == [("联络站值班台", CRASH)]
    record = caplog.records[-1]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError  # the traceback is in the log file


def test_excepthook_shows_an_uncaught_domain_error_as_its_message():
    shown = []
    hook = desk.make_excepthook("zh", show=lambda title, text: shown.append(text))
    hook(*_raise(DomainError("x", "站点代码应为 2 到 8 位字母或数字。", message_en="Bad code.")))
    assert shown == ["站点代码应为 2 到 8 位字母或数字。"]


def test_excepthook_survives_a_failing_message_box(caplog):
    def broken(title, text):
        raise RuntimeError("no display")

    hook = desk.make_excepthook("zh", show=broken)
    hook(*_raise(ValueError("boom")))  # must not raise
    assert any("could not show" in r.getMessage() for r in caplog.records)


def test_bundled_font_loads_and_is_chinese_capable(qapp):
    family = appearance.load_bundled_font()
    assert family and "WenKai" in family
    from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

    font = QFont(family, 14)
    assert QFontInfo(font).family() == family  # Qt really uses it, no silent substitution
    metrics = QFontMetrics(font)
    # Common desk words, and a rare surname character (CJK extension B) that old fonts show as a box.
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "联络站值班台编号摘要已办结𠮷")


def test_missing_font_is_a_warning_not_a_failure(qapp, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert appearance.load_bundled_font(tmp_path / "nope.ttf") is None
    assert any("font" in r.getMessage() for r in caplog.records)


def test_qt_own_dialog_strings_are_translated_to_chinese(qapp):
    translators = appearance.install_translators(qapp, "zh")
    try:
        assert translators, "qtbase_zh_CN.qm should ship with PySide6"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)


def test_run_desk_explains_a_database_it_cannot_open(restore_app_state, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(desk, "show_message", lambda icon, title, text: shown.append(text))

    def newer(_data_dir):
        raise DomainError("schema_too_new", "这个数据库由更新版本的程序创建，请升级值班台后再打开。",
                          message_en="Created by a newer version.")

    monkeypatch.setattr(context, "open_station_database", newer)
    assert desk.run_desk(tmp_path / "data", "zh") == 1
    assert shown == ["这个数据库由更新版本的程序创建，请升级值班台后再打开。"]
    assert QApplication.applicationName() == "LiaisonDesk"


def test_run_desk_unexpected_open_failure_is_friendly(restore_app_state, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(desk, "show_message", lambda icon, title, text: shown.append(text))
    monkeypatch.setattr(context, "open_station_database", lambda d: (_ for _ in ()).throw(OSError("disk")))
    assert desk.run_desk(tmp_path / "data", "zh") == 1
    assert "日志文件" in shown[0] and "disk" not in shown[0] and "Traceback" not in shown[0]


def test_first_run_cancelled_exits_cleanly(restore_app_state, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(setup_wizard.SetupWizard, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    monkeypatch.setattr(signin_dialog.SignInDialog, "exec", lambda self: pytest.fail("sign-in shown without a station"))
    assert desk.run_desk(tmp_path / "data", "zh") == 0
    assert len(opened) == 1
    assert (tmp_path / "data" / "liaison-desk.sqlite3").exists()  # only the temporary dir was touched


def _set_up(tmp_path):
    from liaison_desk.services.admin.setup import init_station
    from liaison_desk.services.context import open_station_database

    data = tmp_path / "data"
    db = open_station_database(data)
    init_station(db, name="河口镇人大代表联络站", code="HK01", admin_pin="1357")
    assert station_info(db) is not None
    db.dispose()
    return data


def _run_with(restore_app_state, monkeypatch, data, during):
    """run_desk with its event loop replaced by ``during(window)`` (which drives the real window)."""
    windows = []

    def fake_exec():
        windows.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, main_window.MainWindow) and w.isVisible())
        during(windows[0])
        return 0

    monkeypatch.setattr(restore_app_state, "exec", fake_exec)
    assert desk.run_desk(data, "zh") == 0
    return windows[0]


def test_later_run_opens_the_main_window_on_its_sign_in_and_becomes_the_desk(restore_app_state, monkeypatch,
                                                                              tmp_path, qtbot):
    data = _set_up(tmp_path)
    monkeypatch.setattr(setup_wizard.SetupWizard, "exec", lambda self: pytest.fail("set-up shown again"))
    monkeypatch.setattr(signin_dialog.SignInDialog, "exec", lambda self: pytest.fail("a separate sign-in dialog"))

    def during(window):
        assert window.windowTitle() == "联络站值班台 — 河口镇人大代表联络站"
        screen = window.start_screen
        assert screen is not None and window.isVisible()
        assert screen.dialog.select_account("管理员")  # the list is there before the database is open
        qtbot.waitUntil(lambda: screen.ready, timeout=20000)
        screen.dialog.pin_edit.setText("1357")
        with qtbot.waitSignal(window.started, timeout=10000):
            screen.dialog.sign_in_button.click()
        assert window.start_screen is None and window.tabs.isVisible()
        assert window.user_label.text() == "值班：管理员（管理员）"
        window.close()

    window = _run_with(restore_app_state, monkeypatch, data, during)
    assert window.database is not None  # disposed by run_desk, not forgotten
    assert QApplication.font().pointSize() == appearance.FONT_POINT_SIZE


def test_quitting_on_the_start_screen_closes_without_signing_in(restore_app_state, monkeypatch, tmp_path, qtbot):
    data = _set_up(tmp_path)

    def during(window):
        screen = window.start_screen
        qtbot.waitUntil(lambda: screen.ready, timeout=20000)
        screen.dialog.quit_button.click()
        qtbot.waitUntil(lambda: not window.isVisible())
        assert window.start_screen is screen and not hasattr(window, "tabs")

    window = _run_with(restore_app_state, monkeypatch, data, during)
    assert window.database is None and window.start_screen.db is None  # closed again


def test_a_database_needing_the_ordinary_path_still_signs_in_with_the_dialog(restore_app_state, monkeypatch,
                                                                             tmp_path):
    """No quick read (an upgrade due, say): the database opens first, then the sign-in dialog, then the window."""
    from liaison_desk.domain.workflow import Role
    from liaison_desk.services.context import Actor
    from liaison_desk.services.desk.shifts import SignedIn

    data = _set_up(tmp_path)
    monkeypatch.setattr(desk, "read_start", lambda d: None)
    asked = []
    monkeypatch.setattr(signin_dialog.SignInDialog, "exec",
                        lambda self: asked.append(self) or QDialog.DialogCode.Rejected)
    monkeypatch.setattr(main_window.MainWindow, "showMaximized", lambda self: pytest.fail("window shown unsigned"))
    assert desk.run_desk(data, "zh") == 0
    assert len(asked) == 1
    monkeypatch.undo()
    monkeypatch.setattr(desk, "read_start", lambda d: None)

    def fake_sign_in(self):
        self.signed = SignedIn(Actor(Role.ADMIN, "管理员"), dt.datetime(2026, 12, 1, 9), False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(signin_dialog.SignInDialog, "exec", fake_sign_in)
    window = _run_with(restore_app_state, monkeypatch, data, lambda w: w.close())
    assert window.windowTitle() == "联络站值班台 — 河口镇人大代表联络站"
    assert window.user_label.text() == "值班：管理员（管理员）"


def test_english_catalogue_translates_the_desk(qapp):
    translators = appearance.install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("FiguresStrip", "案件总数") == "Cases"
        assert QCoreApplication.translate("Desk", CRASH).startswith("Something unexpected")
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)


def test_english_catalogue_is_complete_and_up_to_date(tmp_path):
    """Every string the UI passes through tr() is in the catalogue, translated (lupdate finds nothing new)."""
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import PySide6

    from liaison_desk import paths

    lupdate = Path(PySide6.__file__).parent / "lupdate"
    if not lupdate.exists():
        pytest.skip("lupdate is not shipped with this PySide6")
    shipped = paths.resource("i18n", "liaison_desk_en.ts")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (Path(desk.__file__).parent).rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def messages(path):
        return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
                for ctx in ET.parse(path).getroot().iter("context") for m in ctx.iter("message")}

    have, need = messages(shipped), messages(fresh)
    assert sorted(set(need) - set(have)) == [], "run pyside6-lupdate and translate (resources/i18n/README.md)"
    unfinished = [k for k, tr in have.items() if k in need and (tr.get("type") or not (tr.text or "").strip())]
    assert unfinished == []
    assert paths.resource("i18n", "liaison_desk_en.qm").is_file()


def test_english_catalogue_covers_the_short_case_lists(qapp):
    from liaison_desk.ui.brief_model import BRIEF_COLUMNS, CaseBriefModel

    translators = appearance.install_translators(qapp, "en")
    try:
        model = CaseBriefModel(lang="en")
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(BRIEF_COLUMNS))]
        assert headers[0] == "Number" and not any(CJK.search(h) for h in headers)
        assert QCoreApplication.translate("MainWindow", "超期提醒") == "Overdue"
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)
