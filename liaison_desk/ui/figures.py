"""The figures strip over the desk's pages: totals, rates, the overdue and due-soon counts and the changes still
to sync. Counting reads every case, so it runs on a pool thread: the window answers at once and the cards fill
in a moment later (``FiguresStrip.ready``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QVBoxLayout, QWidget

from ..domain.workflow import OPEN_STATUSES, Status
from . import workers
from .flow_layout import FlowLayout

if TYPE_CHECKING:
    from ..services.cases.listing import UrgencyCounts

log = logging.getLogger(__name__)


def count_figures(db: Any) -> tuple[Any, UrgencyCounts]:
    """The statistics and the overdue badge, read together on a pool thread."""
    from ..services.admin.stats import compute_stats
    from ..services.cases.listing import desk_urgency_counts

    return compute_stats(db), desk_urgency_counts(db)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


class StatCard(QFrame):
    """One figure of the summary strip: a big number over a short caption."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.caption = QLabel(caption)
        self.caption.setObjectName("statCaption")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)  # compact: the strip may wrap to two rows on a 1366 px screen
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setToolTip(tooltip)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}：{text}")  # read as one phrase by a screen reader

    def set_alert(self, alert: bool) -> None:
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)


class FiguresStrip(QWidget):
    """``ready(stats, badge)`` after each count, ``failed(text)`` when one could not be made. One count at a
    time: asked again while counting, the latest request runs when this one ends."""

    ready = Signal(object, object)
    failed = Signal(str)

    def __init__(self, db: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._task: workers.Task | None = None
        self._again = False
        self.stats: dict[str, Any] | None = None
        self.cards = {
            "overdue": StatCard(self.tr("已超期"), self.tr("超过办理期限还没有办结的案件（快捷键 F6 查看）")),
            "due_soon": StatCard(self.tr("即将到期"), self.tr("几天内到期、还没有办结的案件")),
            "total": StatCard(self.tr("案件总数")),
            "open": StatCard(self.tr("正在办理"), self.tr("尚未办结、也未撤回的案件")),
            "closed": StatCard(self.tr("已办结")),
            "closure_rate": StatCard(self.tr("办结率"), self.tr("已办结 ÷（全部案件 − 已撤回）")),
            "resolution_rate": StatCard(self.tr("解决率"), self.tr("办结的案件中，问题已解决的比例")),
            "satisfaction_rate": StatCard(self.tr("满意率"), self.tr("已评价的案件中，满意和基本满意的比例")),
            "outbox": StatCard(self.tr("待同步"), self.tr("还没有传到县级平台的变更条数")),
        }
        strip = FlowLayout(self, spacing=10, uniform=True)  # the cards wrap onto a second row on a narrow screen
        for card in self.cards.values():
            strip.addWidget(card)

    def count(self) -> None:
        if self._task is not None:
            self._again = True
            return
        self._again = False
        from ..services.admin import stats  # noqa: F401  (imported here on the UI thread, not by the pool thread)
        from ..services.cases import listing  # noqa: F401

        self._task = workers.Task(count_figures, self._db)
        self._task.signals.finished.connect(self._done)
        self._task.signals.failed.connect(self._failed)
        workers.start(self._task)

    def detach(self) -> None:
        """The count's result has nowhere to go once the window is gone."""
        if self._task is not None:
            self._task.signals.finished.disconnect()
            self._task.signals.failed.disconnect()

    def _done(self, figures: tuple[dict[str, Any], UrgencyCounts]) -> None:
        self._task = None
        stats, badge = figures
        self._show(stats, badge)
        self.ready.emit(stats, badge)
        if self._again:
            self.count()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        log.warning("statistics failed: %r", exc)
        self.failed.emit(self.tr("统计数字暂时算不出来，详细信息已写入日志文件。"))

    def _show(self, stats: dict[str, Any], badge: UrgencyCounts) -> None:
        cases, rates = stats["cases"], stats["rates"]
        by_status = cases["by_status"]
        open_count = sum(by_status.get(s.value, 0) for s in OPEN_STATUSES)
        self.cards["total"].set_value(f"{cases['total']:,}")
        self.cards["open"].set_value(f"{open_count:,}")
        self.cards["closed"].set_value(f"{by_status.get(Status.CLOSED.value, 0):,}")
        for key in ("closure_rate", "resolution_rate", "satisfaction_rate"):
            self.cards[key].set_value(_pct(rates[key]))
        self.cards["outbox"].set_value(f"{stats['outbox_pending']:,}")
        self.cards["overdue"].set_value(f"{badge.overdue:,}")
        self.cards["overdue"].set_alert(badge.overdue > 0)
        self.cards["due_soon"].set_value(f"{badge.due_soon:,}")
        self.stats = stats


def show_status_counts(combo: QComboBox, stats: dict[str, Any], lang: str) -> None:
    """The case list's status filter says how many cases each choice holds."""
    from .case_table_model import status_label

    cases = stats["cases"]
    by_status = cases["by_status"]
    combo.setItemText(0, QCoreApplication.translate("FiguresStrip", "全部（{0}）").format(f"{cases['total']:,}"))
    for i in range(1, combo.count()):
        code = combo.itemData(i)
        text = QCoreApplication.translate("FiguresStrip", "{0}（{1}）")
        combo.setItemText(i, text.format(status_label(code, lang), f"{by_status.get(code, 0):,}"))
