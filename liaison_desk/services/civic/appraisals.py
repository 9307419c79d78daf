"""述职评议: a deputy's report to voters (date, place, voters present) and the voters' paper ballot
(称职/基本称职/不称职) entered twice (``tallies``); the verdict against the thresholds (称职 ≥ 80 % by default)
is written when the tally is accepted or amended, and reaches the deputy's record book and score
(``appraisal:<verdict>`` metrics)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.database import Database
from ...db.models import Deputy
from ...db.models_civic import VoterAppraisal
from ...domain.errors import DomainError
from ...domain.ids import new_id
from ...domain.tally import APPRAISAL_OPTIONS, Appraisal, TallyForm, appraise
from ...domain.timeutil import local_today
from ...domain.validation import validate_date, validate_text
from ...domain.workflow import Role
from ..context import Actor
from ..duty.record import as_uuid, year_bounds
from .tallies import TallyView, load_tally, new_tally, view_in

DEFAULT_COMPETENT_PCT, DEFAULT_BASIC_PCT = 80, 60


@dataclass(frozen=True)
class AppraisalView:
    id: str
    deputy_id: str
    deputy_name: str
    year: int
    date: dt.date
    place: str
    voters_present: int
    competent_pct: int
    basic_pct: int
    result: str | None  # competent | basically_competent | incompetent | none; None until accepted
    outcome: Appraisal | None
    tally: TallyView

    @property
    def result_zh(self) -> str:
        return self.outcome.result_zh if self.outcome else "计票未确认"


def _view(s: Session, a: VoterAppraisal) -> AppraisalView:
    tally = view_in(s, load_tally(s, a.tally_id))
    outcome = appraise(tally.current, a.competent_pct, a.basic_pct) if tally.current is not None else None
    name = s.scalar(select(Deputy.name).where(Deputy.id == a.deputy_id)) or "?"
    return AppraisalView(str(a.id), str(a.deputy_id), name, a.year, a.date, a.place, a.voters_present,
                         a.competent_pct, a.basic_pct, a.result, outcome, tally)


def create_appraisal(db: Database, actor: Actor, deputy_id: object, date: dt.date | str, place: str,
                     voters_present: int, *, booths: tuple[str, ...] = (), competent_pct: int = DEFAULT_COMPETENT_PCT,
                     basic_pct: int = DEFAULT_BASIC_PCT) -> AppraisalView:
    """Record a 述职 and open the voters' ballot tally (staff and administrators)."""
    actor.require(Role.STAFF, Role.ADMIN, what="登记述职评议")
    day = validate_date(date, field="date", not_after=local_today())
    year_bounds(day.year)
    place = validate_text(place, field="place", max_len=200)
    if isinstance(voters_present, bool) or not isinstance(voters_present, int) or not 1 <= voters_present <= 100_000:
        raise DomainError("bad_present", "到会选民人数应为 1 到 100000 之间的整数。", field="voters_present",
                          message_en="Voters present: a whole number 1-100000.")
    for v in (competent_pct, basic_pct):
        if isinstance(v, bool) or not isinstance(v, int):
            raise DomainError("bad_threshold", "评议标准应为整数百分比。", field="threshold",
                              message_en="Thresholds are whole percentages.")
    if not 0 < basic_pct <= competent_pct <= 100:
        raise DomainError("bad_threshold", "评议标准应满足 0 < 基本称职线 ≤ 称职线 ≤ 100。", field="threshold",
                          message_en="Thresholds must satisfy 0 < basic ≤ competent ≤ 100.")
    with db.session() as s:
        dep = s.get(Deputy, as_uuid(deputy_id))
        if dep is None or dep.deleted_hlc is not None:
            raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
        t = new_tally(s, db.station_id(), "appraisal", f"{dep.name} {day.year}年述职评议",
                      TallyForm(APPRAISAL_OPTIONS, booths, single_choice=True))
        a = VoterAppraisal(id=new_id(), station_id=db.station_id(), deputy_id=dep.id, year=day.year, date=day,
                           place=place, voters_present=voters_present, competent_pct=competent_pct,
                           basic_pct=basic_pct, tally_id=t.id, result=None)
        s.add(a)
        s.flush()
        return _view(s, a)


def appraisal_view(db: Database, appraisal_id: object) -> AppraisalView:
    with db.session(write=False) as s:
        a = s.get(VoterAppraisal, as_uuid(appraisal_id, "述职评议", "appraisal_id"))
        if a is None or a.deleted_hlc is not None:
            raise DomainError("no_appraisal", "找不到这次述职评议。", field="appraisal_id",
                              message_en="No such appraisal.")
        return _view(s, a)


def list_appraisals(db: Database, *, year: int | None = None, deputy_id: object = None) -> list[AppraisalView]:
    with db.session(write=False) as s:
        q = select(VoterAppraisal).where(VoterAppraisal.deleted_hlc.is_(None))
        if year is not None:
            year_bounds(year)
            q = q.where(VoterAppraisal.year == year)
        if deputy_id is not None:
            q = q.where(VoterAppraisal.deputy_id == as_uuid(deputy_id))
        return [_view(s, a) for a in s.scalars(q.order_by(VoterAppraisal.date.desc(), VoterAppraisal.id))]
