"""Integrity check: SQLite's own checks plus the domain's (case state = fold of events, no dangling ids)."""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

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
from ...domain.errors import DomainError
from ...domain.vocab import DEPUTY_LEVELS, TRIAGE_COLOURS, URGENCY, VISIT_CHANNELS
from ...domain.workflow import Event, EventKind, Role, Status, fold

log = logging.getLogger(__name__)

DERIVED_COMPARED = ("status", "department_id", "deadline", "resolution", "satisfaction", "escalation_level",
                    "reopen_count", "closed_at", "event_count", "last_event_hlc", "anomaly_count")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cases_checked: int = 0
    rows_checked: int = 0
    damaged: bool = False  # the file itself is damaged: the domain checks could not all run

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
    try:
        with db.session(write=False) as s:
            report.problems += sqlite_checks(s)
            if report.problems:
                report.damaged = True
                report.problems.insert(0, "数据库文件已损坏：SQLite 的完整性检查发现下列问题。" + _RESTORE_HINT)
            if db.station_id() is None:
                report.warnings.append("本机尚未设置联络站")
            elif s.get(Station, db.station_id()) is None:
                report.problems.append("本机记录的联络站不存在")
            _check_cases(s, report)
            _check_vocab(s, report)
            _check_outbox(s, db, report)
    except Exception as exc:  # a damaged page stops the reading: say so (the rest could not be checked)
        problem = classify_error(exc, db.path)
        if problem is None:
            raise
        log.warning("check stopped: %s", exc)
        report.damaged = True
        report.problems.insert(0, problem.message)
    return report


# -- the file itself (issue 17, item 6) ---------------------------------------------------------------------
# ``check`` must tell the truth about a damaged file: a 0-byte or cut-short database is damage (only ``init``
# gives a file a schema), a damaged page is named, a read-only folder is called read-only, and a file that is
# not a database (or whose key is not this PC's) says so. These look at the file before SQLite does, and
# read SQLite's (or SQLCipher's) error when it stops: they work on plain and encrypted files alike.
_RESTORE_HINT = ("请不要继续在这台电脑上登记；先把整个数据目录复制一份留存，再用最近的备份恢复（liaison-desk restore），"
                 "或联系技术支持。")
_RESTORE_HINT_EN = ("Stop registering on this PC; copy the whole data folder aside, then restore the latest backup "
                    "(liaison-desk restore), or call support.")
PLAIN_HEADER = b"SQLite format 3\x00"
EXIT_DAMAGED = 3  # as a failed check: the file was checked and is not sound


