"""Every print is recorded; the second print of the same document is a copy (补打)."""

from __future__ import annotations

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.services.printing.log import copies_so_far, record_print


def test_prints_are_numbered_per_document(db, deputy_actor):
    assert copies_so_far(db, "receipt", "LX01-261122-0001-5") == 0
    first = record_print(db, deputy_actor, "receipt", "LX01-261122-0001-5", pages=1)
    again = record_print(db, deputy_actor, "receipt", "LX01-261122-0001-5", pages=1)
    other = record_print(db, deputy_actor, "register", "2026-11-01..2026-11-30", pages=12)
    assert (first.copy_no, first.reprint) == (1, False)
    assert (again.copy_no, again.reprint) == (2, True)
    assert other.copy_no == 1
    assert copies_so_far(db, "receipt", "LX01-261122-0001-5") == 2


def test_unknown_document_kind_is_refused(db, deputy_actor):
    with pytest.raises(DomainError):
        record_print(db, deputy_actor, "poster", "x")
