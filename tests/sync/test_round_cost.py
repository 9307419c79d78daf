"""The cheap round: the push answer carries the pull page, the digest cache re-reads only the tables that
changed, the credential is checked inside the request's own transaction, and the station's HTTP client
keeps its connection alive. Each shortcut must give exactly what the long way gives."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from sqlalchemy import text

from liaison_desk.db.database import get_local
from liaison_desk.db.models import SYNCED_MODELS
from liaison_desk.domain.workflow import EventKind, Role
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import Actor
from liaison_desk.services.sync import state
from liaison_desk.services.sync.rounds import keepalive_send
from liaison_desk.services.sync.verify import local_digest
from liaison_desk.sync.protocol import table_digest
from tests.sync.harness import Invariants


def _full_digest(db) -> dict[str, list]:
    """The digests read from every table, with no cache."""
    from sqlalchemy import select

    out = {}
    with db.session(write=False) as s:
        for model in SYNCED_MODELS:
            rows = s.execute(select(model.id, model.hlc, model.deleted_hlc)).all()
            if rows:
                out[model.__tablename__] = table_digest(rows)
    return out


def _assigned_case(county, db, admin, who: str, what: str):
    """A case registered, accepted and assigned to a county department at the station, then synced:
    the county can reply to it."""
    dep = hc.add_reference(county.hub, "departments", {"name": f"{what}单位"})
    r = register_visit(db, admin, VisitInput(who), CaseInput(what))
    assert r.case_id is not None
    county.sync(county_code(county, db))
    staff = Actor(Role.STAFF, "李")
    act_on_case(db, staff, r.case_id, EventKind.ACCEPT)
    act_on_case(db, staff, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    return r


def county_code(county, db) -> str:
    return next(code for code, d in county.stations.items() if d is db)


def test_a_round_with_changes_is_hello_and_push(county, admin):
    a = county.add_station("LX01")
    county.sync("LX01")
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})  # something to pull as well
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    county.net.calls.clear()
    report = county.sync("LX01")
    assert report.agreed and report.pushed >= 3 and report.pulled == 1
    assert county.net.calls == ["/v1/hello", "/v1/push"]  # the pull page came back with the push answer
    county.net.calls.clear()
    assert county.sync("LX01").agreed
    assert county.net.calls == ["/v1/hello"]  # nothing to do: one request


def _db_cost(db, fn):
    """What ``fn`` costs the station database: statements, transactions and commits."""
    from sqlalchemy import event

    n = {"statements": 0, "transactions": 0, "commits": 0}

    def on_execute(conn, cursor, statement, *args):
        n["transactions" if statement.startswith("BEGIN") else "statements"] += 1

    def on_commit(conn):
        n["commits"] += 1

    event.listen(db.engine, "before_cursor_execute", on_execute)
    event.listen(db.engine, "commit", on_commit)
    try:
        return fn(), n
    finally:
        event.remove(db.engine, "before_cursor_execute", on_execute)
        event.remove(db.engine, "commit", on_commit)


def test_a_round_costs_few_statements(county, admin):
    """A round reads its first facts in one transaction, retries nothing when nothing is held back, and
    records its outcome with the digests; a round with nothing to do reads once and writes once."""
    a = county.add_station("LX01")
    county.sync("LX01")
    county.sync("LX01")
    report, cost = _db_cost(a, lambda: county.sync("LX01"))
    assert report.agreed
    assert cost["statements"] <= 5 and cost["transactions"] <= 3 and cost["commits"] <= 1, cost
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    report, cost = _db_cost(a, lambda: county.sync("LX01"))
    assert report.agreed and report.pushed == 4
    assert cost["statements"] <= 14 and cost["transactions"] <= 5 and cost["commits"] <= 3, cost


def test_the_pull_page_in_a_push_answer_is_the_page_a_pull_would_give(county, admin):
    """Another station's reply reaches us through the push answer; every invariant holds after it."""
    a, b = county.add_station("LX01"), county.add_station("LX02")
    inv = Invariants(county)
    r = _assigned_case(county, a, admin, "张三", "水渠堵了")
    county.sync("LX01")
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    register_visit(a, admin, VisitInput("李四"), CaseInput("路灯坏了"))
    register_visit(b, admin, VisitInput("王五"), CaseInput("桥坏了"))
    county.net.calls.clear()
    report = county.sync("LX01")
    assert "/v1/pull" not in county.net.calls and report.pulled == 1 and report.agreed
    inv.check()
    inv.quiet_and_converged()


def test_the_digest_cache_rereads_only_what_changed_and_equals_a_full_read(county, admin):
    a = county.add_station("LX01")
    county.add_station("LX02")
    for i in range(3):
        register_visit(a, admin, VisitInput("张三李四王五"[i] + "某"), CaseInput(f"第{i}件"))
    county.sync("LX01")
    assert local_digest(a) == _full_digest(a)
    # a local write, then a pull that applies a county reply and a new department
    r = _assigned_case(county, a, admin, "李四", "路灯坏了")
    county.sync("LX01")
    hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已修好", "resolution": "solved"}, "交通局")
    report = county.sync("LX01")
    assert report.agreed and report.pulled == 2
    with a.session(write=False) as s:
        doc = json.loads(get_local(s, state.DIGEST))
    assert doc["tables"] == _full_digest(a) == local_digest(a)
    # a note that does not reach back to the cached version means: read every table again
    with a.session() as s:
        from liaison_desk.db.database import set_local

        set_local(s, state.APPLIED, json.dumps({"from": 10**6, "to": 10**6 + 1, "entities": []}))
        set_local(s, state.APPLY_VERSION, str(10**6 + 1))
    assert local_digest(a) == _full_digest(a)


