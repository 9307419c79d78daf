"""Issue 14: the desk logs a print only when the copy was printed or saved to a file — not when the preview was
built. A preview closed without printing, a cancelled print dialog or a refused print leave no record, so the
next real copy is not a 补打."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.printing.log import copies_so_far
from liaison_desk.ui import print_preview as pp
from liaison_desk.ui.case_page import CasePage
from liaison_desk.ui.main_window import MainWindow
from tests.printing.pdftools import pdf_text


@pytest.fixture
def registered(deputy_session):
    return register_visit(deputy_session.db, deputy_session.actor, VisitInput("张大爷", village="柳树湾村"),
                          CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))


@pytest.fixture
def number(registered) -> str:
    return registered.case_number


def in_preview(qtbot, act: Callable[[pp.PreviewDialog], None]) -> list[pp.PreviewDialog]:
    """Once the modal preview is up, ``act`` on it (then close it, as the user would)."""
    seen: list[pp.PreviewDialog] = []
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, pp.PreviewDialog) and not seen:
            seen.append(w)
            timer.stop()
            act(w)
            w.close_button.click()

    timer.timeout.connect(poll)
    timer.start()
    return seen


def pdf_printer_dialog(out) -> type:
    class AcceptingDialog:  # the print dialog, answered "print to this PDF file"
        def __init__(self, printer, parent):
            layout = printer.pageLayout()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setPageLayout(layout)
            printer.setResolution(96)

        def setWindowTitle(self, title):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    return AcceptingDialog


@pytest.fixture
def case_page(qtbot, deputy_session, registered, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(pp, "settings", lambda: store)
    p = CasePage(deputy_session, registered.case_id)
    qtbot.addWidget(p)
    return p


def test_a_preview_closed_without_printing_is_not_logged_and_the_next_copy_is_no_reprint(
        qtbot, deputy_session, number, case_page, tmp_path, monkeypatch):
    db = deputy_session.db
    seen = in_preview(qtbot, lambda dialog: None)  # looked at, closed
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert copies_so_far(db, "receipt", number) == 0

    # the print dialog cancelled: nothing either
    monkeypatch.setattr(pp.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    seen = in_preview(qtbot, lambda dialog: dialog.print_button.click())
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert copies_so_far(db, "receipt", number) == 0

    # the printer refused (no paper): nothing either
    warned: list[str] = []
    monkeypatch.setattr(pp.QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))

    def refuse(self, printer):
        raise DomainError("printer_unavailable", "无法连接打印机，请检查打印机是否开机、是否缺纸。")

    monkeypatch.setattr(pp, "QPrintDialog", pdf_printer_dialog(tmp_path / "never.pdf"))
    monkeypatch.setattr(pp.PreviewDialog, "print_to", refuse)
    seen = in_preview(qtbot, lambda dialog: dialog.print_button.click())
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert warned and "打印机" in warned[0]
    assert copies_so_far(db, "receipt", number) == 0

    # now it is really printed (to a PDF file through the print dialog): the first copy, no 补打, logged once
    monkeypatch.undo()
    store_path = tmp_path / "settings2.ini"
    from PySide6.QtCore import QSettings

    store = QSettings(str(store_path), QSettings.Format.IniFormat)
    monkeypatch.setattr(pp, "settings", lambda: store)
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(pp, "QPrintDialog", pdf_printer_dialog(out))
    seen = in_preview(qtbot, lambda dialog: dialog.print_button.click())
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert out.read_bytes().startswith(b"%PDF")
    assert "补打" not in pdf_text(seen[0].pdf_bytes, tmp_path)
    assert copies_so_far(db, "receipt", number) == 1


def test_saving_the_pdf_to_a_file_logs_it_once_and_a_failed_save_not_at_all(
        qtbot, deputy_session, number, case_page, tmp_path, monkeypatch):
    db = deputy_session.db
    monkeypatch.setattr(pp.QMessageBox, "warning", staticmethod(lambda *a: None))
    target = tmp_path / "no-such-dir" / "回执.pdf"
    monkeypatch.setattr(pp.QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    seen = in_preview(qtbot, lambda dialog: dialog.save_button.click())
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert copies_so_far(db, "receipt", number) == 0  # the folder is not there: not saved, not logged

    target = tmp_path / "回执.pdf"
    seen = in_preview(qtbot, lambda dialog: dialog.save_button.click())
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert target.read_bytes() == seen[0].pdf_bytes
    assert copies_so_far(db, "receipt", number) == 1
    assert "补打" not in pdf_text(seen[0].pdf_bytes, tmp_path)

    seen = in_preview(qtbot, lambda dialog: None)  # the next copy is a 补打 — shown, not printed: still one
    case_page.reprint_receipt()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert "补打" in pdf_text(seen[0].pdf_bytes, tmp_path)
    assert copies_so_far(db, "receipt", number) == 1


def test_the_print_menu_logs_a_register_only_when_it_was_saved(qtbot, admin_session, tmp_path, monkeypatch):
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    win.menus.print_menu.quiet = True
    qtbot.addWidget(win)
    today = local_today()
    dates = (today - dt.timedelta(days=30), today)
    reference = f"{dates[0]:%Y-%m-%d}..{dates[1]:%Y-%m-%d}"
    seen = in_preview(qtbot, lambda dialog: None)
    assert win.menus.print_menu.register(dates)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert copies_so_far(admin_session.db, "register", reference) == 0

    target = tmp_path / "登记簿.pdf"
    monkeypatch.setattr(pp.QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    seen = in_preview(qtbot, lambda dialog: dialog.save_button.click())
    assert win.menus.print_menu.register(dates)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert target.exists() and copies_so_far(admin_session.db, "register", reference) == 1
