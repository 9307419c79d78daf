"""Issue 17: an enrollment file or answer counts only when the county hub signed it with the key the station
pinned; an enrolled desk is enrolled again only knowingly (an administrator's PIN); the credential lives in
the key store, not in the database; plain http goes only to this PC."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from liaison_desk.db.database import get_local, set_local
from liaison_desk.db.models import Case, OutboxEntry
from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.domain.errors import DomainError
from liaison_desk.hub import bundles as hb
from liaison_desk.hub.database import make_engine
from liaison_desk.hub.recovery import resolve_fork
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.sync import state as sync_state
from liaison_desk.services.sync.client import HubClient, client_for
from liaison_desk.services.sync.enroll import enroll, enroll_from_file
from liaison_desk.sync import bundle
from liaison_desk.sync.protocol import canonical
from tests.sync.harness import County


def snapshot(db) -> dict:
    """What a forged enrollment must not change: hub address, credential, install, cursor, case numbers."""
    cfg = sync_state.config(db)
    with db.session(write=False) as s:
        numbers = sorted(s.scalars(select(Case.number)))
        conflicts = len(s.scalars(select(SyncConflict.id)).all())
    return {"url": cfg.url, "credential": cfg.credential, "install": cfg.install_id, "cursor": cfg.cursor,
            "rebootstrap": cfg.rebootstrap, "numbers": numbers, "conflicts": conflicts}


def forged_body(db, number: str) -> dict:
    """The facts the finding's forged file carried: the attacker's hub, a credential of its own, and a case
    number that makes the station renumber a visitor's case."""
    return {"kind": "enrollment", "county": "default", "station_code": "LX01", "station_id": str(db.station_id()),
            "credential": "forged-credential", "install_id": str(uuid.uuid4()),
            "hub_url": "http://attacker.example:8700",
            "cases": {"ids": [str(uuid.uuid4())], "numbers": {number: [str(uuid.uuid4())]}}}


def forge_like_the_finding(db, number: str) -> str:
    """HMAC under a key derived from the credential inside the file itself: anyone can make it."""
    body = forged_body(db, number)
    return bundle.dumps(body, bundle.bundle_key(body["credential"]))


def forge_with_own_key(db, number: str) -> str:
    """Signed like the hub signs, but with the forger's own Ed25519 key."""
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    body = {**forged_body(db, number), "protocol": 4, "hub_fingerprint": hashlib.sha256(raw).hexdigest()}
    doc = {"format": bundle.FORMAT, "body": body, "hmac": bundle.sign(body, bundle.bundle_key(body["credential"])),
           "hub_key": base64.b64encode(raw).decode(),
           "signature": base64.b64encode(key.sign(canonical(body).encode())).decode()}
    return canonical(doc) + "\n"


