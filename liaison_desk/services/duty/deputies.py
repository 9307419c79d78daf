"""Deputies (人大代表), deputy groups, public-welfare staff: create, update, end a term without losing the
history, and import/export of the deputy list as CSV or Excel with per-row errors in Chinese."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.changes import revive, tombstone
from ...db.database import Database
from ...db.models import Deputy, DeputyGroup, DeputyGroupMember, StaffMember, StationAssignment
from ...domain.errors import DomainError
from ...domain.ids import natural_id, new_id
from ...domain.roster import ROSTER_ROLES
from ...domain.timeutil import local_today
from ...domain.validation import validate_date, validate_person_name, validate_phone, validate_text
from ...domain.vocab import DEPUTY_LEVELS, GROUP_ROLES, check_choice, label
from ...domain.workflow import Role
from ..admin import audit
from ..context import Actor
from .record import as_uuid

_MANAGERS = (Role.STAFF, Role.ADMIN)


@dataclass(frozen=True)
class DeputyInput:
    name: str
    level: str = "township"
    constituency: str = ""
    sector: str = ""
    phone: str | None = None
    code: str | None = None  # duty card number (代表证号)
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    duty_role: str | None = "rotating"  # at this station: fixed | rotating | None (not assigned here)
    group: str = ""  # deputy group name at this station ("" = none)
    group_role: str = "member"


@dataclass(frozen=True)
class DeputyView:
    id: str
    name: str
    level: str
    constituency: str
    sector: str
    phone: str | None
    code: str | None
    active: bool
    active_from: dt.date | None
    active_until: dt.date | None
    duty_role: str | None
    groups: tuple[tuple[str, str], ...] = field(default=())  # (group name, role)

    @property
    def level_zh(self) -> str:
        return label(DEPUTY_LEVELS, self.level)


def validate_deputy(d: DeputyInput) -> DeputyInput:
    name = validate_person_name(d.name)
    if not d.level:
        raise DomainError("level_missing", "请选择代表层级。", field="level", message_en="Choose the deputy's level.")
    level = check_choice(d.level, DEPUTY_LEVELS, field="level", what="代表层级")
    phone = validate_phone(d.phone) if d.phone else None
    code = validate_text(d.code, field="code", max_len=32) if d.code else None
    constituency = validate_text(d.constituency, field="constituency", min_len=0, max_len=100) if d.constituency else ""
    sector = validate_text(d.sector, field="sector", min_len=0, max_len=100) if d.sector else ""
    if d.active_from and d.active_until and d.active_until < d.active_from:
        raise DomainError("bad_active_dates", "任期结束日期早于开始日期。", field="active_until",
                          message_en="The term ends before it starts.")
    if d.duty_role is not None:
        check_choice(d.duty_role, ROSTER_ROLES, field="duty_role", what="值班方式")
    group = validate_text(d.group, field="group", max_len=100) if d.group else ""
    check_choice(d.group_role, GROUP_ROLES, field="group_role", what="小组职务")
    return replace(d, name=name, level=level, phone=phone, code=code, constituency=constituency, sector=sector,
                   group=group)


def _view(s: Session, dep: Deputy, station: uuid.UUID | None) -> DeputyView:
    role = s.scalar(select(StationAssignment.duty_role).where(
        StationAssignment.deputy_id == dep.id, StationAssignment.station_id == station,
        StationAssignment.deleted_hlc.is_(None))) if station else None
    groups = tuple(s.execute(select(DeputyGroup.name, DeputyGroupMember.role)
                             .join(DeputyGroup, DeputyGroup.id == DeputyGroupMember.group_id)
                             .where(DeputyGroupMember.deputy_id == dep.id, DeputyGroupMember.deleted_hlc.is_(None))
                             .order_by(DeputyGroup.name)).all())
    return DeputyView(str(dep.id), dep.name, dep.level, dep.constituency, dep.sector, dep.phone, dep.code, dep.active,
                      dep.active_from, dep.active_until, role, tuple((g, r) for g, r in groups))


def _apply(s: Session, dep: Deputy, d: DeputyInput, station: uuid.UUID | None) -> None:
    dep.name, dep.level, dep.constituency, dep.sector = d.name, d.level, d.constituency, d.sector
    dep.phone, dep.code, dep.active_from, dep.active_until = d.phone, d.code, d.active_from, d.active_until
    dep.active = d.active_until is None or d.active_until >= local_today()
    if station is not None and d.duty_role is not None:
        ident = natural_id("assignment", station, dep.id)
        a = s.get(StationAssignment, ident)
        if a is None:
            s.add(StationAssignment(id=ident, station_id=station, deputy_id=dep.id, duty_role=d.duty_role,
                                    start_date=d.active_from, end_date=d.active_until))
        else:
            a.duty_role, a.end_date = d.duty_role, d.active_until
            revive(a)
    if station is not None and d.group:
        gid = _group_id(s, station, d.group)
        _set_member(s, gid, dep.id, d.group_role)


def create_deputy(db: Database, actor: Actor, d: DeputyInput) -> DeputyView:
    """A new deputy, assigned to this station (fixed or rotating) unless ``duty_role`` is None."""
    actor.require(*_MANAGERS, what="登记代表")
    d = validate_deputy(d)
    with db.session() as s:
        _unique_code(s, d.code, None)
        dep = Deputy(id=new_id())
        s.add(dep)
        _apply(s, dep, d, db.station_id())
        s.flush()
        audit.append(s, db, actor, "admin_deputy", dep.name, "登记代表")  # issue 17
        return _view(s, dep, db.station_id())


def update_deputy(db: Database, actor: Actor, deputy_id: object, d: DeputyInput) -> DeputyView:
    actor.require(*_MANAGERS, what="修改代表信息")
    d = validate_deputy(d)
    with db.session() as s:
        dep = _get(s, deputy_id)
        _unique_code(s, d.code, dep.id)
        _apply(s, dep, d, db.station_id())
        s.flush()
        audit.append(s, db, actor, "admin_deputy", dep.name, "修改代表信息")  # issue 17
        return _view(s, dep, db.station_id())


def end_term(db: Database, actor: Actor, deputy_id: object, until: dt.date | str) -> DeputyView:
    """A term ends or a deputy resigns: active until ``until``; every record of theirs is kept."""
    actor.require(*_MANAGERS, what="办理代表离任")
    until = validate_date(until, field="until")
    with db.session() as s:
        dep = _get(s, deputy_id)
        if dep.active_from and until < dep.active_from:
            raise DomainError("bad_active_dates", "离任日期早于任期开始日期。", field="until",
                              message_en="The end date is before the term started.")
        dep.active_until = until
        dep.active = until >= local_today()
        for a in s.scalars(select(StationAssignment).where(StationAssignment.deputy_id == dep.id,
                                                           StationAssignment.deleted_hlc.is_(None))):
            a.end_date = until
        s.flush()
        audit.append(s, db, actor, "admin_deputy", dep.name, f"离任 {until:%Y-%m-%d}")  # issue 17
        return _view(s, dep, db.station_id())


def list_deputy_records(db: Database, *, include_inactive: bool = True, station_only: bool = False
                        ) -> list[DeputyView]:
    """The deputy register: every deputy (or the active ones, or those assigned here) with their groups and
    assignments, by name."""
    with db.session(write=False) as s:
        q = select(Deputy).where(Deputy.deleted_hlc.is_(None))
        if not include_inactive:
            q = q.where(Deputy.active.is_(True))
        if station_only:
            q = q.join(StationAssignment, StationAssignment.deputy_id == Deputy.id).where(
                StationAssignment.station_id == db.station_id(), StationAssignment.deleted_hlc.is_(None))
        return [_view(s, d, db.station_id()) for d in s.scalars(q.order_by(Deputy.name, Deputy.id))]


def _get(s: Session, deputy_id: object) -> Deputy:
    dep = s.get(Deputy, as_uuid(deputy_id))
    if dep is None or dep.deleted_hlc is not None:
        raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
    return dep


def _unique_code(s: Session, code: str | None, own: uuid.UUID | None) -> None:
    if not code:
        return
    other = s.scalar(select(Deputy.id).where(Deputy.code == code, Deputy.deleted_hlc.is_(None)))
    if other is not None and other != own:
        raise DomainError("duplicate_code", f"代表证号“{code}”已经登记给另一位代表。", field="code",
                          message_en=f"Card number {code!r} belongs to another deputy.")


# -- groups and staff ---------------------------------------------------------------------------------------

def _group_id(s: Session, station: uuid.UUID | None, name: str) -> uuid.UUID:
    gid = s.scalar(select(DeputyGroup.id).where(DeputyGroup.name == name, DeputyGroup.station_id == station,
                                                DeputyGroup.deleted_hlc.is_(None)))
    if gid is None:
        gid = new_id()
        s.add(DeputyGroup(id=gid, name=name, station_id=station))
    return gid


def _set_member(s: Session, group_id: uuid.UUID, deputy_id: uuid.UUID, role: str) -> None:
    ident = natural_id("group-member", group_id, deputy_id)
    m = s.get(DeputyGroupMember, ident)
    if m is None:
        s.add(DeputyGroupMember(id=ident, group_id=group_id, deputy_id=deputy_id, role=role))
    else:
        m.role = role
        revive(m)


def set_group_member(db: Database, actor: Actor, group: str, deputy_id: object, role: str = "member") -> DeputyView:
    """Put a deputy in a group of this station (created when new) as leader, deputy leader, liaison officer
    or member."""
    actor.require(*_MANAGERS, what="调整代表小组")
    group = validate_text(group, field="group", max_len=100)
    check_choice(role, GROUP_ROLES, field="role", what="小组职务")
    with db.session() as s:
        dep = _get(s, deputy_id)
        _set_member(s, _group_id(s, db.station_id(), group), dep.id, role)
        audit.append(s, db, actor, "admin_deputy", dep.name, f"加入小组 {group}")  # issue 17
        s.flush()
        return _view(s, dep, db.station_id())


def remove_group_member(db: Database, actor: Actor, group: str, deputy_id: object) -> None:
    actor.require(*_MANAGERS, what="调整代表小组")
    with db.session() as s:
        dep = _get(s, deputy_id)
        gid = s.scalar(select(DeputyGroup.id).where(DeputyGroup.name == group, DeputyGroup.deleted_hlc.is_(None)))
        m = s.get(DeputyGroupMember, natural_id("group-member", gid, dep.id)) if gid else None
        if m is None or m.deleted_hlc is not None:
            raise DomainError("not_member", f"{dep.name}不在“{group}”中。", message_en="Not a member of that group.")
        tombstone(m)
        audit.append(s, db, actor, "admin_deputy", dep.name, f"移出小组 {group}")  # issue 17


def add_staff_member(db: Database, actor: Actor, name: str, post: str = "公益岗工作人员",
                     phone: str | None = None) -> str:
    """A staff member (public-welfare post, township staff) beside the deputies; returns the new id."""
    actor.require(*_MANAGERS, what="登记工作人员")
    name = validate_person_name(name)
    post = validate_text(post, field="post", max_len=100)
    phone = validate_phone(phone) if phone else None
    with db.session() as s:
        row = StaffMember(id=new_id(), name=name, post=post, phone=phone, station_id=db.station_id())
        s.add(row)
        audit.append(s, db, actor, "admin_staff", name, post)  # issue 17
        return str(row.id)


# -- import and export --------------------------------------------------------------------------------------

COLUMNS = ("姓名", "代表层级", "选区", "界别", "联系电话", "代表证号", "值班方式", "代表小组", "小组职务", "任期开始",
           "任期结束")
_LEVEL_BY_ZH = {zh: k for k, (zh, _) in DEPUTY_LEVELS.items()} | {zh[:-4]: k for k, (zh, _) in DEPUTY_LEVELS.items()} \
    | {zh[:-4] + "级": k for k, (zh, _) in DEPUTY_LEVELS.items()}  # 县 / 县级 / 县人大代表
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas (CSV injection)


def _inert(value: str) -> str:
    """A CSV cell that Excel shows as the text it is: a leading ' stops "=…" from running as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _uninert(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value
