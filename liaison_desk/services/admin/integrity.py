"""Integrity check: SQLite's own checks plus the domain's (case state = fold of events, no dangling ids)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import func, select

from ...db.database import Database, sqlite_checks
from ...db.models import (
    SYNCED_MODELS,
    Case,
    CaseEvent,
    Department,
    Deputy,
    Operator,
    OutboxEntry,
    Station,
    Visit,
)
from ...domain.vocab import DEPUTY_LEVELS, TRIAGE_COLOURS, URGENCY, VISIT_CHANNELS
from ...domain.workflow import Event, EventKind, Role, Status, fold

DERIVED_COMPARED = ("status", "department_id", "deadline", "resolution", "satisfaction", "escalation_level",
                    "reopen_count", "closed_at", "event_count", "last_event_hlc", "anomaly_count")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cases_checked: int = 0
    rows_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _derived_from_state(state) -> dict:
    return {
        "status": state.status.value if state.status else None,
        "department_id": uuid.UUID(state.department_id) if state.department_id else None,
        "deadline": state.deadline,
        "resolution": state.resolution.value if state.resolution else None,
        "satisfaction": state.satisfaction.value if state.satisfaction else None,
        "escalation_level": state.escalation_level,
        "reopen_count": state.reopen_count,
        "closed_at": state.closed_at,
        "event_count": state.event_count,
        "last_event_hlc": state.last_hlc,
        "anomaly_count": len(state.anomalies),
    }


def _check_cases(s, report: CheckReport) -> None:
    cases = {row.id: row for row in s.execute(select(Case.id, Case.number, *(getattr(Case, c) for c in
                                                                               DERIVED_COMPARED)))}
    ev_rows = s.execute(select(CaseEvent.case_id, CaseEvent.id, CaseEvent.kind, CaseEvent.hlc,
                               CaseEvent.actor_role, CaseEvent.occurred_at, CaseEvent.data, CaseEvent.follows_id)
                        .order_by(CaseEvent.case_id, CaseEvent.hlc, CaseEvent.id))
    seen: set[uuid.UUID] = set()
    departments = set(s.scalars(select(Department.id)))
    for case_id, group in groupby(ev_rows, key=lambda r: r.case_id):
        rows = list(group)
        seen.add(case_id)
        try:
            state = fold(Event(str(r.id), EventKind(r.kind), r.hlc, Role(r.actor_role), r.occurred_at, r.data or {},
                               str(r.follows_id) if r.follows_id else None) for r in rows)
        except ValueError as exc:
            report.problems.append(f"案件 {case_id} 的办理记录含有无法识别的内容：{exc}")
            continue
        stored = cases.get(case_id)
        if stored is None:
            continue  # the foreign-key check reports it
        report.cases_checked += 1
        expected = _derived_from_state(state)
        for name, value in expected.items():
            if getattr(stored, name) != value:
                report.problems.append(
                    f"案件 {stored.number} 的“{name}”为 {getattr(stored, name)!r}，按办理记录推算应为 {value!r}")
        for a in state.anomalies:
            report.warnings.append(f"案件 {stored.number} 的一条“{a.kind.value}”记录不符合流程，已保留待核查：{a.reason}")
        for r in rows:
            dep = (r.data or {}).get("department_id")
            if dep and uuid.UUID(dep) not in departments:
                report.problems.append(f"案件 {stored.number} 的交办记录引用了不存在的承办单位 {dep}")
    for case_id, row in cases.items():
        if case_id not in seen:
            report.problems.append(f"案件 {row.number} 没有任何办理记录（至少应有登记记录）")
        if row.status not in {st.value for st in Status}:
            report.problems.append(f"案件 {row.number} 的状态 {row.status!r} 无效")
    dup_targets = s.execute(select(Case.number, Case.duplicate_of_id).where(Case.duplicate_of_id.is_not(None)))
    for number, target in dup_targets:
        if target not in cases:
            report.problems.append(f"案件 {number} 关联的重复件 {target} 不存在")


def _check_vocab(s, report: CheckReport) -> None:
    checks = [
        (Visit.channel, VISIT_CHANNELS, "来访方式"), (Case.triage, TRIAGE_COLOURS, "分办颜色"),
        (Case.urgency, URGENCY, "紧急程度"), (Deputy.level, DEPUTY_LEVELS, "代表层级"),
    ]
    for column, allowed, what in checks:
        bad = s.execute(select(column, func.count()).where(column.not_in(list(allowed))).group_by(column)).all()
        for value, n in bad:
            report.problems.append(f"{n} 条记录的{what}“{value}”无效")
    actors = set(s.scalars(select(Operator.id)))
    orphan = s.execute(select(func.count()).select_from(CaseEvent).where(
        CaseEvent.actor_id.is_not(None), CaseEvent.actor_role != Role.HUB.value,
        CaseEvent.actor_id.not_in(actors) if actors else CaseEvent.actor_id.is_not(None))).scalar()
    if orphan:
        report.problems.append(f"{orphan} 条办理记录的操作人账号不存在")


def _check_outbox(s, db: Database, report: CheckReport) -> None:
    """Each change's hash still matches its payload, and every local record's last change is in the outbox."""
    bad = 0
    for change_id, payload, digest in s.execute(select(OutboxEntry.change_id, OutboxEntry.payload,
                                                       OutboxEntry.payload_hash)):
        if hashlib.sha256(payload.encode("utf-8")).hexdigest() != digest:
            bad += 1
            if bad <= 20:
                report.problems.append(f"变更 {change_id} 的内容与其校验值不符（可能被改动过）")
    station = db.station_id()
    for model in SYNCED_MODELS:
        logged = select(OutboxEntry.seq).where(OutboxEntry.entity_id == model.id, OutboxEntry.hlc == model.hlc)
        mine = model.origin_station_id == station
        report.rows_checked += s.scalar(select(func.count()).select_from(model).where(mine))
        missing = s.scalar(select(func.count()).select_from(model).where(mine, ~logged.exists()))
        if missing:
            report.problems.append(f"{model.__tablename__} 有 {missing} 条本站记录的最新修改不在变更日志中，将无法同步")


def run_check(db: Database) -> CheckReport:
    report = CheckReport()
    with db.session(write=False) as s:
        report.problems += sqlite_checks(s)
        if db.station_id() is None:
            report.warnings.append("本机尚未设置联络站")
        elif s.get(Station, db.station_id()) is None:
            report.problems.append("本机记录的联络站不存在")
        _check_cases(s, report)
        _check_vocab(s, report)
        _check_outbox(s, db, report)
    return report
