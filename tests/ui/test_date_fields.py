"""Date fields say the weekday (issue 13, item 10): a deputy books 下周二, not a bare 2026-12-08."""

from __future__ import annotations

from PySide6.QtCore import QDate

from liaison_desk.ui import forms


def test_a_date_field_shows_the_weekday_in_chinese(qtbot):
    edit = forms.date_edit(QDate(2026, 12, 8))
    qtbot.addWidget(edit)
    assert edit.text() == "2026-12-08 星期二"
    edit.setDate(QDate(2026, 12, 13))
    assert edit.text() == "2026-12-13 星期日"
    assert edit.date() == QDate(2026, 12, 13)
    # wide enough for the weekday: the text is not cut off
    assert edit.sizeHint().width() >= edit.fontMetrics().horizontalAdvance("2026-12-13 星期日")


def test_a_date_field_shows_the_weekday_in_english(qtbot):
    edit = forms.date_edit(QDate(2026, 12, 8), lang="en")
    qtbot.addWidget(edit)
    assert edit.text() == "2026-12-08 Tuesday"


def test_an_existing_date_edit_gets_the_weekday(qtbot):
    from PySide6.QtWidgets import QDateEdit

    edit = QDateEdit(QDate(2026, 12, 8))
    qtbot.addWidget(edit)
    forms.show_weekday(edit)
    assert edit.text() == "2026-12-08 星期二"
    assert forms.weekday_text(QDate(2026, 12, 8)) == "2026-12-08 星期二"
