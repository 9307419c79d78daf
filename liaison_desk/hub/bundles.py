"""USB bundles at the hub: read a station's signed push file, answer with a signed file to carry back."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select

from ..domain.timeutil import utcnow
from ..sync import bundle, signing
from ..sync.protocol import PUSH_BATCH, check_version
from .context import HubContext, StationRef, refused
from .digests import digest
from .enrollment import new_secret, sha, station, station_for_bundle
from .pull import pull
from .push import push
from .schema import HubRecord, HubStation

log = logging.getLogger(__name__)

def _answer(hub: HubContext, ref: StationRef, after: int, results: list[dict[str, Any]], in_reply_to: str | None,
            include_own: bool = False) -> dict[str, Any]:
    changes: list[dict[str, Any]] = []
    cursor = after
    while True:
        page = pull(hub, ref, cursor, include_own=include_own)
        changes.extend(page["changes"])
        cursor = page["next"]
        if not page["more"]:
            break
    return {"kind": "answer", "station_code": ref.code, "in_reply_to": in_reply_to, "results": results,
            "after": after, "next": cursor, "changes": changes, "digest": digest(hub, ref)["tables"],
            "include_own": include_own,
            "created_at": utcnow().isoformat(timespec="seconds")}


def import_bundle(hub: HubContext, text: str) -> tuple[str, dict[str, Any]]:
    """Process a station's push bundle; returns the signed, encrypted answer file's text and a short summary.

    A plain (unencrypted) bundle of a desk not yet upgraded is still read (what it carries was readable on
    the stick already): logged, and ``plain`` in the summary; the answer is encrypted all the same."""
    doc = bundle.peek(text)
    peeked, plain = doc["body"], "sealed" not in doc
    _refuse_other_kinds(peeked.get("kind"))
    _bind_on_first_bundle(hub, text, peeked)
    ref, key = station_for_bundle(hub, str(peeked.get("station_code", "")))
    body = bundle.verify(text, key, kind="push", allow_plain=True)
    check_version(body)
    named = body.get("station_id")
    if named and str(named) != str(ref.station_uuid):
        raise refused("station_mismatch", "这个同步文件来自本站的另一个数据库（不是县级平台登记的那一个），已拒绝导入。",
                      "This bundle comes from another database of the station, not the enrolled one.")
    if plain:
        log.warning("unencrypted bundle from station %s (a desk of an earlier release): imported; upgrade it",
                    ref.code)
    install_id = body.get("install_id")
    if install_id != ref.install_id:
        raise refused("install_replaced", "这个同步文件来自本站已被替换的旧登记（旧电脑或旧备份），已拒绝导入。",
                      "This bundle comes from a replaced enrollment of the station; refused.")
    changes = list(body.get("changes") or [])
    results: list[dict[str, Any]] = []
    for i in range(0, len(changes), PUSH_BATCH):
        results.extend(push(hub, ref, install_id, changes[i:i + PUSH_BATCH]))
    answer = _answer(hub, ref, int(body.get("cursor") or 0), results, body.get("bundle_id"),
                     include_own=body.get("rebootstrap") is True)
    summary = {"station": ref.code, "received": len(changes),
               "accepted": sum(r.get("status") == "accepted" for r in results),
               "rejected": sum(r.get("status") == "rejected" for r in results), "sent": len(answer["changes"]),
               "plain": plain}
    return bundle.dumps(answer, key), summary


def _refuse_other_kinds(kind: Any) -> None:
    """A file of another kind brought to the hub by mistake is named, before any key is looked up."""
    if kind == "push":
        return
    if kind == "answer":
        raise refused("bundle_wrong_kind", "这是县级平台发给联络站的回执文件，应在联络站导入（liaison-desk import-bundle），"
                      "不是在县级平台。请导入联络站导出的同步文件。",
                      "This is the hub's answer file: import it at the station (liaison-desk import-bundle), "
                      "not at the hub.")
    if kind == "enrollment":
        raise refused("bundle_wrong_kind", "这是登记文件，应在联络站用 liaison-desk enroll --file 导入，不是在县级平台。",
                      "This is an enrollment file: the station imports it (liaison-desk enroll --file).")
    raise refused("not_a_bundle", "这不是联络站导出的同步文件。", "This is not a bundle exported by a station.")


def export_bundle(hub: HubContext, code: str) -> tuple[str, dict[str, Any]]:
    """An answer file for a station that sent nothing: everything after the cursor it last reported."""
    ref, key = station_for_bundle(hub, code)
    with hub.tx() as s:
        after = station(s, ref.county, ref.code).last_cursor or 0
    answer = _answer(hub, ref, after, [], None)
    return bundle.dumps(answer, key), {"station": ref.code, "sent": len(answer["changes"]), "after": after}


# -- enrollment by file (a station with no network at all) -------------------------------------------------
def export_enrollment(hub: HubContext, code: str, hub_url: str | None = None) -> tuple[str, dict[str, Any]]:
    """A signed enrollment file for station ``code`` (registered with ``add-station``): its new credential
    and install id, as ``/v1/enroll`` would give them. Like a new token, it replaces any earlier
    credential of the station (a station already bound to a database may be enrolled again this way: the
    file then names that database, and carries the station's case numbers for the number check).

    A station never enrolled before is bound to its database by its first bundle (the hub learns the
    database's id from it), so until then it syncs only by bundle."""
    from . import keys

    credential, install_id = new_secret(32), str(uuid.uuid4())
    signer = keys.signer(hub)
    with hub.tx() as s:
        st = station(s, hub.county, code, lock=True)
        st.credential_hash, st.bundle_key = sha(credential), bundle.bundle_key(credential)
        st.enroll_hash, st.revoked_at, st.install_id, st.last_outbox_seq = None, None, install_id, 0
        cases: dict[str, Any] = {"ids": [], "numbers": {}}
        if st.station_uuid is not None:
            for ident, number in s.execute(select(HubRecord.id, HubRecord.label).where(
                    HubRecord.county_id == hub.county, HubRecord.entity == "cases",
                    HubRecord.scope == st.station_uuid)):
                cases["ids"].append(str(ident))
                if number:
                    cases["numbers"].setdefault(number, []).append(str(ident))
        body = {"county": st.county_id, "station_code": st.code, "station_name": st.name,
                "station_id": str(st.station_uuid) if st.station_uuid else None, "credential": credential,
                "install_id": install_id, "hub_url": hub_url, "cases": cases,
                "tls_cert": keys.tls_cert(keys.folder_for(hub)),
                "created_at": utcnow().isoformat(timespec="seconds")}
        summary = {"station": st.code, "bound": st.station_uuid is not None, "cases": len(cases["ids"]),
                   "fingerprint": signing.show(signing.fingerprint(signing.public_key_text(signer)))}
    return bundle.enrollment_file(body, signer), summary


def _bind_on_first_bundle(hub: HubContext, text: str, peeked: dict[str, Any]) -> None:
    """A station enrolled by file is bound to its database by its first bundle (signed with the key of the
    file's credential): the bundle names the database, which the hub had no other way to learn."""
    code = str(peeked.get("station_code", "")).upper()
    with hub.tx() as s:
        st = s.get(HubStation, (hub.county, code), with_for_update=True)
        if st is None or st.bundle_key is None or st.revoked_at is not None:
            return  # unknown or not enrolled: the usual checks answer
        if st.station_uuid is not None:
            return  # bound: ``import_bundle`` checks the database the verified body names
        # only a bundle signed for this enrollment binds
        body = bundle.verify(text, st.bundle_key, kind="push", allow_plain=True)
        try:
            sid = uuid.UUID(str(body.get("station_id")))
        except ValueError:
            raise refused("station_unbound", "这个同步文件没有写明本站数据库的编号（程序版本太旧？），无法完成登记。",
                          "The bundle does not name the station database (old program?); cannot bind it.") from None
        other = s.scalar(select(HubStation.code).where(HubStation.county_id == hub.county,
                                                        HubStation.station_uuid == sid, HubStation.code != code))
        if other:
            raise refused("station_mismatch", f"这个联络站数据库已经以代码 {other} 登记过。",
                          f"This station database is already enrolled as {other}.")
        st.station_uuid = sid
