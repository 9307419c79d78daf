"""The desk's 打印 menu: the station's registers and sheets, a deputy's record book and 述职 report, a case's
assignment letter and supervision notice — built off the UI thread, then previewed.

Each entry asks only what the document needs (a date range, a deputy and a year, a case number, or nothing),
builds the PDF with ``print_preview.build_in_background`` (a cancellable progress dialog; the window keeps
answering) with one call of ``services.printing.jobs`` (a second copy of the same document is marked 补打),
then opens the preview to print or save it. The print is logged when the preview printed or saved it
(``jobs.DeliverLater``), not when it was built.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..domain.vocab import DEPUTY_LEVELS, label
from .forms import friendly

if TYPE_CHECKING:  # the printing services are imported when the menu is used, on the UI thread
    from ..services.printing.record_book import DeputyPick

log = logging.getLogger(__name__)


class DateRangeDialog(QDialog):
    """From … to …, this month by default."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        today = QDate(local_today())  # the station's day (+08:00), not the PC's zone setting
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), self)
        self.end = QDateEdit(today, self)
        for edit, name in ((self.start, self.tr("开始日期")), (self.end, self.tr("结束日期"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        form = QFormLayout(self)
        form.addRow(_heading(title, self))
        form.addRow(self.tr("从(&F)："), self.start)
        form.addRow(self.tr("到(&T)："), self.end)
        form.addRow(_buttons(self))

    def dates(self) -> tuple[dt.date, dt.date]:
        start, end = self.start.date().toPython(), self.end.date().toPython()  # typed object by PySide
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return start, end


def _heading(title: str, parent: QWidget) -> QLabel:
    """What is about to be printed, inside the dialog too: a title bar is easy to miss (and small)."""
    label = QLabel(title, parent)
    label.setObjectName("sectionHeading")
    return label


def _buttons(box: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, box)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
        QCoreApplication.translate("PrintMenu", "生成并预览(&P)"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("PrintMenu", "取消"))
    buttons.accepted.connect(box.accept)
    buttons.rejected.connect(box.reject)
    return buttons


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class DeputyYearDialog(QDialog):
    """Whose record book (or 述职 report) and which year. The deputy list can be typed into: a part of the name
    or the card code narrows it. With ``draft`` (the 述职 report) the text can be loaded, edited and printed;
    left empty, the draft from the year's records is printed."""

    def __init__(self, parent: QWidget | None, title: str, deputies: Sequence[DeputyPick], *,
                 draft: Callable[[uuid.UUID, int], str] | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lang = lang
        self.deputies = list(deputies)
        self._draft, self._loaded = draft, ""
        self.deputy = QComboBox(self)
        self.deputy.setEditable(True)
        self.deputy.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deputy.setAccessibleName(self.tr("代表"))
        for d in self.deputies:
            level = label(DEPUTY_LEVELS, d.level, lang)
            extra = self.tr("，").join(x for x in (d.code, level, "" if d.active else self.tr("已离任")) if x)
            self.deputy.addItem(self.tr("{0}（{1}）").format(d.name, extra) if extra else d.name, d.id)
        completer = QCompleter(self.deputy.model(), self.deputy)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.deputy.setCompleter(completer)
        fm = self.deputy.fontMetrics()  # wide enough for the longest entry, name first (CJK is double width)
        widest = max((fm.horizontalAdvance(self.deputy.itemText(i)) for i in range(self.deputy.count())), default=0)
        self.deputy.setMinimumWidth(max(widest, fm.horizontalAdvance("汉") * 12) + fm.horizontalAdvance("汉") * 4)
        edit = self.deputy.lineEdit()  # an editable combo box has one
        if edit is not None:
            edit.setCursorPosition(0)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(local_today().year)
        self.year.setAccessibleName(self.tr("年度"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_heading(title, self))
        form.addRow(self.tr("代表(&D)："), self.deputy)
        form.addRow(self.tr("年度(&Y)："), self.year)
        self.text: QPlainTextEdit | None = None
        self.load_button: QPushButton | None = None
        if draft is not None:
            self.load_button = QPushButton(self.tr("载入初稿以便修改(&L)"), self)
            self.load_button.setAccessibleName(self.tr("载入述职报告初稿"))
            self.load_button.setAutoDefault(False)
            self.load_button.clicked.connect(self.load_draft)
            self.text = QPlainTextEdit(self)
            self.text.setAccessibleName(self.tr("述职报告内容"))
            self.text.setTabChangesFocus(True)
            self.text.setPlaceholderText(self.tr("留空：按本年度的履职记录自动生成初稿并打印。\n"
                                                 "也可以先载入初稿，补上“存在的不足和下一步打算”后再打印。"))
            em = self.text.fontMetrics().horizontalAdvance("汉")
            self.text.setMinimumSize(em * 36, self.text.fontMetrics().lineSpacing() * 8)  # fits 1366×768 in large type
            form.addRow(self.load_button)
            form.addRow(self.tr("报告内容(&T)："), self.text)
            self.deputy.currentIndexChanged.connect(self._forget_unedited_draft)
            self.year.valueChanged.connect(self._forget_unedited_draft)
        self.error = _error_label(self)
        form.addRow(self.error)
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        if not self.deputies:
            self._show_error(self.tr("本站还没有登记代表。"))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def deputy_id(self) -> uuid.UUID | None:
        """The deputy picked: the list entry, or the one whose name or card code was typed."""
        index = self.deputy.findText(self.deputy.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        if index < 0:
            typed = self.deputy.currentText().strip().lower()
            hits = [i for i, d in enumerate(self.deputies) if typed and typed in (d.name.lower(), d.code.lower())]
            index = hits[0] if len(hits) == 1 else -1
        return self.deputies[index].id if 0 <= index < len(self.deputies) else None

    def report_text(self) -> str | None:
        """The edited report, or None (empty: print the draft from the records)."""
        if self.text is None or not self.text.toPlainText().strip():
            return None
        return self.text.toPlainText()

    def choice(self) -> tuple[uuid.UUID, int, str | None] | None:
        ident = self.deputy_id()
        return None if ident is None else (ident, self.year.value(), self.report_text())

    def load_draft(self) -> bool:
        ident = self.deputy_id()
        if ident is None or self._draft is None or self.text is None:
            self._show_error(self.tr("请先从列表中选择代表。"))
            return False
        try:
            self._loaded = self._draft(ident, self.year.value())
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("loading the report draft failed")
            self._show_error(friendly(exc, self.lang))
            return False
        self.error.setVisible(False)
        self.text.setPlainText(self._loaded)
        self.text.setFocus()
        return True

    def _forget_unedited_draft(self, *_args) -> None:
        """Another deputy or year: a loaded draft nobody edited belongs to the old one, so it goes."""
        if self.text is not None and self._loaded and self.text.toPlainText() == self._loaded:
            self.text.clear()
            self._loaded = ""

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def accept(self) -> None:
        if self.deputy_id() is None:
            self._show_error(self.tr("请从列表中选择代表（可输入姓名或代表证号查找）。"))
            self.deputy.setFocus()
            return
        super().accept()


class CaseNumberDialog(QDialog):
    """Which case's letter: its number, as on the receipt (upper or lower case, the check letter included)."""

    def __init__(self, parent: QWidget | None, title: str, number: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.number = QLineEdit(number, self)
        self.number.setAccessibleName(self.tr("案件编号"))
        self.number.setPlaceholderText(self.tr("例如 LX01-261122-0007-K"))
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("LX01-261122-0007-K") * 3 // 2)
        form = QFormLayout(self)
        form.addRow(_heading(title, self))
        form.addRow(self.tr("案件编号(&N)："), self.number)
        self.error = _error_label(self)
        form.addRow(self.error)
        form.addRow(_buttons(self))

    def case_number(self) -> str:
        return self.number.text().strip()

    def accept(self) -> None:
        if not self.case_number():
            self.error.setText(self.tr("请填写案件编号（印在回执上）。"))
            self.error.setVisible(True)
            self.number.setFocus()
            return
        super().accept()


class PrintMenu(QObject):
    """Adds 打印(&P) to ``window``'s menu bar; ``window.session`` supplies the database and who is printing."""

    def __init__(self, window, lang: str):
        super().__init__(window)
        self.window, self.lang = window, lang
        self.quiet = False  # tests read ``last_error`` instead of a modal box
        self.last_error: str | None = None
        menu = self.menu = QMenu(self.tr("打印(&P)"), window)
        menu.addAction(self.tr("来访登记簿(&R)…"), lambda: self.register())
        menu.addAction(self.tr("社情民意台账（全部案件）(&L)"), lambda: self.ledger())
        menu.addAction(self.tr("公示表(&N)…"), lambda: self.notice())
        menu.addAction(self.tr("本月值班表(&D)"), lambda: self.roster())
        menu.addSeparator()
        menu.addAction(self.tr("代表履职登记册(&B)…"), lambda: self.record_book())
        menu.addAction(self.tr("代表述职报告(&S)…"), lambda: self.report())
        menu.addSeparator()
        menu.addAction(self.tr("交办函(&A)…"), lambda: self.letter())
        menu.addAction(self.tr("督办通知(&U)…"), lambda: self.supervision_notice())
        self.dialog: QDialog | None = None  # the question being asked (tests answer it)
        menu.aboutToShow.connect(self._fit_menu)

    def _fit_menu(self) -> None:
        """Qt's Fusion menu sizes its widest entry a few pixels short and elides it (社情民意台账（…案件）):
        room for the widest text plus the margins, measured in the current font (large type included)."""
        fm = self.menu.fontMetrics()
        widest = max((fm.horizontalAdvance(a.text().replace("&", "")) for a in self.menu.actions()), default=0)
        self.menu.setMinimumWidth(widest + fm.horizontalAdvance("汉") * 5)

    # each entry: what to ask, then one call of services.printing.jobs (built, 补打; logged once printed)
    def register(self, dates: tuple[dt.date, dt.date] | None = None) -> bytes | None:
        dates = dates or self._ask_dates(self.tr("打印来访登记簿"))
        if dates is None:
            return None
        from ..services.printing import jobs

        return self._build(self.tr("来访登记簿"), "register", jobs.print_register, *dates)

    def ledger(self) -> bytes | None:
        from ..services.printing import jobs

        return self._build(self.tr("社情民意台账"), "ledger", jobs.print_ledger)

    def notice(self, dates: tuple[dt.date, dt.date] | None = None) -> bytes | None:
        dates = dates or self._ask_dates(self.tr("打印公示表"))
        if dates is None:
            return None
        from ..services.printing import jobs

        return self._build(self.tr("公示表"), "notice", jobs.print_notice, *dates)

    def roster(self, month: dt.date | None = None) -> bytes | None:
        from ..services.printing import jobs

        month = month or local_today()
        return self._build(self.tr("值班表"), "roster", jobs.print_roster, month.year, month.month)

    def record_book(self, choice: tuple[uuid.UUID, int] | tuple[uuid.UUID, int, str | None] | None = None
                    ) -> bytes | None:
        """履职登记册: the deputy (from the station's list) and the year, then the book."""
        choice = choice or self._ask_deputy_year(self.tr("打印代表履职登记册"))
        if choice is None:
            return None
        deputy_id, year = choice[0], choice[1]
        from ..services.printing import jobs

        return self._build(self.tr("履职登记册"), "record_book", jobs.print_record_book, deputy_id, year)

    def report(self, choice: tuple[uuid.UUID, int, str | None] | None = None) -> bytes | None:
        """述职报告: the deputy, the year and (optionally) the edited text; else the draft from the records."""
        choice = choice or self._ask_deputy_year(self.tr("打印代表述职报告"), report=True)
        if choice is None:
            return None
        deputy_id, year, text = (*choice, None)[:3]
        from ..services.printing import jobs

        return self._build(self.tr("述职报告"), "report", lambda db, actor, ident, y, t, **kw: jobs.print_report(
            db, actor, ident, y, text=t, **kw), deputy_id, year, text)

    def letter(self, number: str | None = None) -> bytes | None:
        """交办函 of a case (refused, with the reason, when the case was never assigned to a department)."""
        number = number or self._ask_case(self.tr("打印交办函"))
        if not number:
            return None
        from ..services.printing import jobs

        return self._build(self.tr("交办函 {0}").format(number), "letter", jobs.print_letter, number.strip(),
                           "assignment")

    def supervision_notice(self, number: str | None = None) -> bytes | None:
        """督办通知 of a case (each recorded 督办 is a new notice; the same one printed again is a 补打)."""
        number = number or self._ask_case(self.tr("打印督办通知"))
        if not number:
            return None
        from ..services.printing import jobs

        return self._build(self.tr("督办通知 {0}").format(number), "letter", jobs.print_letter, number.strip(),
                           "supervision")

    # the questions: modal, but reachable by tests through ``self.dialog`` (they answer it with a timer)
    def _ask(self, box: QDialog) -> bool:
        self.dialog = box
        try:
            return box.exec() == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
            box.deleteLater()

    def _ask_dates(self, title: str) -> tuple[dt.date, dt.date] | None:
        box = DateRangeDialog(self.window, title)
        return box.dates() if self._ask(box) else None

    def _ask_deputy_year(self, title: str, *, report: bool = False) -> tuple[uuid.UUID, int, str | None] | None:
        from ..services.printing.record_book import report_text, station_deputies

        db = self.window.session.db
        try:
            deputies = station_deputies(db)
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("listing deputies failed")
            self._fail(friendly(exc, self.lang))
            return None
        draft = (lambda ident, year: report_text(db, ident, year)) if report else None
        box = DeputyYearDialog(self.window, title, deputies, draft=draft, lang=self.lang)
        return box.choice() if self._ask(box) else None

    def _ask_case(self, title: str) -> str | None:
        box = CaseNumberDialog(self.window, title)
        return box.case_number() if self._ask(box) else None

    def _build(self, title: str, document: str, fn: Callable[..., Any], *args: Any) -> bytes | None:
        # imported on the UI thread, not by the pool thread
        from ..services.printing import jobs as printing_jobs
        from .print_preview import build_in_background, open_preview

        session = self.window.session
        if session.actor is None:
            self._fail(self.tr("请先签到，再打印。"))
            return None
        later = printing_jobs.DeliverLater()  # logged when the preview prints or saves it
        try:
            pdf = build_in_background(self.window, title, fn, session.db, session.actor, *args, deliver=later)
        except Exception as exc:  # a DomainError is the user's to read; anything else goes to the log
            if not isinstance(exc, DomainError):
                log.exception("building %s failed", document)
            self._fail(friendly(exc, self.lang))
            return None
        if pdf is None:  # cancelled
            return None
        self.last_error = None
        open_preview(self.window, pdf, title, document=document,  # the PrintedPdf: its glyph warnings are shown
                     on_delivered=later.record)
        return bytes(pdf)

    def _fail(self, text: str) -> None:
        self.last_error = text
        if not self.quiet:
            QMessageBox.warning(self.window, self.tr("打印"), text)
