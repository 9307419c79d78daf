"""A visit registered at the walk-in form during a shift is recorded in that shift, so the 履职登记册 counts it
(issue 12: the form never passed the shift, and every real shift showed 0 visits)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from liaison_desk.db.models import DutyShift, Visit
from liaison_desk.domain.timeutil import local_today
from liaison_desk.services.context import Actor
from liaison_desk.services.desk import shifts
from liaison_desk.services.printing.record_book import record_book_data
from liaison_desk.ui.session import DeskSession
from liaison_desk.ui.walkin_form import WalkInForm

from .conftest import DEPUTY_NAME, DEPUTY_PIN
from .helpers import choose_judgements, type_text


@pytest.fixture
def receipts(monkeypatch):
    """The receipt preview (a modal print dialog) is captured instead of opened."""
    shown: list[str] = []
    from liaison_desk.ui import print_preview

    monkeypatch.setattr(print_preview, "open_preview", lambda parent, pdf, title, **kw: shown.append(title))
    return shown


def _signed_in_session(db, data_dir) -> tuple[DeskSession, Actor, uuid.UUID]:
    """Signed in as the desk does it: the deputy's card code and PIN through the sign-in service, and the
    session made from what it returns (``ui/desk.py``, ``MainWindow._unlock``). Also the actor and shift."""
    signed = shifts.sign_in(db, DEPUTY_PIN, code="D001")
    assert signed.shift_id is not None and signed.actor.deputy_id is not None
    return DeskSession(db, "zh", data_dir).with_actor(signed.actor, signed.shift_id), signed.actor, signed.shift_id


def _shift_row(db, deputy_id: uuid.UUID | None) -> tuple[str | None, ...]:
    """The shift's row in the record book's 进站值班 section (its 接待来访 column is the fifth cell)."""
    assert deputy_id is not None
    book = record_book_data(db, deputy_id, local_today().year)
    (row,) = next(sec for sec in book.sections if sec.key == "shifts").rows
    return tuple(row)


def _register_at_form(qtbot, session) -> str:
    form = WalkInForm(session)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    for edit, text in ((form.name_edit, "张大爷"), (form.phone_edit, "13912345678"), (form.village_edit, "柳树湾村")):
        type_text(qtbot, edit, text)
    type_text(qtbot, form.content_edit, "村东头灌溉渠堵了两个月，春灌放不下水，希望尽快疏通。")
    choose_judgements(form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.village_box.isVisible()  # 柳树湾村 is not on this new station's list: added only when confirmed
    with qtbot.waitSignal(form.registered) as blocker:
        qtbot.mouseClick(form.add_village_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_a_visit_registered_at_the_form_is_recorded_in_the_signed_in_shift(qtbot, desk_db, data_dir, receipts):
    session, actor, shift_id = _signed_in_session(desk_db, data_dir)
    deputy_id = actor.deputy_id
    assert _shift_row(desk_db, deputy_id)[4] == "0"

    number = _register_at_form(qtbot, session)

    assert receipts and number in receipts[0]
    with desk_db.session(write=False) as s:
        visit = s.scalars(select(Visit)).one()
        shift = s.get(DutyShift, visit.shift_id) if visit.shift_id else None
    assert visit.shift_id == shift_id == session.shift_id
    assert shift is not None and shift.deputy_id == deputy_id and visit.received_by_id == deputy_id
    assert _shift_row(desk_db, deputy_id)[4] == "1"  # what the record book prints in 接待来访（批次）


def test_after_signing_out_elsewhere_the_form_still_registers_but_outside_the_shift(qtbot, desk_db, data_dir,
                                                                                   receipts):
    """A session left open after its shift was signed out (at another screen) does not put a later visit in
    that shift, and does not refuse it either."""
    session, actor, shift_id = _signed_in_session(desk_db, data_dir)
    shifts.sign_out(desk_db, actor, shift_id)

    number = _register_at_form(qtbot, session)

    assert number
    with desk_db.session(write=False) as s:
        assert s.scalars(select(Visit.shift_id)).one() is None
    assert _shift_row(desk_db, actor.deputy_id)[4] == "0"


def test_the_session_hands_its_shift_to_an_actor_given_without_one(desk_db, data_dir):
    """However a screen builds the session (actor and shift_id given apart), the actor it registers with
    carries the shift."""
    signed = shifts.sign_in(desk_db, DEPUTY_PIN, code="D001")
    from dataclasses import replace

    bare = replace(signed.actor, shift_id=None)
    session = DeskSession(desk_db, "zh", data_dir, bare, signed.shift_id)
    assert session.actor is not None and session.actor.shift_id == signed.shift_id
    assert DeskSession(desk_db, "zh", data_dir, signed.actor).shift_id == signed.shift_id
    assert session.with_actor(None).shift_id is None and session.with_actor(None).actor is None
    assert session.actor.name == DEPUTY_NAME
