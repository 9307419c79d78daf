"""Print preview, printing and saving a PDF from the desk, and building long documents off the UI thread.

Public API (other screens call these; keep the signatures):

``open_preview(parent, pdf: bytes, title: str, *, document: str, receipt_width: str | None = None,
on_delivered: Callable[[], object] | None = None, rebuild: Callable[[float], bytes] | None = None) -> int``
    Shows a modal dialog with the PDF (QtPdf ``QPdfDocument`` + ``QPdfView``) and the buttons 打印…,
    另存为 PDF… and 关闭; returns the dialog's result code. ``document`` is the kind of document, one of
    ``services.print_log.DOCUMENTS`` ("receipt", "register", "ledger", "record_book", "letter", "notice",
    "handover", "roster", "report"); ``receipt_width`` ("58", "80" or "a5") is given for receipts.
    **The document decides the paper** (``services.printing.paper``), not the queue's default nor what the
    print dialog left on the printer: A4 or A5 in the page's orientation, a 48/72 mm slip on the 58/80 mm roll
    (or a custom page as tall as each slip, where the queue takes one). Pages go at 100 %: exactly where
    drawn on paper of their size, else centred in the printable area (a slip at the top of the roll); only a
    page bigger than the printable area is shrunk, never one enlarged. A slip going on a roll that prints
    another width is laid out again for it with ``rebuild(printable_mm)`` (by default the ``relayout`` of
    the ``PrintedPdf`` from ``jobs.print_receipt``).
    **Two ways to the printer**, both off the UI thread behind a progress dialog with 取消: a CUPS queue (Linux)
    gets the PDF itself through ``lp`` (``services.printing.spool``: the text stays text, a 100-page register
    is 0.6 MB); elsewhere (a Windows driver, a PDF file) pages are painted at the printer's resolution (at
    most ``MAX_DPI``), one bit a pixel. The receipt printer's name is remembered (QSettings) and chosen again
    next time. A copy counts as printed only when it was: the preview calls ``on_delivered`` after the
    printer took every page or the PDF was saved to a file — the ``record`` of the
    ``services.printing.jobs.DeliverLater`` the PDF was built with, which writes the print log. Closing the
    preview, a cancelled print dialog or progress dialog, or a refused print log nothing.
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
import sys
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
    QSize,
    QSizeF,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractButton,
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
from ..services.printing import paper, spool
from ..services.printing.jobs import BuildCancelled, PrintedPdf, build_hooks
from .appearance import fit_to_screen

log = logging.getLogger(__name__)

RECEIPT_PRINTER_KEY = "printing/receipt_printer"
ROLL_WIDTH_MM = {"58": 58.0, "80": 80.0}  # the paper; the PDF page is the printable part (48 / 72 mm)
BLACK, WHITE = 0xFF000000, 0xFFFFFFFF
# Painted pages (Windows drivers, PDF files) are rendered at the printer's resolution, at most this: one bit a
# pixel at 300 dpi is ~0.1 s of CPU and ~90 KB a dense A4 page; at 600 dpi four times both (bench/printing.py).
MAX_DPI = 300


def settings() -> QSettings:
    """Where the receipt printer is remembered (tests point it at a temporary file)."""
    return QSettings()


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PreviewDialog(QDialog):
    """The preview: pages one under another, fitted to the width, and the three buttons."""

    def __init__(self, parent: QWidget | None, pdf: bytes, title: str, *, document: str,
                 receipt_width: str | None = None, on_delivered: Callable[[], object] | None = None,
                 rebuild: Callable[[float], bytes] | None = None):
        super().__init__(parent)
        self.on_delivered = on_delivered
        if rebuild is None and isinstance(pdf, PrintedPdf):  # a slip from services.printing.jobs.print_receipt
            rebuild = pdf.relayout
        self.rebuild = rebuild  # a thermal slip laid out again for the roll printer's printable width (mm)
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", title))
        self.setModal(True)
        fit_to_screen(self, 900, 760)  # never taller than a 1366×768 screen leaves
        self.title, self.document, self.receipt_width = title, document, receipt_width
        self.printing = False  # a print is running (in the background, behind its progress dialog)
        self.user_paper: paper.Paper | None = None  # another paper the user chose knowingly (settle_paper)
        self.pdf = QPdfDocument(self)
        self.pages_label: QLabel | None = None
        self.load_pdf(pdf)
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

    def load_pdf(self, pdf: bytes) -> None:
        """Show (and print) ``pdf``: first the one built, or a slip laid out again for the roll printer."""
        self.pdf_bytes = bytes(pdf)
        data = QByteArray(self.pdf_bytes)  # QPdfDocument reads from the buffer: both must stay alive
        buffer = QBuffer(data, self)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        self._data, self._buffer = data, buffer
        if self.pages_label is not None:
            self.pages_label.setText(self.tr("共 %1 页").replace("%1", str(self.pdf.pageCount())))

    def fit_slip_to(self, plan: PrintPlan, printer: QPrinter, pages: list[int]) -> PrintPlan:
        """A thermal slip going on a roll that prints wider or narrower than the slip was laid out for (a
        64 mm head on an 80 mm roll, a 48 mm slip on the 80 mm roll of the only printer): laid out again for
        that printable width, so it prints at 100 % across it. Needs ``rebuild``; else it is centred, and
        shrunk only when too wide."""
        choice = plan.papers[0] if plan.papers else None
        if self.rebuild is None or not self.is_roll or choice is None or not choice.roll or choice.media.custom:
            return plan
        width = choice.media.printable_width
        if abs(width - self.page_points(0)[0]) <= paper.MM:
            return plan
        self.load_pdf(self.rebuild(width / paper.MM))
        return PrintPlan.make(self, printer, [i for i in pages if i < self.pdf.pageCount()])

    # -- paper ------------------------------------------------------------------------------------------

    @property
    def is_roll(self) -> bool:
        """A thermal slip (58/80 mm): its page is the roll's printable width, as tall as its content."""
        return self.document == "receipt" and self.receipt_width in ROLL_WIDTH_MM

    def page_points(self, index: int) -> tuple[float, float]:
        size = self.pdf.pagePointSize(index)
        return size.width(), size.height()

    def page_layout(self, index: int = 0) -> QPageLayout:
        """The paper page ``index`` was made for, on a printer taking any size (a PDF file): its own size, a
        roll as wide as the paper for a thermal slip; no margins (the page has its own)."""
        w, h = self.page_points(index) if self.pdf.pageCount() else (595.28, 841.89)
        return layout_for(paper.choose_paper(w, h, [], custom_ok=True, roll=self.is_roll))

    def make_printer(self) -> QPrinter:
        """The printer the print dialog opens on: the remembered receipt printer for a slip (else the
        system's default), already set to the document's paper where that printer has it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        name = self.preferred_printer()
        if name:
            printer.setPrinterName(name)
        if self.pdf.pageCount():
            plan = PrintPlan.make(self, printer, [0])
            set_paper(printer, plan.papers[0], plan.sizes)
        return printer

    def preferred_printer(self) -> str | None:
        """The receipt printer used last time, when this is a receipt and that printer is still there."""
        if self.document != "receipt":
            return None
        name = settings().value(RECEIPT_PRINTER_KEY, "", type=str)
        return name if name and name in available_printers() else None

    # -- printing and saving ----------------------------------------------------------------------------

    def chosen_pages(self, printer: QPrinter) -> list[int]:
        """The pages to print (0-based): all, or the range chosen in the print dialog."""
        count = self.pdf.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        return list(range(max(first, 1) - 1, min(last, count) if last else count))

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages (or the range chosen in the print dialog) on ``printer`` in the background, behind
        a progress dialog whose 取消 stops it; returns the pages sent (0: cancelled). The document decides the
        paper (``PrintPlan``), whatever the queue's default or the dialog left on the printer. A CUPS queue gets
        the PDF itself (``services.printing.spool``: text stays text); anything else — a Windows driver, a
        PDF file — gets the pages painted at its resolution (at most ``MAX_DPI``), black and white.
        A refusal raises ``DomainError``."""
        pages = self.chosen_pages(printer)
        if not pages:
            return 0
        plan = self.fit_slip_to(PrintPlan.make(self, printer, pages), printer, pages)
        if self.user_paper is not None:  # the user chose another paper knowingly (settle_paper)
            plan = PrintPlan(plan.pages, plan.page_sizes, [self.user_paper] * len(plan.pages), plan.sizes)
        pages = plan.pages
        if spool_to_cups(printer):
            queue, copies, title = printer.printerName(), printer.copyCount(), self.title
            parts = plan.spool_parts()
            pdf_bytes = self.pdf_bytes

            def send(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
                spool.submit(queue, pdf_bytes, parts, title=title, copies=copies)
                return len(pages)

            job = PrintJob(send)
        else:
            pdf_bytes = self.pdf_bytes
            job = PrintJob(lambda progress, cancelled: paint_pages(printer, pdf_bytes, plan, progress, cancelled))
        self.printing = True
        try:
            outcome = run_with_progress(self, self.tr("正在打印“%1”…").replace("%1", self.title), job)
        finally:
            self.printing = False
        if "error" in outcome:
            raise outcome["error"]
        return int(outcome.get("result") or 0)

    def choose_printer_and_print(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        before = paper_state(printer)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.settle_paper(printer, before):
            self.print_now(printer)

    def settle_paper(self, printer: QPrinter, before: tuple[str, float, float]) -> bool:
        """After the print dialog: when the paper in it was changed there (by the user, or by choosing another
        printer) to one the document is not made for, ask which — never decided silently. Enter keeps the
        document's paper; the user's paper is honoured (the page centred at 100 %, shrunk only if bigger).
        ``before``: ``paper_state`` as the dialog opened. False: cancelled."""
        self.user_paper = None
        if not self.pdf.pageCount() or paper_state(printer) == before:
            return True  # the paper the desk set (or the one a driver kept when it refused that) is untouched
        if on_default_paper(printer):
            # Qt's print dialog puts the queue's default paper back on accepting (and on switching printers),
            # whatever was set before: that is no choice of the user's, and the document decides. A user who
            # deliberately picks the default paper cannot be told apart from it (a known limit).
            return True
        wanted = PrintPlan.make(self, printer, [0]).papers[0]
        have = paper_in_printer(printer, wanted)
        if all(abs(a - b) <= paper.TOLERANCE for a, b in zip(wanted.size, have.size, strict=True)) or \
                all(abs(a - b) <= paper.TOLERANCE for a, b in zip(wanted.size, have.size[::-1], strict=True)):
            return True  # the document's paper (perhaps turned: the orientation is the document's)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("纸张不一致"), self.tr(
            "这份文件是按%1排版的，打印对话框里选的是%2。用哪一种纸？").replace("%1", paper_name(wanted)).replace(
            "%2", paper_name(have)), QMessageBox.StandardButton.NoButton, self)
        keep = box.addButton(self.tr("用%1（按文件）").replace("%1", paper_name(wanted)),
                             QMessageBox.ButtonRole.AcceptRole)
        theirs = box.addButton(self.tr("用%1（原大小居中）").replace("%1", paper_name(have)),
                               QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        answer = self._answer(box)
        if answer is keep:
            set_paper(printer, wanted, PrintPlan.make(self, printer, [0]).sizes)
            return True
        if answer is theirs:
            self.user_paper = have
            log.info("printing %r on the paper chosen in the dialog (%s)", self.title, paper_name(have))
            return True
        return False

    def _answer(self, box: QMessageBox) -> QAbstractButton | None:
        box.exec()
        return box.clickedButton()

    def print_now(self, printer: QPrinter) -> bool:
        """Print on a printer the user chose; a receipt printer is remembered. Failures are shown, not raised;
        a print cancelled from the progress dialog is not a copy printed."""
        try:
            sent = self.print_to(printer)
        except DomainError as exc:
            self._warn(exc.message)
            return False
        except Exception:
            log.exception("printing failed")
            self._warn(self.tr("打印失败，详细信息已写入日志文件。"))
            return False
        if not sent:
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
                 receipt_width: str | None = None, on_delivered: Callable[[], object] | None = None,
                 rebuild: Callable[[float], bytes] | None = None) -> int:
    """Show the modal preview of ``pdf`` (see the module docstring); returns the dialog's result."""
    dialog = PreviewDialog(parent, pdf, title, document=document, receipt_width=receipt_width,
                           on_delivered=on_delivered, rebuild=rebuild)
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


