"""The first-run set-up dialog, driven through its real widgets as a user would (typing, clicking)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.services.case_list import CaseFilter, count_cases
from liaison_desk.services.station import station_info
from liaison_desk.ui.setup_dialog import SetupDialog

from .conftest import STATION_NAME

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def dialog(qtbot, empty_db):
    dlg = SetupDialog(empty_db, demo_visits=120)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user would: ASCII as key presses, Chinese as the input method's commit (how a pinyin IME
    delivers it; QTest cannot press keys for characters outside Latin-1)."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _fill(qtbot, dlg: SetupDialog, *, name=STATION_NAME, code="LX01", township="河口镇", pin="2468", pin2=None):
    for edit, text in ((dlg.name_edit, name), (dlg.code_edit, code), (dlg.township_edit, township),
                       (dlg.pin_edit, pin), (dlg.pin2_edit, pin if pin2 is None else pin2)):
        edit.clear()
        type_text(qtbot, edit, text)


def test_every_input_has_an_accessible_name_and_a_label(dialog):
    for widget in (dialog.name_edit, dialog.code_edit, dialog.township_edit, dialog.kind_combo,
                   dialog.pin_edit, dialog.pin2_edit, dialog.create_button, dialog.demo_button,
                   dialog.quit_button):
        assert CJK.search(widget.accessibleName()), widget
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())] == ["station", "point"]
    assert dialog.kind_combo.itemText(0) == "联络站" and dialog.kind_combo.itemText(1) == "联络点"


def test_a_good_form_creates_the_station(qtbot, dialog, empty_db):
    _fill(qtbot, dialog)
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # 联络站 → 联络点 from the keyboard
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    info = station_info(empty_db)
    assert info is not None
    assert (info.name, info.code, info.township, info.kind, info.training) == (
        STATION_NAME, "LX01", "河口镇", "point", False)


def test_a_bad_station_code_is_explained_in_chinese_and_the_form_keeps_its_values(qtbot, dialog, empty_db):
    _fill(qtbot, dialog, code="X")  # one character: the code needs 2–8
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db) is None
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.field_error("code") or dialog.form_error.text()
    assert CJK.search(message), message
    assert dialog.name_edit.text() == STATION_NAME
    assert dialog.code_edit.text() == "X"
    assert dialog.township_edit.text() == "河口镇"

    # Correcting the code and trying again succeeds; the error goes away as the user types.
    qtbot.keyClicks(dialog.code_edit, "Y01")
    assert dialog.field_error("code") == ""
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db).code == "XY01"


def test_the_code_field_refuses_punctuation_and_upper_cases_letters(qtbot, dialog, empty_db):
    _fill(qtbot, dialog, code="lx-01")
    assert dialog.code_edit.text() == "lx01"  # the validator dropped the hyphen as it was typed
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db).code == "LX01"


def test_a_code_with_a_lookalike_letter_is_explained(qtbot, dialog, empty_db):
    _fill(qtbot, dialog, code="LS01")  # S passes for 5 when a case number is read out on the phone
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db) is None
    assert "S" in dialog.field_error("code") and CJK.search(dialog.field_error("code"))


def test_an_empty_station_name_is_reported_on_the_name(qtbot, dialog, empty_db):
    _fill(qtbot, dialog, name="")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db) is None
    assert CJK.search(dialog.field_error("name") or dialog.form_error.text())


def test_pins_must_match(qtbot, dialog, empty_db):
    _fill(qtbot, dialog, pin="2468", pin2="2469")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db) is None
    assert "不一致" in dialog.field_error("pin2")
    assert dialog.name_edit.text() == STATION_NAME


@pytest.mark.parametrize("pin, expected", [("", "请设置"), ("12", "4 到 12 位")])
def test_missing_or_short_pin_is_explained(qtbot, dialog, empty_db, pin, expected):
    _fill(qtbot, dialog, pin=pin)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert station_info(empty_db) is None
    assert expected in dialog.field_error("pin")


def test_enter_in_the_last_field_submits(qtbot, dialog, empty_db):
    _fill(qtbot, dialog)
    qtbot.keyClick(dialog.pin2_edit, Qt.Key.Key_Return)
    assert station_info(empty_db) is not None


def test_demo_button_fills_a_training_station_without_blocking(qtbot, dialog, empty_db):
    with qtbot.waitSignal(dialog.demo_finished, timeout=120_000) as blocker:
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        # The generator runs on a pool thread: right after the click the dialog is busy but responsive.
        assert dialog.is_busy()
        assert dialog.progress.isVisible()
        assert not dialog.create_button.isEnabled() and not dialog.demo_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing half-way would leave half a database
        assert dialog.isVisible()
    assert blocker.args[0].visits == 120
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.is_busy()
    info = station_info(empty_db)
    assert info is not None and info.training
    assert count_cases(empty_db, CaseFilter()) > 0


def test_demo_refused_on_a_station_with_records_shows_the_reason(qtbot, demo_db):
    dlg = SetupDialog(demo_db, demo_visits=50)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.demo_failed, timeout=60_000) as blocker:
        qtbot.mouseClick(dlg.demo_button, Qt.MouseButton.LeftButton)
    assert CJK.search(blocker.args[0])
    assert dlg.form_error.isVisibleTo(dlg) and dlg.form_error.text() == blocker.args[0]
    assert dlg.demo_button.isEnabled() and not dlg.is_busy()
