"""Issue 20: what reaches a real printer. Every document is printed as staff print it — the preview's 打印…,
the print dialog accepted as a user would — through a real CUPS spooler with the queues of ``.ci/cups-setup``
(an A4 laser with 4.2 mm margins as the system default, a thermal roll offering only 58×200 and 80×200 mm,
and a PDF queue taking any size); the spooled PDF is measured: paper, scale, position of the ink, text.

Skipped, with the reason, where no CUPS scheduler answers (``.ci/run`` starts one)."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QComboBox

from liaison_desk.printing import ReceiptData
from liaison_desk.printing.handover import build_handover
from liaison_desk.printing.ledger import build_ledger
from liaison_desk.printing.letters import build_letter
from liaison_desk.printing.notice import build_notice
from liaison_desk.printing.receipt import build_receipt
from liaison_desk.printing.record_book import build_record_book
from liaison_desk.printing.register import build_register
from liaison_desk.ui import print_preview as pp
from tests.printing import cups
from tests.printing.test_documents import book, handover, ledger, letter, notice
from tests.ui.test_print_preview import register

MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
ROLL80 = (80 * MM, 200 * MM)
ROLL58 = (58 * MM, 200 * MM)
NUMBER = "LX01-261122-0007-V"


def receipt(width: str, *, stub: bool = False) -> bytes:
    return build_receipt(ReceiptData("柳树湾村人大代表联络站", "LX01", NUMBER, dt.datetime(2026, 11, 22, 9, 31),
                                     "村东头灌溉渠道年久失修，请求清淤。", duty_deputy="刘德福", visitor_name="王秀英",
                                     visitor_phone="13912345678", station_phone="0551-62345678"),
                         width=width, stub=stub)


def print_through_dialog(pdf: bytes, document: str, title: str, *, receipt_width: str | None = None,
                         remembered: str | None = None, pick: str | None = None) -> tuple[str, str, str]:
    """Open the preview, press 打印…, accept the print dialog (after choosing ``pick`` in its printer list, as
    a user would; a receipt printer used before is ``remembered``); returns the printer, paper and
    orientation the dialog opened on.
    The click returns once the desk handed the pages over (its progress dialog runs its own event loop)."""
    store = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    if remembered:
        store.setValue(pp.RECEIPT_PRINTER_KEY, remembered)
    original = pp.settings
    pp.settings = lambda: store
    dialog = pp.PreviewDialog(None, pdf, title, document=document, receipt_width=receipt_width)
    seen: list[tuple[str, str, str]] = []
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QPrintDialog) and not seen:
            timer.stop()
            layout = w.printer().pageLayout()
            seen.append((w.printer().printerName(), layout.pageSize().key(), layout.orientation().name))
            if pick:
                combo = w.findChild(QComboBox, "printers")  # the dialog's printer list
                assert combo is not None
                combo.setCurrentIndex(combo.findText(pick))
            w.accept()

    timer.timeout.connect(answer)
    timer.start()
    try:
        dialog.print_button.click()
        deadline = time.monotonic() + 60
        while getattr(dialog, "printing", False) and time.monotonic() < deadline:
            QApplication.processEvents()
    finally:
        timer.stop()
        pp.settings = original
        dialog.close()
        dialog.deleteLater()
    assert seen, "the print dialog never opened"
    return seen[0]


# name: (document, receipt width, remembered receipt printer, printer picked in the dialog, queue, the PDF)
PRINTS = {
    "receipt80": ("receipt", "80", "ld-thermal", None, "ld-thermal", lambda: receipt("80")),
    "receipt58": ("receipt", "58", "ld-thermal", None, "ld-thermal", lambda: receipt("58", stub=True)),
    "custom": ("receipt", "80", "ld-pdf", None, "ld-pdf", lambda: receipt("80", stub=True)),
    "a5": ("receipt", "a5", None, None, "ld-laser", lambda: receipt("a5")),
    "letter": ("letter", None, None, None, "ld-laser", lambda: build_letter(letter())),
    "ledger": ("ledger", None, None, "ld-pdf", "ld-pdf", lambda: build_ledger(ledger(10))),
}


@pytest.fixture(scope="module")
def spooled(qapp, tmp_path_factory):
    """Every print of ``PRINTS`` sent at once (the queues work in parallel), then what came out of each:
    name → (the PDF sent, its file, the spooled files in job order, the printer the dialog opened on)."""
    cups.require_cups()
    tmp = tmp_path_factory.mktemp("spooled")
    sent = {}
    for name, (document, width, remembered, pick, _queue, make) in PRINTS.items():
        pdf = make()
        src = tmp / f"{name}.pdf"
        src.write_bytes(bytes(pdf))
        first = cups.last_job()
        title = f"ldtest-{name}-{uuid.uuid4().hex[:8]}"  # this print's jobs, whoever else prints meanwhile
        opened = print_through_dialog(pdf, document, title, receipt_width=width, remembered=remembered, pick=pick)
        sent[name] = (pdf, src, first, cups.last_job(), title, opened)
    return {name: (pdf, src, cups.wait_for_outputs(first, last, title), opened)
            for name, (pdf, src, first, last, title, opened) in sent.items()}


def pages_of(paths: list[Path]) -> tuple[list[tuple[float, float]], list[tuple[float, float, float, float]]]:
    sizes, boxes = [], []
    for p in paths:
        sizes += cups.page_sizes(p)
        boxes += cups.ink_boxes(p)
    return sizes, boxes


def centred_at_100_percent(box, src_box, paper_w: float, printable: tuple[float, float]) -> None:
    left, top, right, _bottom = box
    s_left, s_top, s_right, _ = src_box
    assert right - left == pytest.approx(s_right - s_left, abs=0.6)  # 100 %: neither enlarged nor shrunk
    assert (left + right) / 2 == pytest.approx(paper_w / 2, abs=1.0)  # centred across the roll
    assert left >= printable[0] - 0.3 and right <= paper_w - printable[1] + 0.3  # ink where the head prints
    assert top == pytest.approx(s_top, abs=1.0)  # at the top of the roll, not in the middle of 200 mm


def printed(spooled, name: str, queue: str):
    pdf, src, files, _opened = spooled[name]
    assert files and all(f.parent.name == queue for f in files), files
    return pdf, src, files


def test_the_print_dialog_opens_on_the_documents_paper(spooled):
    assert spooled["receipt80"][3] == ("ld-thermal", "80x200mm", "Portrait")  # the remembered receipt printer
    assert spooled["receipt58"][3] == ("ld-thermal", "58x200mm", "Portrait")  # not the queue's 80 mm default
    assert spooled["a5"][3] == ("ld-laser", "A5", "Portrait")  # the system default printer, on A5, not its A4
    assert spooled["ledger"][3] == ("ld-laser", "A4", "Landscape")


def test_an_80mm_receipt_goes_on_the_80mm_roll_at_100_percent_centred(spooled):
    _pdf, src, out = printed(spooled, "receipt80", "ld-thermal")
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(ROLL80, abs=1.5)]
    centred_at_100_percent(boxes[0], cups.ink_boxes(src)[0], ROLL80[0], (4 * MM, 4 * MM))
    assert NUMBER in cups.text(out[0]) and cups.is_text(out[0])  # text, not a picture of it


def test_a_58mm_receipt_and_stub_go_on_the_58mm_roll_though_the_queue_defaults_to_80(spooled):
    _pdf, src, out = printed(spooled, "receipt58", "ld-thermal")
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(ROLL58, abs=1.5)] * 2
    for box, src_box in zip(boxes, cups.ink_boxes(src), strict=True):
        centred_at_100_percent(box, src_box, ROLL58[0], (5 * MM, 5 * MM))
    assert all(NUMBER in cups.text(p) and cups.is_text(p) for p in out)


def test_each_page_of_a_receipt_keeps_its_own_height_on_a_queue_taking_custom_sizes(spooled):
    _pdf, src, out = printed(spooled, "custom", "ld-pdf")
    src_sizes = cups.page_sizes(src)
    assert src_sizes[0][1] - src_sizes[1][1] > 10 * MM  # the stub is much shorter than the slip
    sizes, boxes = pages_of(out)
    assert [h for _, h in sizes] == [pytest.approx(h, abs=1.5) for _, h in src_sizes]
    assert [w for w, _ in sizes] == [pytest.approx(80 * MM, abs=1.5)] * 2
    for (left, _, right, _), (s_left, _, s_right, _) in zip(boxes, cups.ink_boxes(src), strict=True):
        assert right - left == pytest.approx(s_right - s_left, abs=0.6)
        assert (left + right) / 2 == pytest.approx(40 * MM, abs=1.0)


def test_an_a5_receipt_goes_on_a5_not_the_laser_default_a4(spooled):
    _pdf, src, out = printed(spooled, "a5", "ld-laser")
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(A5, abs=1.5)]
    assert boxes[0] == pytest.approx(cups.ink_boxes(src)[0], abs=0.6)  # exactly as drawn
    assert NUMBER in cups.text(out[0])


def test_a_letter_on_the_a4_laser_with_margins_is_not_shifted_and_stays_text(spooled):
    pdf, src, out = printed(spooled, "letter", "ld-laser")
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(A4, abs=1.5)] * pdf.pages
    assert boxes == [pytest.approx(b, abs=0.6) for b in cups.ink_boxes(src)]
    assert "LX01-261001-0007-K" in cups.text(out[0]) and cups.is_text(out[0])  # the PDF, not pictures of it
    assert out[0].stat().st_size < 2 * len(bytes(pdf))


def test_a_landscape_ledger_goes_on_a4_turned_every_page_on_the_printer_the_user_picked(spooled):
    pdf, _src, out = printed(spooled, "ledger", "ld-pdf")
    assert spooled["ledger"][3][0] == "ld-laser"  # the dialog opened on the system default; the user chose ld-pdf
    sizes, _ = pages_of(out)
    assert sizes == [pytest.approx((A4[1], A4[0]), abs=1.5)] * pdf.pages
    assert "LX01-260101-0001-K" in cups.text(out[0]) and cups.is_text(out[0])


SLOW_DOCUMENTS = {
    "register": lambda: build_register(register(120)),
    "notice": lambda: build_notice(notice(12)),
    "handover": lambda: build_handover(handover()),
    "record_book": lambda: build_record_book(book()),
}


@pytest.mark.slow
@pytest.mark.parametrize("document", sorted(SLOW_DOCUMENTS))
def test_every_other_document_goes_on_its_own_paper_at_100_percent(qapp, document, tmp_path):
    """The documents the quick run leaves out, each through the dialog to the A4 laser (the default)."""
    cups.require_cups()
    pdf = SLOW_DOCUMENTS[document]()
    src = tmp_path / "source.pdf"
    src.write_bytes(bytes(pdf))
    first = cups.last_job()
    title = f"ldtest-{document}-{uuid.uuid4().hex[:8]}"
    print_through_dialog(pdf, "ledger" if document == "register" else document, title)
    out = cups.wait_for_outputs(first, cups.last_job(), title, timeout=120)
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(s, abs=1.5) for s in cups.page_sizes(src)]
    assert boxes == [pytest.approx(b, abs=0.6) for b in cups.ink_boxes(src)]
    assert all(cups.is_text(p) for p in out)


def test_a_receipt_reprinted_from_the_case_page_reaches_the_roll_and_the_print_log(qtbot, deputy_session,
                                                                                  tmp_path, monkeypatch):
    """The whole path staff use: the case page's 补打回执, the preview's 打印…, the print dialog accepted on
    the remembered receipt printer; the slip spooled on the 80 mm roll at 100 %, and logged once."""
    cups.require_cups()
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
    from liaison_desk.services.printing.log import copies_so_far
    from liaison_desk.ui.case_page import CasePage

    db = deputy_session.db
    reg = register_visit(db, deputy_session.actor, VisitInput("张大爷", village="柳树湾村"),
                         CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue(pp.RECEIPT_PRINTER_KEY, "ld-thermal")
    monkeypatch.setattr(pp, "settings", lambda: store)
    page = CasePage(deputy_session, reg.case_id)
    qtbot.addWidget(page)
    steps: list[str] = []
    timers = [QTimer(), QTimer()]  # one each: a timer does not fire again while its own slot runs

    def answer_dialog() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QPrintDialog) and "dialog" not in steps:
            steps.append("dialog")
            w.accept()

    def answer_preview() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, pp.PreviewDialog) and "preview" not in steps:
            steps.append("preview")
            w.print_button.click()  # opens the print dialog (answered by the other timer), then prints
            steps.append("printed")
            w.close_button.click()

    for timer, slot in zip(timers, (answer_dialog, answer_preview), strict=True):
        timer.setInterval(20)
        timer.timeout.connect(slot)
        timer.start()
    first = cups.last_job()
    page.reprint_receipt()
    for timer in timers:
        timer.stop()
    assert steps == ["preview", "dialog", "printed"]
    out = cups.wait_for_outputs(first, cups.last_job(), reg.case_number)  # the title: 回执 <number>
    sizes, boxes = pages_of(out)
    assert sizes == [pytest.approx(ROLL80, abs=1.5)] and out[0].parent.name == "ld-thermal"
    left, _top, right, _ = boxes[0]
    assert (left + right) / 2 == pytest.approx(ROLL80[0] / 2, abs=1) and right - left <= 72 * MM
    assert reg.case_number in cups.text(out[0])
    assert copies_so_far(db, "receipt", reg.case_number) == 1
