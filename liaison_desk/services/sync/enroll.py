"""Enrolling a station again (the county took a forked copy of its database back in), and case numbers
that two copies gave to two different cases.

Enrolling again gives this database a new credential and a new install id (``services.sync.enroll``) and
starts a re-bootstrap: the next round pushes what is pending here as the new install's, then pulls the
station's own changes that other installs (the other copy) sent, so this copy ends up with every record of
the station. The re-bootstrap is set *before* the hub is asked: a crash in between costs one full pull
(idempotent), never a missed one.

Two copies number their cases independently, so the other copy may already have given one of our pending
cases' numbers to another case at the hub. Before the first round's push, ``settle_numbers`` asks the hub
which case numbers of this station it holds that are not here, and gives each clashing local case the
next free number of its day (a normal local edit, so it travels as an update), keeping a ``clash`` conflict
that tells staff the old and the new number (the constituent's receipt carries the old one). Both cases
are kept; the hub also flags the clash (``number_clash``) when our case arrives with its first number.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select, update

from ...db.changes import APPLYING_REMOTE, canonical_json
from ...db.database import Database, get_local, get_row, set_local
from ...db.models import Case, OutboxEntry, Station
from ...db.models_sync import SyncConflict
from ...domain.case_number import MAX_SEQ, format_case_number, parse_case_number
from ...domain.errors import DomainError
from ...domain.timeutil import utcnow
from ...domain.workflow import Role
from ...sync import bundle
from ..context import Actor
from . import state
from .apply import begin_remote
from .client import HubClient, HubUnreachable, Send, client_for
from .report import SyncReport

#: Set at every enrollment; cleared once the case numbers were compared with the hub's.
NUMBERS_CHECK = state.NUMBERS_CHECK


@dataclass(frozen=True)
class Enrolled:
    county: str
    again: bool  # the database was enrolled before: a re-bootstrap round follows
    renumbered: tuple[tuple[str, str], ...] = ()  # (old, new) case numbers
    hub_url: str | None = None


def _prepare(db: Database) -> bool:
    """Before asking the hub: schedule the number check, and a re-bootstrap when this database was
    enrolled before. Returns whether it was."""
    with db.session() as s:
        set_local(s, NUMBERS_CHECK, "1")
        if not get_local(s, state.CREDENTIAL):
            return False
        set_local(s, state.CURSOR, "0")
        set_local(s, state.REBOOTSTRAP, "1")
    return True


def enroll_online(db: Database, actor: Actor, hub_url: str, token: str, *, send: Send | None = None) -> str:
    """Exchange the county's one-time token for this station's credential; returns the county's name.
    (``enroll`` does this and then settles case numbers with the hub.)"""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    with db.session(write=False) as s:
        st = get_row(s, Station, db.station_id())
        code = st.code
    install_id = str(uuid.uuid4())
    client = HubClient(hub_url, None, send)
    answer = client.call("/v1/enroll", {"token": token.strip(), "station_id": str(db.station_id()),
                                        "station_code": code, "install_id": install_id})
    with db.session() as s:
        set_local(s, state.URL, hub_url)
        set_local(s, state.CREDENTIAL, answer["credential"])
        set_local(s, state.INSTALL, install_id)
        set_local(s, state.COUNTY, answer.get("county", ""))
        if get_local(s, state.CURSOR) is None:
            set_local(s, state.CURSOR, "0")
            set_local(s, state.REBOOTSTRAP, "1")  # a first sync also fetches what the hub holds of ours
    return answer.get("county", "")


def enroll(db: Database, actor: Actor, hub_url: str, token: str, *, send: Send | None = None) -> Enrolled:
    """Enroll with the county's one-time token, the first time or again (see the module docstring)."""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    again = _prepare(db)
    county = enroll_online(db, actor, hub_url, token, send=send)
    renumbered: list[tuple[str, str]] = []
    with contextlib.suppress(HubUnreachable):  # the first round's hello does it (the check stays scheduled)
        renumbered = settle_numbers(db, client_for(db, send=send))
    return Enrolled(county, again, tuple(renumbered), hub_url)


