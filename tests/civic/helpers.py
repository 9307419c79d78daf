"""Shared helpers of the civic tests: a deputy, a walk-in case, counts that pass every check."""

from __future__ import annotations

import datetime as dt

from liaison_desk.domain.tally import TOTAL, TallyForm, field_key
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

TODAY = dt.date.today()


def deputy(db, actor, name="陈红梅"):
    return create_deputy(db, actor, DeputyInput(name=name, level="county"))


def a_case(db, actor):
    return register_visit(db, actor, VisitInput(visitor_names="张秀英", visitor_phone="13812345678",
                                                village="柳树湾村", headcount=1),
                          CaseInput(content="村里的老年食堂没有地方办，请求支持。", triage="yellow"))


def counts(form: TallyForm, per_option: dict[str, int], *, issued: int, invalid: int = 0) -> dict[str, int]:
    """Counts of a form without booths (the total column only)."""
    valid = sum(per_option.values()) if form.single_choice else max(per_option.values())
    out = {field_key("issued", TOTAL): issued, field_key("cast", TOTAL): valid + invalid,
           field_key("valid", TOTAL): valid, field_key("invalid", TOTAL): invalid}
    out |= {field_key(f"o:{k}", TOTAL): v for k, v in per_option.items()}
    return out
