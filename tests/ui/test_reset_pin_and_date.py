"""Issue 19 at the desk: an administrator resets a PIN in a small dialog; a wrong-looking PC date is said
plainly and must be confirmed (or fixed) before a visit is registered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from liaison_desk.services.desk import clock
from liaison_desk.services.desk.shifts import sign_in
from liaison_desk.ui import date_check
from liaison_desk.ui.reset_pin_dialog import ResetPinDialog
from liaison_desk.ui.walkin_form import WalkInForm

from .conftest import DEPUTY_NAME
from .helpers import choose_judgements


def test_an_administrator_resets_a_deputys_pin(qtbot, admin_session):
    dlg = ResetPinDialog(admin_session)
    qtbot.addWidget(dlg)
    index = next(i for i in range(dlg.account_combo.count()) if DEPUTY_NAME in dlg.account_combo.itemText(i))
    dlg.account_combo.setCurrentIndex(index)
    dlg.pin_edit.setText("8642")
    dlg.again_edit.setText("8624")
    assert dlg.reset() is None and "不一致" in dlg.message.text()
    dlg.again_edit.setText("8642")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert "已重置" in dlg.message.text()
    assert sign_in(admin_session.db, "8642", login="d001").actor.name == DEPUTY_NAME
    generated = dlg.reset()  # no PIN typed: one is made and shown once
    assert generated and generated in dlg.message.text()


def test_a_deputy_cannot_reset_a_pin(qtbot, deputy_session):
    dlg = ResetPinDialog(deputy_session)
    qtbot.addWidget(dlg)
    dlg.pin_edit.setText("8642")
    dlg.again_edit.setText("8642")
    assert dlg.reset() is None and dlg.message.text()  # refused by the service, said in the dialog


@pytest.fixture
def wrong_date(monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: dt.datetime(2010, 1, 4, 2, 0))
    monkeypatch.setattr(clock, "_GUARDED", set())
    monkeypatch.setattr(clock, "_CONFIRMED", {})


def _fill(form: WalkInForm) -> None:
    form.name_edit.setText("张三")
    form.content_edit.setPlainText("村口路灯坏了三个月")
    choose_judgements(form)
    form._similar_acknowledged = True


def test_the_desk_says_the_date_looks_wrong_at_start(qtbot, deputy_session, wrong_date):
    parent = WalkInForm(deputy_session)
    qtbot.addWidget(parent)
    box = date_check.at_start(parent, deputy_session.db)
    assert box is not None and "2010年1月4日" in box.text() and "看起来不对" in box.text()
    box.buttons()[0].click()  # 日期正确，继续
    assert clock.needs_confirmation(deputy_session.db) is None


def test_registering_asks_first_and_writes_nothing_until_confirmed(qtbot, deputy_session, wrong_date, monkeypatch):
    from liaison_desk.ui import print_preview

    monkeypatch.setattr(print_preview, "open_preview", lambda *a, **k: None)  # the receipt is another test's
    form = WalkInForm(deputy_session)
    qtbot.addWidget(form)
    date_check.at_start(form, deputy_session.db).close()  # not answered at start
    answers = iter([False, True])
    asked: list[str] = []
    monkeypatch.setattr(date_check, "ask", lambda _parent, message: asked.append(message) or next(answers))
    _fill(form)
    assert form.save() is None and len(asked) == 1 and "2010年1月4日" in asked[0]
    number = form.save()
    assert number is not None and "-100104-" in number  # the date staff confirmed
    _fill(form)
    assert form.save() is not None and len(asked) == 2  # remembered: not asked again


def test_the_reset_is_in_the_duty_menu_for_administrators_only(qtbot, admin_session, deputy_session):
    from liaison_desk.ui.main_window import MainWindow

    win = MainWindow(admin_session.db, session=admin_session)
    qtbot.addWidget(win)
    assert win.menus.reset_pin_action in win.menus.duty_menu.actions()
    assert win.menus.reset_pin_action.isEnabled()
    win.menus.reset_pin_action.trigger()
    assert isinstance(win.menus.reset_pin_dialog, ResetPinDialog) and win.menus.reset_pin_dialog.isVisible()
    win.menus.close_dialogs()
    win.set_session(deputy_session)
    assert not win.menus.reset_pin_action.isEnabled()
    win.desk_lock.idle.stop()


def test_the_opened_desk_says_a_wrong_date_at_once(qtbot, deputy_session, wrong_date):
    from liaison_desk.ui.main_window import MainWindow

    win = MainWindow(deputy_session.db, session=deputy_session)
    qtbot.addWidget(win)
    box = win.menus.date_box
    assert box is not None and box.isVisible() and "2010年1月4日" in box.text()
    box.close()
    win.desk_lock.idle.stop()


def test_a_case_action_asks_about_the_date_and_then_records_it(qtbot, admin_session, wrong_date):
    """The action dialog asks through the walk-in form's question (``date_check.before_dated_write``) instead
    of a refusal that tells staff to confirm with nothing to confirm with: "先去改日期" records nothing and
    keeps what was typed; "日期正确，继续" records the action."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from liaison_desk.db.models import CaseEvent
    from liaison_desk.domain.workflow import EventKind
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
    from liaison_desk.ui.action_dialog import ActionDialog

    db = admin_session.db
    reg = register_visit(db, admin_session.actor, VisitInput(visitor_names="刘大妈"), CaseInput(content="村口的路灯坏了"))
    act_on_case(db, admin_session.actor, reg.case_id, EventKind.ACCEPT)
    clock.guard(db)  # the desk is open: nothing dated is written on an unconfirmed wrong-looking date
    dialog = ActionDialog(admin_session, reg.case_id, EventKind.WITHDRAW)
    qtbot.addWidget(dialog)
    dialog.inputs["text"].setPlainText("来访人撤回")
    recorded: list[object] = []
    dialog.recorded.connect(recorded.append)
    dialog.open()

    asked: list[tuple[str, str | None]] = []
    answers = iter(["先去改日期", "日期正确，继续"])

    def answer() -> None:  # staff answer the modal question while it is open
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            default = box.defaultButton()
            asked.append((box.text(), default.text() if default else None))
            choice = next(answers)
            next(b for b in box.buttons() if b.text() == choice).click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)

    def events() -> int:
        with db.session(write=False) as s:
            return len(s.query(CaseEvent).filter(CaseEvent.case_id == reg.case_id).all())

    before = events()
    QTimer.singleShot(0, dialog.ok_button.click)
    qtbot.waitUntil(lambda: len(asked) == 1 and "看起来不对" in dialog.form_error.text())
    assert "2010年1月4日" in asked[0][0]
    assert asked[0][1] != "日期正确，继续"  # Enter does not say the date is right for the user
    assert events() == before and not recorded and dialog.isVisible()  # nothing written, the text kept
    assert dialog.inputs["text"].toPlainText() == "来访人撤回"
    QTimer.singleShot(0, dialog.ok_button.click)
    qtbot.waitUntil(lambda: bool(recorded))
    timer.stop()
    assert len(asked) == 2 and events() == before + 1 and not dialog.isVisible()
    assert clock.needs_confirmation(db) is None  # remembered, as the walk-in form's answer is
    clock.unguard(db)
