"""Console accounts, sign-in and sessions, and the console's audit trail: services over the hub's database.

Passwords are argon2 hashes; a new or reset account gets a one-time password that must be changed at the
first sign-in. Sign-in is throttled per name and per address from the audit trail itself (so every worker
process of ``serve --workers N`` sees the same failures). A session is a random token in an HttpOnly cookie;
the hub keeps its SHA-256, when it was last used (idle limit) and when it ends (absolute limit), and the
session's CSRF token. ``audit`` appends one hash-chained line per view, search or export of personal data
and per account change; ``verify_audit`` walks the chain.

Every function is one transaction. Times are naive UTC (as the rest of the hub); ``now`` lets tests drive the
clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...domain.access import ROLE_LABELS, Role, Viewer
from ...domain.errors import DomainError, ValidationError
from ...domain.timeutil import utcnow
from ..context import HubContext
from ..schema import HubRecord
from .schema import ConsoleAuditEntry, HubSession, HubUser
from .signin_schema import HubSignInPending

#: argon2id with the library's defaults (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes): ~50 ms
#: a hash on an idle office server. Tests swap in a cheap one (``use_hasher``); a hash keeps its own parameters.
_hasher = PasswordHasher()
GENESIS = "0" * 64
#: a sign-in whose outcome was never recorded (its worker died mid-check) stops counting after this
PENDING_FOR = dt.timedelta(minutes=2)
#: one-time passwords: no 0/O, 1/l/I, so they can be read out over the phone
_OTP_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class ConsolePolicy:
    """How long sessions last and how sign-in is throttled (configurable per hub)."""

    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)
    #: failures of one name, in a row, before each further attempt waits (``first_wait``, doubling)
    name_failures: int = 5
    #: failures from one address within ``ip_window`` before it waits (an office shares one address)
    ip_failures: int = 20
    ip_window: dt.timedelta = dt.timedelta(minutes=15)
    first_wait: dt.timedelta = dt.timedelta(seconds=30)
    max_wait: dt.timedelta = dt.timedelta(minutes=15)
    min_password: int = 10
    #: ``last_seen`` is written at most this often (a page view is not a write each time)
    touch_every: dt.timedelta = dt.timedelta(minutes=1)


DEFAULT_POLICY = ConsolePolicy()


@dataclass(frozen=True)
class UserRow:
    """A console account as the users page lists it."""

    id: uuid.UUID
    name: str
    role: Role
    township: str | None
    department: str | None
    active: bool
    must_change: bool
    created_at: dt.datetime
    last_sign_in_at: dt.datetime | None

    @property
    def role_label(self) -> tuple[str, str]:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class ConsoleSession:
    """A valid session: who it is, the form token its POSTs must carry, and whether the password must change."""

    viewer: Viewer
    csrf: str
    must_change: bool
    token_hash: str


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    user_name: str
    role: str
    action: str
    target: str
    detail: str
    ip: str


class SignInRefused(DomainError):
    """Wrong name or password, an inactive account, or too many failures (``wait_seconds`` set)."""

    def __init__(self, code: str, message: str, message_en: str, wait_seconds: int | None = None):
        super().__init__(code, message, message_en=message_en)
        self.wait_seconds = wait_seconds


# -- passwords -----------------------------------------------------------------------------------------------
def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Hash new passwords with ``hasher`` from now on; returns the one used so far."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_dummy: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash of no one's password, made as real ones are: an unknown name costs the same time to refuse."""
    key = id(_hasher)
    if key not in _dummy:
        _dummy[key] = _hasher.hash(secrets.token_hex(16))
    return _dummy[key]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def one_time_password() -> str:
    return "".join(secrets.choice(_OTP_ALPHABET) for _ in range(12))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else utcnow()


def _tx(hub: HubContext) -> Session:
    return Session(hub.engine, expire_on_commit=False)


