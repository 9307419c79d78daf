"""Enrolling a station with no network at all: the county writes a signed enrollment file, the station
imports it, and its first bundle (signed with the file's credential) binds it at the hub and works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from liaison_desk.cli.main import parse, run_command
from liaison_desk.domain.errors import DomainError
from liaison_desk.hub import bundles as hb
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.hub.schema import HubStation
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync import state as sync_state
from liaison_desk.services.sync.bundle import export_bundle, import_bundle
from liaison_desk.services.sync.enroll import enroll_from_file
from liaison_desk.sync.bundle import BundleRefused
from tests.sync.harness import Invariants, pending


def carry(county, db, tmp_path: Path, name: str = "b") -> object:
    """One USB round: the station's bundle to the hub, the hub's answer back."""
    out, answer = tmp_path / f"{name}.bundle", tmp_path / f"{name}.answer"
    export_bundle(db, out)
    text, _summary = hb.import_bundle(county.hub, out.read_text("utf-8"))
    answer.write_text(text, "utf-8")
    return import_bundle(db, answer)


def slip(county) -> str:
    """The hub key's fingerprint as the county's enrollment slip prints it (a first enrollment by file
    gives it back: ``enroll_from_file(..., accept_fingerprint=...)``)."""
    from liaison_desk.hub import keys
    from liaison_desk.sync import signing

    return signing.show(keys.fingerprint(keys.folder_for(county.hub)))


def enrollment(county, tmp_path: Path, code: str = "LX01", name: str = "enroll.json") -> Path:
    path = tmp_path / name
    if code not in {st["code"] for st in county.hub.stations()}:
        county.hub.add_station(f"{code} 联络站", code)
    text, _summary = hb.export_enrollment(county.hub, code, "http://hub")
    path.write_text(text, "utf-8")
    return path


def test_a_station_with_no_network_is_enrolled_by_file_and_its_first_bundle_works(county, admin, tmp_path,
                                                                                   capsys):
    url = str(county.engine.url)
    db = county.add_station("LX01", enrolled=False)
    path = tmp_path / "lx01-enroll.json"
    assert hub_main(["--db", url, "export-enrollment", "--code", "LX01", "--name", "柳树湾村联络站",
                     "--hub-url", "http://hub", "-o", str(path)]) == 0
    assert "enroll --file" in capsys.readouterr().out
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    done = enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))
    assert not done.again and done.hub_url == "http://hub"
    cfg = sync_state.config(db)
    assert cfg.credential and cfg.install_id and cfg.rebootstrap
    inv = Invariants(county)
    result = carry(county, db, tmp_path)
    assert result.rejected == 0 and result.acknowledged > 0 and result.agreed is True
    assert not pending(db)
    inv.check()
    with county.hub.tx() as s:
        assert s.get(HubStation, ("default", "LX01")).station_uuid == db.station_id(), "bound by the bundle"
    assert any(r.case_number in line for line in county.hub_export("LX01"))
    # the county's data reaches it by the next answer; later bundles keep working
    from liaison_desk.hub import county as hc

    hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    register_visit(db, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    result = carry(county, db, tmp_path, "second")
    assert result.agreed is True and result.report.applied >= 1
    inv.check()
    # and once bound, the same credential also syncs online when a link appears
    assert county.sync("LX01").agreed


def test_a_station_enrolled_by_file_that_finds_a_link_binds_by_its_first_online_round(county, admin, tmp_path):
    db = county.add_station("LX01", enrolled=False)
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    enroll_from_file(db, SYSTEM_ADMIN, enrollment(county, tmp_path), accept_fingerprint=slip(county))
    inv = Invariants(county)
    report = county.sync("LX01")  # no bundle ever: the hello binds it
    assert report.agreed, report.notes
    assert not pending(db)
    inv.check()
    with county.hub.tx() as s:
        assert s.get(HubStation, ("default", "LX01")).station_uuid == db.station_id(), "bound by the hello"
    assert any(r.case_number in line for line in county.hub_export("LX01"))



def test_one_enrollment_file_used_on_two_pcs_binds_only_the_first_to_sync(county, admin, tmp_path):
    """The same file imported into two databases: the first to make contact is bound; the other is refused
    (with its data untouched), online as by bundle."""
    path = enrollment(county, tmp_path)
    first = county.add_station("LX01", enrolled=False)
    second = open_station_database(tmp_path / "second-pc")
    init_station(second, name="柳树湾村联络站", code="LX01", admin_pin="2468")
    county.stations["SECOND"] = second
    for db in (first, second):
        enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))
    register_visit(second, admin, VisitInput("李四"), CaseInput("第二台电脑上登记的"))
    assert county.sync("LX01").agreed
    before = pending(second)
    with pytest.raises(DomainError) as refused:
        county.sync("SECOND")
    assert refused.value.code == "station_mismatch" and "县人大代表工委" in refused.value.message
    assert pending(second) == before, "nothing on the second PC was touched"


def test_a_damaged_altered_or_foreign_enrollment_file_is_refused_whole(county, tmp_path):
    db = county.add_station("LX01", enrolled=False)
    path = enrollment(county, tmp_path)
    text = path.read_text("utf-8")
    refusals = {
        "bundle_damaged": text[: len(text) // 2],
        "bundle_tampered": text.replace('"county":"default"', '"county":"other"'),
        "not_a_bundle": json.dumps({"hello": 1}),
    }
    for code, bad in refusals.items():
        p = tmp_path / f"{code}.json"
        p.write_text(bad, "utf-8")
        with pytest.raises(BundleRefused) as e:
            enroll_from_file(db, SYSTEM_ADMIN, p, accept_fingerprint=slip(county))
        assert e.value.code == code and e.value.message  # a Chinese message staff can read
    assert sync_state.config(db).credential is None, "nothing was stored"
    other = county.add_station("LX02", enrolled=False)
    with pytest.raises(BundleRefused) as e:
        enroll_from_file(other, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))
    assert e.value.code == "bundle_wrong_station" and "LX01" in e.value.message
    # a push bundle is not an enrollment file
    enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))
    export_bundle(db, tmp_path / "push.bundle")
    with pytest.raises(BundleRefused) as e:
        enroll_from_file(db, SYSTEM_ADMIN, tmp_path / "push.bundle", accept_fingerprint=slip(county))
    assert e.value.code == "bundle_wrong_kind" and "登记文件" in e.value.message


def test_a_second_database_with_the_same_file_cannot_take_the_station(county, admin, tmp_path):
    first = county.add_station("LX01", enrolled=False)
    path = enrollment(county, tmp_path)
    enroll_from_file(first, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))
    assert carry(county, first, tmp_path, "first").agreed is True
    # another PC initialised as LX01 from scratch imports the same file: it is not the bound database
    other = open_station_database(tmp_path / "impostor")
    init_station(other, name="冒名", code="LX01", admin_pin="2468")
    try:
        enroll_from_file(other, SYSTEM_ADMIN, path, accept_fingerprint=slip(county))  # the file predates the binding: it cannot tell here
        register_visit(other, admin, VisitInput("王五"), CaseInput("冒名登记"))
        out = tmp_path / "impostor.bundle"
        export_bundle(other, out)
        with pytest.raises(DomainError) as e:
            hb.import_bundle(county.hub, out.read_text("utf-8"))
        assert e.value.code == "station_mismatch" and "另一个数据库" in e.value.message
        # a file exported after the binding names the database, and the desk refuses it at once
        again = enrollment(county, tmp_path, name="again.json")
        with pytest.raises(BundleRefused) as e:
            enroll_from_file(other, SYSTEM_ADMIN, again, accept_fingerprint=slip(county))
        assert e.value.code == "station_mismatch"
    finally:
        other.dispose()


def test_an_enrolled_station_can_be_enrolled_again_by_file(county, admin, tmp_path):
    """E.g. its link is gone for good: the file replaces the online credential, re-bootstraps, and the
    county's records and the station's own come through bundles."""
    db = county.add_station("LX01")
    register_visit(db, admin, VisitInput("张三"), CaseInput("第一件"))
    assert county.sync("LX01").agreed
    old_credential = sync_state.config(db).credential
    path = enrollment(county, tmp_path)
    body = json.loads(path.read_text("utf-8"))["body"]
    assert body["station_id"] == str(db.station_id()) and len(body["cases"]["ids"]) == 1
    with pytest.raises(DomainError) as e:
        county.sync("LX01")  # the online credential was replaced by the file's
    assert e.value.code == "not_enrolled"
    done = enroll_from_file(db, SYSTEM_ADMIN, path, admin_pin="2468")
    assert done.again and done.renumbered == ()
    assert sync_state.config(db).credential != old_credential
    register_visit(db, admin, VisitInput("李四"), CaseInput("第二件"))
    result = carry(county, db, tmp_path)
    assert result.rejected == 0 and result.agreed is True
    assert county.sync("LX01").agreed


def cli(*argv):
    args, lang = parse(list(argv))
    return run_command(args, lang)


def test_enroll_by_file_from_the_command_line(county, tmp_path, capsys):
    data = tmp_path / "station"
    assert cli("--data-dir", str(data), "init", "--station-name", "柳树湾村联络站", "--station-code", "LX01",
               "--admin-pin", "2468") == 0
    path = tmp_path / "enroll.json"
    assert hub_main(["--db", str(county.engine.url), "--lang", "en", "export-enrollment", "--code", "LX01",
                     "--name", "柳树湾村", "-o", str(path)]) == 0
    capsys.readouterr()
    assert cli("--data-dir", str(data), "enroll", "--file", str(path), "--token", "x") == 2
    assert "--file" in capsys.readouterr().err
    assert cli("--data-dir", str(data), "enroll", "--file", str(path), "--accept-fingerprint", slip(county)) == 0
    assert "export-bundle" in capsys.readouterr().out
    assert cli("--data-dir", str(data), "export-bundle", "-o", str(tmp_path / "b")) == 0
    assert hub_main(["--db", str(county.engine.url), "import-bundle", str(tmp_path / "b"), "-o",
                     str(tmp_path / "a")]) == 0
    assert cli("--data-dir", str(data), "import-bundle", str(tmp_path / "a")) == 0
    assert "核对一致" in capsys.readouterr().out
    with county.hub.tx() as s:
        assert s.scalar(select(HubStation.station_uuid).where(HubStation.code == "LX01")) is not None


def test_enroll_help_is_bilingual(capsys):
    with pytest.raises(SystemExit):
        cli("enroll", "--help")
    zh = capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli("--lang", "en", "enroll", "--help")
    en = capsys.readouterr().out
    assert "登记文件" in zh and "enrollment file" in en


def test_a_forked_copy_with_no_network_is_taken_back_in_by_file(county, admin, tmp_path):
    """The fork recovery of test_fork_recovery, by USB: the enrollment file carries the hub's case numbers
    (so the clashing case is renumbered at import) and the first answer carries the other copy's records."""
    from tests.sync.test_fork_recovery import case_numbers, forked, hub_numbers

    a, b, ra, rb, rb2 = forked(county, admin, tmp_path)
    inv = Invariants(county)
    before = pending(b)
    done = enroll_from_file(b, SYSTEM_ADMIN, enrollment(county, tmp_path), admin_pin="2468")
    assert done.again and [old for old, _new in done.renumbered] == [rb.case_number]
    result = carry(county, b, tmp_path)
    assert result.rejected == 0 and result.agreed is True, result.report.notes
    assert not sync_state.config(b).rebootstrap
    inv.check()
    assert not pending(b) and before
    numbers = case_numbers(b)
    assert numbers[str(ra.case_id)] == ra.case_number and numbers[str(rb2.case_id)] == rb2.case_number
    assert set(numbers) == set(case_numbers(a)) | {str(rb.case_id), str(rb2.case_id)}
    assert all(n == 1 for n in hub_numbers(county).values())
