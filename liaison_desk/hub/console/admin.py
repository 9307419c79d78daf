"""The console's administration (issue 15): reference data as forms, stations and their enrollment, sync
conflicts in words. Services for ``pages/admin.py`` (which never touches the database); the hub's command
line keeps its own commands (``ref-add``, ``add-station``, ``export-enrollment``, ``revoke-station``,
``resolve-fork``, ``conflicts``), and both go through the same functions of ``hub.county``, ``hub.enrollment``,
``hub.bundles`` and ``hub.recovery``.

- Reference data: the county's own records of ``deputies``, ``departments``, ``categories`` and ``holidays``
  (``owner`` NULL at the hub), checked by ``domain.reference_forms`` (the same rules as ``ref-add``/``ref-set``),
  written by ``county.add_reference``/``update_reference`` so every station receives them at its next sync.
  Deactivated, never deleted; a county holiday is removed (a tombstone) and comes back on the same record.
- Stations: adding one gives its one-time token (shown once) and, for a station with no network, the signed
  USB enrollment file (which replaces the token: one or the other); revocation; taking back a forked copy.
- Conflicts: every ``hub_conflicts`` row in words (``domain.conflict_words``), and 已处理 recorded with who and
  when (``hub_conflict_handled``) and in the console's audit trail.

Every write checks the viewer's permission and writes its audit line in the same transaction when it can.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain import conflict_words as words
from ...domain import reference_forms as forms
from ...domain.access import Permission, Viewer, can
from ...domain.errors import DomainError, PermissionDenied, ValidationError
from ...domain.timeutil import utcnow
from ...domain.validation import validate_text
from ...domain.vocab import DEPUTY_LEVELS
from ...sync import signing
from .. import bundles, county, enrollment, keys, recovery
from ..context import HubContext
from ..schema import HubConflict, HubRecord, HubStation
from . import auth
from .admin_schema import HubConflictHandled

NOTE_MAX = 500


def _require(viewer: Viewer, permission: Permission) -> None:
    if not can(viewer, permission):
        raise PermissionDenied("forbidden", "您的账号没有权限做这件事。", message_en="Your account may not do this.")


# -- reference data ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RefRow:
    """One county record of a reference list, its values spelled as in payloads."""

    id: str
    fields: Mapping[str, Any]
    active: bool

    def value(self, name: str) -> str:
        """A field as a form's input shows it."""
        v = self.fields.get(name)
        if v is None:
            return ""
        if isinstance(v, bool):
            return "1" if v else ""
        return str(v)


def _entity(entity: str) -> str:
    forms.form_of(entity)  # refuses an unknown list
    return entity


def _ref_rows(s: Session, hub: HubContext, entity: str) -> list[RefRow]:
    rows = s.execute(select(HubRecord.id, HubRecord.fields).where(
        HubRecord.county_id == hub.county, HubRecord.entity == entity, HubRecord.owner.is_(None),
        HubRecord.deleted_hlc.is_(None))).all()
    out = []
    for ident, text in rows:
        f = json.loads(text)
        out.append(RefRow(str(ident), f, bool(f.get("active", True))))
    return out


def _order(entity: str, row: RefRow) -> tuple[Any, ...]:
    f = row.fields
    if entity == "holidays":
        return (str(f.get("date") or ""),)
    if entity == "categories":
        return (not row.active, int(f.get("sort_order") or 0), str(f.get("code") or ""))
    if entity == "deputies":
        levels = list(DEPUTY_LEVELS)
        level = str(f.get("level") or "")
        return (not row.active, levels.index(level) if level in levels else 9, str(f.get("name") or ""))
    return (not row.active, str(f.get("name") or ""))


def reference_list(hub: HubContext, entity: str) -> list[RefRow]:
    """The county's live records of ``entity``: active ones first (holidays by date)."""
    _entity(entity)
    with hub.tx() as s:
        return sorted(_ref_rows(s, hub, entity), key=lambda r: _order(entity, r))


def reference_one(hub: HubContext, entity: str, ident: str) -> RefRow:
    _entity(entity)
    for row in reference_list(hub, entity):
        if row.id == ident:
            return row
    raise DomainError("not_found", "找不到这条基础资料（可能已被删除或地址有误）。",
                      message_en="No such reference record (removed, or a wrong address?).")


def _form_values(entity: str, values: Mapping[str, str]) -> dict[str, str]:
    """Every input of the form, an unticked box as empty (a browser does not send it)."""
    return {f.name: str(values.get(f.name) or "") for f in forms.form_of(entity)}