# -- accounts ------------------------------------------------------------------------------------------------
def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def check_account(s: Session, hub: HubContext, name: str, role: str, township: str | None,
                  department: str | None) -> tuple[str, Role, str | None, str | None]:
    """The account's fields, checked: a clear refusal at the field at fault."""
    name = (name or "").strip()
    if not name or len(name) > 60 or any(c.isspace() for c in name):
        raise ValidationError("bad_name", "账号名不能为空、不能含空格，最长 60 个字。", field="name",
                              message_en="The account name must be 1-60 characters without spaces.")
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("bad_role", "请选择角色：" + "、".join(z for z, _ in ROLE_LABELS.values()) + "。",
                              field="role", message_en="Choose a role: " + ", ".join(r for r in Role)) from None
    township, department = _clean(township), _clean(department)
    if r is Role.TOWNSHIP_STAFF:
        if not township:
            raise ValidationError("no_township", "乡镇人大工作人员的账号需要填写乡镇。", field="township",
                                  message_en="A township staff account needs its township.")
        department = None
    elif r is Role.DEPARTMENT:
        if not department:
            raise ValidationError("no_department", "承办单位联络员的账号需要填写承办单位。", field="department",
                                  message_en="A department liaison account needs its department.")
        if department not in departments(hub, session=s):
            raise ValidationError("unknown_department",
                                  f"基础资料里没有承办单位“{department}”，请先在基础资料中添加，或检查名称是否一致。",
                                  field="department",
                                  message_en=f"No department named {department!r} in the reference data; add it "
                                             "first or check the spelling.")
        township = None
    else:
        township = department = None
    return name, r, township, department


def departments(hub: HubContext, *, session: Session | None = None) -> list[str]:
    """The departments' names in the reference data (not deleted), for the account form."""
    def read(s: Session) -> list[str]:
        rows = s.scalars(select(HubRecord.label).where(
            HubRecord.county_id == hub.county, HubRecord.entity == "departments",
            HubRecord.deleted_hlc.is_(None), HubRecord.label.is_not(None)).order_by(HubRecord.label))
        return [r for r in rows if r]

    if session is not None:
        return read(session)
    with _tx(hub) as s:
        return read(s)


def add_user(hub: HubContext, name: str, role: str, township: str | None = None, department: str | None = None,
             *, by: Viewer | None = None, ip: str = "", now: dt.datetime | None = None) -> str:
    """Create an account; returns its one-time password (to be changed at the first sign-in)."""
    password = one_time_password()
    at = _now(now)
    with _tx(hub) as s, s.begin():
        name, r, township, department = check_account(s, hub, name, role, township, department)
        if s.scalar(select(HubUser.id).where(HubUser.county_id == hub.county, HubUser.name == name)) is not None:
            raise ValidationError("name_taken", f"账号名“{name}”已经有人使用，请换一个。", field="name",
                                  message_en=f"The account name {name!r} is taken.")
        s.add(HubUser(county_id=hub.county, id=uuid.uuid4(), name=name, role=r.value, township=township,
                      department=department, password_hash=hash_password(password), must_change=True,
                      active=True, created_at=at))
        try:
            s.flush()
        except IntegrityError:  # the same name added at the same moment elsewhere
            raise ValidationError("name_taken", f"账号名“{name}”已经有人使用，请换一个。", field="name",
                                  message_en=f"The account name {name!r} is taken.") from None
        where = township or department or ""
        _append(s, hub, by, "user_add", name, f"{ROLE_LABELS[r][0]} {where}".strip(), ip, at)
    return password


def _user_row(u: HubUser) -> UserRow:
    return UserRow(u.id, u.name, Role(u.role), u.township, u.department, u.active, u.must_change, u.created_at,
                   u.last_sign_in_at)


def users(hub: HubContext) -> list[UserRow]:
    with _tx(hub) as s:
        rows = s.scalars(select(HubUser).where(HubUser.county_id == hub.county)
                         .order_by(HubUser.active.desc(), HubUser.role, HubUser.name))
        return [_user_row(u) for u in rows]


