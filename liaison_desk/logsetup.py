"""Logging to a rotating file: tracebacks go there, never to the user's screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILENAME = "liaison-desk.log"
_configured: Path | None = None


def configure_logging(directory: Path, *, level: int = logging.INFO) -> Path:
    """Send all log records to ``directory/liaison-desk.log`` (1 MiB × 5 files). Safe to call twice."""
    global _configured
    path = directory / LOG_FILENAME
    if _configured == path:
        return path
    directory.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_048_576, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_liaison_desk", False)]:
        root.removeHandler(old)
        old.close()
    handler._liaison_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
