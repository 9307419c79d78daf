"""A station encrypted at an upgrade gets its recovery code at the desk (issue 17): due until an administrator
confirms it was written down; a new station (its set-up showed the code) and a plain file are never asked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from liaison_desk.db import cipher
from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.domain.errors import PermissionDenied
from liaison_desk.services.admin.recovery_notice import (
    confirm_recovery_code,
    issue_recovery_code,
    recovery_code_due,
)


def upgraded(db):
    """What ``encrypt_in_place`` leaves: an encrypted file with no recovery file beside it."""
    cipher.recovery_path(db.path).unlink()
    return db


def test_a_new_station_was_shown_its_code_at_set_up(db):
    assert cipher.recovery_path(db.path).is_file() and not recovery_code_due(db)


def test_an_upgraded_station_gets_a_working_code_that_counts_once_confirmed(db, admin):
    upgraded(db)
    assert recovery_code_due(db)
    code = issue_recovery_code(db, admin)
    assert code and cipher.unwrap_recovery(db.path, code) == cipher.stored_key(db.path)
    assert recovery_code_due(db)  # not confirmed yet: a desk closed now makes a new one next time
    again = issue_recovery_code(db, admin)
    assert again != code and cipher.unwrap_recovery(db.path, again) == cipher.stored_key(db.path)
    confirm_recovery_code(db, admin)
    assert not recovery_code_due(db)
    with db.session(write=False) as s:
        details = [e.detail for e in s.scalars(select(AuditEntry).where(AuditEntry.target == "数据库恢复码"))]
    assert details == ["生成新的恢复码（旧的作废）", "生成新的恢复码（旧的作废）", "已抄写保存"]
    assert code not in "".join(details)


def test_only_an_administrator_makes_or_confirms_it(db, staff_actor):
    upgraded(db)
    with pytest.raises(PermissionDenied):
        issue_recovery_code(db, staff_actor)
    with pytest.raises(PermissionDenied):
        confirm_recovery_code(db, staff_actor)
    assert recovery_code_due(db)


def test_a_code_made_at_the_command_line_is_not_asked_for_again_at_the_desk(db, admin):
    from liaison_desk.services.admin.setup import renew_recovery_code

    upgraded(db)
    issue_recovery_code(db, admin)  # shown at the desk, the desk closed before it was confirmed …
    code = renew_recovery_code(db)  # … then the administrator ran ``liaison-desk recovery-code``
    assert not recovery_code_due(db)  # the desk would otherwise make another and void this one
    assert cipher.unwrap_recovery(db.path, code) == cipher.stored_key(db.path)