# -- case numbers used by two copies ------------------------------------------------------------------------
@dataclass(frozen=True)
class HubCases:
    """What the hub holds of the station's cases: every id, and number -> ids of those not here."""

    ids: frozenset[str]
    numbers: Mapping[str, frozenset[str]]


def hub_cases(db: Database, client: HubClient) -> HubCases:
    versions = client.call("/v1/records/versions", {"entity": "cases"})["versions"]
    ids = frozenset(str(uuid.UUID(str(v[0]))) for v in versions)
    with db.session(write=False) as s:
        local = {str(i) for i in s.scalars(select(Case.id))}
    unknown = sorted(ids - local)
    numbers: dict[str, set[str]] = {}
    for k in range(0, len(unknown), 500):
        for rec in client.call("/v1/records/get", {"entity": "cases", "ids": unknown[k:k + 500]})["records"]:
            number = (rec.get("fields") or {}).get("number")
            if isinstance(number, str):
                numbers.setdefault(number, set()).add(str(uuid.UUID(str(rec["id"]))))
    return HubCases(ids, {n: frozenset(v) for n, v in numbers.items()})


def settle_numbers(db: Database, client: HubClient, report: SyncReport | None = None, *,
                   scheduled: bool | None = None) -> list[tuple[str, str]]:
    """When scheduled (after an enrollment): compare case numbers with the hub's and renumber clashes.
    ``scheduled``: whether it is, when the caller has just read it (``SyncConfig.numbers_check``)."""
    if scheduled is None:
        with db.session(write=False) as s:
            scheduled = get_local(s, NUMBERS_CHECK) == "1"
    if not scheduled:
        return []
    done = renumber_clashes(db, hub_cases(db, client))
    if report is not None and done:
        report.notes.append("本机有案件编号与本站另一台电脑登记的案件重复，已改用新编号（两件都保留）："
                            + "；".join(f"{old} → {new}" for old, new in done) + "。请通知有关群众新编号。")
    return done


def renumber_clashes(db: Database, hub: HubCases) -> list[tuple[str, str]]:
    """Give every local case whose number the hub holds for another case the next free number of its day;
    returns (old, new) pairs. One transaction, which also clears the scheduled check."""
    with db.session() as s:
        return _renumber(s, hub)


def _renumber(s, hub: HubCases) -> list[tuple[str, str]]:
    """See ``renumber_clashes``.

    A case the hub does not hold still has its insert pending, never accepted: that insert is rewritten with
    the new number (same change id, same outbox position), so the old number never travels and no replica
    ever sees two cases with one number. (The hub can know that change id only as one it refused and whose
    answer was lost; it then refuses the rewrite as a reused id and flags it, and the desk keeps it as a
    refused change with its payload, the outcome the first answer would have had.) A case the hub already
    holds is renumbered by a normal edit (an update change); the hub flagged the clash when it arrived."""
    done: list[tuple[str, str]] = []
    now = utcnow()
    local = s.execute(select(Case.id, Case.number)).all()
    taken = set(hub.numbers) | {n for _i, n in local}
    for case_id, number in local:
        others = hub.numbers.get(number, frozenset())
        if not others or str(case_id) in others:
            continue
        new = _next_free(number, taken)
        taken.add(new)
        if str(case_id) in hub.ids or not _rewrite_unsent(s, case_id, number, new):
            s.get(Case, case_id).number = new  # logged in the outbox: reaches the hub and every replica
        s.add(SyncConflict(kind="clash", entity="cases", entity_id=case_id, field="number",
                           kept_value=json.dumps(new, ensure_ascii=False),
                           lost_value=json.dumps(number, ensure_ascii=False),
                           reason=f"案件编号 {number} 已被本站另一台电脑（数据库副本）登记的另一件案件使用，本案件改为 {new}；"
                                  "两件都保留。群众手中回执上的编号是旧编号，请告知新编号。",
                           detected_at=now))
        done.append((number, new))
    set_local(s, NUMBERS_CHECK, "0")
    return done


