"""USB bundles end to end: export at the station, import at the hub, carry the answer back."""

from __future__ import annotations

import pytest

from liaison_desk.hub import bundles as hub_bundles
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.bundle import export_bundle, import_bundle
from liaison_desk.sync.bundle import BundleRefused
from tests.sync.harness import Invariants, assert_converged, pending


def carry(county, db, tmp_path, name):
    out = tmp_path / f"{name}.bundle"
    export_bundle(db, out)
    text, _summary = hub_bundles.import_bundle(county.hub, out.read_text("utf-8"))
    answer = tmp_path / f"{name}.answer"
    answer.write_text(text, encoding="utf-8")
    return out, answer


def test_a_round_trip_by_usb_stick_twice_and_out_of_order(county, admin, tmp_path):
    a = county.add_station("LX01")
    inv = Invariants(county)
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    register_visit(a, admin, VisitInput("张三"), CaseInput("第一次带U盘"))
    out1, ans1 = carry(county, a, tmp_path, "one")
    register_visit(a, admin, VisitInput("李四"), CaseInput("第二次带U盘"))
    hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    _out2, ans2 = carry(county, a, tmp_path, "two")
    # the second answer first (it covers everything after the same cursor), then the older one, then again
    r2 = import_bundle(a, ans2)
    assert not r2.pull_skipped and r2.acknowledged > 0
    inv.check()
    from liaison_desk.services.sync.state import config

    cursor = config(a).cursor
    r1 = import_bundle(a, ans1)
    assert config(a).cursor == cursor, "an older answer never moves the cursor back"
    assert import_bundle(a, ans2).agreed is True
    # an answer made for a later cursor than ours would leave a gap: its changes wait
    from liaison_desk.sync import bundle as b

    key = b.bundle_key(config(a).credential)
    ahead = tmp_path / "ahead.answer"
    b.write(ahead, {"kind": "answer", "station_code": "LX01", "results": [], "after": cursor + 100,
                    "next": cursor + 200, "changes": [], "digest": {}}, key)
    assert import_bundle(a, ahead).pull_skipped and config(a).cursor == cursor
    del r1
    # and the station's own bundle imported twice at the hub changes nothing
    hub_bundles.import_bundle(county.hub, out1.read_text("utf-8"))
    inv.check()
    assert not pending(a)
    assert_converged(county)


def test_a_tampered_or_foreign_bundle_is_refused_whole(county, admin, tmp_path):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    register_visit(a, admin, VisitInput("张三"), CaseInput("篡改测试"))
    out = tmp_path / "a.bundle"
    export_bundle(a, out)
    text = out.read_text("utf-8")  # encrypted: one letter of its data changed
    at = text.index('"data":"') + 60
    tampered = text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]
    with pytest.raises(BundleRefused):
        hub_bundles.import_bundle(county.hub, tampered)
    with pytest.raises(BundleRefused):
        hub_bundles.import_bundle(county.hub, out.read_text("utf-8")[:200])
    _out, answer = carry(county, a, tmp_path, "a")
    with pytest.raises(BundleRefused):  # A's answer imported at B
        import_bundle(b, answer)
    cut = tmp_path / "cut.answer"
    cut.write_text(answer.read_text("utf-8")[:-40], encoding="utf-8")
    with pytest.raises(BundleRefused):
        import_bundle(a, cut)
    assert pending(a), "nothing was applied from a refused file"


def test_hub_export_bundle_for_a_station_that_sent_nothing(county, admin, tmp_path):
    a = county.add_station("LX01")
    county.sync("LX01")
    hc.add_reference(county.hub, "categories", {"code": "BRIDGE", "name": "桥梁"})
    text, summary = hub_bundles.export_bundle(county.hub, "LX01")
    assert summary["sent"] == 1
    path = tmp_path / "down.answer"
    path.write_text(text, encoding="utf-8")
    assert import_bundle(a, path).agreed is True
    assert_converged(county)
