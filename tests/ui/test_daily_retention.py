"""The retention rule runs by itself at most once a day: started in the background when the desk opens."""

from __future__ import annotations

from liaison_desk.db.database import get_local
from liaison_desk.services.admin import retention
from liaison_desk.services.desk.startup import read_start
from liaison_desk.ui.main_window import MainWindow

from .conftest import ADMIN_PIN, DEPUTY_NAME, DEPUTY_PIN  # noqa: F401


def _last_run(db) -> str | None:
    with db.session(write=False) as s:
        return get_local(s, retention.LAST_RUN_KEY)


def test_signing_in_at_start_runs_the_retention_rule_in_the_background(qtbot, desk_db, data_dir):
    assert _last_run(desk_db) is None
    start = read_start(data_dir)
    win = MainWindow(None, "zh", start=start, data_dir=data_dir, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    dialog = win.start_screen.dialog
    qtbot.waitUntil(lambda: win.start_screen.ready, timeout=20000)
    assert dialog.select_account(DEPUTY_NAME)
    dialog.pin_edit.setText(DEPUTY_PIN)
    with qtbot.waitSignal(win.started, timeout=20000):
        dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: _last_run(win.database) is not None, timeout=20000)
    assert not retention.retention_due(win.database)  # the next start today does nothing
    win.close()