@dataclass(frozen=True)
class FileProblem:
    """What is wrong with the database file, in words; ``damaged`` problems exit 3 from ``check``."""

    code: str  # empty | truncated | damaged | not_database | read_only | busy
    message: str
    message_en: str

    @property
    def damaged(self) -> bool:
        return self.code in ("empty", "truncated", "damaged", "not_database")

    def localized(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message


def _problem(code: str, path: Path) -> FileProblem:
    data = path.parent
    texts = {
        "empty": (f"数据库文件 {path} 是空的（0 字节），已经损坏：其中的数据已经丢失（可能在写入时断电或磁盘出错）。"
                  "程序不会在这个文件里建立新的数据库。" + _RESTORE_HINT,
                  f"The database file {path} is empty (0 bytes): its data is lost (a power cut or a disk error "
                  f"while writing). " + _RESTORE_HINT_EN + " The program will not start a new database in it."),
        "truncated": (f"数据库文件 {path} 不完整，已经损坏（比它应有的长度短，可能拷贝未完成或磁盘出错）。" + _RESTORE_HINT,
                      f"The database file {path} is incomplete (shorter than it records: an unfinished copy or a "
                      f"disk error). " + _RESTORE_HINT_EN),
        "damaged": (f"数据库文件 {path} 已损坏（部分内容无法读出）。" + _RESTORE_HINT,
                    f"The database file {path} is damaged (parts of it cannot be read). " + _RESTORE_HINT_EN),
        "not_database": ((f"文件 {path} 不是联络站值班台的数据库，或者本机保存的密钥与它不匹配（也可能文件开头已损坏）。"
                         "程序没有改动它。如果它是从别的电脑拷来的，请用恢复码解锁（liaison-desk recover-key）；"
                         "否则请用备份恢复。"),
                         (f"{path} is not a LiaisonDesk database, or the key kept on this PC does not open it (or its "
                         "beginning is damaged). It was not touched. If it came from another PC, unlock it with its "
                         "recovery code (liaison-desk recover-key); otherwise restore a backup.")),
        "read_only": ((f"数据目录 {data} 是只读的（本账户不能在其中写入）：程序无法打开数据库。数据没有改动。"
                      "请检查这个文件夹的权限（或 U 盘、网络盘的写保护），然后再试。"),
                      (f"The data folder {data} is read-only (this account cannot write in it): the database cannot "
                      "be opened. Nothing was changed. Check the folder's permissions (or a write-protected stick or "
                      "network drive) and try again.")),
        "busy": (f"数据库 {path} 正被另一个程序占用（可能值班台窗口还开着，或正在备份）。请稍后再试。",
                 f"The database {path} is in use by another program (the desk window, or a backup). Try again later."),
    }
    zh, en = texts[code]
    return FileProblem(code, zh, en)


class DatabaseFileProblem(DomainError):
    """The database file cannot be used as it is; ``problem`` says how (``check`` exits 3 on damage)."""

    def __init__(self, problem: FileProblem):
        super().__init__(f"database_{problem.code}", problem.message, message_en=problem.message_en)
        self.problem = problem


def refuse_unusable_file(path: Path) -> None:
    """Before a station database is opened: a 0-byte or cut-short file is damage, never a new database (a
    fresh schema would hide the loss: the set-up wizard, a new station over the old one), and a read-only
    folder is said to be read-only rather than "not a database"."""
    problem = inspect_file(path)
    if problem is not None:
        raise DatabaseFileProblem(problem)


def inspect_file(path: Path) -> FileProblem | None:
    """What can be told of the database file without opening it: missing (None: the caller says so), read-only
    folder or file, 0 bytes, or (a plain SQLite file) not whole pages or shorter than its header says."""
    data = path.parent
    if not path.exists():
        return None
    if not os.access(data, os.W_OK) or not os.access(path, os.W_OK):
        return _problem("read_only", path)
    size = path.stat().st_size
    if size == 0:
        return _problem("empty", path)
    with open(path, "rb") as fh:
        head = fh.read(100)
    if head.startswith(PLAIN_HEADER) and len(head) == 100:
        raw = int.from_bytes(head[16:18], "big")
        page_size = 65536 if raw == 1 else raw
        pages = int.from_bytes(head[28:32], "big")
        counter_valid = head[24:28] == head[92:96]  # the in-header size is trusted only then (SQLite's rule)
        wal = Path(f"{path}-wal")
        wal_pending = wal.exists() and wal.stat().st_size > 0  # a checkpoint under way may still grow the file
        if page_size and (size % page_size or (counter_valid and not wal_pending and size < pages * page_size)):
            return _problem("truncated", path)
    # An encrypted (or foreign) file has no readable header: opening it tells (``classify_error``).
    return None


_SIGNS = (
    ("busy", ("database is locked", "database is busy")),
    ("read_only", ("readonly", "read-only", "read only")),
    ("damaged", ("malformed", "corrupt", "disk i/o error", "hmac check failed")),
    ("not_database", ("file is not a database", "not a database", "file is encrypted")),
)


def classify_error(exc: BaseException, path: Path) -> FileProblem | None:
    """A database error (sqlite3's, sqlcipher3's, SQLAlchemy's wrapping one, or the open's refusal raised
    from one) as a ``FileProblem``; ``None`` for anything else (a bug: the caller logs it)."""
    seen: set[int] = set()
    chain: list[BaseException] = []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)  # type: ignore[assignment]
    for found in chain:
        if type(found).__name__ not in ("DatabaseError", "OperationalError", "IntegrityError", "ProgrammingError",
                                        "InternalError", "NotSupportedError", "DBAPIError", "Error"):
            continue
        text = str(found).lower()
        for code, signs in _SIGNS:
            if any(sign in text for sign in signs):
                return _problem(code, path)
        if "unable to open database file" in text and not os.access(path.parent, os.W_OK):
            return _problem("read_only", path)
    return None
