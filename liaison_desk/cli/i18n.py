"""Command-line language: Simplified Chinese by default, English with ``--lang en`` or an English locale
(``domain.lang``, shared with the hub's command line), and argparse's own phrases in Chinese
(``domain.console``, shared with the hub's too)."""

from __future__ import annotations

from ..domain.console import install_argparse_language
from ..domain.lang import Text, detect_language

__all__ = ["Text", "detect_language", "install_argparse_language"]
