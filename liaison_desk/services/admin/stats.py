"""Station statistics: counts per record type, cases per status, closure / resolution / satisfaction rates."""

from __future__ import annotations

from typing import TypedDict

from sqlalchemy import func, select

from ...db.database import Database
from ...db.models import SYNCED_MODELS, Case, OutboxEntry
from ...domain.console import format_table
from ...domain.workflow import SATISFIED_VALUES, STATUS_LABELS, Resolution, Satisfaction, Status


class CaseFigures(TypedDict):
    total: int
    by_status: dict[str, int]  # every status, 0 when none
    closed: int
    closed_solved: int
    rated: int
    satisfied: int
    by_satisfaction: dict[str, int]


class Rates(TypedDict):
    """Percentages with two decimals; None when undefined (nothing to divide by)."""

    closure_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None


class Stats(TypedDict):
    """What ``compute_stats`` returns (also printed as JSON by ``liaison-desk stats --json``)."""

    records: dict[str, int]  # per table name
    cases: CaseFigures
    rates: Rates
    outbox_pending: int


# 满意率 counts only answers a 回访 recorded: a villager nobody reached (a 回电 event) has no satisfaction, and a
# cached value that is not an answer (empty, unknown) is not one either
ANSWERS = tuple(v.value for v in Satisfaction)


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def compute_stats(db: Database) -> Stats:
    """All figures in one read transaction; rates are percentages with two decimals (None when undefined).

    办结率 = closed / (all cases − withdrawn); 解决率 = solved / closed;
    满意率 = (satisfied + basically satisfied) / cases whose 回访 recorded an answer (``ANSWERS``) now.
    """
    with db.session(write=False) as s:
        counts: dict[str, int] = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m).where(m.deleted_hlc.is_(None))) or 0
            for m in SYNCED_MODELS}
        by_status = dict(s.execute(select(Case.status, func.count()).where(Case.deleted_hlc.is_(None))
                                   .group_by(Case.status)).all())
        by_resolution = dict(s.execute(select(Case.resolution, func.count())
                                       .where(Case.status == Status.CLOSED.value, Case.deleted_hlc.is_(None))
                                       .group_by(Case.resolution)).all())
        by_satisfaction = dict(s.execute(select(Case.satisfaction, func.count())
                                         .where(Case.satisfaction.in_(ANSWERS), Case.deleted_hlc.is_(None))
                                         .group_by(Case.satisfaction)).all())
        pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None)))
    total = sum(by_status.values())
    closed = by_status.get(Status.CLOSED.value, 0)
    withdrawn = by_status.get(Status.WITHDRAWN.value, 0)
    rated = sum(by_satisfaction.values())
    satisfied = sum(v for k, v in by_satisfaction.items() if k in SATISFIED_VALUES)
    return {
        "records": counts,
        "cases": {
            "total": total,
            "by_status": {st.value: by_status.get(st.value, 0) for st in Status},
            "closed": closed,
            "closed_solved": by_resolution.get(Resolution.SOLVED.value, 0),
            "rated": rated,
            "satisfied": satisfied,
            "by_satisfaction": {v.value: by_satisfaction.get(v.value, 0) for v in Satisfaction},
        },
        "rates": {
            "closure_rate": _rate(closed, total - withdrawn),
            "resolution_rate": _rate(by_resolution.get(Resolution.SOLVED.value, 0), closed),
            "satisfaction_rate": _rate(satisfied, rated),
        },
        "outbox_pending": pending or 0,
    }


_TYPE_LABELS = {
    "stations": "联络站", "deputies": "代表", "deputy_groups": "代表小组", "deputy_group_members": "小组成员",
    "station_assignments": "进站编组", "staff_members": "工作人员", "operators": "操作账号", "departments": "承办单位",
    "categories": "类别", "villages": "村（社区）", "constituents": "来访群众", "duty_shifts": "值班班次",
    "visits": "来访登记", "cases": "社情民意案件", "case_events": "案件办理记录", "activities": "代表活动",
    "activity_participants": "活动参与", "print_records": "打印记录", "duty_patterns": "值班规则",
    "duty_minimums": "年度最低要求", "duty_limits": "每月值班上限", "deputy_unavailability": "代表请假",
    "roster_slots": "排班班次", "roster_changes": "换班替班", "score_categories": "积分类别", "score_items": "积分项目",
    "score_disputes": "积分错漏申报", "score_dispute_events": "错漏申报处理记录", "holidays": "节假日调整",
    "audit_entries": "查阅和操作记录", "tallies": "计票表", "tally_entries": "计票录入", "livelihood_votes": "民生实事项目票决",
    "livelihood_candidates": "民生实事候选项目", "livelihood_progress": "民生实事项目进展", "voter_appraisals": "述职评议",
}


def record_type_label(table: str, lang: str = "zh") -> str:
    """What a record type is called on screen: Chinese, or the table name in English."""
    return table.replace("_", " ") if lang == "en" else _TYPE_LABELS.get(table, table)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}%"


def format_stats(stats: Stats, lang: str = "zh") -> str:
    en = lang == "en"
    lines = ["Records" if en else "记录数"]
    lines += ["  " + ln for ln in format_table([(record_type_label(key, lang), n)
                                                for key, n in stats["records"].items()], align="<>")]
    c = stats["cases"]
    lines.append(("Cases by status" if en else "案件状态") + f" ({c['total']})")
    lines += ["  " + ln for ln in format_table([(key if en else STATUS_LABELS[Status(key)][0], n)
                                                for key, n in c["by_status"].items()], align="<>")]
    r = stats["rates"]
    if en:
        lines += [f"Closure rate: {_pct(r['closure_rate'])}", f"Resolution rate: {_pct(r['resolution_rate'])}",
                  f"Satisfaction rate: {_pct(r['satisfaction_rate'])}",
                  f"Changes waiting for the hub: {stats['outbox_pending']}"]
    else:
        lines += [f"办结率：{_pct(r['closure_rate'])}（{c['closed']} 件办结）",
                  f"解决率：{_pct(r['resolution_rate'])}（办结件中已解决 {c['closed_solved']} 件）",
                  f"满意率：{_pct(r['satisfaction_rate'])}（{c['rated']} 件已评价，{c['satisfied']} 件满意或基本满意）",
                  f"待同步的变更：{stats['outbox_pending']} 条"]
    return "\n".join(lines)