def _find_user(s: Session, hub: HubContext, *, name: str | None = None, user_id: uuid.UUID | None = None) -> HubUser:
    q = select(HubUser).where(HubUser.county_id == hub.county)
    q = q.where(HubUser.id == user_id) if user_id is not None else q.where(HubUser.name == (name or "").strip())
    user = s.scalar(q.with_for_update())
    if user is None:
        raise DomainError("unknown_user", f"没有账号“{name or user_id}”。", message_en=f"No account {name or user_id}.")
    return user


def reset_password(hub: HubContext, *, name: str | None = None, user_id: uuid.UUID | None = None,
                   by: Viewer | None = None, ip: str = "", now: dt.datetime | None = None) -> str:
    """A new one-time password for an account (it is active again, its sessions end); returns it."""
    password = one_time_password()
    at = _now(now)
    with _tx(hub) as s, s.begin():
        user = _find_user(s, hub, name=name, user_id=user_id)
        user.password_hash, user.must_change, user.active = hash_password(password), True, True
        s.execute(delete(HubSession).where(HubSession.county_id == hub.county, HubSession.user_id == user.id))
        _append(s, hub, by, "user_reset", user.name, "", ip, at)
    return password


def set_active(hub: HubContext, user_id: uuid.UUID, active: bool, *, by: Viewer | None = None, ip: str = "",
               now: dt.datetime | None = None) -> str:
    """Deactivate (its sessions end at once) or reactivate an account; returns its name."""
    at = _now(now)
    with _tx(hub) as s, s.begin():
        user = _find_user(s, hub, user_id=user_id)
        if not active and by is not None and by.user_id == str(user.id):
            raise DomainError("self_deactivate", "不能停用自己正在使用的账号。",
                              message_en="You cannot deactivate the account you are signed in with.")
        user.active = active
        if not active:
            s.execute(delete(HubSession).where(HubSession.county_id == hub.county, HubSession.user_id == user.id))
        _append(s, hub, by, "user_activate" if active else "user_deactivate", user.name, "", ip, at)
        return user.name


def set_password(hub: HubContext, name: str, password: str, *, must_change: bool = False) -> None:
    """Set an account's password directly (tests and the command line; no policy check, no audit line)."""
    with _tx(hub) as s, s.begin():
        user = _find_user(s, hub, name=name)
        user.password_hash, user.must_change = hash_password(password), must_change


def check_new_password(password: str, old_password: str, policy: ConsolePolicy = DEFAULT_POLICY) -> None:
    if len(password) < policy.min_password:
        raise ValidationError("short_password", f"新密码至少 {policy.min_password} 个字符。", field="new",
                              message_en=f"The new password needs at least {policy.min_password} characters.")
    if password == old_password:
        raise ValidationError("same_password", "新密码不能与原密码（或一次性密码）相同。", field="new",
                              message_en="The new password must differ from the current (one-time) one.")


def change_password(hub: HubContext, who: ConsoleSession, old_password: str, new_password: str, confirm: str, *,
                    policy: ConsolePolicy = DEFAULT_POLICY, ip: str = "", now: dt.datetime | None = None) -> None:
    """The signed-in user sets their own password; their other sessions end."""
    at = _now(now)
    with _tx(hub) as s, s.begin():
        user = _find_user(s, hub, user_id=uuid.UUID(who.viewer.user_id))
        if not _verify(user.password_hash, old_password):
            raise ValidationError("wrong_password", "当前密码不对。", field="old",
                                  message_en="The current password is wrong.")
        check_new_password(new_password, old_password, policy)
        if new_password != confirm:
            raise ValidationError("mismatch", "两次输入的新密码不一致。", field="confirm",
                                  message_en="The two new passwords differ.")
        user.password_hash, user.must_change = hash_password(new_password), False
        s.execute(delete(HubSession).where(HubSession.county_id == hub.county, HubSession.user_id == user.id,
                                           HubSession.token_hash != who.token_hash))
        _append(s, hub, who.viewer, "password_change", user.name, "", ip, at)


