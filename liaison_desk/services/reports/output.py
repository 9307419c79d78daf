"""The report as a PDF, through the printing layer (the desk and the command line call this, not printing)."""

from __future__ import annotations

from ...domain.reports import Report
from ...printing.model import PrintedPdf
from ...printing.report_sheet import build_report_pdf


def report_pdf(report: Report) -> PrintedPdf:
    """The figures sheet, breakdown, 问题清单 and 通报 table as an A4 landscape PDF."""
    return build_report_pdf(report)
