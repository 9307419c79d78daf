"""The print preview (QtPdf), printing to a PDF file through QPrinter, saving, and PdfJob off the UI thread."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from liaison_desk.domain.errors import DomainError
from liaison_desk.printing import ReceiptData, RegisterData, RegisterRow
from liaison_desk.printing.receipt import build_receipt
from liaison_desk.printing.register import build_register
from liaison_desk.ui import print_preview as pp
from tests.printing.pdftools import page_sizes

MM = 72 / 25.4


def receipt(width: str = "80") -> bytes:
    return build_receipt(ReceiptData("柳树湾村人大代表联络站", "LX01", "LX01-261122-0007-V", dt.datetime(2026, 11, 22, 9, 31),
                                     "村东头灌溉渠道年久失修，请求清淤。", duty_deputy="刘德福", visitor_name="王𠮷明",
                                     visitor_phone="13912345678"), width=width)


def register(n: int) -> RegisterData:
    rows = [RegisterRow(occurred_at=dt.datetime(2026, 1, 5, 8, 30) + dt.timedelta(minutes=37 * i), visitor_names="王秀英",
                        visitor_phone="13900001111", village="东风村", channel="来站接待",
                        matter="村口路灯坏了半年，晚上出行不便，请求维修。" * (1 + i % 3),
                        case_number=f"LX01-260105-{i % 9999 + 1:04d}-K", received_by="刘德福") for i in range(n)]
    return RegisterData("柳树湾村人大代表联络站", dt.date(2026, 1, 1), dt.date(2026, 12, 31), rows)


@pytest.fixture
def temp_settings(tmp_path, monkeypatch):
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(pp, "settings", lambda: store)
    return store


def pdf_printer(dialog: pp.PreviewDialog, path) -> QPrinter:
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(dialog.page_layout())  # choosing PDF output resets the paper
    printer.setResolution(96)  # the pages are images: a test needs no 300 dpi
    return printer


@pytest.mark.parametrize("width,roll", [("80", 80.0), ("58", 58.0)])
def test_receipt_prints_on_a_roll_page_as_wide_as_the_paper(qtbot, tmp_path, temp_settings, width, roll):
    pdf = receipt(width)
    dialog = pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width=width)
    qtbot.addWidget(dialog)
    assert dialog.pdf.pageCount() == 1 and dialog.pages_label.text() == "共 1 页"
    layout = dialog.page_layout()
    size = layout.pageSize().size(QPageSize.Unit.Millimeter)
    slip_h = page_sizes(pdf, tmp_path)[0][1] / MM
    assert size.width() == pytest.approx(roll) and size.height() == pytest.approx(slip_h, abs=0.5)
    out = tmp_path / "printed.pdf"
    assert dialog.print_to(pdf_printer(dialog, out)) == 1
    (w, h), = page_sizes(out.read_bytes(), tmp_path)
    assert w / MM == pytest.approx(roll, abs=0.5) and h / MM == pytest.approx(slip_h, abs=1)


def test_a_register_prints_on_landscape_a4_every_page(qtbot, tmp_path, temp_settings):
    pdf = build_register(register(50))
    dialog = pp.PreviewDialog(None, pdf, "来访登记簿", document="register")
    qtbot.addWidget(dialog)
    layout = dialog.page_layout()
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(dialog, out)
    assert dialog.print_to(printer) == pdf.pages >= 3
    sizes = page_sizes(out.read_bytes(), tmp_path)
    assert len(sizes) == pdf.pages and all(s == pytest.approx((841.89, 595.28), abs=1) for s in sizes)
    printer = pdf_printer(dialog, tmp_path / "range.pdf")
    printer.setFromTo(2, 3)  # what the print dialog sets for "pages 2 to 3"
    assert dialog.print_to(printer) == 2 and len(page_sizes((tmp_path / "range.pdf").read_bytes(), tmp_path)) == 2


def test_print_button_goes_through_the_print_dialog(qtbot, tmp_path, temp_settings, monkeypatch):
    out = tmp_path / "via-dialog.pdf"
    seen = []

    class AcceptingDialog:
        def __init__(self, printer, parent):
            seen.append(printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter).width())
            layout = printer.pageLayout()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setPageLayout(layout)

        def setWindowTitle(self, title):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pp, "QPrintDialog", AcceptingDialog)
    dialog = pp.PreviewDialog(None, receipt("58"), "回执", document="receipt", receipt_width="58")
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    # Whatever paper the dialog opened on (the default printer's: A5 on an A4 laser, the roll on a thermal
    # printer), the document decides the paper after it: the 58 mm roll, on a PDF file taking any size.
    assert len(seen) == 1 and out.read_bytes().startswith(b"%PDF")
    (w, _h), = page_sizes(out.read_bytes(), tmp_path)
    assert w / MM == pytest.approx(58.0, abs=0.5)
    assert temp_settings.value(pp.RECEIPT_PRINTER_KEY, "") == ""  # a PDF file is not a receipt printer


def test_the_receipt_printer_is_remembered(qtbot, temp_settings, monkeypatch):
    monkeypatch.setattr(pp, "available_printers", lambda: ["XP-58 热敏打印机", "HP LaserJet"])
    dialog = pp.PreviewDialog(None, receipt(), "回执", document="receipt", receipt_width="80")
    qtbot.addWidget(dialog)
    assert dialog.preferred_printer() is None
    temp_settings.setValue(pp.RECEIPT_PRINTER_KEY, "XP-58 热敏打印机")
    assert dialog.preferred_printer() == "XP-58 热敏打印机"
    other = pp.PreviewDialog(None, receipt(), "登记簿", document="register")
    qtbot.addWidget(other)
    assert other.preferred_printer() is None  # A4 documents go to the default printer
    monkeypatch.setattr(pp, "available_printers", lambda: ["HP LaserJet"])
    assert dialog.preferred_printer() is None  # unplugged: let the user choose


def test_save_as_pdf_writes_the_same_bytes(qtbot, tmp_path, monkeypatch):
    pdf = receipt()
    dialog = pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width="80")
    qtbot.addWidget(dialog)
    assert dialog.save_to(tmp_path / "回执") and (tmp_path / "回执.pdf").read_bytes() == pdf
    monkeypatch.setattr(pp.QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "b.pdf"), "")))
    dialog.save_button.click()
    assert (tmp_path / "b.pdf").read_bytes() == pdf and not list(tmp_path.glob("*.part"))
    warned = []
    monkeypatch.setattr(pp.QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    assert not dialog.save_to(tmp_path / "missing-dir" / "c.pdf")
    assert warned and warned[0].startswith("无法保存文件")


def test_open_preview_is_modal_and_closes(qtbot):
    found = []

    def close_it():
        w = QApplication.activeModalWidget()
        found.append(w)
        w.close_button.click()

    QTimer.singleShot(0, close_it)
    result = pp.open_preview(None, receipt(), "回执", document="receipt", receipt_width="80")
    assert result == QDialog.DialogCode.Rejected
    assert isinstance(found[0], pp.PreviewDialog) and found[0].windowTitle() == "打印预览 — 回执"


def test_warnings_about_missing_characters_are_shown(qtbot):
    pdf = build_register(register(2))
    pdf.warnings = ("来访人“王□”中的 X 没有可用的字体，已印为 □，请在纸上手工补写。",)
    dialog = pp.PreviewDialog(None, pdf, "登记簿", document="register")
    qtbot.addWidget(dialog)
    assert any("手工补写" in w.text() for w in dialog.findChildren(pp.QLabel))


def test_pdf_job_builds_off_the_ui_thread_with_progress(qtbot):
    data = register(1200)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    job = pp.PdfJob(build_register, data)
    progress = []
    job.signals.progress.connect(lambda d, t: progress.append((d, t)))
    ticks_when_done = []
    job.signals.finished.connect(lambda _pdf: ticks_when_done.append(len(ticks)))
    with qtbot.waitSignal(job.signals.finished, timeout=120_000) as blocker:
        job.start()
    timer.stop()
    pdf = blocker.args[0]
    assert pdf.startswith(b"%PDF") and pdf.pages > 20
    assert progress and progress[-1] == (1200, 1200) and all(t == 1200 for _, t in progress)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    # The UI thread kept running its event loop during the build (a build on the UI thread would let no tick
    # through before it finished). How many ticks depends on the machine's load, so not more than that is asked.
    assert ticks_when_done and ticks_when_done[0] >= 2


def test_pdf_job_can_be_cancelled(qtbot):
    job = pp.PdfJob(build_register, register(30_000))
    job.signals.progress.connect(lambda d, t: job.cancel())
    finished = []
    job.signals.finished.connect(finished.append)
    with qtbot.waitSignal(job.signals.cancelled, timeout=120_000):
        job.start()
    assert job.is_cancelled and finished == []


def test_pdf_job_reports_refusals(qtbot):
    def refuse():
        raise DomainError("bad_date_range", "结束日期早于开始日期。")

    job = pp.PdfJob(refuse)
    with qtbot.waitSignal(job.signals.failed, timeout=10_000) as blocker:
        job.start()
    assert blocker.args[0].code == "bad_date_range"


def test_build_in_background_returns_the_pdf_or_raises(qtbot):
    pdf = pp.build_in_background(None, "正在生成来访登记簿…", build_register, register(200))
    assert pdf.startswith(b"%PDF") and pdf.pages >= 5

    def refuse():
        raise DomainError("no_station", "本机还没有设置联络站。")

    with pytest.raises(DomainError):
        pp.build_in_background(None, "正在生成…", refuse)


@pytest.mark.slow
def test_a_hundred_thousand_row_register_builds_while_the_window_answers(qtbot, request):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("minutes long: run with -m slow")  # even when this folder is run without the Makefile
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    job = pp.PdfJob(build_register, register(100_000))
    with qtbot.waitSignal(job.signals.finished, timeout=1_800_000) as blocker:
        job.start()
    timer.stop()
    assert blocker.args[0].pages > 5000 and len(ticks) > 100