def _label(entity: str, fields: Mapping[str, Any]) -> str:
    key = {"holidays": "date", "categories": "code"}.get(entity, "name")
    return f"{entity}:{fields.get(key) or ''}"[:200]


def add_reference(hub: HubContext, viewer: Viewer, entity: str, values: Mapping[str, str], *, ip: str = "",
                  now: dt.datetime | None = None) -> str:
    """A new record of the list, sent to every station at its next sync; returns its id."""
    _require(viewer, Permission.MANAGE_REFERENCE)
    _entity(entity)
    given = _form_values(entity, values)
    cleaned = forms.check_form(entity, given)  # the whole form (every field's error at once)
    with hub.tx() as s:
        ident = county.add_reference(hub, entity, given, session=s)
        auth.audit(hub, viewer, "reference_add", _label(entity, cleaned), "", ip=ip, now=now, session=s)
    return ident


def edit_reference(hub: HubContext, viewer: Viewer, entity: str, ident: str, values: Mapping[str, str], *,
                   ip: str = "", now: dt.datetime | None = None) -> None:
    """New values for a record (every input of the form: one emptied is cleared)."""
    _require(viewer, Permission.MANAGE_REFERENCE)
    row = reference_one(hub, entity, ident)
    given = _form_values(entity, values)
    cleaned = forms.check_form(entity, given)
    changed = sorted(k for k, v in cleaned.items() if row.fields.get(k) != v)
    with hub.tx() as s:
        county.update_reference(hub, entity, ident, given, session=s)
        auth.audit(hub, viewer, "reference_edit", _label(entity, cleaned), ", ".join(changed), ip=ip, now=now,
                   session=s)


def set_reference_active(hub: HubContext, viewer: Viewer, entity: str, ident: str, active: bool, *, ip: str = "",
                         now: dt.datetime | None = None) -> None:
    """停用 / 恢复 (deputies, departments, categories); for a holiday, 撤销 removes the county's entry (the
    shipped calendar applies to that day again)."""
    _require(viewer, Permission.MANAGE_REFERENCE)
    row = reference_one(hub, entity, ident)
    with hub.tx() as s:
        if entity in forms.HAS_ACTIVE:
            county.update_reference(hub, entity, ident, {"active": "1" if active else "0"}, session=s)
            action = "reference_activate" if active else "reference_deactivate"
        elif active:
            raise DomainError("bad_action", "这条记录没有停用这一说。", message_en="This record cannot be reactivated.")
        else:
            county.commit_hub_change(hub, s, entity, ident, "delete", {}, scope=None)
            action = "reference_remove"
        auth.audit(hub, viewer, action, _label(entity, row.fields), "", ip=ip, now=now, session=s)


# -- stations ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StationRow:
    code: str
    name: str
    state: str  # enrolled | waiting (token or file not used yet) | revoked | new
    bound: bool
    last_seen_at: dt.datetime | None


def fingerprint(hub: HubContext) -> str:
    """The hub key's fingerprint as the enrollment slip prints it (groups of four)."""
    return signing.show(keys.fingerprint(keys.folder_for(hub)))


def station_list(hub: HubContext) -> list[StationRow]:
    with hub.tx() as s:
        rows = s.scalars(select(HubStation).where(HubStation.county_id == hub.county).order_by(HubStation.code)).all()
        out = []
        for r in rows:
            state = ("revoked" if r.revoked_at is not None else "enrolled" if r.station_uuid is not None
                     else "waiting")
            out.append(StationRow(r.code, r.name, state, r.station_uuid is not None, r.last_seen_at))
        return out


def _station_name(name: str) -> str:
    return validate_text(name, field="name", max_len=100).replace("\n", " ")


def add_station(hub: HubContext, viewer: Viewer, name: str, code: str, *, ip: str = "",
                now: dt.datetime | None = None) -> str:
    """Register a new station; its one-time enrollment token (shown once). A code already registered is
    refused here: that station's row offers a new token instead."""
    _require(viewer, Permission.MANAGE_STATIONS)
    name = _station_name(name)
    code = code.strip().upper()
    if code and any(r.code == code for r in station_list(hub)):
        raise ValidationError("duplicate", f"站点代码 {code} 已经登记过。要给它重新生成登记码，请在下面的列表中操作。",
                              field="code", message_en=f"Station {code} is already registered; use its row below "
                                                       "for a new token.")
    token = enrollment.add_station(hub, name, code)
    auth.audit(hub, viewer, "station_add", code, name, ip=ip, now=now)
    return token


