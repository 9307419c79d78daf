"""The month-end pack for the township in one action: one PDF (the figures sheet with the 问题清单 and the
charts, the month's register, the ledger of open cases) and the ledger as ``.xlsx``, written into a folder the
user chose; logged in the print log (document ``report``, reference ``月末报送:2026-11``) and the audit trail
(the workbook names people: ``export``, as ``liaison-desk report --ledger`` is).

Progress: run inside ``printing.progress.build_hooks`` (the desk's ``PdfJob``), the pack reports one bar from
0 to 1000 over its stages (figures, PDF with its two long tables, workbook) and stops at the next page or stage
when cancelled; nothing is logged and no file is left behind then."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...db.database import Database
from ...domain.errors import DomainError
from ...domain.reports import Period, parse_period
from ...domain.timeutil import to_local, utcnow
from ...printing import progress as build_progress
from ...printing.model import RegisterData
from ...printing.model_docs import Copy
from ...printing.month_pack import MonthPackData, build_month_pack
from ..cases.listing import CaseFilter
from ..context import Actor
from ..printing.docs import LedgerFilter, ledger_data
from ..printing.log import record_print
from ..printing.receipts import register_data
from ..reports.ledger import export_open_ledger
from .view import stats_view

log = logging.getLogger(__name__)

# The bar's share of each stage (of 1000): the report and the charts' months, the PDF, the workbook.
FIGURES_END, PDF_END = 150, 850
PDF_TABLES = 2  # the register and the ledger report rows as they are laid out


@dataclass(frozen=True)
class MonthPackFiles:
    pdf: Path
    xlsx: Path
    pages: int
    open_cases: int  # rows of the ledger (the workbook's)
    visits: int  # rows of the register
    warnings: tuple[str, ...] = ()  # characters no font has (printed as □)


def default_folder() -> Path:
    """The user's documents folder (the home folder where there is none)."""
    docs = Path.home() / "Documents"
    if os.name == "nt" or docs.is_dir():
        return docs
    xdg = os.environ.get("XDG_DOCUMENTS_DIR")
    return Path(xdg) if xdg and Path(xdg).is_dir() else Path.home()


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .") or "联络站"


def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix`` in ``folder``, or ``stem（2）.suffix`` and so on: an earlier pack is never written over."""
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}（{n}）{suffix}"
        n += 1
    return path


class _Bar:
    """Maps the stages' own progress onto one bar, reported to the caller's hooks (if any)."""

    def __init__(self) -> None:
        self._outer = contextvars.copy_context()  # the caller's hooks, as they are now
        self._table = -1
        self._last: tuple[int, int] = (-1, -1)  # (total, done) of the last report

    def at(self, value: int) -> None:
        self._outer.run(build_progress.report, value, 1000)  # raises BuildCancelled when cancelled

    def table_rows(self, done: int, total: int) -> None:
        last_total, last_done = self._last
        if total != last_total or done < last_done:
            self._table += 1  # the next long table started
        self._last = (total, done)
        share = (min(self._table, PDF_TABLES - 1) + (done / total if total else 1)) / PDF_TABLES
        self.at(FIGURES_END + int((PDF_END - FIGURES_END) * min(1.0, share)))


def write_month_pack(db: Database, actor: Actor, month: Period | str, folder: Path, *,
                     as_of: dt.datetime | None = None,
                     on_progress: Callable[[int, int], None] | None = None) -> MonthPackFiles:
    """Write the month-end pack of ``month`` (e.g. ``2026-11``) into ``folder``; returns the two files."""
    period = month if isinstance(month, Period) else parse_period(month)
    if period.kind != "month":
        raise DomainError("pack_not_month", f"月末报送材料按月份制作，“{period.label()}”不是一个月份。",
                          field="period", message_en="The month-end pack is made for a month.")
    folder = Path(folder)
    if not folder.is_dir():
        raise DomainError("pack_folder", f"文件夹“{folder}”不存在，请另选一个文件夹。", field="folder",
                          message_en=f"The folder {folder} does not exist; choose another.")
    now = as_of or utcnow()
    local = to_local(now)
    with contextlib.ExitStack() as stack:
        if on_progress is not None:  # a caller without the desk's hooks (the command line, a test)
            stack.enter_context(build_progress.build_hooks(progress=on_progress))
        bar = _Bar()
        bar.at(0)
        view = stats_view(db, period, as_of=now)
        register = register_data(db, period.first, period.last)
        register = RegisterData(register.station_name, register.date_from, register.date_to, register.rows,
                                township=register.township, printed_at=local)
        ledger = ledger_data(db, LedgerFilter(CaseFilter(open_only=True)), Copy(printed_at=local))
        bar.at(FIGURES_END)
        data = MonthPackData(view.report, view.months, register, ledger,
                             printed_at_text=f"打印时间：{local:%Y-%m-%d %H:%M}")
        with build_progress.build_hooks(progress=bar.table_rows):
            pdf = build_month_pack(data)
        bar.at(PDF_END)

        stem = _safe_name(f"{view.report.scope}{period.label()}月末报送材料")
        pdf_path = _free_path(folder, stem, ".pdf")
        xlsx_path = _free_path(folder, _safe_name(f"{view.report.scope}未办结台账（截至{local:%Y年%m月%d日}）"),
                               ".xlsx")
        written: list[Path] = []
        try:
            pdf_path.write_bytes(pdf)
            written.append(pdf_path)
            with xlsx_path.open("xb") as out:
                written.append(xlsx_path)
                count = export_open_ledger(db, out, actor=actor, as_of=now)
            bar.at(1000)
        except OSError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            log.warning("month-end pack not written to %s: %s", folder, exc)
            raise DomainError("pack_write", f"无法写入文件夹“{folder}”（{exc.strerror or exc}），"
                              "请换一个文件夹或检查磁盘空间后重试。", field="folder",
                              message_en=f"Could not write to {folder}: choose another folder.") from exc
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    record_print(db, actor, "report", f"月末报送:{period.code}", pages=pdf.pages,
                 rows=len(register.rows) + len(ledger.rows))
    return MonthPackFiles(pdf_path, xlsx_path, pdf.pages, count, len(register.rows), tuple(pdf.warnings))