@pytest.mark.parametrize("forge", [forge_like_the_finding, forge_with_own_key])
def test_a_forged_enrollment_file_changes_nothing_and_says_so(county, admin, tmp_path, forge):
    db = county.add_station("LX01")
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    assert county.sync("LX01").agreed
    before = snapshot(db)
    path = tmp_path / "forged.json"
    path.write_text(forge(db, r.case_number), "utf-8")
    for pin in ({}, {"admin_pin": "2468"}):  # even an administrator fooled into typing the PIN changes nothing
        with pytest.raises(DomainError) as e:
            enroll_from_file(db, SYSTEM_ADMIN, path, **pin)
        assert "\n" not in e.value.message and "伪造" in e.value.message and "没有改动" in e.value.message
        assert snapshot(db) == before
    # the next round still goes to the real hub, with the real credential
    register_visit(db, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    assert county.sync("LX01").agreed
    assert any(r.case_number in line for line in county.hub_export("LX01"))


def other_county(tmp_path: Path) -> County:
    folder = tmp_path / "other"
    folder.mkdir()
    return County(folder, lambda: make_engine(f"sqlite:///{folder / 'hub.sqlite3'}"))


def test_the_hub_key_is_pinned_and_another_hubs_file_or_token_is_refused(county, admin, tmp_path):
    db = county.add_station("LX01")
    cfg = sync_state.config(db)
    assert cfg.hub_key, "the first enrollment pinned the hub's key"
    other = other_county(tmp_path)
    try:
        other.hub.add_station("LX01", "LX01")
        text, summary = hb.export_enrollment(other.hub, "LX01", "http://127.0.0.1:1")
        path = tmp_path / "other.json"
        path.write_text(text, "utf-8")
        before = snapshot(db)
        with pytest.raises(DomainError) as e:
            enroll_from_file(db, SYSTEM_ADMIN, path, admin_pin="2468")
        assert e.value.code == "hub_key_changed" and snapshot(db) == before
        token = other.hub.add_station("LX01", "LX01")
        with pytest.raises(DomainError) as e:
            enroll(db, SYSTEM_ADMIN, "http://other", token, send=other.net.send, admin_pin="2468")
        assert e.value.code == "hub_key_changed" and snapshot(db) == before
        assert sync_state.config(db).hub_key == cfg.hub_key
        # an administrator moving the desk to that hub knowingly: the PIN and the new fingerprint from the slip
        done = enroll_from_file(db, SYSTEM_ADMIN, path, admin_pin="2468", accept_fingerprint=summary["fingerprint"])
        assert done.again and done.fingerprint == summary["fingerprint"]
        assert sync_state.config(db).hub_key != cfg.hub_key
    finally:
        other.close()


def test_a_token_names_its_hub_and_the_station_shows_the_fingerprint(county, tmp_path):
    from liaison_desk.hub import keys
    from liaison_desk.sync import signing

    db = county.add_station("LX01", enrolled=False)
    token = county.hub.add_station("LX01", "LX01")
    fp = keys.fingerprint(keys.folder_for(county.hub))
    assert token.endswith("." + fp[:16])
    # an impostor answering at the address gets the token but not a signature of the key the token names
    other = other_county(tmp_path)
    try:
        other.hub.add_station("LX01", "LX01")
        with other.hub.tx() as s:  # the impostor accepts any token: same token hash
            from liaison_desk.hub.enrollment import sha
            from liaison_desk.hub.schema import HubStation

            s.get(HubStation, ("default", "LX01")).enroll_hash = sha(token)
        with pytest.raises(DomainError) as e:
            enroll(db, SYSTEM_ADMIN, "http://hub", token, send=other.net.send)
        assert e.value.code == "token_hub_mismatch" and sync_state.config(db).credential is None
    finally:
        other.close()
    done = enroll(db, SYSTEM_ADMIN, "http://hub", token, send=county.net.send)
    assert done.fingerprint == signing.show(fp)


def test_enrolling_an_enrolled_desk_again_needs_an_administrators_pin(county, admin, capsys):
    db = county.add_station("LX01")
    register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    assert county.sync("LX01").agreed
    before = snapshot(db)
    token = resolve_fork(county.hub, "LX01")  # the county's knowing part
    for pin, code in (({}, "reenroll_needs_admin"), ({"admin_pin": "9999"}, "bad_admin_pin")):
        with pytest.raises(DomainError) as e:
            enroll(db, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, **pin)
        assert e.value.code == code and "\n" not in e.value.message
        assert snapshot(db) == before, "nothing changed, not even a scheduled re-bootstrap"
    done = enroll(db, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468")
    assert done.again and sync_state.config(db).credential != before["credential"]
    assert county.sync("LX01").agreed


def test_the_credential_lives_in_the_key_store_not_in_the_database(county, admin):
    from liaison_desk.db.keystore import KeyStore

    db = county.add_station("LX01")
    register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    cred = sync_state.config(db).credential
    assert cred
    with db.session(write=False) as s:
        assert get_local(s, "sync_credential") is None
        payloads = "".join(s.scalars(select(OutboxEntry.payload)))
    assert cred not in payloads
    assert KeyStore(db.path.parent).get("sync_credential") == cred.encode()
    assert county.sync("LX01").agreed
    # a database from an earlier release kept it in local_state: moved on the next read of the sync facts
    KeyStore(db.path.parent).delete("sync_credential")
    with db.session() as s:
        set_local(s, "sync_credential", cred)
    assert sync_state.config(db).credential == cred
    with db.session(write=False) as s:
        assert get_local(s, "sync_credential") is None
    assert KeyStore(db.path.parent).get("sync_credential") == cred.encode()
    assert county.sync("LX01").agreed


def test_plain_http_goes_only_to_this_pc_unless_allowed(county, tmp_path):
    with pytest.raises(DomainError) as e:
        HubClient("http://hub.invalid:8700").call("/v1/info", {})
    assert e.value.code == "plain_http" and "https" in e.value.message
    with pytest.raises(DomainError) as e:  # loopback: allowed (nothing listens on port 9)
        HubClient("http://127.0.0.1:9").call("/v1/info", {})
    assert e.value.code == "hub_unreachable"
    db = county.add_station("LX02", enrolled=False)
    token = county.hub.add_station("LX02", "LX02")
    with pytest.raises(DomainError) as e:
        enroll(db, SYSTEM_ADMIN, "http://hub.invalid:8700", token)
    assert e.value.code == "plain_http" and sync_state.config(db).credential is None
    enroll(db, SYSTEM_ADMIN, "http://hub.invalid:8700", token, send=county.net.send)
    with pytest.raises(DomainError) as e:
        client_for(db).call("/v1/info", {})
    assert e.value.code == "plain_http"
    sync_state.allow_http(db)  # the explicit setting (logged)
    with pytest.raises(DomainError) as e:
        client_for(db).call("/v1/info", {})
    assert e.value.code == "hub_unreachable"


def test_an_enrollment_file_from_the_real_hub_still_enrolls_and_carries_the_fingerprint(county, tmp_path):
    db = county.add_station("LX01", enrolled=False)
    county.hub.add_station("LX01", "LX01")
    text, summary = hb.export_enrollment(county.hub, "LX01", "http://hub")
    doc = json.loads(text)
    assert doc["hub_key"] and doc["signature"] and doc["body"]["hub_fingerprint"]
    path = tmp_path / "e.json"
    path.write_text(text, "utf-8")
    # staff who type the slip's fingerprint at a first enrollment: a file from another key is refused
    with pytest.raises(DomainError) as e:
        enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint="0000 1111 2222 3333")
    assert e.value.code == "hub_key_changed" and sync_state.config(db).credential is None
    # a few characters of the right fingerprint accept nothing: the whole printed fingerprint is compared
    right = "".join(summary["fingerprint"].split())
    for short in (right[:1], right[:8], right[:31]):
        with pytest.raises(DomainError) as e:
            enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=short)
        assert e.value.code == "hub_key_changed" and sync_state.config(db).credential is None
    done = enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=summary["fingerprint"])
    assert done.fingerprint == summary["fingerprint"] and sync_state.config(db).hub_key == doc["hub_key"]
