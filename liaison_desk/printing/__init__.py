"""Printed records as PDF bytes, from plain dataclasses (no Qt, no ORM): receipt slips, the visitor register,
the case ledger, the deputy record book, letters to departments, the public notice and the handover sheet."""

from __future__ import annotations

from reportlab import rl_config

# Byte-identical output for identical data (fixed creation date, document id and object order): a reprint
# can be compared with the original, and tests can pin the bytes. Set before any canvas exists.
rl_config.invariant = 1
# Compressed streams stay binary instead of ASCII85 text: smaller files, and ~8 % of a register's build time
# went into the pure-Python ASCII85 encoder.
rl_config.useA85 = 0

from .model import (  # noqa: E402  (after the settings above, which must precede any canvas)
    PrintedPdf,
    ReceiptData,
    RegisterData,
    RegisterRow,
)

__all__ = ["PrintedPdf", "ReceiptData", "RegisterData", "RegisterRow"]
