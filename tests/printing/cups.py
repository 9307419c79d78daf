"""A real CUPS spooler for tests: the queues ``.ci/cups-setup`` adds, and what came out of them.

Every queue prints through the cups-pdf backend into ``$LD_CUPS_OUT/<queue>/…job_<id>.pdf``: the PDF that
reached the "printer", measured with poppler (pdfinfo, pdftotext) and ghostscript's bbox device (where the ink
is). ``require_cups()`` skips a test, with the reason, when no scheduler answers or the queues are missing and
cannot be added (not root); ``.ci/run`` runs ``.ci/cups-setup`` first, so in CI these tests run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("LD_CUPS_OUT", "/var/spool/cups-pdf-ld"))
QUEUES = ("ld-laser", "ld-thermal", "ld-pdf")
MM = 72 / 25.4
_ready: list[str] = []  # "" once checked and ready, else the reason to skip


def _lpstat(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["lpstat", *args], capture_output=True, text=True, timeout=20, check=False)


def _check() -> str:
    if shutil.which("lpstat") is None or shutil.which("lp") is None:
        return "CUPS client (lp, lpstat) is not installed: apt-get install cups cups-bsd printer-driver-cups-pdf"
    have = _lpstat("-p").stdout if _lpstat("-r").returncode == 0 else ""
    if not all(f"printer {q} " in have for q in QUEUES):
        setup = ROOT / ".ci" / "cups-setup"
        if os.geteuid() != 0:
            return "no CUPS scheduler with the test queues (run .ci/cups-setup as root; .ci/run does)"
        res = subprocess.run([str(setup)], capture_output=True, text=True, timeout=120, check=False)
        if res.returncode != 0:
            return f"could not set up the CUPS test queues: {res.stderr.strip() or res.stdout.strip()}"
        have = _lpstat("-p").stdout
        if not all(f"printer {q} " in have for q in QUEUES):
            return "the CUPS test queues are missing after .ci/cups-setup"
    for tool in ("pdfinfo", "pdftotext", "gs"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (poppler-utils, ghostscript)"
    return ""


def require_cups() -> None:
    if not _ready:
        _ready.append(_check())
    if _ready[0]:
        if os.environ.get("LD_REQUIRE_CUPS"):  # CI set up a spooler: its absence is a failure, not a skip
            pytest.fail(_ready[0])
        pytest.skip(_ready[0])


def outputs(queue: str) -> dict[int, Path]:
    """The PDFs cups-pdf wrote for ``queue``, by job number."""
    found = {}
    for path in (OUT / queue).glob("*.pdf"):
        m = re.search(r"job_(\d+)\.pdf$", path.name)
        if m:
            found[int(m.group(1))] = path
    return found


def jobs() -> dict[int, str]:
    """Every job the scheduler knows (done or not): number → queue."""
    found = {}
    for line in _lpstat("-W", "all", "-o").stdout.splitlines():
        m = re.match(r"(\S+)-(\d+)\s", line)
        if m:
            found[int(m.group(2))] = m.group(1)
    return found


def last_job() -> int:
    return max(jobs(), default=0)


def wait_for_outputs(after: int, upto: int, token: str, *, timeout: float = 60) -> list[Path]:
    """What the jobs numbered ``after`` < n ≤ ``upto`` titled with ``token`` printed, in job order, once every
    job of that range is over (another test or program printing meanwhile has other titles)."""
    wanted = {n: q for n, q in jobs().items() if after < n <= upto}
    assert wanted, f"no job was queued (jobs {after}..{upto})"
    deadline = time.monotonic() + timeout
    while True:
        pending = {int(m.group(1)) for m in re.finditer(r"-(\d+)\s", _lpstat("-o").stdout)}
        if not pending & set(wanted):
            time.sleep(0.05)  # let cups-pdf finish with the file it just renamed into place
            found = {n: outputs(q).get(n) for n, q in wanted.items()}
            mine = [p for _, p in sorted((n, p) for n, p in found.items() if p is not None and token in p.name)]
            assert mine, f"none of jobs {sorted(wanted)} printed anything titled {token!r}"
            return mine
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs {sorted(pending & set(wanted))} still not printed after {timeout} s")
        time.sleep(0.1)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Each page's size in points, as the paper sees it (a page turned by /Rotate has its sides swapped)."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    sizes, rot = {}, {}
    for line in out.splitlines():
        m = re.match(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", line)
        if m:
            sizes[int(m.group(1))] = (float(m.group(2)), float(m.group(3)))
        m = re.match(r"Page\s+(\d+) rot:\s+(\d+)", line)
        if m:
            rot[int(m.group(1))] = int(m.group(2))
    return [(h, w) if rot.get(n, 0) % 180 else (w, h) for n, (w, h) in sorted(sizes.items())]


def ink_boxes(path: Path) -> list[tuple[float, float, float, float]]:
    """Where the ink is on each page: (left, top, right, bottom) in points from the page's top left, as the
    page is printed (unrotated PDF pages only)."""
    res = subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=bbox", str(path)],
                         capture_output=True, text=True, check=True)
    heights = [h for _, h in page_sizes(path)]
    boxes: list[tuple[float, float, float, float]] = []
    for line in (res.stderr + res.stdout).splitlines():
        if line.startswith("%%HiResBoundingBox:"):
            x0, y0, x1, y1 = (float(v) for v in line.split()[1:5])
            h = heights[len(boxes)]
            boxes.append((x0, h - y1, x1, h - y0))
    return boxes


def text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
                          ).stdout.decode("utf-8")


def is_text(path: Path) -> bool:
    """Text set in fonts, no page pictures: fonts listed by pdffonts, no image by pdfimages. (The Chinese
    characters themselves do not come back from cups-pdf's PostScript round trip as Unicode, so tests read
    the case numbers and dates.)"""
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(fonts.splitlines()) > 2 and len(images.splitlines()) <= 2


def require_tool(name: str) -> None:
    if shutil.which(name) is None:
        pytest.skip(f"{name} is not installed")
