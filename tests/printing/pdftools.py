"""Poppler's command-line tools (pdftotext, pdftoppm, pdfinfo) as small helpers; a test skips without them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed: apt-get install -y poppler-utils")
    return path


def pdf_text(pdf: bytes, tmp_path: Path, *, first: int | None = None, last: int | None = None,
             layout: bool = False) -> str:
    """The PDF's text as pdftotext extracts it (what a reader can copy or search)."""
    src = tmp_path / "extract.pdf"
    src.write_bytes(pdf)
    args = [_tool("pdftotext"), "-enc", "UTF-8"]
    args += ["-f", str(first)] if first else []
    args += ["-l", str(last)] if last else []
    args += ["-layout"] if layout else []
    return subprocess.run([*args, str(src), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def pdf_pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    """One string per page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf, tmp_path).split("\f")[:-1]


def render_png(pdf: bytes, tmp_path: Path, dpi: int, *, first: int | None = None,
               last: int | None = None) -> list[Path]:
    """Rasterise pages with pdftoppm; returns the PNG files in page order."""
    src = tmp_path / "render.pdf"
    src.write_bytes(pdf)
    out = tmp_path / "page"
    args = [_tool("pdftoppm"), "-r", str(dpi), "-png"]
    args += ["-f", str(first)] if first else []
    args += ["-l", str(last)] if last else []
    subprocess.run([*args, str(src), str(out)], capture_output=True, check=True)
    return sorted(tmp_path.glob("page-*.png"))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (no imaging library needed)."""
    head = path.read_bytes()[:24]
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def page_sizes(pdf: bytes, tmp_path: Path) -> list[tuple[float, float]]:
    """Each page's size in points, from pdfinfo."""
    src = tmp_path / "info.pdf"
    src.write_bytes(pdf)
    out = subprocess.run([_tool("pdfinfo"), "-f", "1", "-l", "9999", str(src)], capture_output=True,
                         check=True).stdout.decode()
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


def qpdf_check(pdf: bytes, tmp_path: Path) -> None:
    """Fail the test when ``qpdf --check`` finds the file damaged (exit 2) or warns (exit 3)."""
    src = tmp_path / "check.pdf"
    src.write_bytes(pdf)
    res = subprocess.run([_tool("qpdf"), "--check", str(src)], capture_output=True, check=False)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()
