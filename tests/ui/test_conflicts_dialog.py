"""值班 → 同步冲突: staff see what sync could not settle, and mark it handled; nothing is dropped."""

from __future__ import annotations

import json
import uuid

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.services.sync.rounds import list_conflicts
from liaison_desk.ui.conflicts_dialog import ConflictModel, ConflictsDialog
from liaison_desk.ui.main_window import MainWindow


def _add_conflicts(data_dir) -> None:
    conn = cipher.connect_station(paths.database_path(data_dir))  # encrypted: with this PC's key
    rows = [("field", "constituents", "phone", json.dumps("13800001111"), json.dumps("13911112222"), "", None),
            ("rejected", "cases", None, None, "{}", "这条记录属于另一个联络站，不能修改。", None),
            ("clash", "cases", None, None, "{}", "UNIQUE constraint failed: cases.number", None),
            ("field", "visits", "headcount", "2", "3", "", "2026-11-01 08:00:00.000000")]
    with conn:
        for kind, entity, field, kept, lost, reason, resolved in rows:
            conn.execute("INSERT INTO sync_conflicts (kind, entity, entity_id, field, kept_value, lost_value, "
                         "reason, detected_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (kind, entity, uuid.uuid4().hex, field, kept, lost, reason, "2026-11-20 02:30:00.000000",
                          resolved))
    conn.close()


def test_the_model_passes_the_model_tester(qtmodeltester, desk_db, data_dir):
    _add_conflicts(data_dir)
    model = ConflictModel(list_conflicts(desk_db, include_resolved=True))
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_staff_see_the_open_conflicts_in_words_and_mark_one_handled(qtbot, admin_session, data_dir):
    _add_conflicts(data_dir)
    dialog = ConflictsDialog(admin_session)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 3  # the handled one is not listed by default
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(3)]
    assert texts[0][1] == "两处修改（保留了较新的）" and texts[0][2].startswith("来访群众 ")
    assert texts[0][3].startswith("“电话”：保留 13800001111") and "13911112222" in texts[0][3]
    assert texts[1][1] == "县级平台拒收" and "另一个联络站" in texts[1][3]
    assert texts[2][1] == "记录重复（暂未采用）"
    assert texts[0][0] == "2026-11-20 10:30"  # local time (+08:00)
    assert "13911112222" in dialog.details.text()  # the selected one in full under the table
    dialog.table.selectRow(1)
    dialog.resolve_selected()
    assert dialog.error_text() == "" and model.rowCount() == 2
    assert len(list_conflicts(admin_session.db)) == 2
    dialog.show_all.setChecked(True)  # handled ones come back, marked, with their values kept
    assert model.rowCount() == 4
    handled = [model.index(r, 1).data() for r in range(4) if model.index(r, 1).data().endswith("（已处理）")]
    assert len(handled) == 2


def test_a_duty_deputy_may_look_but_not_mark(qtbot, deputy_session, data_dir):
    _add_conflicts(data_dir)
    dialog = ConflictsDialog(deputy_session)
    qtbot.addWidget(dialog)
    assert not dialog.resolve_button.isEnabled()
    dialog.resolve_selected()  # even if it were pressed, the service says no
    assert "值班代表" in dialog.error_text() or "不能" in dialog.error_text()
    assert dialog.model.rowCount() == 3


def test_no_conflicts_says_so(qtbot, admin_session):
    dialog = ConflictsDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert not dialog.resolve_button.isEnabled()


def test_the_duty_menu_opens_it(qtbot, admin_session, data_dir):
    _add_conflicts(data_dir)
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    assert win.sync.conflicts_action in win.menus.duty_menu.actions()
    win.sync.conflicts_action.trigger()
    qtbot.waitUntil(lambda: win.sync.conflicts_dialog.isVisible())
    assert win.sync.conflicts_dialog.model.rowCount() == 3
    win.sync.conflicts_dialog.accept()
    win.close()
