"""One big table streamed straight into an ``.xlsx`` file (Office Open XML, SpreadsheetML): the ledger of open
cases, 100,000 rows in a few seconds and flat memory.

Why not a library: openpyxl's write-only mode costs ~30 µs of CPU per cell and XlsxWriter's constant-memory
mode ~15 µs (measured side by side, bench/reports.py); 100,000 rows × 12 columns is 1.2 million cells, over the
15 s budget either way. A row here is one f-string per cell (~1.5 µs). What is written is the small, fixed part
of the format the ledger needs — a title, a subtitle, a header, typed rows, a totals row — with the same
properties as the report's sheets: a frozen header, column widths, dates stored as dates (serial numbers with a
date format), numbers as numbers, long text wrapped, text that starts like a formula stored as text with Excel's
quote prefix (an inline string can never run: it is not a formula cell), A4 landscape print setup one page wide
with the title rows repeated, and a page footer. openpyxl and LibreOffice read it back (tests).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

EPOCH = dt.datetime(1899, 12, 30)  # Excel's 1900 date system (right for every date after 1900-03-01)
FLUSH_ROWS = 2000  # rows joined before they go to the zip stream
# Styles (cellXfs indexes in STYLES below)
S_DATETIME, S_DATE, S_WRAP, S_QUOTE, S_QUOTE_WRAP, S_TITLE, S_BOLD, S_HEADER = range(1, 9)

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)|\r")


def _escape_char(m: re.Match[str]) -> str:
    # Excel's own escape (_xHHHH_) for what XML cannot hold; a literal "_x0041_" keeps its underscore escaped
    return f"_x{ord(m.group()):04X}_"


def xml_text(value: str) -> str:
    """``value`` as the body of a ``<t>`` element (escaped; control characters in Excel's _xHHHH_ form)."""
    if _BAD_XML.search(value):
        value = _BAD_XML.sub(_escape_char, value)
    return escape(value)


def column_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass(frozen=True)
class StreamColumn:
    width: float  # in Excel's character units
    wrap_over: int | None = None  # text longer than this wraps (a text column); None: never


class SheetStream:
    """Rows appended in order to one worksheet of a new workbook; ``close`` finishes the file."""

    def __init__(self, out: IO[bytes] | Path, sheet: str, columns: Sequence[StreamColumn], *,
                 frozen_rows: int = 0, title_rows: int = 0, footer: str = ""):
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=3)
        self._sheet = sheet
        self._columns = list(columns)
        self._letters = [column_letter(i) for i in range(len(columns))]
        self._wrap = [c.wrap_over for c in columns]
        self._title_rows = title_rows
        self._footer = footer
        self._row = 0
        self._buf: list[str] = []
        self._fh = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        head = [('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">')]
        if frozen_rows:
            top = f"A{frozen_rows + 1}"
            head.append(f'<pane ySplit="{frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                        f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>')
        head.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>')
        for i, c in enumerate(columns, start=1):
            head.append(f'<col min="{i}" max="{i}" width="{c.width:g}" customWidth="1"/>')
        head.append("</cols><sheetData>")
        self._fh.write("".join(head).encode())

    def _cell(self, ref: str, value: Any, wrap_over: int | None, style: int = 0) -> str:
        if isinstance(value, str):
            if value.startswith(("=", "+", "-", "@", "\t", "\r")):
                style = style or (S_QUOTE_WRAP if wrap_over is not None and len(value) > wrap_over else S_QUOTE)
            elif wrap_over is not None and len(value) > wrap_over:
                style = style or S_WRAP
            space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
            s = f' s="{style}"' if style else ""
            return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>'
        s = f' s="{style}"' if style else ""
        if isinstance(value, bool):
            return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.datetime):
            d = value - EPOCH
            serial = d.days + (d.seconds + d.microseconds / 1e6) / 86400
            return f'<c r="{ref}" s="{style or S_DATETIME}"><v>{serial!r}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="{style or S_DATE}"><v>{(value - EPOCH.date()).days}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
        raise TypeError(f"cannot write {type(value).__name__} to a sheet")

    def append(self, values: Sequence[Any], *, style: int = 0) -> None:
        """One row; ``None`` leaves a cell empty; ``style`` (S_TITLE, S_BOLD, S_HEADER) styles every cell."""
        self._row += 1
        r = self._row
        letters, wrap = self._letters, self._wrap
        cells = "".join(self._cell(f"{letters[i]}{r}", v, wrap[i], style)
                        for i, v in enumerate(values) if v is not None)
        self._buf.append(f'<row r="{r}">{cells}</row>')
        if len(self._buf) >= FLUSH_ROWS:
            self._flush()

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)

    def _flush(self) -> None:
        if self._buf:
            self._fh.write("".join(self._buf).encode())
            self._buf = []

    def close(self) -> None:
        self._flush()
        self._fh.write(
            ('</sheetData><printOptions horizontalCentered="1"/>'
             '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
             '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
             + (f"<headerFooter><oddFooter>{escape(self._footer)}</oddFooter></headerFooter>" if self._footer
                else "")
             + "</worksheet>").encode())
        self._fh.close()
        titles = ""
        if self._title_rows:
            ref = escape(f"'{self._sheet}'!$1:${self._title_rows}")
            titles = f'<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">{ref}</definedName></definedNames>'
        parts = {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK.format(sheet=quoteattr(self._sheet), titles=titles),
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/styles.xml": STYLES,
        }
        for name, text in parts.items():
            self._zip.writestr(name, text)
        self._zip.close()

    @property
    def rows(self) -> int:
        return self._row


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>")
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<bookViews><workbookView/></bookViews>'
    '<sheets><sheet name={sheet} sheetId="1" r:id="rId1"/></sheets>{titles}</workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')
# cellXfs: 0 plain, 1 datetime, 2 date, 3 wrapped text, 4 quoted text, 5 quoted wrapped, 6 title, 7 bold,
# 8 header (bold, grey, centred, wrapped)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/><bgColor indexed="64"/></patternFill></fill>'
    '</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="9">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
