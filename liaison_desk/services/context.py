"""Who is acting, and how a command or the desk gets its open database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..db.database import Database
from ..db.migrate import open_database
from ..domain.errors import PermissionDenied
from ..domain.timeutil import local_today, utcnow  # noqa: F401  (re-exported for services)
from ..domain.workflow import Role


@dataclass(frozen=True)
class Actor:
    """The person behind an action, as recorded in events: an operator at the desk or a script.

    ``shift_id`` is the duty shift the person signed in to (``desk.shifts.sign_in`` sets it for a deputy; staff,
    administrators and scripts have none): a visit they register is recorded in that shift."""

    role: Role
    name: str
    operator_id: uuid.UUID | None = None
    deputy_id: uuid.UUID | None = None
    shift_id: uuid.UUID | None = None

    def require(self, *roles: Role, what: str) -> None:
        """Services enforce roles themselves: hiding a button is not a permission check."""
        if self.role not in roles:
            raise PermissionDenied("role_not_allowed", f"当前身份不能{what}。",
                                   message_en=f"The current role may not {what}.")


SYSTEM_ADMIN = Actor(Role.ADMIN, "命令行")


def open_station_database(data_dir: Path) -> Database:
    """Create or upgrade the database in ``data_dir`` and open it (backups go to ``data_dir/backups``).

    A damaged (0-byte, cut-short) file or a read-only folder is refused in words (``integrity``); the folder
    and its files are made owner-only (``paths.secure_data_dir``)."""
    from ..domain.errors import DomainError
    from .admin.integrity import DatabaseFileProblem, classify_error, refuse_unusable_file

    path = paths.database_path(data_dir)
    refuse_unusable_file(path)
    try:
        db = open_database(path, backups=paths.backup_dir(data_dir))
    except DomainError:
        raise
    except Exception as exc:  # a damaged page, a busy or read-only file met while opening: said in words
        problem = classify_error(exc, path)
        if problem is None:
            raise
        raise DatabaseFileProblem(problem) from exc
    paths.secure_data_dir(data_dir)
    return db