def new_token(hub: HubContext, viewer: Viewer, code: str, *, ip: str = "", now: dt.datetime | None = None) -> str:
    """A new one-time token for a registered station (a replacement PC): ``add-station`` again."""
    _require(viewer, Permission.MANAGE_STATIONS)
    row = _station(hub, code)
    token = enrollment.add_station(hub, row.name, row.code)
    auth.audit(hub, viewer, "station_token", row.code, "", ip=ip, now=now)
    return token


def _station(hub: HubContext, code: str) -> StationRow:
    for r in station_list(hub):
        if r.code == code.strip().upper():
            return r
    raise DomainError("unknown_station", f"县级平台上没有代码为 {code} 的联络站。",
                      message_en=f"No station with code {code} at this hub.")


def station(hub: HubContext, code: str) -> StationRow:
    return _station(hub, code)


def enrollment_file(hub: HubContext, viewer: Viewer, code: str, hub_url: str = "", *, ip: str = "",
                    now: dt.datetime | None = None) -> tuple[str, str]:
    """The signed USB enrollment file of a station (``export-enrollment``): (its text, a file name). It holds
    the station's new credential and replaces any token or file given before."""
    _require(viewer, Permission.MANAGE_STATIONS)
    row = _station(hub, code)
    url = hub_url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise ValidationError("bad_url", "县级平台地址应以 https:// 开头，如 https://10.0.0.5:8700，也可以不填。",
                              field="hub_url", message_en="The hub address starts with https://, or leave it empty.")
    text, _summary = bundles.export_enrollment(hub, row.code, url or None)
    auth.audit(hub, viewer, "station_enrollment_file", row.code, url, ip=ip, now=now)
    return text, f"enrollment-{row.code}.json"


def revoke_station(hub: HubContext, viewer: Viewer, code: str, *, ip: str = "", now: dt.datetime | None = None) -> None:
    _require(viewer, Permission.MANAGE_STATIONS)
    row = _station(hub, code)
    enrollment.revoke_station(hub, row.code)
    auth.audit(hub, viewer, "station_revoke", row.code, "", ip=ip, now=now)


def fork_status(hub: HubContext, code: str) -> dict[str, Any]:
    return recovery.fork_status(hub, code)


def resolve_fork(hub: HubContext, viewer: Viewer, code: str, *, ip: str = "", now: dt.datetime | None = None) -> str:
    """A one-time token for the copy of the station's database that carries on (``resolve-fork``)."""
    _require(viewer, Permission.MANAGE_STATIONS)
    row = _station(hub, code)
    token = recovery.resolve_fork(hub, row.code)
    auth.audit(hub, viewer, "station_resolve_fork", row.code, "", ip=ip, now=now)
    return token


# -- conflicts -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictRow:
    """A sync conflict as county staff read it."""

    id: str
    kind: str
    kind_text: str
    station: str  # "HK 河口联络站", or the hub
    record: str  # "案件 HK-2026-0001", "承办单位 县水利局"
    field: str
    kept: str
    lost: str
    kept_at: dt.datetime | None
    lost_at: dt.datetime | None
    detected_at: dt.datetime
    why: str
    handled_at: dt.datetime | None
    handled_by: str
    note: str


def _names(s: Session, hub: HubContext, ids: Iterable[uuid.UUID]) -> dict[str, tuple[str, str, uuid.UUID | None]]:
    """Per record id: (entity, its label or name, its parent) — one query for the page."""
    wanted = sorted(set(ids), key=str)
    out: dict[str, tuple[str, str, uuid.UUID | None]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for entity, ident, label, parent, text in s.execute(select(
                HubRecord.entity, HubRecord.id, HubRecord.label, HubRecord.parent_id, HubRecord.fields).where(
                HubRecord.county_id == hub.county, HubRecord.id.in_(chunk))):
            name = label
            if not name:
                try:
                    f = json.loads(text)
                except ValueError:
                    f = {}
                name = next((str(f[k]) for k in ("name", "title", "date", "code") if f.get(k)), "")
            out[str(ident)] = (entity, str(name or ""), parent)
    return out


def _uuid(text: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text))
    except (ValueError, TypeError):
        return None


