"""Drafts: atomic, survive a crash (a new process reads them), set aside when damaged."""

from __future__ import annotations

import subprocess
import sys

import pytest

from liaison_desk.domain.errors import ValidationError
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.desk.drafts import (
    discard_draft,
    drafts_dir,
    load_draft,
    pending_drafts,
    save_draft,
)

FORM = {"visitor_names": "王𠮷明", "phone": "1391234", "content": "灌溉渠堵了，", "headcount": 2}


def test_save_load_discard(db):
    save_draft(db, "walk_in", FORM)
    got = load_draft(db, "walk_in")
    assert got.data == FORM and got.form == "walk_in" and got.key == "new"
    save_draft(db, "walk_in", {**FORM, "content": "灌溉渠堵了，三组"})
    assert load_draft(db, "walk_in").data["content"] == "灌溉渠堵了，三组"
    assert [p.name for p in drafts_dir(db).iterdir()] == ["walk_in--new.json"]  # no temporary left over
    assert discard_draft(db, "walk_in") is True
    assert load_draft(db, "walk_in") is None and discard_draft(db, "walk_in") is False


def test_a_draft_survives_a_crash(db):
    code = ("import os, sys; from pathlib import Path; from liaison_desk.services.desk.drafts import save_draft; "
            "save_draft(Path(sys.argv[1]), 'walk_in', {'content': '路灯坏了'}); os._exit(9)")
    proc = subprocess.run([sys.executable, "-c", code, str(db.path.parent)], check=False)
    assert proc.returncode == 9
    assert [(d.form, d.data) for d in pending_drafts(db)] == [("walk_in", {"content": "路灯坏了"})]


def test_a_validation_error_leaves_the_draft(db, deputy_actor):
    save_draft(db, "walk_in", FORM)
    with pytest.raises(ValidationError):
        register_visit(db, deputy_actor, VisitInput(visitor_names=FORM["visitor_names"], visitor_phone=FORM["phone"]),
                       CaseInput(content=FORM["content"]))
    assert load_draft(db, "walk_in").data == FORM


def test_damaged_drafts_are_set_aside_and_names_checked(db):
    save_draft(db, "case_action", {"text": "ok"}, key="abc123")
    (drafts_dir(db) / "walk_in--new.json").write_text("{ half a fi", "utf-8")
    assert [d.key for d in pending_drafts(db)] == ["abc123"]
    assert (drafts_dir(db) / "walk_in--new.damaged").exists()
    with pytest.raises(ValidationError):
        save_draft(db, "../evil", {})
