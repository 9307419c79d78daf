"""Issue 20, where pages must be painted (a Windows printer driver; here a PDF-file printer stands in for it):
the print runs in the background with progress and cancel while the window keeps answering, pages go out
black and white at the printer's resolution (not 300 dpi RGB pictures), and each page is placed on the paper
the document decided, inside the queue's printable area, at 100 % or shrunk — never enlarged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton

from liaison_desk.printing.register import build_register
from liaison_desk.services.printing.paper import MM, Media
from liaison_desk.ui import print_preview as pp
from tests.printing import cups
from tests.printing.pdftools import page_sizes
from tests.ui.test_print_preview import receipt, register

A4_LASER = [Media("A4", 595.28, 841.89, *(4.2 * MM,) * 4), Media("Letter", 612, 792, *(4.2 * MM,) * 4)]
THERMAL = [Media("80x200mm", 80 * MM, 200 * MM, 4 * MM, 0, 4 * MM, 0),
           Media("58x200mm", 58 * MM, 200 * MM, 5 * MM, 0, 5 * MM, 0)]


@pytest.fixture(autouse=True)
def temp_settings(tmp_path, monkeypatch):
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(pp, "settings", lambda: store)
    return store


def to_file(monkeypatch, out: Path, dpi: int, media: list[Media] | None = None) -> None:
    """The print dialog, answered "print to this PDF file" at ``dpi``; with ``media`` the file stands in for a
    driver offering only those papers (no custom size)."""

    class AcceptingDialog:
        def __init__(self, printer, parent):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(dpi)

        def setWindowTitle(self, title):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pp, "QPrintDialog", AcceptingDialog)
    if media is not None:
        monkeypatch.setattr(pp, "queue_media", lambda printer: (media, False, {}), raising=False)


def images(path: Path) -> list[list[str]]:
    """``pdfimages -list`` rows: page num type width height color comp bpc enc interp object ID x-ppi y-ppi…"""
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def test_a_long_print_runs_in_the_background_while_the_window_answers(qtbot, tmp_path, monkeypatch):
    pdf = build_register(register(200))
    assert pdf.pages >= 7
    out = tmp_path / "long.pdf"
    to_file(monkeypatch, out, 100)
    delivered = []
    dialog = pp.PreviewDialog(None, pdf, "来访登记簿", document="register", on_delivered=lambda: delivered.append(1))
    qtbot.addWidget(dialog)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(getattr(dialog, "printing", None)))
    timer.start(5)
    dialog.print_button.click()  # returns when the print is done; the event loop ran meanwhile
    timer.stop()
    assert ticks.count(True) >= 3  # the window kept handling events during the print
    assert len(page_sizes(out.read_bytes(), tmp_path)) == pdf.pages and delivered == [1]


def test_a_print_can_be_cancelled_and_is_then_not_a_copy_printed(qtbot, tmp_path, monkeypatch):
    pdf = build_register(register(400))
    to_file(monkeypatch, tmp_path / "cancelled.pdf", 150)
    delivered = []
    dialog = pp.PreviewDialog(None, pdf, "来访登记簿", document="register", on_delivered=lambda: delivered.append(1))
    qtbot.addWidget(dialog)
    cancelled = []

    def press_cancel() -> None:
        for box in dialog.findChildren(QProgressDialog):
            if not cancelled:
                cancelled.append(box.labelText())
                box.findChild(QPushButton).click()  # 取消

    timer = QTimer()
    timer.timeout.connect(press_cancel)
    timer.start(5)
    dialog.print_button.click()
    timer.stop()
    assert cancelled and "来访登记簿" in cancelled[0]
    assert delivered == []  # not logged as printed


def test_painted_pages_are_black_and_white_at_the_printer_resolution(qtbot, tmp_path, monkeypatch):
    pdf = build_register(register(60))
    out = tmp_path / "mono.pdf"
    to_file(monkeypatch, out, 300)
    dialog = pp.PreviewDialog(None, pdf, "来访登记簿", document="register")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    rows = images(out)
    assert len(rows) == pdf.pages
    for row in rows:
        color, bpc, x_ppi = row[5], int(row[7]), int(row[12])
        assert color == "gray" and bpc == 1  # one bit a pixel: what a laser or thermal head prints anyway
        assert x_ppi == pytest.approx(300, abs=3)
    assert out.stat().st_size / pdf.pages < 120_000  # ~90 KB a dense register page, not ~0.8 MB of RGB


def test_a_letter_is_drawn_where_it_belongs_on_a_driver_with_margins(qtbot, tmp_path, monkeypatch):
    cups.require_tool("gs")
    from liaison_desk.printing.letters import build_letter
    from tests.printing.test_documents import letter

    pdf = build_letter(letter())
    out = tmp_path / "letter.pdf"
    to_file(monkeypatch, out, 72, A4_LASER)
    dialog = pp.PreviewDialog(None, pdf, "交办函", document="letter")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert page_sizes(out.read_bytes(), tmp_path) == [pytest.approx((595.28, 841.89), abs=1)] * pdf.pages
    # the page picture covers the paper exactly: not moved by the 4.2 mm margins, not scaled
    assert cups.ink_boxes(out)[0] == pytest.approx((0, 0, 595.28, 841.89), abs=1.5)


def test_an_a5_sheet_on_a_driver_without_a5_is_centred_at_100_percent_not_enlarged(qtbot, tmp_path,
                                                                                    monkeypatch):
    cups.require_tool("gs")
    out = tmp_path / "a5.pdf"
    to_file(monkeypatch, out, 72, A4_LASER)
    dialog = pp.PreviewDialog(None, receipt("a5"), "回执", document="receipt", receipt_width="a5")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert page_sizes(out.read_bytes(), tmp_path) == [pytest.approx((595.28, 841.89), abs=1)]
    left, top, right, bottom = cups.ink_boxes(out)[0]
    assert right - left == pytest.approx(419.53, abs=1.5) and bottom - top == pytest.approx(595.28, abs=1.5)
    assert (left + right) / 2 == pytest.approx(595.28 / 2, abs=1) and (top + bottom) / 2 == pytest.approx(
        841.89 / 2, abs=1)


def test_a_58mm_slip_goes_on_the_58mm_roll_centred_at_the_top(qtbot, tmp_path, monkeypatch):
    cups.require_tool("gs")
    out = tmp_path / "slip.pdf"
    to_file(monkeypatch, out, 72, THERMAL)
    pdf = receipt("58")
    dialog = pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width="58")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert page_sizes(out.read_bytes(), tmp_path) == [pytest.approx((58 * MM, 200 * MM), abs=1)]
    left, top, right, _bottom = cups.ink_boxes(out)[0]
    assert left == pytest.approx(5 * MM, abs=1) and right == pytest.approx(53 * MM, abs=1)  # 48 mm, centred
    assert top == pytest.approx(0, abs=1)  # at the top of the roll


def test_a_slip_is_laid_out_again_for_a_roll_printer_printing_narrower_than_72mm(qtbot, tmp_path, monkeypatch):
    cups.require_tool("gs")
    from liaison_desk.printing.receipt import build_receipt
    from tests.ui.test_print_preview import ReceiptData, dt

    data = ReceiptData("柳树湾村人大代表联络站", "LX01", "LX01-261122-0007-V", dt.datetime(2026, 11, 22, 9, 31),
                       "村东头灌溉渠道年久失修，请求清淤。", duty_deputy="刘德福", visitor_name="王秀英")
    narrow_head = [Media("80x200mm", 80 * MM, 200 * MM, 8 * MM, 0, 8 * MM, 0)]  # 512 dots: 64 mm of 80
    out = tmp_path / "slip64.pdf"
    to_file(monkeypatch, out, 72, narrow_head)
    asked = []

    def rebuild(printable_mm: float) -> bytes:
        asked.append(printable_mm)
        return build_receipt(data, width="80", printable_mm=printable_mm)

    dialog = pp.PreviewDialog(None, build_receipt(data, width="80"), "回执", document="receipt", receipt_width="80",
                              rebuild=rebuild)
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert asked == [pytest.approx(64, abs=0.1)]
    (w, h), = page_sizes(out.read_bytes(), tmp_path)
    assert (w, h) == pytest.approx((80 * MM, 200 * MM), abs=1)
    left, _top, right, _ = cups.ink_boxes(out)[0]
    assert left == pytest.approx(8 * MM, abs=1) and right == pytest.approx(72 * MM, abs=1)  # 64 mm at 100 %
    assert dialog.pdf.pagePointSize(0).width() == pytest.approx(64 * MM, abs=0.5)  # the preview shows it too


def test_a_slip_from_the_service_brings_its_own_relayout(qtbot):
    pdf = receipt("80")
    pdf.relayout = lambda mm: receipt("80")
    dialog = pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width="80")
    qtbot.addWidget(dialog)
    assert dialog.rebuild is pdf.relayout


def test_a_driver_refusing_the_paper_gets_the_page_placed_on_the_paper_it_has(qtbot, tmp_path, monkeypatch):
    """A driver that silently keeps its A4 (a custom roll size refused): the slip is placed on that A4 at
    100 %, centred across it, at the top — not drawn for a paper the printer does not have."""
    cups.require_tool("gs")
    out = tmp_path / "refused.pdf"
    to_file(monkeypatch, out, 72, [])
    monkeypatch.setattr(pp, "queue_media", lambda printer: ([], True, {}))
    monkeypatch.setattr(pp, "set_paper", lambda printer, choice, sizes=None: False)
    dialog = pp.PreviewDialog(None, receipt("58"), "回执", document="receipt", receipt_width="58")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    (w, _h), = page_sizes(out.read_bytes(), tmp_path)
    left, top, right, _ = cups.ink_boxes(out)[0]
    assert right - left == pytest.approx(48 * MM, abs=1) and (left + right) / 2 == pytest.approx(w / 2, abs=1)
    assert top == pytest.approx(0, abs=1)


class _ChoosingA4:
    """The print dialog, answered with A4 chosen by the user (a PDF file stands in for the printer)."""

    out: Path

    def __init__(self, printer, parent):
        self.printer = printer

    def setWindowTitle(self, title):
        pass

    def exec(self):  # what the user does in the dialog
        from PySide6.QtGui import QPageSize

        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.out))
        self.printer.setResolution(72)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        return QDialog.DialogCode.Accepted


@pytest.mark.parametrize("answer", ["keep", "theirs", "enter", "cancel"])
def test_another_paper_chosen_in_the_dialog_is_asked_about_and_honoured_knowingly(qtbot, tmp_path, monkeypatch,
                                                                                answer):
    """An A5 receipt, A4 chosen in the print dialog: never silently replaced by A5, never silently printed on A4.
    The question's Enter keeps the document's paper; the user's A4 gets the page centred at 100 %."""
    out = tmp_path / "asked.pdf"
    _ChoosingA4.out = out
    monkeypatch.setattr(pp, "QPrintDialog", _ChoosingA4)
    asked = []

    def answer_box(self, box):
        asked.append(box.text())
        buttons = {b.text(): b for b in box.buttons()}
        if answer == "enter":
            return box.defaultButton()
        if answer == "cancel":
            return box.escapeButton()
        return next(b for text, b in buttons.items() if ("按文件" in text) == (answer == "keep"))

    monkeypatch.setattr(pp.PreviewDialog, "_answer", answer_box)
    dialog = pp.PreviewDialog(None, receipt("a5"), "回执", document="receipt", receipt_width="a5")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert asked and "A5" in asked[0] and "A4" in asked[0]
    if answer == "cancel":
        assert not out.exists()
        return
    sizes = page_sizes(out.read_bytes(), tmp_path)
    if answer in ("keep", "enter"):
        assert sizes == [pytest.approx((419.53, 595.28), abs=1)]
    else:
        assert sizes == [pytest.approx((595.28, 841.89), abs=1)]


def test_the_paper_the_document_is_made_for_asks_nothing(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "quiet.pdf"
    to_file(monkeypatch, out, 72)
    monkeypatch.setattr(pp.PreviewDialog, "_answer", lambda self, box: pytest.fail("asked: " + box.text()))
    dialog = pp.PreviewDialog(None, receipt("a5"), "回执", document="receipt", receipt_width="a5")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert page_sizes(out.read_bytes(), tmp_path) == [pytest.approx((419.53, 595.28), abs=1)]