def run_with_progress(parent: QWidget | None, title: str, job: PdfJob) -> dict[str, Any]:
    """Start ``job`` behind a progress dialog (shown only after 0.6 s) whose 取消 cancels it, and wait for it
    with the event loop running (the window keeps painting and answering); returns ``{"result": …}``,
    ``{"error": exc}`` or ``{"cancelled": None}``."""
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
    job.signals.finished.connect(finish("result"))
    job.signals.failed.connect(finish("error"))
    job.signals.cancelled.connect(finish("cancelled"))
    box.canceled.connect(job.cancel)
    job.start()
    loop.exec()
    box.close()
    box.deleteLater()
    return outcome


def build_in_background(parent: QWidget | None, title: str, fn: Callable[..., Any], *args: Any,
                        **kwargs: Any) -> bytes | None:
    """Run ``fn`` as a ``PdfJob`` behind a cancellable progress dialog; see the module docstring."""
    outcome = run_with_progress(parent, title, PdfJob(fn, *args, **kwargs))
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


# -- the paper, and the two ways to a printer ---------------------------------------------------------


def _points(layout: QPageLayout, margins: QMarginsF) -> QMarginsF:
    """``margins`` given in ``layout``'s units, in points."""
    return QPageLayout(layout.pageSize(), QPageLayout.Orientation.Portrait, margins,
                       layout.units()).margins(QPageLayout.Unit.Point)


