"""The main window's first minutes: at a cold start it opens on the sign-in (``start_screen``) with a bare menu
(quit, about), before the services and the ORM are loaded; the pages are built after the PIN."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from .session import DeskSession

if TYPE_CHECKING:
    from ..services.desk.shifts import SignedIn
    from ..services.desk.startup import StartInfo
    from .main_window import MainWindow


def open_on_sign_in(window: MainWindow, start: StartInfo, lang: str, data_dir: Path | None) -> tuple[QMenu, QMenu]:
    """The title, the bare menu and the start screen on ``window``; returns the menus (cleared after the PIN)."""
    from .appearance import fit_to_screen
    from .desk_pages import PageHolder
    from .start_screen import StartScreen

    title = QCoreApplication.translate("MainWindow", "联络站值班台 — {0}").format(start.station_name)
    training = QCoreApplication.translate("MainWindow", " 【培训库】")
    window.setWindowTitle(title + (training if start.training else ""))
    duty = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "值班(&D)"))
    duty.addAction(QCoreApplication.translate("MainWindow", "退出(&X)"), QKeySequence("Ctrl+Q"), window.close)
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "帮助(&H)"))
    help_menu.addAction(QCoreApplication.translate("MainWindow", "关于联络站值班台(&A)"), QKeySequence("F1"),
                        lambda: show_about(window))
    # The start screen's session has no database until it opens (the screens it shows check for None).
    window.session = DeskSession(None, lang, data_dir)  # type: ignore[arg-type]
    window.start_screen = screen = StartScreen(start, window.session, window)
    screen.signed_in.connect(window.signed_in_at_start)
    if not start.training:  # a training database keeps its demo data as it is
        screen.signed_in.connect(lambda db, _signed: run_daily_chores(db))
        # a station encrypted at an upgrade: its administrator is shown a recovery code once (issue 17)
        screen.signed_in.connect(lambda db, signed: offer_recovery_code(window, db, signed, lang))
    screen.failed.connect(window.start_failed)
    screen.quit_requested.connect(window.close)
    window.setCentralWidget(PageHolder(screen))  # scrolls rather than run off a 1366×768 screen in large type
    screen.setFocus()  # the PIN field when someone on duty today is chosen, else the search
    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "请签到。"))
    fit_to_screen(window, 1360, 860)
    screen.begin()
    return duty, help_menu


def run_daily_chores(db: object) -> None:
    """After the sign-in, on a pool thread: the retention rule, at most once a day (``admin.retention``);
    it logs its own failures and is tried again at the next start."""
    from ..services.admin.retention import scheduled_retention
    from .workers import Task, start

    start(Task(scheduled_retention, db))


def offer_recovery_code(window: MainWindow, db: object, signed: SignedIn | None, lang: str) -> None:
    from .recovery_code_dialog import offer_recovery_code as offer

    offer(window, db, signed.actor if signed is not None else None, lang)


def show_about(window: MainWindow) -> None:
    from .desk_menus import show_about as about

    about(window)