# -- sign-in and sessions ------------------------------------------------------------------------------------
def _wait_text(seconds: int) -> tuple[str, str]:
    minutes, secs = divmod(seconds, 60)
    zh = (f"{minutes} 分 {secs} 秒" if secs else f"{minutes} 分钟") if minutes else f"{secs} 秒"
    en = (f"{minutes} min {secs} s" if secs else f"{minutes} min") if minutes else f"{secs} s"
    return zh, en


def _throttle_wait(s: Session, hub: HubContext, name: str, ip: str, at: dt.datetime,
                   policy: ConsolePolicy) -> int:
    """Seconds the next attempt for ``name`` from ``ip`` must still wait (0: it may try now)."""
    audit = ConsoleAuditEntry
    since = at - dt.timedelta(days=1)
    last_ok = s.scalar(select(func.max(audit.at)).where(
        audit.county_id == hub.county, audit.action == "signin", audit.target == name, audit.at >= since))
    if last_ok is not None:
        since = last_ok
    failures = s.scalars(select(audit.at).where(
        audit.county_id == hub.county, audit.action == "signin_failed", audit.target == name, audit.at > since)
        .order_by(audit.at.desc()).limit(64)).all()
    # attempts of this name whose password is being checked right now count as failures (see signin_schema)
    under_way = s.scalars(select(HubSignInPending.at).where(
        HubSignInPending.county_id == hub.county, HubSignInPending.name == name,
        HubSignInPending.at > at - PENDING_FOR)).all()
    failures = sorted([*failures, *under_way], reverse=True)
    wait = dt.timedelta(0)
    if len(failures) >= policy.name_failures:
        doubling = min(len(failures) - policy.name_failures, 10)
        step = min(policy.first_wait * (2 ** doubling), policy.max_wait)
        wait = max(wait, failures[0] + step - at)
    if ip:
        recent = s.scalars(select(audit.at).where(
            audit.county_id == hub.county, audit.ip == ip, audit.action == "signin_failed",
            audit.at > at - policy.ip_window).order_by(audit.at.desc()).limit(policy.ip_failures)).all()
        if len(recent) >= policy.ip_failures:
            wait = max(wait, recent[-1] + policy.ip_window - at)
    return max(0, int(wait.total_seconds() + 0.999))


def _drop_pending(hub: HubContext, pending: uuid.UUID) -> None:
    with _tx(hub) as s, s.begin():
        s.execute(delete(HubSignInPending).where(HubSignInPending.county_id == hub.county,
                                                 HubSignInPending.id == pending))