def queue_media(printer: QPrinter) -> tuple[list[paper.Media], bool, dict[str, QPageSize]]:
    """The papers ``printer``'s queue offers with their unprintable strips (points, portrait; its default
    paper first), whether it takes a custom size, and each paper's ``QPageSize`` by key. A PDF file takes any
    size and has no strips."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return [], True, {}
    info = QPrinterInfo.printerInfo(printer.printerName())
    if info.isNull():
        return [], True, {}
    probe = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    media, sizes = [], {}
    for size in info.supportedPageSizes():
        probe.setPageSize(size)
        layout = probe.pageLayout()
        m = _points(layout, layout.minimumMargins())
        pt = size.size(QPageSize.Unit.Point)
        key = size.key() or size.name()
        if pt.width() > pt.height():  # given landscape: made portrait, the strips turned with it
            media.append(paper.Media(key, pt.height(), pt.width(), m.bottom(), m.left(), m.top(), m.right()))
        else:
            media.append(paper.Media(key, pt.width(), pt.height(), m.left(), m.top(), m.right(), m.bottom()))
        sizes[key] = size
    default = info.defaultPageSize().key()
    media.sort(key=lambda m: m.key != default)
    return media, info.supportsCustomPageSizes(), sizes


def layout_for(choice: paper.Paper, sizes: dict[str, QPageSize] | None = None) -> QPageLayout:
    """The ``QPageLayout`` of a chosen paper: the queue's own page size (or a custom one), turned for a
    landscape page, no margins (pages are placed by ``paper.place``, the painter's origin at the corner)."""
    m = choice.media
    size = (sizes or {}).get(m.key)
    if size is None:
        name = QCoreApplication.translate("PrintPreview", "%1 × %2 毫米").replace(
            "%1", f"{m.width / paper.MM:.0f}").replace("%2", f"{m.height / paper.MM:.0f}")
        size = QPageSize(QSizeF(m.width, m.height), QPageSize.Unit.Point, name, QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if choice.landscape else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))
    layout.setMode(QPageLayout.Mode.FullPageMode)  # no margins below the printer's minimum: else refused
    return layout


