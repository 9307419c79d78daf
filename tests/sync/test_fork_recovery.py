"""The county takes a forked station database back in: ``resolve-fork`` issues a token, the copy that
carries on enrolls again, its unique records reach the hub, the other copy's records come down to it, and a
case number both copies used is kept twice with a flag on both sides (never silently dropped)."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from sqlalchemy import select

from liaison_desk.cli.main import parse, run_command
from liaison_desk.db.models import Case
from liaison_desk.domain.errors import DomainError
from liaison_desk.hub import recovery
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.hub.schema import HubConflict, HubRecord, LedgerEntry
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.enroll import enroll
from liaison_desk.services.sync.rounds import list_conflicts
from tests.sync.harness import (
    Invariants,
    LiveHub,
    acked,
    assert_converged,
    copy_to_second_pc,
    pending,
)


def hub_numbers(county) -> Counter:
    with county.hub.tx() as s:
        return Counter(s.scalars(select(HubRecord.label).where(HubRecord.entity == "cases")))


def case_numbers(db) -> dict[str, str]:
    with db.session(write=False) as s:
        return {str(i): n for i, n in s.execute(select(Case.id, Case.number))}


def resolve(county, capsys, code="LX01") -> str:
    capsys.readouterr()
    assert hub_main(["--db", str(county.engine.url), "resolve-fork", "--code", code]) == 0
    out = capsys.readouterr().out
    assert "enroll" in out and "另一台电脑" in out
    return out.strip().splitlines()[-1]


def forked(county, admin, tmp_path):
    """LX01 syncs, its database is copied to a second PC, and both register cases offline; the first syncs."""
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("赵一"), CaseInput("第一件，拷贝前"))
    assert county.sync("LX01").agreed
    a, b = copy_to_second_pc(county, "LX01", tmp_path / "second-pc")
    ra = register_visit(a, admin, VisitInput("张三"), CaseInput("在第一台电脑上登记"))
    rb = register_visit(b, admin, VisitInput("李四"), CaseInput("在第二台电脑上登记"))
    rb2 = register_visit(b, admin, VisitInput("王五"), CaseInput("第二台电脑的第二件"))
    assert ra.case_number == rb.case_number  # one number, two cases
    assert county.sync("LX01").agreed
    with pytest.raises(DomainError) as e:
        county.sync("COPY")
    assert e.value.code == "replica_forked" and "县人大代表工委" in e.value.message
    return a, b, ra, rb, rb2


def test_the_county_takes_a_forked_copy_back_in_and_nothing_is_lost(county, admin, tmp_path, capsys):
    a, b, ra, rb, rb2 = forked(county, admin, tmp_path)
    inv = Invariants(county)
    b_pending = pending(b)
    assert b_pending
    token = resolve(county, capsys)
    done = enroll(b, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468")
    assert done.again
    # the clashing case of the copy got the next free number of its day; the staff are told old → new
    [(old, new)] = done.renumbered
    assert old == rb.case_number and new not in (ra.case_number, rb2.case_number)
    clash = [c for c in list_conflicts(b) if c.kind == "clash"]
    assert len(clash) == 1 and old in clash[0].reason and new in clash[0].reason
    report = county.sync("COPY")
    assert report.rejected == 0 and report.agreed, report.notes
    inv.check()
    assert b_pending <= acked(b), "every change the copy had pending reached the hub"
    # the copy now holds every case of the station, each number once; the hub holds the same
    numbers = case_numbers(b)
    assert sorted(numbers.values()) == sorted({*case_numbers(a).values(), new, rb2.case_number})
    assert numbers[str(ra.case_id)] == ra.case_number and numbers[str(rb.case_id)] == new
    assert all(n == 1 for n in hub_numbers(county).values())
    # the copy's case had never reached the hub: it travelled with its new number only, so no replica ever
    # saw two cases with one number (the old number is in the copy's conflict list, for the receipt)
    with county.hub.tx() as s:
        assert not s.scalars(select(HubConflict).where(HubConflict.kind == recovery.NUMBER_CLASH)).all()
        assert old not in {json.loads(p)["fields"].get("number") for p in s.scalars(select(LedgerEntry.payload))
                           if '"entity":"cases"' in p and f'"id":"{rb.case_id}"' in p}
    # the first PC's credential stopped working; what it still has pending stays there
    register_visit(a, admin, VisitInput("钱七"), CaseInput("第一台电脑在处理后又登记"))
    a_pending = pending(a)
    with pytest.raises(DomainError) as e:
        county.sync("LX01")
    assert e.value.code == "not_enrolled" and "县人大代表工委" in e.value.message
    assert pending(a) == a_pending
    # ... until the county takes that one back in too: then both PCs' records are everywhere
    token = resolve(county, capsys)
    done = enroll(a, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468")
    assert done.again and len(done.renumbered) == 1  # its newest case's number was the copy's second case's
    report = county.sync("LX01")
    assert report.rejected == 0 and report.agreed, report.notes
    assert a_pending <= acked(a)
    inv.check()
    assert len(case_numbers(a)) == 5 and all(n == 1 for n in hub_numbers(county).values())
    with pytest.raises(DomainError):
        county.sync("COPY")  # now the copy is the retired one
    del county.stations["COPY"]
    b.dispose()
    county.quiet()
    assert_converged(county)
    inv.check()


def test_without_renumbering_both_cases_are_kept_and_flagged_on_both_sides(county, admin, tmp_path, capsys,
                                                                            monkeypatch):
    """If the number check found nothing (say it ran against a hub that had not got the other copy's case
    yet), two records with one number never stand without a flag: the hub flags the second at push time and
    the copy keeps the other one as a clash for staff."""
    from liaison_desk.services.sync import enroll as sync_enroll
    from liaison_desk.services.sync.push import push_pending
    from liaison_desk.services.sync.rounds import SyncReport, client_for, pull_all

    _a, b, ra, rb, _rb2 = forked(county, admin, tmp_path)
    token = resolve(county, capsys)
    monkeypatch.setattr(sync_enroll, "hub_cases", lambda db, client: sync_enroll.HubCases(frozenset(), {}))
    assert enroll(b, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468").renumbered == ()
    client = client_for(b, send=county.net.send)
    assert push_pending(b, client)[1] == 0, "its records are taken"
    assert hub_numbers(county)[ra.case_number] == 2
    with county.hub.tx() as s:
        flags = s.scalars(select(HubConflict).where(HubConflict.kind == recovery.NUMBER_CLASH)).all()
    assert [f.entity_id for f in flags] == [rb.case_id]
    assert json.loads(flags[0].kept_value)["case_id"] == str(ra.case_id)
    assert "两件都已保留" in flags[0].reason
    report = SyncReport()
    pull_all(b, client, report)
    assert report.deferred >= 1
    clashes = [c for c in list_conflicts(b) if c.kind == "clash" and c.entity == "cases"]
    assert [c.entity_id for c in clashes] == [str(ra.case_id)], "the other copy's case is kept for staff"
    from liaison_desk.services.sync.apply import retry_deferred

    for _ in range(2):  # retried after every round: still one conflict for staff, not one per retry
        assert retry_deferred(b) == 0
    assert len([c for c in list_conflicts(b) if c.kind == "clash" and c.entity == "cases"]) == 1
    # a full round with the clash unresolved: the repair takes what it can (parents first) and the round says the
    # tables differ, instead of failing on the database's foreign-key error
    round_ = county.sync("COPY")
    assert not round_.agreed and round_.notes, round_.notes
    assert all("IntegrityError" not in n and "FOREIGN KEY" not in n for n in round_.notes)
    # the county acting on that number must say which case: the number alone is refused, never guessed
    from liaison_desk.domain.errors import DomainError
    from liaison_desk.domain.workflow import EventKind
    from liaison_desk.hub import county as county_ops

    with pytest.raises(DomainError) as refused:
        county_ops.act_on_case(county.hub, ra.case_number, EventKind.REPLY, {"text": "已修复"}, "县人大代表工委")
    assert refused.value.code == "ambiguous_case" and str(ra.case_id) in refused.value.message
    with pytest.raises(DomainError) as by_id:  # found by its id; a reply before 交办 is then the workflow's "no"
        county_ops.act_on_case(county.hub, str(rb.case_id), EventKind.REPLY, {"text": "已修复"}, "县人大代表工委")
    assert by_id.value.code not in ("ambiguous_case", "case_not_found")
    status = recovery.fork_status(county.hub, "LX01")
    assert status["number_clashes"] == 1 and len(status["installs"]) == 2
    lines = recovery.describe(status, lambda zh, en: zh)
    assert any("当前" in x for x in lines) and any("编号重复：1" in x for x in lines)


def test_the_hub_flags_a_number_clash_once_even_when_the_push_is_replayed(county, admin, tmp_path, capsys,
                                                                         monkeypatch):
    from liaison_desk.services.sync import enroll as sync_enroll
    from liaison_desk.services.sync.push import pending_batch
    from liaison_desk.services.sync.rounds import client_for

    _a, b, _ra, _rb, _rb2 = forked(county, admin, tmp_path)
    monkeypatch.setattr(sync_enroll, "hub_cases", lambda db, client: sync_enroll.HubCases(frozenset(), {}))
    enroll(b, SYSTEM_ADMIN, "http://hub", resolve(county, capsys), send=county.net.send, admin_pin="2468")
    client = client_for(b, send=county.net.send)
    body = {"install_id": sync_enroll.state.config(b).install_id, "changes": pending_batch(b)}
    first = client.call("/v1/push", body)["results"]
    again = client.call("/v1/push", body)["results"]
    assert all(r.get("replay") for r in again) and len(first) == len(again)
    with county.hub.tx() as s:
        assert len(s.scalars(select(HubConflict).where(HubConflict.kind == recovery.NUMBER_CLASH)).all()) == 1


def test_resolve_fork_needs_an_enrolled_station(county, capsys):
    url = str(county.engine.url)
    county.hub.add_station("新站", "LX09")
    assert hub_main(["--db", url, "resolve-fork", "--code", "LX09"]) == 1
    assert "add-station" in capsys.readouterr().err
    assert hub_main(["--db", url, "resolve-fork", "--code", "NOPE"]) == 1
    assert "NOPE" in capsys.readouterr().err


def cli(*argv):
    args, lang = parse(list(argv))
    return run_command(args, lang)


def test_fork_recovery_from_both_command_lines(tmp_path, capsys):
    live = LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        url, first, second = str(live.hub.engine.url), tmp_path / "pc1", tmp_path / "pc2"
        assert cli("--data-dir", str(first), "init", "--station-name", "柳树湾村联络站", "--station-code", "LX01",
                   "--admin-pin", "2468") == 0
        assert hub_main(["--db", url, "add-station", "--name", "柳树湾村", "--code", "LX01"]) == 0
        token = capsys.readouterr().out.strip().splitlines()[-1]
        assert cli("--data-dir", str(first), "enroll", "--hub", live.url, "--token", token) == 0
        assert cli("--data-dir", str(first), "sync") == 0
        shutil.copytree(first, second)
        for data, who in ((first, "张三"), (second, "李四")):
            db = open_station_database(data)
            register_visit(db, SYSTEM_ADMIN, VisitInput(who), CaseInput(f"{who}的事"))
            db.dispose()
        assert cli("--data-dir", str(first), "sync") == 0
        capsys.readouterr()
        assert cli("--data-dir", str(second), "sync") == 1
        assert "县人大代表工委" in capsys.readouterr().err
        assert hub_main(["--db", url, "--lang", "en", "resolve-fork", "--code", "LX01", "--status"]) == 0
        assert "install" in capsys.readouterr().out
        assert hub_main(["--db", url, "resolve-fork", "--code", "LX01"]) == 0
        token = capsys.readouterr().out.strip().splitlines()[-1]
        assert cli("--data-dir", str(second), "enroll", "--hub", live.url, "--token", token, "--admin-pin", "2468") == 0
        out = capsys.readouterr().out
        assert "此前登记过" in out and "→" in out  # the renumbered case is named
        assert cli("--data-dir", str(second), "sync") == 0
        assert "核对一致" in capsys.readouterr().out
        assert cli("--data-dir", str(second), "conflicts") == 0
        assert "改为" in capsys.readouterr().out
        assert cli("--data-dir", str(first), "sync") == 1
        assert "重新登记" in capsys.readouterr().err
    finally:
        live.stop()
