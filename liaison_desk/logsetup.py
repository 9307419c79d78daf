"""Logging to a rotating file: tracebacks go there, never to the user's screen.

The log is owner-only (folder 0700, files 0600 on POSIX) and never holds a visitor's phone or ID number:
``MaskingFormatter`` runs the masking rule of ``domain.masking`` over every finished line — message, arguments
and traceback alike (a database error quotes the statement's parameters). PINs and tokens have no shape a
rule could find: the command line is logged through an allow-list (``cli.main.describe_command``), and code
never logs them.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from . import paths
from .domain.hlc import COUNTER_DIGITS, WALL_DIGITS
from .domain.masking import mask_text as _mask_text

LOG_FILENAME = "liaison-desk.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_configured: Path | None = None
# A clock stamp (``000001796123456-000000-88325a16``) is no personal number, but its 15-digit time would be
# masked as "a run of 12 or more digits": stamps are kept whole, they are what sync problems are traced by.
_STAMP = re.compile(rf"(?<![0-9])[0-9]{{{WALL_DIGITS}}}-[0-9]{{{COUNTER_DIGITS}}}-[0-9A-Za-z_]+")


def mask_text(text: str) -> str:
    """``domain.masking.mask_text`` for a log line, clock stamps left whole."""
    if not text:
        return text
    out, last = [], 0
    for m in _STAMP.finditer(text):
        out += [_mask_text(text[last:m.start()]), m.group()]
        last = m.end()
    out.append(_mask_text(text[last:]))
    return "".join(out)


class MaskingFormatter(logging.Formatter):
    """A formatter whose message, traceback and stack have every phone, ID and bank-card number masked
    (``138****5678``). The line's own time and names are not scanned: a timestamp's digits would send every
    line down the rule's slow path (about 175 µs a line instead of a few)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = mask_text(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:
        return mask_text(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return mask_text(super().formatStack(stack_info))


class MaskingFilter(logging.Filter):
    """The same rule for a handler whose formatter is not ours (a console handler, a test's capture): the
    record's message and its traceback text are rendered and masked before any formatter sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


def configure_logging(directory: Path, *, level: int = logging.INFO) -> Path:
    """Send all log records to ``directory/liaison-desk.log`` (1 MiB × 5 files). Safe to call twice."""
    global _configured
    path = directory / LOG_FILENAME
    if _configured == path:
        return path
    paths.private_dir(directory)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_048_576, backupCount=5, encoding="utf-8")
    paths.tighten_tree(directory)  # the file just opened, and the rotated ones of an older version
    handler.setFormatter(MaskingFormatter(LOG_FORMAT))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_liaison_desk", False)]:
        root.removeHandler(old)
        old.close()
    handler._liaison_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