def sign_in(hub: HubContext, name: str, password: str, *, ip: str = "", policy: ConsolePolicy = DEFAULT_POLICY,
            now: dt.datetime | None = None) -> tuple[str, ConsoleSession]:
    """Check a name and password; returns (the session token for the cookie, the session).

    Refused with :class:`SignInRefused`: a wrong name or password (one message for both), an inactive
    account, or too many failures (``wait_seconds``; the password is not even checked then)."""
    at = _now(now)
    name = (name or "").strip()[:60]
    pending = uuid.uuid4()
    with _tx(hub) as s, s.begin():
        # one attempt per name at a time through here (SQLite: the write lock of the first statement, taken at
        # BEGIN IMMEDIATE); the attempt is counted before its password is checked, so parallel guesses each count
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"console_signin:{hub.county}:{name}"})
        s.execute(delete(HubSignInPending).where(HubSignInPending.county_id == hub.county,
                                                 HubSignInPending.at < at - PENDING_FOR))
        wait = _throttle_wait(s, hub, name, ip, at, policy)
        if wait:
            _append(s, hub, None, "signin_throttled", name, f"wait {wait}s", ip, at)
        else:
            s.add(HubSignInPending(county_id=hub.county, id=pending, name=name, ip=ip[:45], at=at))
        user = s.scalar(select(HubUser).where(HubUser.county_id == hub.county, HubUser.name == name))
    if wait:
        zh, en = _wait_text(wait)
        raise SignInRefused("throttled", f"登录失败次数太多，请 {zh}后再试。如忘记密码，请联系县级管理员重置。",
                            f"Too many failed sign-ins; try again in {en}. If you forgot the password, ask "
                            "the county administrator to reset it.", wait)
    # checked outside any transaction (argon2 takes ~50 ms), and for an unknown name too: the answer takes as
    # long either way
    try:
        ok = _verify(user.password_hash if user is not None else _dummy_hash(), password)
    except BaseException:
        _drop_pending(hub, pending)
        raise
    refusal = None
    if not ok or user is None:
        refusal = SignInRefused("wrong_password", "账号或密码不对。", "Wrong account name or password.")
    elif not user.active:
        refusal = SignInRefused("inactive", "这个账号已停用，请联系县级管理员。",
                                "This account is deactivated; ask the county administrator.")
    if refusal is not None:
        with _tx(hub) as s, s.begin():  # committed: the failure counts towards the throttle (the pending row goes)
            s.execute(delete(HubSignInPending).where(HubSignInPending.county_id == hub.county,
                                                     HubSignInPending.id == pending))
            _append(s, hub, None, "signin_failed", name, "inactive" if refusal.code == "inactive" else "", ip, at)
        raise refusal
    assert user is not None
    with _tx(hub) as s, s.begin():
        s.execute(delete(HubSignInPending).where(HubSignInPending.county_id == hub.county,
                                                 HubSignInPending.id == pending))
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        s.add(HubSession(token_hash=_sha(token), county_id=hub.county, user_id=user.id, created_at=at,
                         expires_at=at + policy.absolute, last_seen=at, csrf=csrf))
        s.execute(update(HubUser).where(HubUser.county_id == hub.county, HubUser.id == user.id)
                  .values(last_sign_in_at=at))
        viewer = _viewer(user)
        _append(s, hub, viewer, "signin", name, "", ip, at)
        # sessions that ended long ago are dropped here rather than by a timer
        s.execute(delete(HubSession).where(HubSession.county_id == hub.county,
                                           HubSession.expires_at < at - dt.timedelta(days=1)))
        return token, ConsoleSession(viewer, csrf, user.must_change, _sha(token))


def _viewer(user: HubUser) -> Viewer:
    return Viewer(str(user.id), user.name, Role(user.role), user.township, user.department)


def session_of(hub: HubContext, token: str | None, *, policy: ConsolePolicy = DEFAULT_POLICY,
               now: dt.datetime | None = None) -> ConsoleSession | None:
    """The session a cookie names, if it is still valid (and the account active); refreshes its idle clock."""
    if not token:
        return None
    at = _now(now)
    digest = _sha(token)
    with _tx(hub) as s, s.begin():
        row = s.execute(select(HubSession, HubUser).join(HubUser, (HubUser.county_id == HubSession.county_id)
                                                          & (HubUser.id == HubSession.user_id))
                        .where(HubSession.token_hash == digest, HubSession.county_id == hub.county)).first()
        if row is None:
            return None
        sess, user = row
        if not user.active or at >= sess.expires_at or at >= sess.last_seen + policy.idle:
            s.execute(delete(HubSession).where(HubSession.token_hash == digest))
            return None
        if at - sess.last_seen >= policy.touch_every:
            s.execute(update(HubSession).where(HubSession.token_hash == digest).values(last_seen=at))
        return ConsoleSession(_viewer(user), sess.csrf, user.must_change, digest)


def sign_out(hub: HubContext, who: ConsoleSession, *, ip: str = "", now: dt.datetime | None = None) -> None:
    with _tx(hub) as s, s.begin():
        s.execute(delete(HubSession).where(HubSession.token_hash == who.token_hash))
        _append(s, hub, who.viewer, "signout", who.viewer.name, "", ip, _now(now))


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


