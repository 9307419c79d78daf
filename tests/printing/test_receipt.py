"""Receipt slips: paper widths, content-fitting height, masking, 补打, stub, large print, QR payload."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from liaison_desk.domain.errors import DomainError
from liaison_desk.printing import ReceiptData
from liaison_desk.printing.fonts import GlyphReport
from liaison_desk.printing.payload import receipt_payload, verify_receipt_payload
from liaison_desk.printing.receipt import FORMATS, ReprintMark, build_receipt, slip_flowables
from liaison_desk.printing.text import make_styles

from .pdftools import page_sizes, pdf_pages_text, pdf_text, png_size, render_png

NUMBER = "LX01-261122-0007-V"
PHONE = "13812345678"
LONG = ("柳树湾村东头的灌溉渠道年久失修，春灌时放不下水，请求清淤修缮。村民们说：“再不修，今年的秧苗就插不下去了！”"
        "希望有关部门尽快派人来看看……另外村口的路灯也坏了半年，晚上出行不安全。") * 3


def data(**kw) -> ReceiptData:
    base = {"station_name": "河口镇柳树湾村人大代表联络站", "station_code": "LX01", "case_number": NUMBER,
                "registered_at": dt.datetime(2026, 11, 22, 9, 31), "summary": LONG, "duty_deputy": "王𠮷明",
                "visitor_name": "李䶮", "visitor_phone": PHONE, "village": "柳树湾村", "category": "农田水利",
                "station_phone": "0551-62345678", "station_address": "河口镇柳树湾村村部一楼",
                "printed_at": dt.datetime(2026, 11, 23, 10, 5)}
    return ReceiptData(**{**base, **kw})


@pytest.mark.parametrize(("width", "printable_mm"), [("80", 72), ("58", 48)])
def test_thermal_pages_are_the_printable_width_and_as_tall_as_the_content(width, printable_mm, tmp_path):
    pdf = build_receipt(data(), width=width)
    (w, h), = page_sizes(pdf, tmp_path)
    assert w == pytest.approx(printable_mm * mm, abs=0.01)  # 204.09 pt = 576 dots, 136.06 pt = 384 dots
    assert 100 * mm < h < 260 * mm  # fits the slip, not an A4 page
    big = build_receipt(data(), width=width, large=True)
    assert page_sizes(big, tmp_path)[0][1] > h  # large print makes the slip longer, never wider


def test_a5_sheet(tmp_path):
    for large in (False, True):  # large print still fits on one A5 page (the summary is cut shorter)
        pdf = build_receipt(data(), width="a5", large=large)
        assert pdf.pages == 1
        assert page_sizes(pdf, tmp_path) == [pytest.approx(A5, abs=0.01)]


def test_content_and_masking(tmp_path):
    pdf = build_receipt(data())
    text = pdf_text(pdf, tmp_path)
    flat = text.replace("\n", "")
    for expected in (NUMBER, "河口镇柳树湾村人大代表联络站", "2026年11月22日 09:31", "王𠮷明", "李䶮", "138****5678",
                     "0551-62345678", "凭案件编号", "反映事项"):
        assert expected in flat, expected
    assert PHONE not in flat and "12345678" not in flat.replace("62345678", "")  # the full number never
    assert "……" in flat  # the long summary was cut, visibly
    assert "补打" not in flat


def test_reprint_is_marked_on_every_copy_and_stub_is_a_second_page(tmp_path):
    pdf = build_receipt(data(), stub=True, reprint=True)
    assert pdf.pages == 2
    first, second = pdf_pages_text(pdf, tmp_path)
    assert "补打" in first and "补打" in second and "补打时间：2026-11-23 10:05" in first.replace("\n", "")
    assert "存根" in second and "签字" in second and "存根" not in first
    assert PHONE not in first + second and "138****5678" in second


def test_a_reprinted_slip_carries_the_boxed_mark_of_the_a4_documents():
    for width, fmt in FORMATS.items():
        flows = slip_flowables(data(), fmt, make_styles(fmt.base), GlyphReport(),
                               stub=False, reprint=True)
        marks = [f for f in flows if isinstance(f, ReprintMark)]
        assert len(marks) == 1, width
        assert marks[0].wrap(fmt.width, 100)[1] > marks[0].size  # a box around the text, not bare 【补打】
        assert not any(isinstance(f, ReprintMark) for f in slip_flowables(
            data(), fmt, make_styles(10), GlyphReport(), stub=False, reprint=False))


def test_same_data_same_bytes():
    for width in FORMATS:
        assert build_receipt(data(), width=width, stub=True) == build_receipt(data(), width=width, stub=True)
    assert build_receipt(data()) != build_receipt(data(visitor_name="李四"))


def test_payload_round_trip_and_tamper_detection():
    payload = receipt_payload("lx01 261122 0007 v", "lx01", dt.datetime(2026, 11, 22, 9, 31))
    assert payload.startswith("LD1:LX01-261122-0007-V:LX01:202611220931:")
    got = verify_receipt_payload(payload)
    assert (got.case_number, got.station_code, got.registered_at) == (NUMBER, "LX01", dt.datetime(2026, 11, 22, 9, 31))
    assert verify_receipt_payload(" " + payload.lower() + "\n") == got  # a scanner's case and whitespace
    body, check = payload.rsplit(":", 1)
    tampered = [
        payload.replace("0007", "0008"),  # another case's number
        payload.replace("0931", "0932"),  # another time
        payload.replace(":LX01:", ":LX02:"),  # another station
        f"{body}:{'A' if check[0] != 'A' else 'B'}{check[1:]}",  # a damaged check
        payload[:-1],  # cut short
        "https://example.com/",  # not ours at all
    ]
    for bad in tampered:
        with pytest.raises(DomainError) as exc:
            verify_receipt_payload(bad)
        assert exc.value.code == "bad_receipt_code" and "回执" in exc.value.message


def test_payload_refuses_a_case_number_with_a_wrong_check_character():
    from liaison_desk.printing import payload as P

    stamp = "202611220931"
    body_number = "LX01-261122-0007-W"  # wrong check character, but a correctly computed hash
    forged = f"LD1:{body_number}:LX01:{stamp}:{P._check(body_number, 'LX01', stamp)}"
    with pytest.raises(DomainError):
        verify_receipt_payload(forged)


@pytest.mark.parametrize("width", ["80", "58", "a5"])
def test_qr_code_decodes_at_thermal_resolution(width, tmp_path):
    """Rendered at 203 dpi (what the thermal driver prints), the code reads back as the payload."""
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    pdf = build_receipt(data(), width=width)
    (png,) = render_png(pdf, tmp_path, 203)
    out = subprocess.run([zbar, "-q", "--raw", str(png)], capture_output=True, text=True, check=False).stdout
    assert verify_receipt_payload(out.strip()).case_number == NUMBER


def test_render_80mm_at_printer_resolution(tmp_path):
    """The 80 mm slip is 576 dots wide at 203 dpi, as the printer's head; the stub is a page of its own."""
    pdf = build_receipt(data(), width="80", stub=True)
    pngs = render_png(pdf, tmp_path, 203)
    assert len(pngs) == 2
    for png in pngs:
        w, h = png_size(png)
        assert w == 576 and 800 < h < 2100


@pytest.mark.parametrize(("width", "printable"), [("80", 64.0), ("58", 40.0), ("58", 72.0)])
def test_a_thermal_slip_can_be_laid_out_for_the_roll_printers_real_printable_width(width, printable, tmp_path):
    pdf = build_receipt(data(), width=width, printable_mm=printable, stub=True)
    assert [w for w, _ in page_sizes(pdf, tmp_path)] == [pytest.approx(printable * mm, abs=0.01)] * 2
    flat = pdf_text(pdf, tmp_path).replace("\n", "")
    assert NUMBER in flat and "回执存根" in flat
    assert page_sizes(build_receipt(data(), width="a5", printable_mm=printable), tmp_path) == [
        pytest.approx(A5, abs=0.01)]  # a sheet keeps its size
