"""Which language a command line speaks: Simplified Chinese by default, English with ``--lang en`` or an
English locale. One rule for the desk's command line and the county hub's (sibling layers)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

#: The locale variables in the order POSIX reads them for messages (an empty one counts as unset).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def detect_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` wins; else the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set; Chinese otherwise.
    Returns ``"en"`` or ``"zh"``."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].lower().startswith("en") else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "zh"
    env = os.environ if environ is None else environ
    for var in LOCALE_VARIABLES:
        value = env.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


class Text:
    """Picks the Chinese or English form of each command-line string."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh
