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
import hmac
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, delete, select, update

from ...db.changes import APPLYING_REMOTE, canonical_json
from ...db.database import Database, get_local, get_row, set_local
from ...db.models import Case, LocalState, Operator, OutboxEntry, Station
from ...db.models_sync import SyncConflict
from ...domain.case_number import MAX_SEQ, format_case_number, parse_case_number
from ...domain.errors import DomainError
from ...domain.timeutil import utcnow
from ...domain.workflow import Role
from ...sync import bundle, signing
from ...sync.signing import SignatureRefused
from ..context import Actor
from . import state
from .apply import begin_remote
from .client import HubClient, HubUnreachable, Send, check_address, client_for, first_contact_send
from .report import SyncReport

#: Set at every enrollment; cleared once the case numbers were compared with the hub's.
NUMBERS_CHECK = state.NUMBERS_CHECK


@dataclass(frozen=True)
class Enrolled:
    county: str
    again: bool  # the database was enrolled before: a re-bootstrap round follows
    renumbered: tuple[tuple[str, str], ...] = ()  # (old, new) case numbers
    hub_url: str | None = None
    fingerprint: str = ""  # the county hub's key fingerprint as staff compare it with the enrollment slip


# -- the county hub's key, pinned at the first enrollment --------------------------------------------------
def _refuse(code: str, zh: str, en: str) -> DomainError:
    return SignatureRefused(code, zh, message_en=en)


def _admin_pin(db: Database, pin: str | None) -> None:
    """Enrolling a database that is enrolled already replaces its hub address and credential (and may
    renumber cases): only an administrator who types an administrator's PIN does that knowingly."""
    from ..desk.accounts import verify_pin

    if pin:
        with db.session(write=False) as s:
            hashes = s.scalars(select(Operator.pin_hash).where(Operator.role == Role.ADMIN.value,
                                                               Operator.active.is_(True))).all()
        if any(verify_pin(pin, h) for h in hashes):
            return
        raise _refuse("bad_admin_pin", "管理员密码不对，本机已有的登记没有改动。",
                      "Wrong administrator PIN; the existing enrollment was not changed.")
    raise _refuse("reenroll_needs_admin", "本机已经登记过县级平台；再次登记会替换县级平台地址和凭证，须由管理员输入密码确认。本机设置没有改动。",
                  "This desk is enrolled already; enrolling again replaces the hub address and credential and "
                  "needs an administrator's PIN. Nothing was changed.")


def _pinned(cfg: state.SyncConfig, accept_fingerprint: str | None) -> tuple[str | None, str | None]:
    """(the key the enrollment must be signed with, the fingerprint an administrator accepted instead; at a
    first enrollment, the fingerprint typed from the slip when one was given)."""
    if accept_fingerprint:
        wanted = "".join(accept_fingerprint.split()).lower()
        return None, wanted
    return cfg.hub_key, None


class FingerprintUnconfirmed(SignatureRefused):
    """A first enrollment whose hub key nobody confirmed: ``fingerprint`` (groups of four) is what the
    administrator compares with the county's enrollment slip, then gives back (``accept_fingerprint``)."""

    def __init__(self, fingerprint: str = ""):
        if fingerprint:
            zh = (f"首次登记须核对县级平台的密钥指纹：这次登记的指纹是 {fingerprint}。请与县里登记单上印的指纹逐组比对，"
                  "一致时输入登记单上的指纹确认（命令行加 --accept-fingerprint \"指纹\"）；不一致请不要登记，并联系县人大代表工委。"
                  "本机设置没有改动。")
            en = (f"A first enrollment needs the hub key's fingerprint confirmed: this one is {fingerprint}. "
                  "Compare it group by group with the county's enrollment slip and, when they match, give the "
                  "slip's fingerprint (--accept-fingerprint \"...\"); if not, do not enroll. Nothing was changed.")
        else:  # a token that names no key: asked before the token is spent
            zh = ("这个登记码没有附带县级平台的密钥指纹（旧版县级平台发的），首次登记须同时输入县里登记单上印的指纹"
                  "（命令行加 --accept-fingerprint \"指纹\"）。本机设置没有改动，登记码仍可使用。")
            en = ("This token names no hub key fingerprint (an older hub's): a first enrollment also needs the "
                  "fingerprint printed on the county's enrollment slip (--accept-fingerprint \"...\"). Nothing was "
                  "changed; the token is still valid.")
        super().__init__("fingerprint_unconfirmed", zh, message_en=en)
        self.fingerprint = fingerprint


def _require_confirmed(hub_key: str, pinned: str | None, wanted: str | None) -> None:
    """At a first enrollment (nothing pinned) the key must be one the administrator confirmed from the
    slip: a forged file or an impostor's answer is signed too, only with another key."""
    if pinned is None and wanted is None:
        raise FingerprintUnconfirmed(signing.show(signing.fingerprint(hub_key)))


def _check_accepted(hub_key: str, wanted: str | None) -> None:
    # the whole fingerprint as printed on the slip, compared exactly: a few typed characters accept nothing
    if wanted is not None and (len(wanted) < 32 or not hmac.compare_digest(
            signing.fingerprint(hub_key)[:len(wanted)], wanted)):
        raise signing.refuse("hub_key_changed")


def _store(s, db: Database, *, url: str | None, install_id: str, county: str, hub_key: str,
           cert: object) -> None:
    if url:
        set_local(s, state.URL, url)
    set_local(s, state.INSTALL, install_id)
    set_local(s, state.COUNTY, county)
    set_local(s, state.HUB_KEY, hub_key)
    if isinstance(cert, str) and cert:
        set_local(s, state.HUB_CERT, cert)
    s.execute(delete(LocalState).where(LocalState.key == state.CREDENTIAL))  # never in the database


def _prepare(db: Database, enrolled: bool) -> bool:
    """Before asking the hub: schedule the number check, and a re-bootstrap when this database was
    enrolled before. Returns whether it was."""
    with db.session() as s:
        set_local(s, NUMBERS_CHECK, "1")
        if not enrolled:
            return False
        set_local(s, state.CURSOR, "0")
        set_local(s, state.REBOOTSTRAP, "1")
    return True


def enroll_online(db: Database, actor: Actor, hub_url: str, token: str, *, send: Send | None = None,
                  admin_pin: str | None = None, accept_fingerprint: str | None = None) -> str:
    """Exchange the county's one-time token for this station's credential; returns the county's name.
    (``enroll`` does this and then settles case numbers with the hub.)

    The hub's answer must be signed by the key this station pinned (or, at the first enrollment, by the
    key whose fingerprint the token ends with); over HTTPS with no certificate pinned yet, the certificate
    the hub presented must be the one its signed answer names. Then the key and certificate are pinned."""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    cfg = state.config(db)
    if cfg.credential:
        _admin_pin(db, admin_pin)
    with db.session(write=False) as s:
        st = get_row(s, Station, db.station_id())
        code = st.code
    token, token_fp = signing.split_token(token)
    pinned, wanted = _pinned(cfg, accept_fingerprint)
    if token_fp is None and pinned is None and wanted is None:
        # an older hub's token names no key and nothing is pinned: the slip's fingerprint is the only check,
        # asked for before the hub spends the token
        raise FingerprintUnconfirmed()
    install_id = str(uuid.uuid4())
    seen: list[bytes] | None = None
    if send is None:
        check_address(hub_url, allow_http=cfg.allow_http)
        if hub_url.startswith("https") and not cfg.hub_cert:
            send, seen = first_contact_send(hub_url)
    client = HubClient(hub_url, None, send, cert_pem=cfg.hub_cert, allow_http=cfg.allow_http)
    answer = client.call("/v1/enroll", {"token": token, "station_id": str(db.station_id()),
                                        "station_code": code, "install_id": install_id})
    body = {k: v for k, v in answer.items() if k not in ("hub_key", "signature")}
    hub_key = signing.verify(body, answer.get("hub_key"), answer.get("signature"), pinned=pinned)
    _check_accepted(hub_key, wanted)
    if pinned is None and wanted is None and token_fp and signing.short(signing.fingerprint(hub_key)) != token_fp:
        raise signing.refuse("token_hub_mismatch")
    if body.get("install_id") not in (None, install_id) or body.get("station_id") not in (None, str(db.station_id())):
        raise signing.refuse("bad_signature")
    cert = body.get("tls_cert")
    if seen is not None and (not isinstance(cert, str) or any(_der_sha(cert) != hashlib.sha256(d).hexdigest()
                                                              for d in seen)):
        raise _refuse("tls_mismatch", "县级平台出示的加密证书与其签名的登记答复不符（可能被冒充），已拒绝，本机设置没有改动。",
                      "The hub's TLS certificate differs from the one its signed answer names (an impostor?); "
                      "refused, nothing changed.")
    state.put_credential(db, str(answer["credential"]))
    with db.session() as s:
        _store(s, db, url=hub_url, install_id=install_id, county=str(answer.get("county", "")), hub_key=hub_key,
               cert=cert)
        if get_local(s, state.CURSOR) is None:
            set_local(s, state.CURSOR, "0")
            set_local(s, state.REBOOTSTRAP, "1")  # a first sync also fetches what the hub holds of ours
    return str(answer.get("county", ""))


def _der_sha(pem: str) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        der = x509.load_pem_x509_certificate(pem.encode("ascii")).public_bytes(serialization.Encoding.DER)
    except ValueError:
        return ""
    return hashlib.sha256(der).hexdigest()


def enroll(db: Database, actor: Actor, hub_url: str, token: str, *, send: Send | None = None,
           admin_pin: str | None = None, accept_fingerprint: str | None = None) -> Enrolled:
    """Enroll with the county's one-time token, the first time or again (see the module docstring). Again
    (this database is enrolled) only with an administrator's PIN; with another hub key only when the
    administrator also gives that key's fingerprint (``accept_fingerprint``, from the enrollment slip)."""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    enrolled = bool(state.config(db).credential)
    if enrolled:
        _admin_pin(db, admin_pin)
    with db.session(write=False) as s:
        before = {k: get_local(s, k) for k in (NUMBERS_CHECK, state.CURSOR, state.REBOOTSTRAP)}
    again = _prepare(db, enrolled)
    try:
        county = enroll_online(db, actor, hub_url, token, send=send, admin_pin=admin_pin,
                               accept_fingerprint=accept_fingerprint)
    except SignatureRefused:
        with db.session() as s:  # the answer was not the county's: nothing was taken, nothing stays scheduled
            for k, v in before.items():
                if v is None:
                    s.execute(delete(LocalState).where(LocalState.key == k))
                else:
                    set_local(s, k, v)
        raise
    renumbered: list[tuple[str, str]] = []
    with contextlib.suppress(HubUnreachable):  # the first round's hello does it (the check stays scheduled)
        renumbered = settle_numbers(db, client_for(db, send=send))
    return Enrolled(county, again, tuple(renumbered), hub_url, _shown(db))


def _shown(db: Database) -> str:
    key = state.config(db).hub_key
    return signing.show(signing.fingerprint(key)) if key else ""


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
def enroll_from_file(db: Database, actor: Actor, path: Path, *, admin_pin: str | None = None,
                     accept_fingerprint: str | None = None) -> Enrolled:
    """Enroll from the county's signed enrollment file (``liaison-desk-hub export-enrollment``): the same
    facts ``/v1/enroll`` gives (credential, install id), checked against this station's code and, when the
    county has bound the station before, its database id. One transaction: the credential, the re-bootstrap
    of an enrolled database, and the case-number check against the numbers the file carries. The first
    bundle exported afterwards is signed with the file's credential and binds the station at the hub.

    The file must carry the county hub's signature, by the key this station pinned when it has one (a
    file anyone made, however it is signed, changes nothing). At the first enrollment nothing is pinned:
    the key must then be the one whose fingerprint the administrator read off the county's enrollment slip
    (``accept_fingerprint``), else ``FingerprintUnconfirmed`` shows the file's fingerprint and nothing
    changes. A database enrolled already is enrolled again only with an administrator's PIN (and, for
    another hub key, that key's fingerprint)."""
    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise bundle.BundleRefused("not_a_bundle", "这不是县级平台生成的登记文件。",
                                   message_en="This is not an enrollment file from the county hub.") from None
    with db.session(write=False) as s:
        code = get_row(s, Station, db.station_id()).code
    cfg = state.config(db)
    pinned, wanted = _pinned(cfg, accept_fingerprint)
    body = bundle.open_enrollment(text, str(db.station_id()), code, pinned=pinned)
    _check_accepted(str(body["hub_key"]), wanted)
    _require_confirmed(str(body["hub_key"]), pinned, wanted)
    if cfg.credential:
        _admin_pin(db, admin_pin)
    found = body.get("cases")
    cases: dict[str, Any] = found if isinstance(found, dict) else {}
    hub = HubCases(frozenset(str(i) for i in cases.get("ids") or ()),
                   {str(n): frozenset(str(i) for i in ids) for n, ids in (cases.get("numbers") or {}).items()})
    state.put_credential(db, str(body["credential"]))
    with db.session() as s:
        again = bool(cfg.credential)
        if again or get_local(s, state.CURSOR) is None:
            set_local(s, state.CURSOR, "0")
            set_local(s, state.REBOOTSTRAP, "1")  # the first answer also brings what the hub holds of ours
        _store(s, db, url=str(body["hub_url"]) if body.get("hub_url") else None, install_id=str(body["install_id"]),
               county=str(body.get("county") or ""), hub_key=str(body["hub_key"]), cert=body.get("tls_cert"))
        local = {str(i) for i in s.scalars(select(Case.id))}
        # only cases the hub holds that are not here can clash (ours keep their numbers)
        renumbered = _renumber(s, HubCases(hub.ids, {n: ids - local for n, ids in hub.numbers.items() if ids - local}))
    return Enrolled(str(body.get("county") or ""), again, tuple(renumbered), body.get("hub_url"),
                    signing.show(signing.fingerprint(str(body["hub_key"]))))
