"""Stations at the hub: registering one (a one-time enrollment token), exchanging the token for the
station's credential, authenticating a request by it, and binding a station enrolled by file to its
database. Only hashes of tokens and credentials are stored."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain.errors import DomainError, ValidationError
from ..domain.timeutil import utcnow
from ..sync import signing
from ..sync.bundle import bundle_key
from . import records
from .context import HubContext, StationRef, refused
from .schema import HubStation


def new_secret(nbytes: int) -> str:
    """URL-safe random text for a token or a credential that never starts with "-": typed after
    ``--token`` on a command line, one that did (1 in 64) would be read as an option."""
    while True:
        value = secrets.token_urlsafe(nbytes)
        if not value.startswith("-"):
            return value


def sha(text: str) -> str:
    """How a token or a credential is stored."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- the station rows ---------------------------------------------------------------------------------------
def station(s: Session, county: str, code: str, *, lock: bool = False) -> HubStation:
    """The station ``code`` of ``county``; refuses readably when there is none."""
    st = s.get(HubStation, (county, code.upper()), with_for_update=lock or None)
    if st is None:
        raise DomainError("unknown_station", f"县级平台上没有代码为 {code} 的联络站。",
                          message_en=f"No station with code {code} at this hub.")
    return st


def station_row(s: Session, ref: StationRef, *columns: str) -> Any:
    """The station's row, locked, as a plain row of ``columns`` (Core: no ORM object to flush); the copy
    ``authenticate`` locked in this request's transaction when there is one."""
    if ref.locked is not None and all(c in ref.locked for c in columns):
        return SimpleNamespace(**{c: ref.locked[c] for c in columns})
    t = HubStation.__table__
    row = s.execute(select(*(t.c[c] for c in columns)).where(t.c.county_id == ref.county, t.c.code == ref.code)
                    .with_for_update()).one_or_none()
    if row is None:
        station(s, ref.county, ref.code)  # raises the readable "no such station"
    return row


def set_station(s: Session, ref: StationRef, **values: Any) -> None:
    t = HubStation.__table__
    s.execute(update(t).where(t.c.county_id == ref.county, t.c.code == ref.code).values(**values))


def hub_token(hub: HubContext) -> str:
    """A one-time token that names its hub: ``secret.fp16`` (the first 16 hex digits of the hub's signing
    key's fingerprint). The station checks the signed answer's key against the tail, so a token typed into
    a desk pointed at an impostor's address fails; the hub checks the whole text as before."""
    from . import keys

    return f"{new_secret(24)}.{signing.short(keys.fingerprint(keys.folder_for(hub)))}"


# -- the county registers stations -------------------------------------------------------------------------
def add_station(hub: HubContext, name: str, code: str) -> str:
    """Register (or re-register, for a replacement PC) a station; returns its one-time enrollment token."""
    code = code.strip().upper()
    if not code or len(code) > 8 or not (code.isascii() and code.isalnum()):  # 河口 is alnum to Python
        raise ValidationError("bad_station_code", "站点代码应为 1–8 位字母或数字。", field="code",
                              message_en="The station code must be 1-8 letters or digits.")
    token = hub_token(hub)
    with hub.tx() as s:
        st = s.get(HubStation, (hub.county, code))
        if st is None:
            s.add(HubStation(county_id=hub.county, code=code, name=name, enroll_hash=sha(token),
                             last_outbox_seq=0, last_cursor=0, created_at=utcnow()))
        else:
            st.name, st.enroll_hash = name or st.name, sha(token)
        records.counter(s, hub.county)
    return token


def revoke_station(hub: HubContext, code: str) -> None:
    with hub.tx() as s:
        st = station(s, hub.county, code)
        st.revoked_at, st.credential_hash, st.enroll_hash = utcnow(), None, None


def stations(hub: HubContext) -> list[dict[str, Any]]:
    with hub.tx() as s:
        rows = s.scalars(select(HubStation).where(HubStation.county_id == hub.county)
                         .order_by(HubStation.code)).all()
        return [{"code": r.code, "name": r.name, "enrolled": r.credential_hash is not None,
                 "revoked": r.revoked_at is not None, "last_seen_at": r.last_seen_at,
                 "last_outbox_seq": r.last_outbox_seq, "last_cursor": r.last_cursor} for r in rows]


# -- a station enrolls and authenticates -------------------------------------------------------------------
def enroll(hub: HubContext, token: str, station_id: str, station_code: str, install_id: str) -> dict[str, Any]:
    """Exchange a one-time enrollment token for the station's credential (shown to the station once). The
    answer is signed with the hub's key and carries its TLS certificate (``keys.sign_answer``): the station
    checks and pins both."""
    from . import keys

    keys.signer(hub)  # made (first use) before the token is spent: a key that cannot be made spends nothing
    sid = records.uuid_or_none(station_id)
    with hub.tx() as s:
        st = s.scalar(select(HubStation).where(HubStation.enroll_hash == sha(str(token))).with_for_update())
        if st is None or sid is None:
            raise refused("bad_token", "登记码无效或已经用过。请向县人大代表工委索取新的登记码。",
                          "The enrollment token is wrong or was already used. Ask the county office for a new one.")
        if st.code != str(station_code).upper():
            raise refused("code_mismatch", f"登记码是发给站点 {st.code} 的，本机站点代码是 {station_code}。",
                          f"This token is for station {st.code}; this desk is {station_code}.")
        if st.station_uuid is not None and st.station_uuid != sid:
            raise refused("station_mismatch", "这个站点代码在县级平台上已绑定另一个联络站数据库。",
                          "This station code is bound to another station database at the hub.")
        clash = s.scalar(select(HubStation.code).where(HubStation.county_id == st.county_id,
                                                      HubStation.station_uuid == sid, HubStation.code != st.code))
        if clash:
            raise refused("station_mismatch", f"这个联络站数据库已经以代码 {clash} 登记过。",
                          f"This station database is already enrolled as {clash}.")
        credential = new_secret(32)
        st.station_uuid, st.credential_hash, st.bundle_key = sid, sha(credential), bundle_key(credential)
        st.enroll_hash, st.revoked_at, st.install_id, st.last_outbox_seq = None, None, install_id, 0
        answer = {"credential": credential, "county": st.county_id, "station_code": st.code,
                  "station_id": str(sid), "install_id": install_id}
    return keys.sign_answer(hub, answer)


def authenticate(hub: HubContext, credential: str | None, *, session: Session | None = None) -> StationRef:
    """The station a credential belongs to. ``session``: check it inside the request's own transaction,
    where the station's row is locked (the request's first lock, as before) and kept on the ref."""
    t = HubStation.__table__
    with hub.tx(session) as s:
        stmt = select(t.c.county_id, t.c.code, t.c.station_uuid, t.c.install_id, t.c.revoked_at,
                      t.c.last_outbox_seq, t.c.last_hlc).where(t.c.credential_hash == sha(credential or ""))
        st = s.execute(stmt.with_for_update() if session is not None else stmt).first()
        if not credential or st is None or st.revoked_at is not None or st.station_uuid is None:
            raise refused("not_enrolled", "县级平台不认可本站的同步凭证（未登记或已被注销）。请联系县人大代表工委重新登记。",
                          "The hub does not accept this station's credential (not enrolled or revoked).")
        return StationRef(st.county_id, st.code, st.station_uuid, st.install_id,
                          locked=st._asdict() if session is not None else None)


def bind_on_hello(hub: HubContext, credential: str | None, station_id: str, install_id: str) -> bool:
    """A station enrolled by file (``export-enrollment``) is bound to its database by its first contact:
    a bundle (``bundles``) or, once it has a link, its first hello. True when this call bound it; refuses a
    database already enrolled under another code. The install id must be the file's."""
    try:
        sid = uuid.UUID(str(station_id))
    except ValueError:
        return False
    with hub.tx() as s:
        st = s.scalar(select(HubStation).where(HubStation.credential_hash == sha(credential or ""))
                      .with_for_update())
        if (not credential or st is None or st.revoked_at is not None or st.station_uuid is not None
                or st.bundle_key is None or install_id != st.install_id):
            return False
        other = s.scalar(select(HubStation.code).where(HubStation.county_id == st.county_id,
                                                        HubStation.station_uuid == sid))
        if other:
            raise refused("station_mismatch", f"这个联络站数据库已经以代码 {other} 登记过。",
                          f"This station database is already enrolled as {other}.")
        st.station_uuid = sid
        return True


def station_for_bundle(hub: HubContext, code: str) -> tuple[StationRef, str]:
    """The station a USB bundle is for, and the key its bundles are signed with."""
    with hub.tx() as s:
        st = station(s, hub.county, code)
        if st.bundle_key is None or st.revoked_at is not None or st.station_uuid is None:
            raise refused("not_enrolled", f"联络站 {code} 尚未登记或已被注销。", f"Station {code} is not enrolled.")
        return StationRef(st.county_id, st.code, st.station_uuid, st.install_id), st.bundle_key