def _rewrite_unsent(s, case_id: uuid.UUID, old: str, new: str) -> bool:
    """Put ``new`` into the pending changes of a case the hub never received; False if there is no
    pending insert to rewrite (then the caller edits the case instead)."""
    s.flush()  # ORM edits made so far are logged normally, before change capture is paused below
    t = cast(Table, OutboxEntry.__table__)
    rows = s.execute(select(t.c.seq, t.c.op, t.c.payload).where(
        t.c.entity == "cases", t.c.entity_id == case_id, t.c.acked_at.is_(None)).order_by(t.c.seq)).all()
    if not rows or rows[0].op != "insert":
        return False
    for row in rows:
        body = json.loads(row.payload)
        if body.get("fields", {}).get("number") != old:
            continue
        body["fields"]["number"] = new
        payload = canonical_json(body)
        s.execute(update(t).where(t.c.seq == row.seq).values(
            payload=payload, payload_hash=hashlib.sha256(payload.encode("utf-8")).hexdigest()))
    begin_remote(s)  # the row itself takes the new number without a change of its own
    cases = cast(Table, Case.__table__)  # a plain table: Core statements take it
    s.execute(update(cases).where(cases.c.id == case_id).values(number=new))
    s.info.pop(APPLYING_REMOTE, None)
    return True


def _next_free(number: str, taken: set[str]) -> str:
    n = parse_case_number(number)
    prefix = f"{n.station_code}-{n.day:%y%m%d}-"
    used = [int(t[len(prefix):].split("-")[0]) for t in taken
            if t.startswith(prefix) and t[len(prefix):].split("-")[0].isdigit()]
    seq = max(used, default=0) + 1
    if seq > MAX_SEQ:
        raise DomainError("too_many_cases", "这一天的案件编号已经用完，无法给重复编号的案件换号。",
                          message_en="No case number of that day is left to renumber a clashing case.")
    return format_case_number(n.station_code, n.day, seq)


# -- enrollment by file (a station with no network at all) --------------------------------------------------
def enroll_from_file(db: Database, actor: Actor, path: Path) -> Enrolled:
    """Enroll from the county's signed enrollment file (``liaison-desk-hub export-enrollment``): the same
    facts ``/v1/enroll`` gives (credential, install id), checked against this station's code and, when the
    county has bound the station before, its database id. One transaction: the credential, the re-bootstrap
    of an enrolled database, and the case-number check against the numbers the file carries. The first
    bundle exported afterwards is signed with the file's credential and binds the station at the hub."""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise bundle.BundleRefused("not_a_bundle", "这不是县级平台生成的登记文件。",
                                   message_en="This is not an enrollment file from the county hub.") from None
    with db.session(write=False) as s:
        code = get_row(s, Station, db.station_id()).code
    body = bundle.open_enrollment(text, str(db.station_id()), code)
    found = body.get("cases")
    cases: dict[str, Any] = found if isinstance(found, dict) else {}
    hub = HubCases(frozenset(str(i) for i in cases.get("ids") or ()),
                   {str(n): frozenset(str(i) for i in ids) for n, ids in (cases.get("numbers") or {}).items()})
    with db.session() as s:
        again = bool(get_local(s, state.CREDENTIAL))
        if again or get_local(s, state.CURSOR) is None:
            set_local(s, state.CURSOR, "0")
            set_local(s, state.REBOOTSTRAP, "1")  # the first answer also brings what the hub holds of ours
        if body.get("hub_url"):
            set_local(s, state.URL, str(body["hub_url"]))
        set_local(s, state.CREDENTIAL, str(body["credential"]))
        set_local(s, state.INSTALL, str(body["install_id"]))
        set_local(s, state.COUNTY, str(body.get("county") or ""))
        local = {str(i) for i in s.scalars(select(Case.id))}
        # only cases the hub holds that are not here can clash (ours keep their numbers)
        renumbered = _renumber(s, HubCases(hub.ids, {n: ids - local for n, ids in hub.numbers.items() if ids - local}))
    return Enrolled(str(body.get("county") or ""), again, tuple(renumbered), body.get("hub_url"))