def _ids_in(text: str | None) -> list[uuid.UUID]:
    """Record ids a kept or lost value names (``*_id`` fields, a clash's case id)."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    found = []
    if isinstance(value, str) and (u := _uuid(value)) is not None:
        found.append(u)
    if isinstance(value, dict):
        for k, v in value.items():
            if (k.endswith("_id") or k == "case_id") and (u := _uuid(v)) is not None:
                found.append(u)
    return found


def conflicts(hub: HubContext, viewer: Viewer, lang: str = "zh", *, include_handled: bool = False,
              limit: int = 500) -> tuple[list[ConflictRow], int]:
    """The county's sync conflicts in words, newest first (open ones only unless ``include_handled``), and how
    many are open."""
    _require(viewer, Permission.HANDLE_CONFLICTS)
    c, h = HubConflict.__table__, HubConflictHandled.__table__
    with hub.tx() as s:
        q = (select(c, h.c.handled_at, h.c.user_name, h.c.note)
             .select_from(c.outerjoin(h, (h.c.county_id == c.c.county_id) & (h.c.conflict_id == c.c.id)))
             .where(c.c.county_id == hub.county))
        open_q = q.where(h.c.conflict_id.is_(None))
        open_count = s.scalar(open_q.with_only_columns(func.count())) or 0
        rows = s.execute((q if include_handled else open_q).order_by(c.c.detected_at.desc()).limit(limit)).all()
        ids: list[uuid.UUID] = []
        for r in rows:
            if r.entity_id is not None:
                ids.append(r.entity_id)
            ids += _ids_in(r.kept_value) + _ids_in(r.lost_value)
        names = _names(s, hub, ids)
        parents = [p for _e, _n, p in names.values() if p is not None]
        names.update({k: v for k, v in _names(s, hub, parents).items() if k not in names})
        stations = dict(s.execute(select(HubStation.code, HubStation.name).where(
            HubStation.county_id == hub.county)).all())
    hub_words = "县级平台" if lang != "en" else "the hub"

    def lookup(ident: str) -> str | None:
        found = names.get(ident)
        return found[1] if found and found[1] else None

    def record(entity: str, ident: uuid.UUID | None) -> str:
        what = words.record_words(entity, lang)
        found = names.get(str(ident)) if ident else None
        if found is None:
            return f"{what} {str(ident)[:8]}" if ident else what
        if entity == "case_events" and found[2] is not None:
            case = names.get(str(found[2]))
            number = case[1] if case else str(found[2])[:8]
            return (f"案件 {number} 的一条办理记录" if lang != "en" else f"an event of case {number}")
        return f"{what} {found[1] or str(ident)[:8]}"

    out = []
    for r in rows:
        code = r.station_code
        station_text = f"{code} {stations.get(code, '')}".strip() if code else hub_words
        out.append(ConflictRow(
            str(r.id), r.kind, words.kind_words(r.kind, lang), station_text, record(r.entity, r.entity_id),
            words.field_words(r.field, lang),
            words.value_words(r.field, r.kept_value, lang, lookup) if r.kind in ("field", "number_clash") else "",
            words.value_words(r.field, r.lost_value, lang, lookup) if r.kind in ("field", "number_clash") else "",
            words.stamp_time(r.kept_hlc), words.stamp_time(r.lost_hlc), r.detected_at,
            words.why_words(r.kind, r.reason or "", lang), r.handled_at, r.user_name or "", r.note or ""))
    return out, open_count


def mark_handled(hub: HubContext, viewer: Viewer, conflict_id: str, note: str = "", *, ip: str = "",
                 now: dt.datetime | None = None) -> None:
    """已处理: who marked it and when (with what they did), in the audit trail too. The conflict row stays; it is
    marked seen (station health stops counting it)."""
    _require(viewer, Permission.HANDLE_CONFLICTS)
    ident = _uuid(conflict_id)
    note = validate_text(note, field="note", min_len=0, max_len=NOTE_MAX) if note.strip() else ""
    at = now or utcnow()
    with hub.tx() as s:
        row = s.get(HubConflict, (hub.county, ident)) if ident else None
        if row is None:
            raise DomainError("not_found", "没有这条冲突。", message_en="No such conflict.")
        if s.get(HubConflictHandled, (hub.county, ident)) is not None:
            raise DomainError("already_handled", "这条冲突已经标记为已处理。", message_en="This conflict is already marked handled.")
        s.add(HubConflictHandled(county_id=hub.county, conflict_id=ident, handled_at=at,
                                 user_id=_uuid(viewer.user_id), user_name=viewer.name, note=note))
        row.seen = 1
        auth.audit(hub, viewer, "conflict_handled", f"{row.kind}:{row.station_code or 'hub'}:{row.entity}", note,
                   ip=ip, now=at, session=s)