def set_paper(printer: QPrinter, choice: paper.Paper, sizes: dict[str, QPageSize] | None = None) -> bool:
    """Put ``printer`` on the chosen paper; False (logged) when the driver refused it."""
    printer.setFullPage(True)
    if printer.setPageLayout(layout_for(choice, sizes)):
        return True
    log.warning("the printer %r refused the paper %s", printer.printerName(), choice)
    return False


def paper_state(printer: QPrinter) -> tuple[str, float, float]:
    """The printer and its paper's size (points, rounded), to tell whether the print dialog changed them."""
    size = printer.pageLayout().fullRectPoints().size()
    return printer.printerName(), round(size.width()), round(size.height())


def on_default_paper(printer: QPrinter) -> bool:
    """Whether ``printer`` holds its queue's default paper (what a print dialog puts in when the printer is
    switched), not one chosen in the dialog."""
    info = QPrinterInfo.printerInfo(printer.printerName())
    if info.isNull() or not info.defaultPageSize().isValid():
        return False
    return bool(printer.pageLayout().pageSize().isEquivalentTo(info.defaultPageSize()))


def paper_name(choice: paper.Paper) -> str:
    """A paper as staff call it: A4, A5…, a roll by its width, else its size in millimetres."""
    w, h = sorted(round(v / paper.MM) for v in (choice.media.width, choice.media.height))
    if w <= paper.ROLL_MAX_WIDTH / paper.MM:
        return QCoreApplication.translate("PreviewDialog", "%1 毫米卷纸").replace("%1", str(w))
    for name, (pw, ph) in (("A3", (297, 420)), ("A4", (210, 297)), ("A5", (148, 210)), ("A6", (105, 148)),
                           ("B5", (176, 250)), ("Letter", (216, 279))):
        if abs(w - pw) <= 2 and abs(h - ph) <= 2:
            return QCoreApplication.translate("PreviewDialog", "%1 纸").replace("%1", name)
    return QCoreApplication.translate("PreviewDialog", "%1×%2 毫米的纸").replace("%1", str(w)).replace("%2", str(h))


