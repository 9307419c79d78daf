"""Helpers shared by the desk's forms: a caption + input + error-line row, and showing a DomainError where it belongs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QTimer,
)
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ..domain.errors import DomainError

_ROOT = QModelIndex()


log = logging.getLogger(__name__)
T = TypeVar("T")

def single_shot_timer(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A restartable single-shot timer owned by ``parent`` (a debounce: each start() pushes it back)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def set_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)  # re-read the style sheet for the new property value
    widget.style().polish(widget)


def friendly(exc: BaseException, lang: str) -> str:
    """What the user reads: a DomainError's own message, else one calm sentence (the details go to the log)."""
    if isinstance(exc, DomainError):
        return exc.localized(lang)
    return QCoreApplication.translate("Forms", "操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。")


@dataclass
class FieldErrors:
    """Error lines under inputs, keyed by the names services use in ``DomainError.field``."""

    form_label: QLabel
    inputs: dict[str, QWidget] = field(default_factory=dict)
    labels: dict[str, QLabel] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def add_row(self, form: QFormLayout, key: str, caption: str, widget: QWidget, accessible: str,
                hint: str = "") -> QLabel:
        label = QLabel(caption)
        label.setBuddy(widget)
        widget.setAccessibleName(accessible)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            h = QLabel(hint)
            h.setObjectName("fieldHint")
            h.setWordWrap(True)
            column.addWidget(h)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.setVisible(False)
        column.addWidget(error)
        form.addRow(label, column)
        self.inputs[key] = widget
        self.labels[key] = error
        return label

    def clear(self) -> None:
        for key, label in self.labels.items():
            label.clear()
            label.setVisible(False)
            set_invalid(self.inputs[key], False)
        self.form_label.clear()
        self.form_label.setVisible(False)

    def show(self, message: str, fieldname: str | None = None, *, focus: bool = True) -> None:
        key = self.aliases.get(fieldname or "", fieldname)
        if key in self.labels:
            self.labels[key].setText(message)
            self.labels[key].setVisible(True)
            set_invalid(self.inputs[key], True)
            if focus:
                self.inputs[key].setFocus()  # the cursor goes where the fix is needed; nothing typed is lost
            reveal(self.labels[key])
        else:
            self.form_label.setText(message)
            self.form_label.setVisible(True)
            reveal(self.form_label)

    def clear_field(self, key: str) -> None:
        """Take one field's message away (it was fixed); the others stay."""
        label = self.labels[key]
        if not label.isHidden():
            label.clear()
            label.setVisible(False)
            set_invalid(self.inputs[key], False)

    def show_exception(self, exc: BaseException, lang: str) -> None:
        self.show(friendly(exc, lang), getattr(exc, "field", None))

    def attempt(self, what: str, call: Callable[[], T], lang: str) -> T | None:
        """``call()`` (a service write); a refusal is shown at its field, anything else is logged with its
        traceback and said in one sentence; None then, and the dialog stays open with what was typed."""
        self.clear()
        try:
            return call()
        except Exception as exc:  # never a stack trace at the desk
            if not isinstance(exc, DomainError):
                log.exception("%s failed", what)
            self.show_exception(exc, lang)
            return None

    def text(self, key: str) -> str:
        label = self.labels[key]
        return "" if label.isHidden() else label.text()


def reveal(widget: QWidget) -> None:
    """Scroll the page ``widget`` is on (a page wrapped in a QScrollArea) so that it is in sight."""
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        page = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and page is not None:
            layout = page.layout()
            if layout is not None:
                layout.activate()  # a widget just shown gets its place before it is measured
            QCoreApplication.sendEvent(parent, QEvent(QEvent.Type.LayoutRequest))  # the page its new height
            parent.ensureWidgetVisible(widget, 8, 8)
        parent = parent.parentWidget()


WEEKDAY_FORMAT = "yyyy-MM-dd dddd"  # 2026-12-08 星期二


def _date_locale(lang: str) -> Any:
    from PySide6.QtCore import QLocale

    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def weekday_text(date: Any, lang: str = "zh") -> str:
    """A date as the date fields show it, with its weekday: ``2026-12-08 星期二``."""
    return _date_locale(lang).toString(date, WEEKDAY_FORMAT)


def show_weekday(edit: Any, lang: str = "zh") -> None:
    """Make a QDateEdit show the weekday after the date (and be wide enough for it)."""
    edit.setLocale(_date_locale(lang))
    edit.setDisplayFormat(WEEKDAY_FORMAT)
    longest = max((weekday_text(edit.date().addDays(i), lang) for i in range(7)),
                  key=edit.fontMetrics().horizontalAdvance)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(longest) + 48)  # the arrows and the frame


def date_edit(date: Any = None, *, lang: str = "zh", parent: QWidget | None = None) -> Any:
    """A date field that shows the weekday (``2026-12-08 星期二``), with a calendar pop-up; today when no date."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    edit = QDateEdit(date if date is not None else QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    show_weekday(edit, lang)
    return edit


def combo_select_data(combo: Any, value: Any) -> None:
    """Select the item whose data equals ``value`` (compared as text, so UUIDs from JSON drafts match)."""
    for i in range(combo.count()):
        if str(combo.itemData(i)) == str(value):
            combo.setCurrentIndex(i)
            return


def make_table(model: Any, accessible: str, parent: QWidget | None = None) -> Any:
    """A read-only, row-selecting, keyboard-friendly table with fixed row heights (fast on long lists)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move within it
    table.verticalHeader().setVisible(False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(int(table.fontMetrics().height() * 1.9))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Fit columns to the first rows, not to every loaded row (QTableView measures a column over the rows its
    # *vertical* header's precision allows).
    header.setResizeContentsPrecision(30)
    rows.setResizeContentsPrecision(30)
    return table


def fit_short_table(table: Any, stretch_column: int) -> None:
    """For short lists held whole: one column takes the spare width; call ``fit_columns`` after each load.

    Not ResizeToContents: that mode measures every row again on every layout pass (tens of thousands of
    data() calls for a 100-row list while the window opens)."""
    from PySide6.QtWidgets import QHeaderView

    table.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    table.setProperty("stretchColumn", stretch_column)


def fit_columns(table: Any) -> None:
    """Columns as wide as their first rows (``setResizeContentsPrecision``), measured once."""
    stretch = table.property("stretchColumn")
    for col in range(table.model().columnCount()):
        if col != stretch and not table.isColumnHidden(col):
            table.resizeColumnToContents(col)


class HeldRowsModel(QAbstractTableModel):
    """A short list held whole (the service caps it): ``rows`` are any objects; a subclass names its
    ``COLUMNS`` and says what each cell shows (``data``, ``headerData``)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[Any] = (), *, lang: str = "zh", parent=None):
        super().__init__(parent)
        self._rows: list[Any] = list(rows)
        self._lang = lang

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)