# -- the audit trail -----------------------------------------------------------------------------------------
def _entry_hash(prev: str, seq: int, at: dt.datetime, user_id: str, user_name: str, role: str, action: str,
                target: str, detail: str, ip: str) -> str:
    body = json.dumps([seq, at.isoformat(timespec="microseconds"), user_id, user_name, role, action, target,
                       detail, ip], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _append(s: Session, hub: HubContext, viewer: Viewer | None, action: str, target: str, detail: str, ip: str,
            at: dt.datetime) -> None:
    if s.get_bind().dialect.name == "postgresql":
        # one writer of the county's chain at a time (SQLite's BEGIN IMMEDIATE already serialises)
        s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"console_audit:{hub.county}"})
    last = s.execute(select(ConsoleAuditEntry.seq, ConsoleAuditEntry.hash)
                     .where(ConsoleAuditEntry.county_id == hub.county)
                     .order_by(ConsoleAuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    user_id = viewer.user_id if viewer else ""
    name, role = (viewer.name, viewer.role.value) if viewer else ("", "")
    target, detail = target[:200], detail[:2000]
    s.add(ConsoleAuditEntry(county_id=hub.county, seq=seq, at=at, user_id=uuid.UUID(user_id) if user_id else None,
                            user_name=name, role=role, action=action, target=target, detail=detail, ip=ip[:45],
                            prev_hash=prev, hash=_entry_hash(prev, seq, at, user_id, name, role, action, target,
                                                             detail, ip[:45])))
    s.flush()


def audit(hub: HubContext, viewer: Viewer | None, action: str, target: str = "", detail: str = "", *,
          ip: str = "", now: dt.datetime | None = None, session: Session | None = None) -> None:
    """Append one line to the console's audit trail (every view, search and export of personal data, every
    account change). Given the caller's ``session``, the line commits with the caller's own work."""
    if session is not None:
        _append(session, hub, viewer, action, target, detail, ip, _now(now))
        return
    with _tx(hub) as s, s.begin():
        _append(s, hub, viewer, action, target, detail, ip, _now(now))


def audit_page(hub: HubContext, *, page: int = 1, per_page: int = 50, user: str | None = None,
               action: str | None = None) -> tuple[list[AuditRow], int]:
    """One page of the audit trail, newest first, and the number of lines matching."""
    cond = [ConsoleAuditEntry.county_id == hub.county]
    if user:
        cond.append(ConsoleAuditEntry.user_name == user)
    if action:
        cond.append(ConsoleAuditEntry.action == action)
    with _tx(hub) as s:
        total = s.scalar(select(func.count()).select_from(ConsoleAuditEntry).where(*cond)) or 0
        rows = s.scalars(select(ConsoleAuditEntry).where(*cond).order_by(ConsoleAuditEntry.seq.desc())
                         .offset(max(0, page - 1) * per_page).limit(per_page))
        return [AuditRow(r.seq, r.at, r.user_name, r.role, r.action, r.target, r.detail, r.ip) for r in rows], total


def verify_audit(hub: HubContext) -> list[int]:
    """The sequence numbers where the county's chain breaks (a line edited, removed or inserted); [] if whole."""
    broken: list[int] = []
    prev, expected = GENESIS, 1
    with _tx(hub) as s:
        rows: Sequence[ConsoleAuditEntry] = s.scalars(select(ConsoleAuditEntry).where(
            ConsoleAuditEntry.county_id == hub.county).order_by(ConsoleAuditEntry.seq)
            .execution_options(yield_per=5000)).all()
        for r in rows:
            again = _entry_hash(prev, r.seq, r.at, str(r.user_id) if r.user_id else "", r.user_name, r.role,
                                r.action, r.target, r.detail, r.ip)
            if r.seq != expected or r.prev_hash != prev or r.hash != again:
                broken.append(r.seq)
            prev, expected = r.hash, r.seq + 1
    return broken
