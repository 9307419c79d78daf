"""The desk's word on a wrong-looking PC date (``services.desk.clock`` decides; this only asks).

At the desk's start the check is turned on and, when the date looks wrong, a box that does not block says
so; before a visit is registered the same question is asked and answered first. "日期正确，继续" is
remembered while the program runs; "先去改日期" writes nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..services.desk import clock


def _box(parent: QWidget | None, message: str) -> tuple[QMessageBox, Any]:
    title = QCoreApplication.translate("DateCheck", "电脑日期可能不对")
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.NoButton, parent)
    go_on = box.addButton(QCoreApplication.translate("DateCheck", "日期正确，继续"), QMessageBox.ButtonRole.AcceptRole)
    fix = box.addButton(QCoreApplication.translate("DateCheck", "先去改日期"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(fix)
    box.setEscapeButton(fix)
    return box, go_on


def ask(parent: QWidget | None, message: str) -> bool:
    """Asked and answered now (a modal box): True when staff say the date is right."""
    box, go_on = _box(parent, message)
    box.exec()
    return box.clickedButton() is go_on


def at_start(parent: QWidget, db: Any, lang: str = "zh") -> QMessageBox | None:
    """The desk is open: turn the check on; when the date looks wrong, say so in a box that does not block
    (returned, so the window keeps it). Confirming it there is remembered."""
    clock.guard(db)
    verdict = clock.needs_confirmation(db)
    if verdict is None:
        return None
    box, go_on = _box(parent, verdict.message if lang == "zh" else verdict.message_en)

    def answered() -> None:
        if box.clickedButton() is go_on:
            clock.confirm(db)

    box.finished.connect(answered)
    box.open()
    return box


def before_dated_write(parent: QWidget | None, db: Any, lang: str = "zh") -> bool:
    """Before a visit is registered: True when the date looks right or staff confirm it now."""
    verdict = clock.needs_confirmation(db)
    if verdict is None:
        return True
    if ask(parent, verdict.message if lang == "zh" else verdict.message_en):
        clock.confirm(db)
        return True
    return False
