"""Reads for the first screen with the standard library only (no SQLAlchemy, no Alembic).

The desk shows its window and the sign-in list before the ORM is even imported (it loads meanwhile on a
pool thread): these few read-only queries give that first screen. Anything unexpected (no file, an older
or newer schema, a damaged file) gives ``None`` and the desk takes its ordinary path, which explains
problems and upgrades schemas.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from .cipher import DB_ERRORS, connect_station

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"

_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*(['\"])([^'\"]+)\1\s*(?:#.*)?$", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision\s*(?::[^=]+)?=\s*(?:None|(['\"])([^'\"]+)\1)\s*(?:#.*)?$", re.MULTILINE)


def head_revision(versions: Path = VERSIONS_DIR) -> str | None:
    """The head revision read from the migration scripts' ``revision``/``down_revision`` lines with plain
    Python, without importing Alembic. ``None`` when the scripts are anything but one simple chain of
    single-parent revisions (a merge, a branch, a line it cannot read): the caller then asks Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        scripts = sorted(versions.glob("*.py"))
        for script in scripts:
            if script.name.startswith((".#", "__init__")):  # the files Alembic itself skips
                continue
            source = script.read_text("utf-8")
            rev = _REVISION.findall(source)
            down = _DOWN_REVISION.findall(source)
            if len(rev) != 1 or len(down) != 1 or rev[0][1] in revisions:
                return None
            revisions.add(rev[0][1])
            if down[0][1]:  # '' for ``down_revision = None``
                parents.add(down[0][1])
    except (OSError, UnicodeDecodeError):
        return None
    if not parents <= revisions:
        return None
    heads = revisions - parents
    # a chain: one head and exactly one fewer parent than revisions (no two revisions share a parent)
    if len(heads) != 1 or len(parents) != len(revisions) - 1:
        return None
    return heads.pop()


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


def read_start(path: Path, today: dt.date) -> dict[str, Any] | None:
    """Station, settings and the sign-in list of the database at ``path``, or None (see the module doc).

    The rules are those of ``services.desk.shifts.list_sign_in_deputies`` and
    ``services.desk.lookups.list_operators``; a test compares the two on the same files.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        head = head_revision()
        if head is None:
            return None
        # as a URI, so a folder named with # or ? is still this file; an encrypted file with this PC's key
        # (none here, or a key that does not fit: the ordinary path explains)
        conn = connect_station(path, readonly=True, timeout=2)
    except (OSError, DomainError):
        return None
    except DB_ERRORS:
        return None
    try:
        return _read(conn, head, today)
    except (ValueError, TypeError):
        return None
    except DB_ERRORS:
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, head: str, today: dt.date) -> dict[str, Any] | None:
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or row[0] != head:
        return None  # an upgrade is due (or the file is newer): the ordinary path handles it
    local = dict(conn.execute("SELECT key, value FROM local_state WHERE key IN ('station_id', 'training') "
                              "OR key LIKE 'setting:%'"))
    station_id = _uuid(local.get("station_id"))
    if station_id is None:
        return None  # not set up yet: the set-up wizard
    station = conn.execute("SELECT name, code FROM stations WHERE id = ?", (station_id.hex,)).fetchone()
    if station is None:
        return None
    settings = {}
    for key, raw in local.items():
        if key.startswith("setting:"):
            try:
                settings[key[len("setting:"):]] = json.loads(raw)
            except ValueError:
                continue
    day = today.isoformat()
    assigned = {r[0] for r in conn.execute("SELECT deputy_id FROM station_assignments WHERE station_id = ? "
                                           "AND deleted_hlc IS NULL", (station_id.hex,))}
    rostered = {r[0] for r in conn.execute("SELECT deputy_id FROM duty_shifts WHERE date = ? AND deleted_hlc IS NULL "
                                           "UNION SELECT deputy_id FROM roster_slots WHERE date = ? "
                                           "AND deleted_hlc IS NULL", (day, day))}
    with_account = {r[0] for r in conn.execute("SELECT deputy_id FROM operators WHERE active = 1 AND deleted_hlc "
                                               "IS NULL AND deputy_id IS NOT NULL")}
    deputies = []
    for dep_id, name, code in conn.execute("SELECT id, name, code FROM deputies WHERE active = 1 "
                                           "AND deleted_hlc IS NULL"):
        if assigned and dep_id not in assigned and dep_id not in with_account and dep_id not in rostered:
            continue  # set up: only this station's deputies (else everyone, as at the very start)
        deputies.append({"deputy_id": _uuid(dep_id), "name": name, "code": code or "",
                         "can_sign_in": dep_id in with_account, "rostered_today": dep_id in rostered})
    operators = [{"name": name, "role": role, "login": login} for name, role, login in conn.execute(
        "SELECT display_name, role, login FROM operators WHERE deleted_hlc IS NULL AND active = 1")]
    return {"station_id": station_id, "station_name": station[0], "station_code": station[1],
            "training": local.get("training") == "1", "settings": settings, "deputies": deputies,
            "operators": operators}
