"""Sending a PDF itself to a CUPS print queue (Linux): the text stays text, the spooler gets the PDF as built.

The desk paints pages only where it must (a Windows driver). Where CUPS is there, ``submit`` hands the PDF to
``lp`` with the paper the document decided (``services.printing.paper``): ``media`` the queue's name for it
(or ``Custom.WxH`` in points for a queue taking custom sizes), turned for a landscape page, a roll slip held
at the top of the roll (CUPS centres it across the printable width). CUPS itself prints a page at 100 % on
paper of its size and shrinks one that does not fit; it never enlarges one (``print-scaling=auto``).

Pages of different sizes (a receipt and its stub, each as tall as its content) go as one job per run of
same-sized pages, so each keeps its own paper. ``lp`` reads the PDF from its standard input: no temporary
file with personal data is left behind.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from ...domain.errors import DomainError
from .paper import Paper

log = logging.getLogger(__name__)

LP_TIMEOUT_S = 60


@dataclass(frozen=True)
class SpoolPart:
    """One job: pages ``first``..``last`` (1-based, inclusive) on ``paper``; ``shrink`` when a page of it is
    bigger than the printable area (``paper.place`` scaled it)."""

    first: int
    last: int
    paper: Paper
    shrink: bool = False


def lp_path() -> str | None:
    """``lp`` when CUPS's client is installed (Linux, macOS); None elsewhere (Windows)."""
    return shutil.which("lp")


def scheduler_running() -> bool:
    """Whether a CUPS scheduler answers (``lpstat -r``)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return False
    try:
        res = subprocess.run([lpstat, "-r"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return res.returncode == 0 and "not running" not in res.stdout


def media_option(paper: Paper) -> str:
    m = paper.media
    if m.custom:  # whole points, rounded up: the spooler rounds a custom size down, and 0.9 pt less shrinks it
        return f"Custom.{math.ceil(m.width - 0.01)}x{math.ceil(m.height - 0.01)}"
    return m.key


def lp_options(part: SpoolPart) -> list[str]:
    """The ``-o`` options that put the pages on the part's paper as ``services.printing.paper`` says: at
    100 % (``none``: CUPS's ``auto`` would stretch a slip to a custom page's width) unless a page is bigger
    than the printable area (``auto-fit``: shrunk to it, never enlarged)."""
    paper = part.paper
    opts = [f"media={media_option(paper)}", f"print-scaling={'auto-fit' if part.shrink else 'none'}"]
    if paper.landscape:
        opts.append("orientation-requested=4")
    if paper.roll:
        opts.append("position=top")  # across: centred in the printable width; along the roll: from the top
    return opts


def submit(queue: str, pdf: bytes, parts: Sequence[SpoolPart], *, title: str, copies: int = 1) -> list[str]:
    """Queue ``pdf`` on ``queue``, one job per part; returns the job ids (``queue-123``). A refusal (no such
    queue, the scheduler down) raises ``DomainError("printer_unavailable")``."""
    lp = lp_path()
    if lp is None:
        raise DomainError("printer_unavailable", "本机没有安装打印服务（CUPS），无法打印。",
                          message_en="CUPS (lp) is not installed.")
    jobs = []
    for part in parts:
        args = [lp, "-d", queue, "-t", title, "-n", str(max(1, copies))]
        for opt in lp_options(part):
            args += ["-o", opt]
        args += ["-o", f"page-ranges={part.first}-{part.last}", "-"]
        try:
            res = subprocess.run(args, input=pdf, capture_output=True, timeout=LP_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("lp failed: %s", exc)
            raise DomainError("printer_unavailable", "无法把文件交给打印机，请检查打印机是否开机、是否缺纸。",
                              message_en="The print queue did not take the job.") from exc
        out = res.stdout.decode("utf-8", "replace")
        found = re.search(r"request id is (\S+)", out)
        if res.returncode != 0 or found is None:
            log.warning("lp refused the job: %s %s", out.strip(), res.stderr.decode("utf-8", "replace").strip())
            raise DomainError("printer_unavailable", "打印机没有接受这份文件，请检查打印机是否开机、是否缺纸。",
                              message_en="The print queue refused the job.")
        jobs.append(found.group(1))
    log.info("spooled %s to %s as %s", title, queue, ", ".join(jobs))
    return jobs
