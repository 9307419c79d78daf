"""The first screen inside the main window: the station's name and the shift sign-in, drawn at once.

The list of names comes from ``services.startup`` (a few read-only queries, no ORM), so the window answers
within moments of the launch. Then, one module at a time between the window's events, the rest of the desk
is imported and the database opened (``open_station_database``: the schema check, the engine): the deputy
picks their name and types the PIN meanwhile, and a PIN entered before the database is ready is checked the
moment it is. After the PIN the main window builds its pages (``MainWindow._setup``).

Why steps on the UI thread and not a pool thread: importing on a pool thread while the UI thread ran Qt's
event loop crashed the process now and then (``Fatal Python error: none_dealloc`` in PySide6 6.12, seen in
about one start in eight). Each step is one module (the longest, SQLAlchemy itself, about 0.15 s on the
development PC), so a key press waits at most that long; ``bench/desk.py`` measures it.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..domain.errors import DomainError
from ..services.desk.startup import StartInfo
from .session import DeskSession
from .signin_dialog import SignInDialog

log = logging.getLogger(__name__)


# What the desk needs after the PIN, a step each, in the order they import one another (the biggest first).
LOAD_STEPS = ("sqlalchemy", "sqlalchemy.orm", "liaison_desk.db.models", "liaison_desk.db.models_duty",
              "liaison_desk.db.models_desk", "liaison_desk.db.models_sync", "liaison_desk.db.migrate",
              "liaison_desk.services.context", "liaison_desk.services.cases.actions", "liaison_desk.services.desk.handover",
              "liaison_desk.services.desk.shifts", "liaison_desk.services.cases.visitors",
              "liaison_desk.services.admin.stats", "liaison_desk.services.admin.setup",
              "liaison_desk.ui.case_table_model", "liaison_desk.ui.brief_model", "liaison_desk.ui.handover_page",
              "liaison_desk.ui.case_list_page", "liaison_desk.ui.walkin_form", "liaison_desk.ui.case_page",
              "liaison_desk.ui.print_menu", "liaison_desk.ui.sync_status")


def open_desk_database(data_dir: Path):
    from ..services.context import open_station_database

    return open_station_database(data_dir)


def open_failure_text(exc: BaseException, lang: str, data_dir: Path | None) -> str:
    if isinstance(exc, DomainError):  # e.g. a database written by a newer program version
        return exc.localized(lang)
    text = QCoreApplication.translate("Desk", "无法打开数据目录中的数据库：\n{0}\n\n详细信息已写入日志文件。")
    return text.format(data_dir)


class StartScreen(QWidget):
    """``signed_in(db, signed)``: the PIN was right (emitted from the event loop, not from inside the dialog's
    own slot, so the window may replace this screen at once). ``failed(text)``: the database cannot be opened.
    ``quit_requested``: 退出值班台."""

    signed_in = Signal(object, object)
    failed = Signal(str)
    quit_requested = Signal()

    def __init__(self, start: StartInfo, session: DeskSession, parent: QWidget | None = None,
                 opener: Callable = open_desk_database, steps: tuple[str, ...] = LOAD_STEPS):
        super().__init__(parent)
        self.start = start
        self.session = session
        self.db = None
        self._opener = opener
        self._steps = list(steps)
        self._closed = False
        heading = QLabel(self.tr("{0}　值班台").format(start.station_name))
        heading.setObjectName("dialogHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setWordWrap(True)
        self.training_banner = QLabel(self.tr("【培训库】这里是培训用的演示数据，人名和事项都是虚构的，"
                                              "不会同步到县级平台。"))
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setWordWrap(True)
        self.training_banner.setVisible(start.training)
        self.dialog = SignInDialog(session, start=start, parent=self)
        self.dialog.setWindowFlags(Qt.WindowType.Widget)  # a page of the main window, not a window of its own
        self.dialog.setMaximumWidth(760)
        # a page, not a window: its list gives up rows first, so 签到 stays on a 1366×768 screen in large type
        self.dialog.setMinimumSize(0, 0)
        accounts = self.dialog.accounts
        accounts.setMinimumHeight(max(accounts.sizeHintForRow(0), accounts.fontMetrics().lineSpacing()) * 3 + 8)
        layout = self.dialog.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            layout.setContentsMargins(margins.left(), 0, margins.right(), 0)
        self.dialog.accepted.connect(self._accepted)
        self.dialog.rejected.connect(self.quit_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.dialog, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 8, 24, 8)  # 签到 on a 1366×768 screen in large type
        outer.addWidget(self.training_banner)
        outer.addWidget(heading)
        outer.addLayout(row, 1)
        self.setFocusProxy(self.dialog.focus_target())  # the PIN field when someone on duty today is chosen

    @property
    def ready(self) -> bool:
        return self.db is not None

    def begin(self) -> None:
        """Load and open step by step, each step queued behind whatever the window has to do first."""
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        if self._closed:  # the window was closed meanwhile
            return
        try:
            if self._steps:
                importlib.import_module(self._steps.pop(0))
                QTimer.singleShot(0, self._step)
                return
            db = self._opener(self.session.data_dir)
        except Exception as exc:  # noqa: BLE001 - logged in _open_failed; a damaged or newer database is said
            self._open_failed(exc)
            return
        self._opened(db)

    def _opened(self, db) -> None:
        if self._closed:
            db.dispose()
            return
        self.db = db
        self.session = DeskSession(db, self.session.lang, self.session.data_dir)
        log.info("database ready")
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.dialog.isAncestorOf(focus)
        self.dialog.database_ready(self.session)
        self.setFocusProxy(self.dialog.focus_target())
        if not had_focus:
            self.setFocus()

    def _open_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            log.error("cannot open the database in %s", self.session.data_dir, exc_info=exc)
        if not self._closed:
            self.failed.emit(open_failure_text(exc, self.session.lang, self.session.data_dir))

    def _accepted(self) -> None:
        signed, db = self.dialog.signed, self.db

        def hand_over() -> None:
            if not self._closed and self.db is db:  # not if the window was closed in between
                self.signed_in.emit(db, signed)

        QTimer.singleShot(0, hand_over)

    def shutdown(self) -> None:
        """The window closes before anyone signed in: the database (once it opens) is closed again."""
        self._closed = True
        if self.db is not None:
            self.db.dispose()
            self.db = None
