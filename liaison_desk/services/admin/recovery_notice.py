"""The recovery code of a station encrypted when it was upgraded (issue 17): its set-up never showed one.

A new station's set-up shows the code once (``setup.init_station``: the ``<file>.recovery`` beside the
database). A plain database encrypted in place at an upgrade (``db.cipher.encrypt_in_place``) has no
recovery file, so until someone made a code its key lived in the key store alone. At the next desk start
with an administrator signed in the desk makes a code and shows it once (``ui.recovery_code_dialog``), and it
counts as shown only when the administrator confirms it was written down or printed: a desk closed before
that makes a new code at the next start (the unconfirmed one stops working), so the code that counts is one
somebody has on paper. Each code made and each confirmation is an audit entry (never the code itself).
"""

from __future__ import annotations

from ...db import cipher
from ...db.database import Database, get_local, set_local
from ...domain.workflow import Role
from ..context import Actor
from . import audit

#: ``local_state``: "1" while a code was made here and not yet confirmed as written down
UNCONFIRMED_KEY = "recovery_code_unconfirmed"
WHAT = "生成数据库恢复码"


def recovery_code_due(db: Database) -> bool:
    """True for an encrypted station database whose code nobody has confirmed: no recovery file beside it
    (encrypted at an upgrade), or a code made at the desk and not confirmed yet."""
    if not cipher.is_encrypted(db.path) or db.station_id() is None:
        return False
    if not cipher.recovery_path(db.path).is_file():
        return True
    with db.session(write=False) as s:
        return get_local(s, UNCONFIRMED_KEY) == "1"


def issue_recovery_code(db: Database, actor: Actor) -> str | None:
    """A new code (an older one stops working), unconfirmed until ``confirm_recovery_code``. Administrators
    only; ``None`` for a plain database."""
    actor.require(Role.ADMIN, what=WHAT)
    code = db.new_recovery_code()
    if code is None:
        return None
    with db.session() as s:
        set_local(s, UNCONFIRMED_KEY, "1")
        audit.append(s, db, actor, "admin_settings", "数据库恢复码", "生成新的恢复码（旧的作废）")
    return code


def confirm_recovery_code(db: Database, actor: Actor, *, printed: bool = False) -> None:
    """The administrator wrote the code down (or printed it): it is not asked for again."""
    actor.require(Role.ADMIN, what=WHAT)
    with db.session() as s:
        set_local(s, UNCONFIRMED_KEY, "0")
        audit.append(s, db, actor, "admin_settings", "数据库恢复码", "已打印并确认保存" if printed else "已抄写保存")