_ROLE_BY_ZH = {zh: k for k, (zh, _) in ROSTER_ROLES.items()} | {"固定": "fixed", "轮值": "rotating", "": "rotating"}
_GROUP_ROLE_BY_ZH = {zh: k for k, (zh, _) in GROUP_ROLES.items()} | {"": "member"}


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    errors: tuple[RowError, ...]


def _read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
            raise DomainError("bad_file", f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式。",
                              message_en=f"Cannot read {path.name} as an Excel workbook.") from exc
        # A workbook may name a sheet that is not there as the active one: then its first sheet is the list.
        ws = wb.active or (wb.worksheets[0] if wb.worksheets else None)
        if ws is None:
            wb.close()
            raise DomainError("bad_file", f"Excel 文件 {path.name} 里没有工作表。",
                              message_en=f"{path.name} has no worksheet.")
        rows = [["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime) else str(v)).strip()
                 for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DomainError("bad_encoding", f"{path.name} 的文字编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV。",
                          message_en="Unknown text encoding; save the CSV as UTF-8.")
    return [[_uninert(c.strip()) for c in r] for r in csv.reader(io.StringIO(text))]


def _parse_row(values: dict[str, str]) -> DeputyInput:
    level = values.get("代表层级", "")
    if level not in _LEVEL_BY_ZH and level not in DEPUTY_LEVELS:
        allowed = "、".join(zh for zh, _ in DEPUTY_LEVELS.values())
        raise DomainError("bad_choice", f"代表层级“{level}”无效，应为：{allowed}。", field="level",
                          message_en=f"Invalid level {level!r}.")
    duty = values.get("值班方式", "")
    if duty not in _ROLE_BY_ZH and duty not in ROSTER_ROLES:
        raise DomainError("bad_choice", f"值班方式“{duty}”无效，应为：固定在站、轮流值班。", field="duty_role",
                          message_en=f"Invalid duty role {duty!r}: fixed or rotating.")
    grole = values.get("小组职务", "")
    if grole not in _GROUP_ROLE_BY_ZH and grole not in GROUP_ROLES:
        raise DomainError("bad_choice", f"小组职务“{grole}”无效，应为：组长、副组长、联络员、组员。", field="group_role",
                          message_en=f"Invalid group role {grole!r}.")
    start, end = values.get("任期开始"), values.get("任期结束")
    return validate_deputy(DeputyInput(
        name=values.get("姓名", ""), level=_LEVEL_BY_ZH.get(level, level), constituency=values.get("选区", ""),
        sector=values.get("界别", ""), phone=values.get("联系电话") or None, code=values.get("代表证号") or None,
        duty_role=_ROLE_BY_ZH.get(duty, duty), group=values.get("代表小组", ""),
        group_role=_GROUP_ROLE_BY_ZH.get(grole, grole),
        active_from=validate_date(start, field="active_from") if start else None,
        active_until=validate_date(end, field="active_until") if end else None))


def import_deputies(db: Database, actor: Actor, path: str | Path, *, dry_run: bool = False) -> ImportResult:
    """Import a deputy list (CSV or .xlsx, first row = the headings of ``COLUMNS``). A deputy is matched by
    card number, else by name and phone. Good rows are saved in one transaction; each bad row is reported
    with its row number and the reason, and nothing already saved is touched by it."""
    actor.require(*_MANAGERS, what="导入代表名单")
    path = Path(path)
    if not path.is_file():
        raise DomainError("no_file", f"找不到文件：{path}", message_en=f"No such file: {path}")
    rows = _read_rows(path)
    if not rows or "姓名" not in rows[0]:
        raise DomainError("bad_header", "第 1 行应为表头，并至少包含“姓名”“代表层级”两列。",
                          message_en="Row 1 must be the header, with at least 姓名 and 代表层级.")
    header = rows[0]
    errors, parsed = [], []
    for n, r in enumerate(rows[1:], start=2):
        if not any(r):
            continue
        values = {h: (r[i] if i < len(r) else "") for i, h in enumerate(header)}
        try:
            parsed.append((n, _parse_row(values)))
        except DomainError as exc:
            errors.append(RowError(n, f"第 {n} 行：{exc.message}"))
    created = updated = 0
    seen_codes: dict[str, int] = {}
    for n, d in parsed:
        if d.code and d.code in seen_codes:
            errors.append(RowError(n, f"第 {n} 行：代表证号“{d.code}”与第 {seen_codes[d.code]} 行重复。"))
        elif d.code:
            seen_codes[d.code] = n
    bad = {e.row for e in errors}
    with db.session(write=not dry_run) as s:
        station = db.station_id()
        for n, d in parsed:
            if n in bad:
                continue
            q = select(Deputy).where(Deputy.deleted_hlc.is_(None))
            q = q.where(Deputy.code == d.code) if d.code else q.where(Deputy.name == d.name, Deputy.phone == d.phone)
            dep = s.scalars(q).first()
            if dep is None:
                dep = Deputy(id=new_id())
                s.add(dep)
                created += 1
            else:
                updated += 1
            _apply(s, dep, d, station)
            s.flush()
        if dry_run:
            s.rollback()
        else:
            audit.append(s, db, actor, "admin_deputy", path.name, f"导入代表名单：新增 {created}，更新 {updated}")
    return ImportResult(created, updated, tuple(sorted(errors, key=lambda e: e.row)))


def deputy_rows(db: Database) -> list[list[str]]:
    """The deputy list as rows of text under ``COLUMNS`` (what export writes, and import reads back)."""
    rows = []
    roles = {k: zh for k, (zh, _) in ROSTER_ROLES.items()}
    for d in list_deputy_records(db):
        group, grole = d.groups[0] if d.groups else ("", "")
        rows.append([d.name, d.level_zh, d.constituency, d.sector, d.phone or "", d.code or "",
                     roles.get(d.duty_role or "", ""), group, label(GROUP_ROLES, grole) if grole else "",
                     d.active_from.isoformat() if d.active_from else "",
                     d.active_until.isoformat() if d.active_until else ""])
    return rows


def export_deputies(db: Database, path: str | Path, *, actor: Actor | None = None) -> int:
    """Write the deputy list to ``path`` (.xlsx as Excel, anything else as UTF-8 CSV with a BOM so Excel
    opens it in Chinese); returns the number of deputies. Written aside first, then renamed."""
    path = Path(path)
    rows = deputy_rows(db)
    tmp = path.with_name(path.name + ".part")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None  # a new workbook has one sheet
        ws.title = "代表名单"
        ws.append(list(COLUMNS))
        for n, r in enumerate(rows, start=2):
            for c, v in enumerate(r, start=1):
                cell = ws.cell(n, c, v)
                cell.data_type = "s"  # text, never a formula, whatever it starts with
        for col, width in zip("ABCDEFGHIJK", (10, 14, 16, 14, 15, 12, 10, 14, 10, 12, 12), strict=True):
            ws.column_dimensions[col].width = width
        wb.save(tmp)
    else:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            w.writerows([_inert(v) for v in r] for r in rows)
    tmp.replace(path)
    audit.record(db, actor, "export", "代表名单", f"{path.suffix.lstrip('.') or '文件'}，{len(rows)} 位")  # issue 17
    return len(rows)
