"""The hub: enrollment, who may read and write what, idempotent push, the pull stream, API and CLI."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.domain.hlc import HLC
from liaison_desk.hub import county as hc
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.hub.schema import HubConflict, HubStation, LedgerEntry
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.state import config
from liaison_desk.sync.protocol import PROTOCOL_VERSION, new_change


def post(c, path, body, credential=None):
    headers = {"Authorization": f"Bearer {credential}"} if credential else {}
    return c.client.post(path, json={"protocol": PROTOCOL_VERSION, **body}, headers=headers)


def cred(db):
    return config(db).credential


def test_enrollment_token_is_one_time_and_the_credential_is_stored_hashed(county):
    a = county.add_station("LX01")
    credential = cred(a)
    with county.hub.tx() as s:
        st = s.get(HubStation, ("default", "LX01"))
        assert st.credential_hash and credential not in (st.credential_hash, st.bundle_key)
        assert st.enroll_hash is None
    r = post(county, "/v1/enroll", {"token": "guessed", "station_id": str(uuid.uuid4()), "station_code": "LX01"})
    assert r.status_code == 401 and "登记码" in r.json()["error"]["message_zh"]


def test_a_revoked_station_is_refused(county):
    a = county.add_station("LX01")
    assert post(county, "/v1/digest", {}, cred(a)).status_code == 200
    county.hub.revoke_station("LX01")
    r = post(county, "/v1/digest", {}, cred(a))
    assert r.status_code == 401 and r.json()["error"]["code"] == "not_enrolled"


def test_protocol_mismatch_is_a_readable_refusal(county):
    a = county.add_station("LX01")
    r = county.client.post("/v1/hello", json={"protocol": 99, "install_id": "x"},
                           headers={"Authorization": f"Bearer {cred(a)}"})
    assert r.status_code == 426
    assert "版本" in r.json()["error"]["message_zh"]


@pytest.mark.parametrize("old", [2, 3])
def test_a_desk_of_a_previous_release_is_refused(county, old):
    # protocol 2 (the merge rules before re-adds travelled as inserts with base): its "repairs" would never
    # agree; protocol 3: plain USB bundles and no fold for 回电 or the county's 退办/延期/重点督办 events
    a = county.add_station(f"LX0{old}")
    r = county.client.post("/v1/hello", json={"protocol": old, "install_id": config(a).install_id},
                           headers={"Authorization": f"Bearer {cred(a)}"})
    assert r.status_code == 426
    err = r.json()["error"]
    assert err["code"] == "protocol_version" and f"对方 {old}" in err["message_zh"] and "本程序 4" in err["message_zh"]


def test_openapi_docs_are_served(county):
    assert county.client.get("/docs").status_code == 200
    paths = county.client.get("/openapi.json").json()["paths"]
    assert {"/v1/push", "/v1/pull", "/v1/enroll", "/v1/hello", "/v1/digest"} <= set(paths)


def _case_of(db):
    from liaison_desk.db.models import Case

    with db.session(write=False) as s:
        return s.scalars(select(Case)).first()


def test_a_station_cannot_write_or_read_another_stations_records(county, admin):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    county.sync("LX01")
    case = _case_of(a)
    stamp = HLC(10**12 * 2, 0, "x").encode()
    b_origin = str(b.station_id())
    attacks = [
        # B edits A's case under its own name
        new_change("cases", str(case.id), "update", {"summary": "改掉"}, stamp, b_origin, base=case.hlc),
        # B pretends to be A
        new_change("cases", str(case.id), "update", {"summary": "改掉"}, stamp, str(a.station_id()), base=case.hlc),
        # B appends an event to A's case
        new_change("case_events", str(uuid.uuid4()), "insert",
                   {"case_id": str(case.id), "kind": "withdraw", "occurred_at": "2026-11-29T08:00:00.000000",
                    "actor_role": "staff", "actor_id": None, "actor_name": "x", "data": {"text": "撤"}},
                   stamp, b_origin),
    ]
    items = [c.wire(seq=1000 + i) for i, c in enumerate(attacks)]
    r = post(county, "/v1/push", {"install_id": config(b).install_id, "changes": items}, cred(b))
    assert r.status_code == 200
    assert [x["status"] for x in r.json()["results"]] == ["rejected"] * 3
    assert {x["code"] for x in r.json()["results"]} == {"not_yours"}
    # reading A's records by id is refused; B's pull and digest never show them
    r = post(county, "/v1/records/get", {"entity": "cases", "ids": [str(case.id)]}, cred(b))
    assert r.status_code == 403
    pulled = post(county, "/v1/pull", {"after": 0, "include_own": True}, cred(b)).json()["changes"]
    assert all(json.loads(c["payload"])["origin"] != str(a.station_id()) for c in pulled)
    versions = post(county, "/v1/records/versions", {"entity": "cases"}, cred(b)).json()["versions"]
    assert versions == []
    # and A's case is untouched at the hub
    assert any('"summary":"路灯坏了"' in line for line in county.hub_export("LX01"))


def test_push_is_idempotent_and_a_reused_change_id_is_refused_and_flagged(county, admin):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    from liaison_desk.services.sync.push import pending_batch

    items = pending_batch(a)
    body = {"install_id": config(a).install_id, "changes": items}
    first = post(county, "/v1/push", body, cred(a)).json()["results"]
    again = post(county, "/v1/push", body, cred(a)).json()["results"]
    assert [r["seq"] for r in first] == [r["seq"] for r in again]
    assert all(r.get("replay") for r in again)
    victim = next(i for i in items if "张三" in i["payload"])
    forged = dict(victim)
    forged["payload"] = forged["payload"].replace("张三", "李四")
    import hashlib

    forged["payload_hash"] = hashlib.sha256(forged["payload"].encode()).hexdigest()
    res = post(county, "/v1/push", {**body, "changes": [forged, items[0]]}, cred(a)).json()["results"]
    assert res[0]["status"] == "rejected" and res[0]["code"] == "change_id_reuse"
    assert res[1].get("replay"), "one bad change does not block the others"
    with county.hub.tx() as s:
        flags = s.scalars(select(HubConflict).where(HubConflict.kind == "hash_mismatch")).all()
        assert len(flags) == 1 and "李四" in flags[0].lost_value


def test_one_bad_change_is_rejected_on_its_own(county, admin):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    from liaison_desk.services.sync.push import pending_batch

    items = pending_batch(a)
    bad = dict(items[2], payload=items[2]["payload"][:-3])
    res = post(county, "/v1/push", {"install_id": config(a).install_id,
                                    "changes": [*items[:2], bad, *items[3:]]}, cred(a)).json()["results"]
    assert [r["status"] for r in res].count("rejected") == 1 and res[2]["code"] == "bad_hash"


def test_the_pull_cursor_is_the_hub_sequence(county, admin):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    for i in range(3):
        hc.add_reference(county.hub, "departments", {"name": f"单位{i}"})
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    county.sync("LX01")
    page = post(county, "/v1/pull", {"after": 0, "limit": 2}, cred(b)).json()
    assert len(page["changes"]) == 2 and page["more"]
    rest = post(county, "/v1/pull", {"after": page["next"], "limit": 100}, cred(b)).json()
    seqs = [c["seq"] for c in page["changes"] + rest["changes"]]
    assert seqs == sorted(seqs) and len(seqs) == 3  # the departments only: A's records are not B's
    with county.hub.tx() as s:
        all_seqs = sorted(s.scalars(select(LedgerEntry.seq).where(LedgerEntry.seq.is_not(None))))
    assert all_seqs == list(range(1, len(all_seqs) + 1)), "gap-free"


def test_hub_cli_add_station_prints_the_token_alone_on_the_last_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_main(["--db", url, "add-station", "--name", "柳树湾村联络站", "--code", "LX01"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(token) >= 20 and " " not in token
    assert hub_main(["--db", url, "--lang", "en", "stations"]) == 0
    assert "LX01" in capsys.readouterr().out
    assert hub_main(["--db", url, "ref-add", "departments", "name=县水利局"]) == 0
    assert hub_main(["--db", url, "ref-set", "departments", "县水利局", "active=0"]) == 0
    out = tmp_path / "hub.jsonl"
    assert hub_main(["--db", url, "export", "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [(r["type"], r["name"], r["active"]) for r in rows] == [("departments", "县水利局", False)]
    assert hub_main(["--db", url, "ref-add", "nonsense", "x=1"]) == 1
    assert "错误" in capsys.readouterr().err


def test_hub_cli_reply_reaches_the_owning_station(county, admin, capsys):
    from liaison_desk.domain.workflow import EventKind, Role
    from liaison_desk.services.cases.actions import act_on_case, get_case
    from liaison_desk.services.context import Actor

    url = str(county.engine.url)
    a = county.add_station("LX01")
    dep = hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("桥面塌了"))
    staff = Actor(Role.STAFF, "李")
    county.sync("LX01")
    act_on_case(a, staff, r.case_id, EventKind.ACCEPT)
    act_on_case(a, staff, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    county.sync("LX01")
    assert hub_main(["--db", url, "supervise", r.case_number, "--text", "请加快"]) == 0
    assert hub_main(["--db", url, "reply", r.case_number, "--text", "已修复", "--resolution", "solved"]) == 0
    assert "replied" in capsys.readouterr().out
    rep = county.sync("LX01")
    assert rep.agreed, rep.notes
    view = get_case(a, r.case_id)
    assert view.status == "replied" and view.escalation_level == 1
    assert hub_main(["--db", url, "reply", "LX01-20200101-0001-X", "--text", "x", "--resolution", "solved"]) == 1


def test_hub_migrations_match_its_models(tmp_path):
    from alembic import command

    from liaison_desk.hub.database import alembic_config, make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    upgrade(engine)
    with engine.connect() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.check(cfg)


@pytest.mark.postgres
def test_hub_migrations_match_its_models_on_postgres():
    from alembic import command

    from liaison_desk.hub.database import alembic_config, upgrade
    from tests.sync.harness import PgSchema

    schema = PgSchema()
    try:
        engine = schema.engine()
        upgrade(engine)
        with engine.connect() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.check(cfg)
        engine.dispose()
    finally:
        schema.drop()


def test_tokens_and_credentials_never_start_with_a_dash(monkeypatch):
    """``enroll --token -abc…`` would be read as an option: 1 token in 64 would have failed on the command line."""
    import secrets

    from liaison_desk.hub import store

    made = iter(["-starts-with-a-dash", "_fine-token"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(made))
    assert store.new_secret(24) == "_fine-token"
