"""The 统计 tab (issue 16, station side): a period and a breakdown chosen by the user (this month until then),
the period's figures beside 上期 and 去年同期, the breakdown, two charts (cases per month by category; 办结率
and 满意率 over time), the 问题清单 (a row lists its cases; a case opens on Enter or a double click), and the
month-end pack for the township (月末报送材料: one PDF and the ledger as .xlsx) in one action.

The figures are read when the tab is first shown and whenever 统计 is pressed; the charts are the same
ReportLab drawings the pack prints, painted from SVG. ``choose_folder`` and ``inform`` are module hooks a test
replaces (a modal dialog would wait for a click)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QShowEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.reports import DIMENSIONS, FIGURES, Figures, Period, change, parse_period
from ..domain.timeutil import to_local, utcnow
from ..services.stats import (
    StatsView,
    chart_svgs,
    default_folder,
    problem_cases,
    stats_view,
    write_month_pack,
)
from .print_preview import PdfJob, run_with_progress
from .session import DeskSession

log = logging.getLogger(__name__)

KINDS = ("month", "quarter", "half", "year", "range")


def choose_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    """Ask where the pack goes (replaced in tests)."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None


def inform(parent: QWidget, title: str, text: str, *, error: bool = False) -> None:
    """Tell the user (replaced in tests)."""
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()


def fmt(value: float | int | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value:.2f}%"
    if kind == "days":
        return f"{value:g}"
    return f"{int(value)}"


def fmt_change(value: float | None, kind: str, lang: str = "zh") -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    if kind == "rate":
        return f"{sign}{value:.2f}" + (" 个百分点" if lang != "en" else " pp")
    return f"{sign}{value:g}"