def paper_in_printer(printer: QPrinter, wanted: paper.Paper) -> paper.Paper:
    """The paper ``printer`` is really on, as the page sees it, with the driver's unprintable strips: what a
    page is placed on when the driver refused the paper asked for (a custom size it does not take)."""
    layout = printer.pageLayout()
    full = layout.fullRectPoints()
    m = _points(layout, layout.minimumMargins())
    return paper.Paper(paper.Media(layout.pageSize().key() or "printer", full.width(), full.height(), m.left(),
                                   m.top(), m.right(), m.bottom()), roll=wanted.roll)


class PrintPlan:
    """The paper of every page to print, decided by the document (``services.printing.paper``)."""

    def __init__(self, pages: list[int], page_sizes: list[tuple[float, float]], papers: list[paper.Paper],
                 sizes: dict[str, QPageSize]):
        self.pages, self.page_sizes, self.papers, self.sizes = pages, page_sizes, papers, sizes

    @classmethod
    def make(cls, preview: PreviewDialog, printer: QPrinter, pages: list[int]) -> PrintPlan:
        media, custom_ok, sizes = queue_media(printer)
        page_sizes = [preview.page_points(i) for i in pages]
        default = media[0].key if media else None  # queue_media lists the queue's default paper first
        papers = [paper.choose_paper(w, h, media, custom_ok=custom_ok, roll=preview.is_roll, default=default)
                  for w, h in page_sizes]
        return cls(pages, page_sizes, papers, sizes)

    def spool_parts(self) -> list[spool.SpoolPart]:
        """Runs of consecutive pages on the same paper: one spooler job each (1-based page numbers)."""
        parts: list[spool.SpoolPart] = []
        for index, (w, h), choice in zip(self.pages, self.page_sizes, self.papers, strict=True):
            shrink = paper.place(w, h, choice).scale < 1
            last = parts[-1] if parts else None
            if last is not None and last.paper == choice and last.last == index:
                parts[-1] = spool.SpoolPart(last.first, index + 1, choice, last.shrink or shrink)
            else:
                parts.append(spool.SpoolPart(index + 1, index + 1, choice, shrink))
        return parts


