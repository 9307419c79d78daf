"""Print preview, printing and saving a PDF from the desk, and building long documents off the UI thread.

Public API (other screens call these; keep the signatures):

``open_preview(parent, pdf: bytes, title: str, *, document: str, receipt_width: str | None = None,
on_delivered: Callable[[], object] | None = None) -> int``
    Shows a modal dialog with the PDF (QtPdf ``QPdfDocument`` + ``QPdfView``) and the buttons 打印…,
    另存为 PDF… and 关闭; returns the dialog's result code. ``document`` is the kind of document, one of
    ``services.print_log.DOCUMENTS`` ("receipt", "register", "ledger", "record_book", "letter", "notice",
    "handover", "roster", "report"); ``receipt_width`` ("58", "80" or "a5") is given for receipts. The printer gets
    the PDF's own paper: A4 or A5 (portrait or landscape) from the page size, and for 58/80 mm thermal
    rolls a custom page as wide as the roll and as tall as the slip. The receipt printer's name is
    remembered (QSettings) and chosen again next time. A copy counts as printed only when it was: the
    preview calls ``on_delivered`` after the printer took every page or the PDF was saved to a file — the
    ``record`` of the ``services.printing.jobs.DeliverLater`` the PDF was built with, which writes the print
    log. Closing the preview, a cancelled print dialog or a refused print log nothing.
    Characters the font lacked (``PrintedPdf.warnings``) are listed above the pages.

``PdfJob(fn, *args, **kwargs)``
    Runs ``fn(*args, **kwargs)`` — a ``services.printing_jobs.print_*`` call, say — on the thread pool
    with ``signals.progress(done, total)`` (rows laid out), ``signals.finished(pdf)``,
    ``signals.failed(exc)`` and ``signals.cancelled()``; ``job.cancel()`` stops the build at the next page.
    ``job.start()`` queues it. A 100,000-row register builds this way while the window keeps answering.

``build_in_background(parent, title, fn, *args, **kwargs) -> bytes | None``
    A ``PdfJob`` with a progress dialog (shown only after 0.6 s) whose 取消 button cancels it; returns the
    PDF, or None when cancelled; a ``DomainError`` is re-raised for the caller to show.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    QRunnable,
    QSettings,
    QSizeF,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..services.printing.jobs import BuildCancelled, PrintedPdf, build_hooks
from .appearance import fit_to_screen

log = logging.getLogger(__name__)

RECEIPT_PRINTER_KEY = "printing/receipt_printer"
ROLL_WIDTH_MM = {"58": 58.0, "80": 80.0}  # the paper; the PDF page is the printable part (48 / 72 mm)
MAX_DPI = 300  # pages are rendered as images at the printer's resolution, at most this
POINT_MM = 25.4 / 72


def settings() -> QSettings:
    """Where the receipt printer is remembered (tests point it at a temporary file)."""
    return QSettings()


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PreviewDialog(QDialog):
    """The preview: pages one under another, fitted to the width, and the three buttons."""

    def __init__(self, parent: QWidget | None, pdf: bytes, title: str, *, document: str,
                 receipt_width: str | None = None, on_delivered: Callable[[], object] | None = None):
        super().__init__(parent)
        self.on_delivered = on_delivered
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", title))
        self.setModal(True)
        fit_to_screen(self, 900, 760)  # never taller than a 1366×768 screen leaves
        self.title, self.document, self.receipt_width = title, document, receipt_width
        self.pdf_bytes = bytes(pdf)
        self._data = QByteArray(self.pdf_bytes)  # QPdfDocument reads from the buffer: both must stay alive
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        layout = QVBoxLayout(self)
        warnings = list(pdf.warnings) if isinstance(pdf, PrintedPdf) else []  # plain bytes carry none
        if warnings:
            note = QLabel("\n".join(warnings[:5]), self)
            note.setObjectName("formError")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.pages_label = QLabel(self.tr("共 %1 页").replace("%1", str(self.pdf.pageCount())), self)
        row.addWidget(self.pages_label)
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        for b in (self.print_button, self.save_button, self.close_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.choose_printer_and_print)
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.close_button.clicked.connect(self.reject)
        self.print_button.setDefault(True)

    # -- paper ------------------------------------------------------------------------------------------

    def page_layout(self) -> QPageLayout:
        """The paper the PDF was made for: a custom roll page for thermal receipts, else the standard size
        nearest the PDF's first page (A4, A5…) in its orientation; no margins (the PDF has its own)."""
        size_pt = self.pdf.pagePointSize(0) if self.pdf.pageCount() else QSizeF(595.28, 841.89)
        w, h = size_pt.width(), size_pt.height()
        if self.document == "receipt" and self.receipt_width in ROLL_WIDTH_MM:
            roll = ROLL_WIDTH_MM[self.receipt_width]
            page = QPageSize(QSizeF(roll, max(h * POINT_MM, 40.0)), QPageSize.Unit.Millimeter,
                             self.tr("热敏纸 %1 毫米").replace("%1", self.receipt_width),
                             QPageSize.SizeMatchPolicy.ExactMatch)
            return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        portrait = QSizeF(min(w, h), max(w, h))
        pid = QPageSize.id(portrait, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
        page = QPageSize(pid) if pid != QPageSize.PageSizeId.Custom else QPageSize(portrait, QPageSize.Unit.Point)
        orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
        return QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFullPage(True)
        name = self.preferred_printer()
        if name:
            printer.setPrinterName(name)
        printer.setPageLayout(self.page_layout())
        return printer

    def preferred_printer(self) -> str | None:
        """The receipt printer used last time, when this is a receipt and that printer is still there."""
        if self.document != "receipt":
            return None
        name = settings().value(RECEIPT_PRINTER_KEY, "", type=str)
        return name if name and name in available_printers() else None

    # -- printing and saving ----------------------------------------------------------------------------

    def print_to(self, printer: QPrinter) -> int:
        """Render the pages (or the range chosen in the print dialog) onto ``printer``; returns pages sent.
        Each page is drawn as an image at the printer's resolution (≤ 300 dpi), scaled to the paper."""
        count = self.pdf.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        pages = range(max(first, 1) - 1, min(last, count) if last else count)
        painter = QPainter()
        if not painter.begin(printer):
            raise DomainError("printer_unavailable", self.tr("无法连接打印机，请检查打印机是否开机、是否缺纸。"))
        try:
            dpi = min(printer.resolution(), MAX_DPI)
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                size_pt = self.pdf.pagePointSize(index)
                image = self.pdf.render(index, (size_pt * dpi / 72).toSize())
                scale = min(target.width() / size_pt.width(), target.height() / size_pt.height())
                # Scaled while painting: a page image blown up to a 1200 dpi device would take 500 MB.
                painter.drawImage(QRectF(target.x(), target.y(), size_pt.width() * scale,
                                         size_pt.height() * scale), image)
        finally:
            painter.end()
        return len(pages)

    def choose_printer_and_print(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_now(printer)

    def print_now(self, printer: QPrinter) -> bool:
        """Print on a printer the user chose; a receipt printer is remembered. Failures are shown, not raised."""
        try:
            self.print_to(printer)
        except DomainError as exc:
            self._warn(exc.message)
            return False
        except Exception:
            log.exception("printing failed")
            self._warn(self.tr("打印失败，详细信息已写入日志文件。"))
            return False
        self._delivered()
        if self.document == "receipt" and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat \
                and printer.printerName():
            settings().setValue(RECEIPT_PRINTER_KEY, printer.printerName())
        return True

    def choose_file_and_save(self) -> None:
        start = str(Path.home() / f"{self.title}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), start, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the PDF atomically (a pulled USB stick leaves no half file under the name)."""
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        tmp = path.with_name(path.name + ".part")
        try:
            with tmp.open("wb") as fh:
                fh.write(self.pdf_bytes)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("saving %s failed: %s", path, exc)
            self._warn(self.tr("无法保存文件：%1").replace("%1", exc.strerror or str(exc)))
            return False
        self._delivered()
        return True

    def _delivered(self) -> None:
        """The printer or the file took the copy: now it goes in the print log (a failure there is logged
        and shown; the paper is already out)."""
        if self.on_delivered is None:
            return
        try:
            self.on_delivered()
        except Exception:
            log.exception("recording the print failed")
            self._warn(self.tr("已打印，但没有记入打印记录，详细信息已写入日志文件。"))

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("打印"), text)


def open_preview(parent: QWidget | None, pdf: bytes, title: str, *, document: str,
                 receipt_width: str | None = None, on_delivered: Callable[[], object] | None = None) -> int:
    """Show the modal preview of ``pdf`` (see the module docstring); returns the dialog's result."""
    dialog = PreviewDialog(parent, pdf, title, document=document, receipt_width=receipt_width,
                           on_delivered=on_delivered)
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


# -- long documents off the UI thread -------------------------------------------------------------------


class PdfJobSignals(QObject):
    """Created in the UI thread, so signals emitted on the pool thread are delivered there, queued."""

    progress = Signal(int, int)  # rows done, rows in all
    finished = Signal(object)  # the PDF
    failed = Signal(object)  # the exception (a DomainError is for the user; anything else is logged)
    cancelled = Signal()


class PdfJob(QRunnable):
    """Builds one PDF on the thread pool, with progress and cancellation (see the module docstring)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: the caller keeps the job to cancel it
        self.signals = PdfJobSignals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancel = threading.Event()
        self._last = -1

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        step = done * 200 // total if total else 0  # at most ~200 signals however long the document
        if step != self._last:
            self._last = step
            self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise BuildCancelled()
            with build_hooks(progress=self._progress, cancelled=self._cancel.is_set):
                result = self._fn(*self._args, **self._kwargs)
        except BuildCancelled:
            self.signals.cancelled.emit()
        except DomainError as exc:
            log.info("document refused: %s", exc.code)
            self.signals.failed.emit(exc)
        except Exception as exc:  # a pool thread must never die silently
            log.exception("building a document failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)

    def start(self, pool: QThreadPool | None = None) -> PdfJob:
        (pool or QThreadPool.globalInstance()).start(self)
        return self


def build_in_background(parent: QWidget | None, title: str, fn: Callable[..., Any], *args: Any,
                        **kwargs: Any) -> bytes | None:
    """Run ``fn`` as a ``PdfJob`` behind a cancellable progress dialog; see the module docstring."""
    job = PdfJob(fn, *args, **kwargs)
    box = QProgressDialog(title, QCoreApplication.translate("PrintPreview", "取消"), 0, 1000, parent)
    box.setWindowTitle(title)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setMinimumDuration(600)  # quick documents never flash a dialog
    box.setAutoClose(False)
    box.setAutoReset(False)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def progress(done: int, total: int) -> None:
        box.setValue(int(1000 * done / total) if total else 0)

    def finish(key: str):
        def slot(value: Any = None) -> None:
            outcome[key] = value
            loop.quit()
        return slot

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finish("pdf"))
    job.signals.failed.connect(finish("error"))
    job.signals.cancelled.connect(finish("cancelled"))
    box.canceled.connect(job.cancel)
    job.start()
    loop.exec()
    box.close()
    box.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("pdf")