def test_the_digest_cache_is_not_fooled_by_a_stale_note(county, admin):
    """A note whose tables do not include the one that changed would give a wrong digest: the version
    check must catch an apply that left no note (a deferred change applied later)."""
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    county.sync("LX01")
    before = local_digest(a)
    from liaison_desk.services.sync.apply import bump_version

    with a.session() as s:  # what retry_deferred does after applying: a bump with no note
        from sqlalchemy import text

        s.execute(text("UPDATE visits SET hlc = hlc || 'x'"))
        bump_version(s)
    after = local_digest(a)
    assert after == _full_digest(a) and after["visits"] != before["visits"]


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    peers: ClassVar[list] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.peers.append(self.client_address)
        out = json.dumps({"path": self.path, "n": len(body)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        if self.path.endswith("/close"):
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def test_digests_kept_by_an_older_release_are_read_again(county, admin):
    """After an upgrade the cache key still matches, but the digests are spelled the old way (protocol
    1 hashed the sorted rows): they must not be sent as they are."""
    from liaison_desk.db.database import set_local

    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    county.sync("LX01")
    with a.session() as s:
        doc = json.loads(get_local(s, state.DIGEST))
        old = {k: v for k, v in doc.items() if k != "format"}
        old["tables"] = {t: [n, "ab" * 32] for t, (n, _h) in doc["tables"].items()}
        set_local(s, state.DIGEST, json.dumps(old))
    assert local_digest(a) == _full_digest(a)
    report = county.sync("LX01")
    assert report.agreed and not report.notes


def test_the_station_client_keeps_one_connection_and_recovers_a_closed_one():
    _Echo.peers = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        send = keepalive_send(f"http://127.0.0.1:{server.server_address[1]}/hub")
        for _ in range(3):
            status, body = send("/v1/hello", b"{}", {"Content-Type": "application/json"})
            assert status == 200 and json.loads(body)["path"] == "/hub/v1/hello"
        assert len(set(_Echo.peers)) == 1  # three requests, one connection
        send("/v1/close", b"{}", {})  # the server closes after this answer
        send("/v1/hello", b"{}", {})  # a new connection, no error
        assert len(set(_Echo.peers)) == 2
    finally:
        server.shutdown()
        server.server_close()


def test_a_round_costs_the_hub_few_statements(pg_county, admin):
    """The hub's side of a round on PostgreSQL: statements through SQLAlchemy (the COPY streams of new
    records and ledger rows aside), so a change that adds a query per round shows here."""
    county = pg_county
    a = county.add_station("LX01")
    county.sync("LX01")
    county.sync("LX01")
    report, cost = _db_cost(county.hub, lambda: county.sync("LX01"))
    assert report.agreed
    assert cost["statements"] <= 4 and cost["commits"] <= 1, cost
    register_visit(a, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    report, cost = _db_cost(county.hub, lambda: county.sync("LX01"))
    assert report.agreed and report.pushed == 4
    # 19, and 4 for the console's case index kept in the push's transaction (its cases with their events,
    # the names they show, the index rows and the search rows upserted: ``hub.console.index``)
    assert cost["statements"] <= 23 and cost["commits"] <= 3, cost


def test_the_hub_upgrade_sums_the_digests_of_what_it_already_holds(county, admin):
    """A hub of the previous release (h0001, no kept digests) is upgraded: ``h0002`` sums every record once,
    per station scope and for county-wide data, and the stations agree with it afterwards."""
    from alembic import command

    from liaison_desk.hub.database import alembic_config, upgrade

    a, b = county.add_station("LX01"), county.add_station("LX02")
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    r = _assigned_case(county, a, admin, "张三", "水渠堵了")
    register_visit(b, admin, VisitInput("李四"), CaseInput("路灯坏了"))
    county.sync("LX01")
    county.sync("LX02")
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    with county.hub.tx() as s:
        before = {(sc, e): (n, t) for sc, e, n, t in s.execute(
            text("SELECT scope, entity, count, total FROM hub_digests")).all()}
    assert len({sc for sc, _e in before}) == 3  # two stations and the county-wide data
    with county.hub.engine.connect() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0001")
        conn.commit()
    upgrade(county.hub.engine)
    with county.hub.tx() as s:
        after = {(sc, e): (n, t) for sc, e, n, t in s.execute(
            text("SELECT scope, entity, count, total FROM hub_digests")).all()}
    assert after == before and not county.hub.check_digests()
    assert county.sync("LX01").agreed and county.sync("LX02").agreed
