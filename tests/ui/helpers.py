"""Driving the desk as a user would: typing (Chinese through the input method), clicking."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

CJK = re.compile(r"[\u4e00-\u9fff]")


def type_text(qtbot, widget, text: str) -> None:
    """ASCII as key presses, Chinese as the input method's commit (how a pinyin IME delivers it; QTest cannot
    press keys for characters outside Latin-1)."""
    for run in re.findall(r"\n|[\x00-\x09\x0b-\x7f]+|[^\x00-\x7f]+", text):
        if run == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def choose_judgements(form, urgency: str = "normal", triage: str = "green") -> None:
    """The walk-in's urgency and triage colour open on （请选择）: a test chooses them as the deputy would."""
    form.urgency_combo.setCurrentIndex(form.urgency_combo.findData(urgency))
    form.triage_combo.setCurrentIndex(form.triage_combo.findData(triage))