def spool_to_cups(printer: QPrinter) -> bool:
    """Whether the PDF itself can go to the printer's queue: a real printer (not a file), through CUPS's
    ``lp`` (Linux). On Windows the driver needs painted pages."""
    return (printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and bool(printer.printerName())
            and sys.platform != "win32" and spool.lp_path() is not None)


def _page_image(doc: QPdfDocument, index: int, size: QSize) -> QImage:
    """Page ``index`` rendered at ``size`` pixels, in black and white: our documents are text, lines and QR
    codes, and one bit a pixel is what a laser or thermal head prints anyway (an RGB page is 24 times more
    for the spooler to carry)."""
    rendered = doc.render(index, size)
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)  # QtPdf leaves the paper transparent
    p = QPainter(page)
    p.drawImage(0, 0, rendered)
    p.end()
    mono = page.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
    if mono.colorTable() != [BLACK, WHITE]:  # black as index 0: the PDF engine then keeps it one bit a pixel
        mono.invertPixels()
        mono.setColorTable([BLACK, WHITE])
    return mono


def paint_pages(printer: QPrinter, pdf_bytes: bytes, plan: PrintPlan, progress: Callable[[int, int], None],
                cancelled: Callable[[], bool]) -> int:
    """Paint the planned pages on ``printer`` (on a worker thread: QPainter on a QPrinter is safe off the UI
    thread, and the worker has its own QPdfDocument). Each page on its own paper, placed by ``paper.place``
    (100 % or shrunk to the printable area, never enlarged), rendered at the printer's resolution (at most
    ``MAX_DPI``). A PDF file takes a new paper size between pages; a driver only between print runs, so
    there each run of same-sized pages is a print run of its own. Returns the pages painted."""
    data = QByteArray(pdf_bytes)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    one_run = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    printer.setColorMode(QPrinter.ColorMode.GrayScale)  # text documents: no colour for the driver to carry
    printer.setFullPage(True)  # the painter's origin at the paper's corner: pages are placed by paper.place
    res = printer.resolution()
    dpi = min(res, MAX_DPI)
    painter = QPainter()
    done, total = 0, len(plan.pages)
    try:
        for n, (index, (w, h), choice) in enumerate(zip(plan.pages, plan.page_sizes, plan.papers, strict=True)):
            if cancelled():
                if painter.isActive():
                    printer.abort()
                raise BuildCancelled()
            new_paper = n == 0 or choice != plan.papers[n - 1]
            if new_paper and painter.isActive() and not one_run:
                painter.end()
            if new_paper:
                on = choice if set_paper(printer, choice, plan.sizes) else paper_in_printer(printer, choice)
            if not painter.isActive():
                if not painter.begin(printer):
                    raise DomainError("printer_unavailable", QCoreApplication.translate(
                        "PrintPreview", "无法连接打印机，请检查打印机是否开机、是否缺纸。"))
            elif n:
                printer.newPage()
            at = paper.place(w, h, on)
            px = res / 72
            target = QRectF(at.x * px, at.y * px, w * at.scale * px, h * at.scale * px)
            image = _page_image(doc, index, QSize(max(1, round(w * at.scale * dpi / 72)),
                                                  max(1, round(h * at.scale * dpi / 72))))
            painter.drawImage(target, image)
            done += 1
            progress(done, total)
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
    return done


class PrintJob(PdfJob):
    """Printing on the thread pool: ``fn(progress, cancelled)`` returns the pages sent; the same signals as
    ``PdfJob`` (``finished`` carries the pages)."""

    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise BuildCancelled()
            result = self._fn(self._progress, self._cancel.is_set)
        except BuildCancelled:
            self.signals.cancelled.emit()
        except DomainError as exc:
            log.info("print refused: %s", exc.code)
            self.signals.failed.emit(exc)
        except Exception as exc:  # a pool thread must never die silently
            log.exception("printing failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
