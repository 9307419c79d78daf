"""Opening the desk: the Qt application, first-run set-up, the main window, and crash handling without tracebacks."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .. import __version__
from ..domain.errors import DomainError
from ..services.desk.startup import read_start
from .appearance import set_large_type, setup_application

log = logging.getLogger(__name__)

APP_NAME = "LiaisonDesk"


def crash_message() -> str:
    return QCoreApplication.translate("Desk", "程序遇到意外问题，详细信息已写入日志文件。")


def create_application(lang: str) -> QApplication:
    """The one QApplication, named, with the bundled font and the Qt translations for ``lang``."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))  # the desk makes a GUI one
    # Qt 6 scales for high-DPI screens by default; nothing else to switch on.
    setup_application(app, lang)
    if not hasattr(app, "_gc_guard"):
        from .gc_guard import install

        app._gc_guard = install(app)  # type: ignore[attr-defined]  # kept alive with the app; cycles are collected on the UI thread only (see gc_guard)
    return app


def show_message(icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Desk", "确定"))
    box.exec()


_ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(lang: str, show: Callable[[str, str], None] | None = None) -> _ExceptHook:
    """A ``sys.excepthook`` that logs the traceback and tells the user briefly, never showing the stack.

    PySide6 routes exceptions escaping a slot or a virtual method through ``sys.excepthook``, so this also
    covers a bug in any button handler. ``show(title, text)`` is replaceable for tests.
    """
    showing = False

    def default_show(title: str, text: str) -> None:
        if QApplication.instance() is not None:
            show_message(QMessageBox.Icon.Critical, title, text)

    show_fn = show or default_show

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, DomainError):
            # A rule the UI forgot to catch: the message is meant for the user anyway.
            log.warning("uncaught domain error %s", exc.code, exc_info=(exc_type, exc, tb))
            text = exc.localized(lang)
        else:
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
            text = crash_message()
        if showing:  # an error while the box is open: logged above, one box at a time is enough
            return
        showing = True
        try:
            show_fn(QCoreApplication.translate("Desk", "联络站值班台"), text)
        except Exception:  # the hook itself must never raise
            log.exception("could not show the error message")
        finally:
            showing = False

    return hook


def install_excepthook(lang: str) -> _ExceptHook:
    hook = make_excepthook(lang)
    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Worker threads cannot open a window; workers report failures by signal, this only logs strays.
        log.error("unexpected error in thread %s", getattr(args.thread, "name", "?"),
                  exc_info=args.exc_value if args.exc_value is not None else True)

    threading.excepthook = thread_hook
    return hook


def run_desk(data_dir: Path, lang: str) -> int:
    """Open the desk window on the station database in ``data_dir``; returns the process exit code."""
    app = create_application(lang)
    install_excepthook(lang)
    start = read_start(Path(data_dir))
    if start is not None:  # set up and current: the window at once, the database opens meanwhile
        return _open_desk_fast(app, start, Path(data_dir), lang)
    from ..services.context import open_station_database

    try:
        db = open_station_database(Path(data_dir))
    except DomainError as exc:  # e.g. a database written by a newer program version
        log.warning("cannot open the database in %s: %s", data_dir, exc.code)
        title = QCoreApplication.translate("Desk", "无法打开数据库")
        show_message(QMessageBox.Icon.Warning, title, exc.localized(lang))
        return 1
    except Exception:  # a locked, unreadable or damaged file: explain, do not crash
        log.exception("cannot open the database in %s", data_dir)
        title = QCoreApplication.translate("Desk", "无法打开数据库")
        text = QCoreApplication.translate("Desk", "无法打开数据目录中的数据库：\n{0}\n\n详细信息已写入日志文件。")
        show_message(QMessageBox.Icon.Critical, title, text.format(data_dir))
        return 1
    try:
        return _open_desk(app, db, Path(data_dir), lang)
    finally:
        db.dispose()


def _open_desk_fast(app: QApplication, start, data_dir: Path, lang: str) -> int:
    """The main window opens on the sign-in (see ``start_screen``) and becomes the desk after the PIN."""
    from .main_window import MainWindow

    if start.large_type:
        set_large_type(app, True)
    window = MainWindow(None, lang, start=start, data_dir=data_dir)
    window.showMaximized()
    try:
        return app.exec()
    finally:
        if window.start_screen is not None:  # the loop ended without the window closing first
            window.start_screen.shutdown()
        if window.database is not None:
            window.database.dispose()


def _open_desk(app: QApplication, db, data_dir: Path, lang: str) -> int:
    """First run (the wizard), then the shift sign-in, then the main window until it closes."""
    from ..services.admin.setup import station_info
    from ..services.desk.settings import get_settings
    from .main_window import MainWindow
    from .session import DeskSession
    from .signin_dialog import SignInDialog

    if station_info(db) is None:
        from .setup_wizard import SetupWizard  # first run only: it pulls in the import and demo machinery

        wizard = SetupWizard(db, lang)
        wizard.exec()
        if station_info(db) is None:
            log.info("set-up wizard closed without setting up a station")
            return 0
    settings = get_settings(db)
    if settings.large_type:
        set_large_type(app, True)
    session = DeskSession(db, lang, data_dir)
    sign_in = SignInDialog(session)
    if sign_in.exec() != QDialog.DialogCode.Accepted or sign_in.signed is None:
        log.info("sign-in closed without signing in")
        return 0
    session = session.with_actor(sign_in.signed.actor, sign_in.signed.shift_id)
    window = MainWindow(db, lang, session=session)
    window.showMaximized()
    window.tabs.setFocus()
    return app.exec()
