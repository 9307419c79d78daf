"""同步冲突: what sync could not settle on its own, shown to staff (值班 → 同步冲突…).

Three kinds: a field two places edited (the newest edit was kept, the other value is shown), a change the
county hub refused (with its reason), and an incoming record that collides with one here (held back until
staff look at it). Nothing is ever dropped: "标记为已处理" only records that someone looked; the losing value
stays on record and the list can show handled conflicts again.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError, PermissionDenied
from ..domain.timeutil import to_local
from ..domain.vocab import RECORD_KINDS, label
from ..domain.workflow import Role
from .forms import HeldRowsModel, fit_columns, fit_short_table, friendly, make_table
from .session import DeskSession

log = logging.getLogger(__name__)

COLUMNS = ("when", "kind", "record", "detail")

# the fields people edit at two places most often, in words (the column name otherwise)
FIELDS = {"phone": ("电话", "phone"), "name": ("姓名", "name"), "village_id": ("村（社区）", "village"),
          "address": ("地址", "address"), "summary": ("摘要", "summary"), "content": ("反映内容", "matter"),
          "headcount": ("人数", "headcount"), "category_id": ("类别", "category"), "urgency": ("紧急程度", "urgency"),
          "triage": ("颜色", "triage colour"), "note": ("备注", "note"), "active": ("在用", "active")}


def _kind(kind: str) -> str:
    return {"field": QCoreApplication.translate("ConflictsDialog", "两处修改（保留了较新的）"), "rejected": QCoreApplication.translate("ConflictsDialog", "县级平台拒收"),
            "clash": QCoreApplication.translate("ConflictsDialog", "记录重复（暂未采用）"),
            "quarantined": QCoreApplication.translate("ConflictsDialog", "无法应用（已暂存，自动重试）")}.get(kind, kind)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictModel(HeldRowsModel):
    """Rows are ``services.sync.ConflictView``; the list is short (what staff have not looked at), held whole."""

    COLUMNS = COLUMNS

    def conflict_at(self, row: int) -> Any:
        return self.row_at(row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return (QCoreApplication.translate("ConflictsDialog", "发现时间"), QCoreApplication.translate("ConflictsDialog", "情况"), QCoreApplication.translate("ConflictsDialog", "记录"), QCoreApplication.translate("ConflictsDialog", "详细"))[section]

    def _record(self, c: Any) -> str:
        return f"{label(RECORD_KINDS, c.entity, self._lang)} {str(c.entity_id)[:8]}"

    def _detail(self, c: Any) -> str:
        if c.kind == "field":
            zh, en = FIELDS.get(c.field or "", (c.field or "", c.field or ""))
            return QCoreApplication.translate("ConflictsDialog", "“{0}”：保留 {1}；另一处改为 {2}").format(
                en if self._lang == "en" else zh, _value(c.kept), _value(c.lost))
        return c.reason or "—"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "when":
                return f"{to_local(c.detected_at):%Y-%m-%d %H:%M}" if c.detected_at else "—"
            if column == "kind":
                return _kind(c.kind) + (QCoreApplication.translate("ConflictsDialog", "（已处理）") if c.resolved_at else "")
            if column == "record":
                return self._record(c) if role == Qt.ItemDataRole.DisplayRole else f"{c.entity} {c.entity_id}"
            return self._detail(c)
        return None


class ConflictsDialog(QDialog):
    """Lists the open conflicts (or all of them); staff and administrators mark one as handled."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self.setWindowTitle(self.tr("同步冲突"))
        self.resize(980, 520)
        heading = QLabel(self.tr("同步冲突"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("同步时不能自动处理的情况都列在这里，一条也不会丢掉。核对之后点“标记为已处理”；"
                               "原来的数值仍然保存在记录中。"))
        intro.setWordWrap(True)
        self.model = ConflictModel(lang=self._lang, parent=self)
        self.table = make_table(self.model, self.tr("同步冲突列表"), self)
        fit_short_table(self.table, len(COLUMNS) - 1)  # the details take the spare width
        self.details = QLabel()  # the selected conflict in full: the table's last column is often cut short
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("所选冲突的详细情况"))
        self.empty = QLabel(self.tr("没有需要处理的同步冲突。"))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.show_all = QCheckBox(self.tr("也显示已处理的(&A)"))
        self.show_all.toggled.connect(lambda _on: self.reload())
        self.resolve_button = QPushButton(self.tr("标记为已处理(&M)"))
        self.resolve_button.setAccessibleName(self.tr("标记为已处理"))
        self.resolve_button.setAutoDefault(False)
        self.resolve_button.clicked.connect(self.resolve_selected)
        close = QPushButton(self.tr("关闭(&C)"))
        close.setAccessibleName(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_all)
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addWidget(self.table, 1)
        outer.addWidget(self.details)
        outer.addWidget(self.empty)
        outer.addWidget(self.error)
        outer.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        from ..services.sync.rounds import list_conflicts

        try:
            rows = list_conflicts(self.session.db, include_resolved=self.show_all.isChecked())
        except Exception as exc:  # a sentence, never a trace
            if not isinstance(exc, DomainError):
                log.exception("could not list the sync conflicts")
            self.show_error(friendly(exc, self._lang))
            rows = []
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row()
        self.details.setText(" · ".join(str(self.model.index(row, c).data()) for c in range(1, len(COLUMNS)))
                             if 0 <= row < self.model.rowCount() else "")
        self.details.setVisible(bool(self.details.text()))
        open_one = 0 <= row < self.model.rowCount() and self.model.conflict_at(row).resolved_at is None
        may = self.session.role in (Role.STAFF, Role.ADMIN)  # the service checks it too
        self.resolve_button.setEnabled(open_one and may)
        self.resolve_button.setToolTip("" if may else self.tr("由工作人员或管理员处理。"))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    def resolve_selected(self) -> None:
        from ..services.sync.rounds import resolve_conflict

        row = self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            return
        conflict = self.model.conflict_at(row)
        try:
            if self.session.actor is None:
                raise PermissionDenied("not_signed_in", "请先签到。", message_en="Sign in first.")
            changed = resolve_conflict(self.session.db, self.session.actor, conflict.id)
        except Exception as exc:  # e.g. a duty deputy: staff and administrators handle conflicts
            if not isinstance(exc, DomainError):
                log.exception("could not mark the conflict handled")
            self.show_error(friendly(exc, self._lang))
            return
        self.error.setVisible(False)
        self.session.publish(changed)
        self.reload()
