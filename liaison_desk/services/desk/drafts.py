"""草稿 — a half-filled form kept on disk as the desk types, offered back at the next start, even after a
crash or a power cut. One JSON file per form in ``DATA_DIR/drafts``; each save is atomic (write a temporary
file, flush it to disk, rename it over the old one), so a draft is always either the old or the new one.
A validation error never touches the draft: it is discarded only when the form was saved or dismissed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...db.database import Database
from ...domain.errors import ValidationError
from ...domain.timeutil import to_local, utcnow
from ...paths import fsync_dir as _fsync_dir

log = logging.getLogger(__name__)

MAX_BYTES = 256 * 1024
FORMAT = 1
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Draft:
    form: str  # e.g. "walk_in", "case_action"
    key: str  # which one: "new", or a case id for an action form
    saved_at: dt.datetime  # local
    data: dict[str, Any]


def drafts_dir(where: Database | Path) -> Path:
    """``DATA_DIR/drafts`` for an open database (or a data dir)."""
    base = where.path.parent if isinstance(where, Database) else Path(where)
    return base / "drafts"


def _path(where, form: str, key: str) -> Path:
    for name, value in (("form", form), ("key", key)):
        if not _NAME.match(value or ""):
            raise ValidationError("bad_draft_name", f"草稿名称无效：{value!r}", field=name)
    return drafts_dir(where) / f"{form}--{key}.json"


def save_draft(where: Database | Path, form: str, data: dict[str, Any], *, key: str = "new") -> Draft:
    """Keep what the form holds now (strings, numbers, lists, dicts; UUIDs and dates as text)."""
    target = _path(where, form, key)
    now = utcnow()
    text = json.dumps({"format": FORMAT, "form": form, "key": key, "saved_at": now.isoformat(), "data": data},
                      ensure_ascii=False, default=str)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError("draft_too_large", "草稿内容太长，无法保存。", field="data")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return Draft(form, key, to_local(now), json.loads(text)["data"])



def _read(path: Path) -> Draft | None:
    try:
        raw = json.loads(path.read_text("utf-8"))
        return Draft(raw["form"], raw["key"], to_local(dt.datetime.fromisoformat(raw["saved_at"])),
                     dict(raw["data"]))
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("unreadable draft %s: set aside", path)
        with contextlib.suppress(OSError):  # a read-only folder: the draft stays where it is
            path.replace(path.with_suffix(".damaged"))
        return None


def load_draft(where: Database | Path, form: str, *, key: str = "new") -> Draft | None:
    path = _path(where, form, key)
    return _read(path) if path.exists() else None


def pending_drafts(where: Database | Path) -> list[Draft]:
    """Every draft left over, newest first: what the desk offers back at start-up."""
    folder = drafts_dir(where)
    if not folder.is_dir():
        return []
    found = [d for p in folder.glob("*--*.json") if (d := _read(p)) is not None]
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def discard_draft(where: Database | Path, form: str, *, key: str = "new") -> bool:
    """Drop a draft once its form was saved (or the user dismissed it). True when there was one."""
    path = _path(where, form, key)
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False


# -- the desk's forms: a desk without a data directory (some tests) keeps no drafts ------------------------------

def keep_form_draft(data_dir: Path | None, form: str, values: dict[str, Any]) -> Draft | None:
    """Save a form's values as its draft (OSError when the disk refuses: the form keeps going)."""
    return save_draft(Path(data_dir), form, values) if data_dir is not None else None


def read_form_draft(data_dir: Path | None, form: str) -> Draft | None:
    """The form's draft, or None; a draft that cannot be read is not worth an error at start-up."""
    if data_dir is None:
        return None
    try:
        return load_draft(Path(data_dir), form)
    except (OSError, ValueError):
        log.warning("draft %s unreadable; ignored", form, exc_info=True)
        return None


def drop_form_draft(data_dir: Path | None, form: str) -> bool:
    """Forget the form's draft (saved or dismissed). True when there was one."""
    return discard_draft(Path(data_dir), form) if data_dir is not None else False
