"""Issue 15 on paper: with the county's public address the constituent's slip prints a QR code of the case's status
page and the address in words; without it, the slip says to ask at the station, and only the staff's own code is
printed. Every format decodes at the thermal printer's resolution."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from liaison_desk.domain.status_link import status_key, status_token, status_url
from liaison_desk.printing import ReceiptData
from liaison_desk.printing.receipt import build_receipt

from .pdftools import pdf_text, render_png

NUMBER = "HK01-261207-0003-8"
ADDRESS = "https://rd.hekou.gov.cn"
URL = status_url(ADDRESS, NUMBER, status_token(status_key("ab" * 32), "0b7e0c1a-3f3e-4b0c-9a55-2f5c2d0a1b2c"))


def data(link: bool) -> ReceiptData:
    return ReceiptData("河口镇人大代表联络站", "HK01", NUMBER, dt.datetime(2026, 12, 7, 9, 30), "村里水渠堵了",
                       visitor_name="张三", visitor_phone="13812345678", station_phone="0551-62612345",
                       status_url=URL if link else None, status_address=ADDRESS if link else "")


def _codes(pdf: bytes, tmp_path) -> list[str]:
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    (png,) = render_png(pdf, tmp_path, 203)
    return subprocess.run([zbar, "-q", "--raw", str(png)], capture_output=True, text=True,
                          check=False).stdout.split()


@pytest.mark.parametrize(("width", "large"), [("58", False), ("80", False), ("a5", False), ("58", True)])
def test_the_status_code_decodes_to_the_link_and_the_address_is_in_words(width, large, tmp_path):
    pdf = build_receipt(data(True), width=width, large=large)
    codes = _codes(pdf, tmp_path)
    assert URL in codes and len(codes) == 2  # the public link and the staff's own code
    text = pdf_text(pdf, tmp_path).replace("\n", "").replace(" ", "")
    assert "手机扫码查询办理进度" in text and "rd.hekou.gov.cn/status" in text
    assert "13812345678" not in URL and "5678" not in URL.split("/status/")[1]


def test_without_an_address_the_slip_says_to_ask_at_the_station(tmp_path):
    pdf = build_receipt(data(False), width="80")
    codes = _codes(pdf, tmp_path)
    assert len(codes) == 1 and codes[0].startswith("LD1:")  # the staff's code only
    text = pdf_text(pdf, tmp_path).replace("\n", "")
    assert "来站或打电话查询" in text and "网上查询" not in text and "扫码查询" not in text
