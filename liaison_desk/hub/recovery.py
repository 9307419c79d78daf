"""The county's way out of a forked station: one PC's database copied to a second PC (or a backup restored
and used before syncing), both writing at the same outbox positions. The hub and the station refuse such a
copy (``replica_forked``) so it cannot create duplicates; this module lets the county take it back in.

``resolve_fork`` issues a new one-time token for the station (it stays bound to the same station record).
The copy that should carry on enrolls with it again (``liaison-desk enroll --hub URL --token T``): it gets a
new credential and a new install id, so

- its pending changes are pushed as a new install's (no outbox position of the new install is known, so
  nothing clashes by position), and the hub takes its unique records;
- the station starts a re-bootstrap pull (``include_own``): what the other copy sent meanwhile comes down
  to it, so it ends up with every record of the station;
- the other PC's credential stops working (one station, one live PC); whatever it still has pending stays
  on it, and the county can take that in too by resolving again for that PC.

Nothing acknowledged is lost (the hub keeps every accepted change) and nothing pending vanishes (both
copies keep their outboxes). Two copies may have given one case number to two different cases: both records
are kept, and ``flag_number_clashes`` records a ``number_clash`` conflict for the county at push time (the
station keeps the other copy's case as a ``clash`` conflict for staff), so there are never two records with
one number without a flag.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import DomainError
from ..domain.timeutil import utcnow
from ..sync.protocol import Change
from .context import HubContext
from .enrollment import new_secret, sha, station
from .schema import HubConflict, HubRecord, LedgerEntry

NUMBER_CLASH = "number_clash"


def fork_status(hub: HubContext, code: str) -> dict[str, Any]:
    """What the hub holds of a station, per install (oldest first): for the county to see before resolving."""
    with hub.tx() as s:
        st = station(s, hub.county, code)
        rows = s.execute(select(LedgerEntry.install_id, func.count(), func.max(LedgerEntry.station_seq),
                                func.max(LedgerEntry.received_at))
                         .where(LedgerEntry.county_id == hub.county, LedgerEntry.station_code == st.code)
                         .group_by(LedgerEntry.install_id).order_by(func.max(LedgerEntry.received_at))).all()
        clashes = s.scalar(select(func.count()).select_from(HubConflict).where(
            HubConflict.county_id == hub.county, HubConflict.station_code == st.code,
            HubConflict.kind == NUMBER_CLASH)) or 0
        return {"code": st.code, "name": st.name, "enrolled": st.credential_hash is not None,
                "bound": st.station_uuid is not None, "current_install": st.install_id,
                "installs": [{"install_id": i, "changes": n, "last_outbox_seq": m, "last_received_at": t}
                             for i, n, m, t in rows],
                "number_clashes": clashes}


def resolve_fork(hub: HubContext, code: str) -> str:
    """A one-time token with which the copy of ``code``'s database that should carry on enrolls again.

    Only for a station already bound to a station database: the token enrolls that same database (the
    hub refuses it for any other). Until it is used the current credential keeps working."""
    token = new_secret(24)
    with hub.tx() as s:
        st = station(s, hub.county, code, lock=True)
        if st.station_uuid is None or st.revoked_at is not None:
            raise DomainError("not_bound", f"联络站 {st.code} 还没有登记过（或已被注销），没有需要处理的数据库副本；"
                                           "请用 add-station 生成登记码。",
                              message_en=f"Station {st.code} was never enrolled (or is revoked): there is no copy "
                                         "to take back; use add-station.")
        st.enroll_hash = sha(token)
    return token


def flag_number_clashes(s: Session, county: str, station_code: str, station_uuid: uuid.UUID,
                        changes: Iterable[Change | Exception]) -> int:
    """Keep a ``number_clash`` conflict for every case in this push whose number another case at the hub
    already has (two copies of one station numbered independently). Both records are kept; the flag is
    what county staff see. A replayed change is not flagged twice. Returns how many were flagged."""
    numbers: dict[str, Change] = {}
    for ch in changes:
        if (isinstance(ch, Change) and ch.entity == "cases" and ch.op != "delete" and ch.origin == str(station_uuid)
                and isinstance(ch.fields.get("number"), str)):
            numbers[ch.fields["number"]] = ch
    if not numbers:
        return 0
    t = HubRecord.__table__
    found = s.execute(select(t.c.id, t.c.label, t.c.scope).where(
        t.c.county_id == county, t.c.entity == "cases", t.c.label.in_(list(numbers)))).all()
    clashes = [(numbers[label], other, scope) for other, label, scope in found
               if str(other) != numbers[label].entity_id]
    if not clashes:
        return 0
    flagged = set(s.scalars(select(HubConflict.change_id).where(
        HubConflict.county_id == county, HubConflict.kind == NUMBER_CLASH,
        HubConflict.change_id.in_([uuid.UUID(ch.change_id) for ch, _o, _s in clashes]))))
    now = utcnow()
    count = 0
    for ch, other, _scope in clashes:
        if uuid.UUID(ch.change_id) in flagged:
            continue
        number = ch.fields["number"]
        s.add(HubConflict(county_id=county, id=uuid.uuid4(), kind=NUMBER_CLASH, entity="cases",
                          entity_id=uuid.UUID(ch.entity_id), field="number",
                          kept_value=json.dumps({"number": number, "case_id": str(other)}, ensure_ascii=False),
                          kept_hlc=None, lost_value=json.dumps({"number": number, "case_id": ch.entity_id},
                                                               ensure_ascii=False),
                          lost_hlc=ch.hlc, change_id=uuid.UUID(ch.change_id), station_code=station_code,
                          reason=f"案件编号 {number} 已有另一件案件使用（同一联络站数据库的两个副本分别编号）；"
                                 "两件都已保留，请核实后通知群众正确的编号。",
                          detected_at=now, seen=0))
        count += 1
    s.flush()
    return count


def describe(status: dict[str, Any], t: Callable[[str, str], str]) -> list[str]:
    """Lines for the county's command line."""
    out = [t(f"联络站 {status['code']}（{status['name']}）", f"Station {status['code']} ({status['name']})")]
    for inst in status["installs"]:
        mark = t("（当前）", " (current)") if inst["install_id"] == status["current_install"] else ""
        when = inst["last_received_at"]
        when = when.strftime("%Y-%m-%d %H:%M") if isinstance(when, dt.datetime) else ""
        out.append(t(f"  安装 {inst['install_id'] or '-'}{mark}：{inst['changes']} 条变更，最后位置 "
                     f"{inst['last_outbox_seq'] or 0}，最近 {when}",
                     f"  install {inst['install_id'] or '-'}{mark}: {inst['changes']} changes, last position "
                     f"{inst['last_outbox_seq'] or 0}, latest {when}"))
    if status["number_clashes"]:
        out.append(t(f"  案件编号重复：{status['number_clashes']} 件（见 conflicts）",
                     f"  case numbers used twice: {status['number_clashes']} (see conflicts)"))
    return out