class ChartView(QWidget):
    """An SVG chart, scaled to the widget with its aspect kept."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_svg(self, svg: bytes) -> None:
        self.renderer.load(QByteArray(svg))
        self.update()

    def has_chart(self) -> bool:
        return self.renderer.isValid()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.renderer.isValid():
            return
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        size = self.renderer.defaultSize().toSizeF()
        scale = min(self.width() / size.width(), self.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        self.renderer.render(p, QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h))
        p.end()


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _fit_rows(t: QTableWidget, most: int) -> None:
    """Tall enough for ``most`` rows (or all it has): the page scrolls, not each small table."""
    rows = max(1, min(t.rowCount(), most))
    height = t.horizontalHeader().height() + 2 * t.frameWidth() + rows * t.verticalHeader().defaultSectionSize()
    if t.horizontalScrollBar().isVisible() or t.horizontalHeader().length() > t.viewport().width():
        height += t.horizontalScrollBar().sizeHint().height()
    t.setMinimumHeight(height + 2)
    t.setMaximumHeight(height + 2)


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the page is as wide as the tab
    t.horizontalHeader().setMinimumSectionSize(40)
    t.setMinimumHeight(160)
    return t


class StatsPage(QWidget):
    open_case = Signal(uuid.UUID)

    def __init__(self, session: DeskSession, parent: QWidget | None = None, *, as_of: dt.datetime | None = None):
        super().__init__(parent)
        self.session = session
        self.as_of = as_of  # naive UTC cut-off (tests); None: now
        self.view: StatsView | None = None
        self._loaded = False
        today = to_local(as_of or utcnow()).date()

        # -- the period and the breakdown
        self.kind_combo = QComboBox()
        for kind, text in zip(KINDS, (self.tr("月份"), self.tr("季度"), self.tr("半年"), self.tr("年度"),
                                      self.tr("日期范围")), strict=True):
            self.kind_combo.addItem(text, kind)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.part_combo = QComboBox()
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for edit, d in ((self.from_edit, today.replace(day=1)), (self.to_edit, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(d.year, d.month, d.day))
        self.by_combo = QComboBox()
        self.by_combo.addItem(self.tr("不分组"), None)
        for key, names in DIMENSIONS.items():
            self.by_combo.addItem(self.tr("按%1").replace("%1", names[0]), key)
        self.run_button = QPushButton(self.tr("统计(&S)"))
        self.pack_button = QPushButton(self.tr("月末报送材料(&M)…"))
        self.pack_button.setToolTip(self.tr("为所选月份生成一个 PDF（统计表、统计图、问题清单、来访登记簿、未办结台账）和未办结台账 Excel 表"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        labels = [QLabel(self.tr("统计期间(&Q)")), QLabel(self.tr("分组(&G)"))]
        labels[0].setBuddy(self.kind_combo)
        labels[1].setBuddy(self.by_combo)
        self.from_label, self.to_label = QLabel(self.tr("从")), QLabel(self.tr("至"))
        pick = QHBoxLayout()
        for w in (labels[0], self.kind_combo, self.year_spin, self.part_combo, self.from_label, self.from_edit,
                  self.to_label, self.to_edit, labels[1], self.by_combo, self.run_button, self.pack_button):
            pick.addWidget(w)
        pick.addStretch(1)

        # -- figures, breakdown, charts, 问题清单
        self.figures_table = _table([self.tr("指标"), self.tr("本期"), self.tr("上期"), self.tr("比上期增减"),
                                     self.tr("去年同期"), self.tr("比去年同期增减")])
        self.breakdown_table = _table([])
        self.cases_chart, self.rates_chart = ChartView(), ChartView()
        self.problems_table = _table([self.tr("序号"), self.tr("类别"), self.tr("村（社区）"), self.tr("问题"),
                                      self.tr("件数"), self.tr("办理情况")])
        self.problem_cases = QListWidget()
        self.problem_cases.setMinimumHeight(100)
        self.problem_cases.setToolTip(self.tr("回车或双击打开案件"))

        self.figures_box = QGroupBox(self.tr("主要指标"))
        QVBoxLayout(self.figures_box).addWidget(self.figures_table)
        self.breakdown_box = QGroupBox(self.tr("分组统计"))
        QVBoxLayout(self.breakdown_box).addWidget(self.breakdown_table)
        charts = QGroupBox(self.tr("统计图"))
        cl = QGridLayout(charts)
        cl.addWidget(self.cases_chart, 0, 0)
        cl.addWidget(self.rates_chart, 0, 1)
        problems = QGroupBox(self.tr("问题清单（群众反映最多的问题）"))
        pl = QVBoxLayout(problems)
        pl.addWidget(self.problems_table)
        self.cases_label = QLabel(self.tr("该问题的案件(&C)："))
        self.cases_label.setBuddy(self.problem_cases)
        pl.addWidget(self.cases_label)
        pl.addWidget(self.problem_cases)

        top = QGridLayout()
        top.addWidget(self.figures_box, 0, 0)
        top.addWidget(charts, 1, 0)
        top.addWidget(self.breakdown_box, 2, 0)
        top.addWidget(problems, 3, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.status_label)
        layout.addLayout(top)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.run_button.clicked.connect(self.refresh)
        self.pack_button.clicked.connect(self.make_pack)
        self.problems_table.itemSelectionChanged.connect(self._problem_chosen)
        self.problem_cases.itemActivated.connect(self._case_activated)
        self._kind_changed()
        self.set_month(today.year, today.month)

    # -- the period -------------------------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.part_combo.clear()
        if kind == "month":
            for m in range(1, 13):
                self.part_combo.addItem(self.tr("%1 月").replace("%1", str(m)), m)
        elif kind == "quarter":
            for q, text in enumerate((self.tr("第一季度"), self.tr("第二季度"), self.tr("第三季度"),
                                      self.tr("第四季度")), start=1):
                self.part_combo.addItem(text, q)
        elif kind == "half":
            self.part_combo.addItem(self.tr("上半年"), 1)
            self.part_combo.addItem(self.tr("下半年"), 2)
        is_range = kind == "range"
        self.year_spin.setVisible(not is_range)
        self.part_combo.setVisible(kind in ("month", "quarter", "half"))
        for w in (self.from_edit, self.to_edit, self.from_label, self.to_label):
            w.setVisible(is_range)

    def set_month(self, year: int, month: int) -> None:
        self.kind_combo.setCurrentIndex(KINDS.index("month"))
        self.year_spin.setValue(year)
        self.part_combo.setCurrentIndex(month - 1)

    def period(self) -> Period:
        """The period chosen (raises ``DomainError`` with a message in Chinese when it makes no sense)."""
        kind, y = self.kind_combo.currentData(), self.year_spin.value()
        part = self.part_combo.currentData()
        if kind == "month":
            return parse_period(f"{y}-{part:02d}")
        if kind == "quarter":
            return parse_period(f"{y}Q{part}")
        if kind == "half":
            return parse_period(f"{y}H{part}")
        if kind == "year":
            return parse_period(str(y))
        a, b = self.from_edit.date(), self.to_edit.date()
        return parse_period(f"{a.toString('yyyy-MM-dd')}..{b.toString('yyyy-MM-dd')}")

    # -- reading and showing -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        try:
            period = self.period()
            self.view = stats_view(self.session.db, period, by=self.by_combo.currentData(), as_of=self.as_of)
        except DomainError as exc:
            self.status_label.setText(exc.localized(self.session.lang))
            return
        except Exception:  # a bug must not take the desk down; the log has it
            log.exception("statistics failed")
            self.status_label.setText(self.tr("统计出错，详情已写入日志。"))
            return
        self._show(self.view)
        self.pack_button.setEnabled(period.kind == "month")

    def _show(self, view: StatsView) -> None:
        r = view.report
        self.status_label.setText(self.tr("%1：%2 至 %3，按登记日期计；数据截至 %4").replace("%1", r.period.label())
                                  .replace("%2", r.period.first.isoformat()).replace("%3", r.period.last.isoformat())
                                  .replace("%4", f"{r.as_of:%Y-%m-%d %H:%M}"))
        t = self.figures_table
        t.setRowCount(len(FIGURES))
        for i, d in enumerate(FIGURES):
            now, before, last = (getattr(r.totals, d.key), getattr(r.previous, d.key), getattr(r.last_year, d.key))
            cells = [d.zh if self.session.lang != "en" else d.en, fmt(now, d.kind), fmt(before, d.kind),
                     fmt_change(change(now, before), d.kind, self.session.lang), fmt(last, d.kind),
                     fmt_change(change(now, last), d.kind, self.session.lang)]
            for j, text in enumerate(cells):
                t.setItem(i, j, _item(text, right=j > 0))
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        _fit_rows(t, len(FIGURES))
        self._show_breakdown(view)
        family = self.font().family()
        size = max(9.0, self.font().pointSizeF() * 0.9)
        svg_cases, svg_rates = chart_svgs(view.months, 600, 280, font_size=size, font_family=family)
        self.cases_chart.set_svg(svg_cases)
        self.rates_chart.set_svg(svg_rates)
        p = self.problems_table
        p.setRowCount(len(r.problems))
        for i, q in enumerate(r.problems):
            for j, text in enumerate((str(i + 1), q.category, q.village, q.title, str(q.count), q.state)):
                p.setItem(i, j, _item(text, right=j == 4))
        for col in (0, 1, 2, 4, 5):
            p.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        _fit_rows(p, 10)
        self.problem_cases.clear()

    def _show_breakdown(self, view: StatsView) -> None:
        r, t = view.report, self.breakdown_table
        self.breakdown_box.setVisible(r.by is not None)
        if r.by is None:
            return
        shown = [d for d in FIGURES if d.key in ("cases", "assigned", "closed", "closure_rate",
                                                  "satisfaction_rate", "overdue")]
        t.setColumnCount(len(shown) + 1)
        t.setHorizontalHeaderLabels([DIMENSIONS[r.by][0]] + [d.zh for d in shown])
        rows: list[tuple[str, Figures]] = [(row.label, row.figures) for row in r.breakdown]
        rows.append((self.tr("合计"), r.totals))
        t.setRowCount(len(rows))
        for i, (label, f) in enumerate(rows):
            t.setItem(i, 0, _item(label))
            for j, d in enumerate(shown, start=1):
                t.setItem(i, j, _item(fmt(getattr(f, d.key), d.kind), right=True))
        _fit_rows(t, len(FIGURES))

    def _problem_chosen(self) -> None:
        self.problem_cases.clear()
        rows = self.problems_table.selectionModel().selectedRows()
        if not rows or self.view is None:
            return
        problem = self.view.report.problems[rows[0].row()]
        for c in problem_cases(self.session.db, problem.numbers):
            item = QListWidgetItem(f"{c.number}　{c.registered_at:%Y-%m-%d}　{c.status}　{c.summary}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.problem_cases.addItem(item)

    def _case_activated(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_case.emit(case_id)

    # -- the month-end pack --------------------------------------------------------------------------------------

    def make_pack(self) -> Path | None:
        """Write the month's pack into a folder the user chooses; returns the PDF's path (None: not made)."""
        title = self.tr("月末报送材料")
        try:
            period = self.period()
            actor = self.session.require_actor()
        except DomainError as exc:
            inform(self, title, exc.localized(self.session.lang), error=True)
            return None
        if period.kind != "month":
            inform(self, title, self.tr("月末报送材料按月份制作，请先选择一个月份。"), error=True)
            return None
        folder = choose_folder(self, self.tr("选择保存月末报送材料的文件夹"), default_folder())
        if folder is None:
            return None
        job = PdfJob(write_month_pack, self.session.db, actor, period, folder, as_of=self.as_of)
        outcome = run_with_progress(self, self.tr("正在制作%1月末报送材料…").replace("%1", period.label()), job)
        if "cancelled" in outcome:
            return None
        if "error" in outcome:
            failure = outcome["error"]
            text = (failure.localized(self.session.lang) if isinstance(failure, DomainError)
                    else self.tr("制作月末报送材料时出错，详情已写入日志。"))
            inform(self, title, text, error=True)
            return None
        files = outcome["result"]
        text = (self.tr("已保存到 %1：\n\n%2（%3 页）\n%4（未办结案件 %5 件）").replace("%1", str(folder))
                .replace("%2", files.pdf.name).replace("%3", str(files.pages)).replace("%4", files.xlsx.name)
                .replace("%5", str(files.open_cases)))
        if files.warnings:
            text += "\n\n" + self.tr("以下字符字库中没有，打印为 □，请手工补写：") + "、".join(files.warnings)
        inform(self, title, text)
        path: Path = files.pdf
        return path
