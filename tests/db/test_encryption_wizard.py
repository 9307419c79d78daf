"""The set-up wizard shows the database's recovery code once, on the page after the station is made (issue 17)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.ui.setup_wizard import SetupWizard
from tests.ui.helpers import type_text


def test_the_wizard_shows_the_recovery_code_that_unlocks_the_database(qtbot, empty_db):
    wiz = SetupWizard(empty_db, demo_visits=120)
    qtbot.addWidget(wiz)
    wiz.resize(1366, 728)
    wiz.show()
    qtbot.waitExposed(wiz)
    page = wiz.station_page
    for edit, text in ((page.name_edit, "柳树湾村人大代表联络站"), (page.code_edit, "LX01")):
        type_text(qtbot, edit, text)
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    type_text(qtbot, wiz.villages_page.edit, "柳树湾村")
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert not wiz.deputies_page.recovery_label.isVisible()
    for edit in (wiz.admin_page.pin_edit, wiz.admin_page.pin2_edit):
        type_text(qtbot, edit, "2468")
    button = wiz.button(QWizard.WizardButton.CommitButton if wiz.currentPage().isCommitPage()
                        else QWizard.WizardButton.NextButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wiz.currentPage() is wiz.deputies_page
    label = wiz.deputies_page.recovery_label
    assert label.isVisible() and "请抄下或打印并妥善保管" in label.text()
    code = re.search(r"[A-Z2-7]{5}(?:-[A-Z2-7]{5}){5}", label.text()).group(0)
    assert code == wiz.result_info.recovery_code
    assert label.geometry().bottom() < wiz.deputies_page.height()  # on the screen, not pushed out
    empty_db.dispose()
    path = paths.database_path(empty_db.path.parent)
    cipher.key_store(path).delete(cipher.key_name(path))  # as on a new PC
    cipher.recover_key(path, code)
