"""Short case lists (handover sections, the overdue queue) as a Qt table model over a tuple of case briefs.

These lists are capped by the service (the most urgent 100 or so), so the model holds them whole.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ..domain.validation import mask_phone
from ..domain.vocab import URGENCY, label
from ..services.cases.listing import CaseBrief
from .case_table_model import (
    CASE_ID_ROLE,
    OVERDUE_COLOUR,
    TRIAGE_SWATCH,
    status_label,
    triage_long,
    triage_short,
)
from .forms import HeldRowsModel

BRIEF_COLUMNS = ("number", "summary", "village", "triage", "urgency", "status", "deadline", "overdue")
(B_NUMBER, B_SUMMARY, B_VILLAGE, B_TRIAGE, B_URGENCY, B_STATUS, B_DEADLINE, B_OVERDUE) = range(len(BRIEF_COLUMNS))


def _header(key: str) -> str:
    labels = {
        "number": QCoreApplication.translate("BriefModel", "编号"),
        "summary": QCoreApplication.translate("BriefModel", "摘要"),
        "village": QCoreApplication.translate("BriefModel", "村（社区）"),
        "triage": QCoreApplication.translate("BriefModel", "颜色"),
        "urgency": QCoreApplication.translate("BriefModel", "紧急程度"),
        "status": QCoreApplication.translate("BriefModel", "状态"),
        "deadline": QCoreApplication.translate("BriefModel", "期限"),
        "overdue": QCoreApplication.translate("BriefModel", "超期"),
    }
    return labels[key]


class CaseBriefModel(HeldRowsModel):
    """Rows are ``services.cases.listing.CaseBrief``: the handover's sections and the overdue queue."""

    COLUMNS = BRIEF_COLUMNS

    def brief_at(self, row: int) -> CaseBrief:
        brief: CaseBrief = self.row_at(row)
        return brief

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(BRIEF_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _header(BRIEF_COLUMNS[section])
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and section >= 0:
            return str(section + 1)
        return None

    def _display(self, b: CaseBrief, col: int) -> str:
        if col == B_NUMBER:
            return b.number
        if col == B_SUMMARY:
            return " ".join((b.summary or "").split())
        if col == B_VILLAGE:
            return b.village or ""
        if col == B_TRIAGE:
            return triage_short(b.triage, self._lang)
        if col == B_URGENCY:
            return label(URGENCY, b.urgency, self._lang)
        if col == B_STATUS:
            return status_label(b.status, self._lang)
        if col == B_DEADLINE:
            due = b.deadline or b.callback_due
            return due.isoformat() if due else ""
        if col == B_OVERDUE:
            days = b.days_overdue
            return QCoreApplication.translate("BriefModel", "{0} 天").format(days) if days else ""
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        b: CaseBrief = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if role == Qt.ItemDataRole.AccessibleTextRole and col == B_TRIAGE:
                return triage_long(b.triage, self._lang)
            return self._display(b, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == B_SUMMARY:
                who, phone = b.visitor_name, b.visitor_phone
                extra = f"\n{who or ''} {mask_phone(phone) if phone else ''}".rstrip()
                return (b.summary or "") + extra
            if col == B_TRIAGE:
                return triage_long(b.triage, self._lang)
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == B_TRIAGE:
            return TRIAGE_SWATCH.get(b.triage)
        if role == Qt.ItemDataRole.ForegroundRole and col in (B_DEADLINE, B_OVERDUE) and b.days_overdue:
            return OVERDUE_COLOUR
        if role == CASE_ID_ROLE:
            return str(b.id)
        return None
