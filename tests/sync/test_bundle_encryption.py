"""USB bundles are encrypted (issue 17): a lost stick shows no visitor's name, phone or ID number, a changed
byte is refused with one Chinese line, and the round trip still syncs. A plain bundle of a desk not yet
upgraded is still read at the hub (logged and counted); the station never reads a plain answer."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import zlib

import pytest

from liaison_desk.hub import bundles as hub_bundles
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.bundle import export_bundle, import_bundle
from liaison_desk.services.sync.state import config
from liaison_desk.sync import bundle
from liaison_desk.sync.bundle import BundleRefused
from tests.sync.harness import assert_converged, pending

PHONE, ID_NUMBER, NAME, DEPT = "13912345678", "110101199003071233", "王秘密", "县机密保密局"
PLANTED = (PHONE, ID_NUMBER, NAME, DEPT)


def _decodings(raw: bytes) -> list[bytes]:
    """The file's bytes and whatever a finder could get out of them: every base64 run decoded, and
    inflated when it is zlib (the format compresses before it encrypts)."""
    out = [raw]
    text = raw.decode("utf-8")
    for value in _strings(json.loads(text)):
        try:
            dec = base64.b64decode(value, validate=True)
        except ValueError:
            continue
        out.append(dec)
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(dec))
    return out


def _strings(doc):
    if isinstance(doc, dict):
        for v in doc.values():
            yield from _strings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _strings(v)
    elif isinstance(doc, str):
        yield doc


def _assert_nothing_in_clear(path):
    for blob in _decodings(path.read_bytes()):
        for value in PLANTED:
            assert value.encode("utf-8") not in blob, f"{value} readable in {path.name}"
            assert json.dumps(value).encode("ascii") not in blob  # nor \\u-escaped


def _flip(path, at: float = 0.5) -> None:
    """One byte of the file changed, inside its encrypted data (a base64 letter swapped)."""
    raw = bytearray(path.read_bytes())
    i = int(len(raw) * at)
    while not chr(raw[i]).isalnum():
        i += 1
    raw[i] = ord("A") if raw[i] != ord("A") else ord("B")
    path.write_bytes(bytes(raw))


def test_both_bundles_hold_no_personal_data_in_clear_and_still_sync(county, admin, tmp_path):
    a = county.add_station("LX01")
    hc.add_reference(county.hub, "departments", {"name": DEPT})
    register_visit(a, admin, VisitInput(NAME, visitor_phone=PHONE, id_number=ID_NUMBER), CaseInput("路灯坏了"))
    out = tmp_path / "a.bundle"
    export_bundle(a, out)
    _assert_nothing_in_clear(out)
    text, summary = hub_bundles.import_bundle(county.hub, out.read_text("utf-8"))
    assert summary["accepted"] > 0 and not summary.get("plain")
    answer = tmp_path / "a.answer"
    answer.write_text(text, encoding="utf-8")
    _assert_nothing_in_clear(answer)  # the department and our own records coming back (a re-bootstrap)
    r = import_bundle(a, answer)
    assert r.acknowledged > 0 and r.agreed is True
    assert not pending(a)
    assert_converged(county)


@pytest.mark.parametrize("at", [0.3, 0.6, 0.95])
def test_a_changed_byte_is_refused_with_one_chinese_line(county, admin, tmp_path, at):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput(NAME, visitor_phone=PHONE), CaseInput("篡改测试"))
    out = tmp_path / "a.bundle"
    export_bundle(a, out)
    _flip(out, at)
    with pytest.raises(BundleRefused) as e:
        hub_bundles.import_bundle(county.hub, out.read_text("utf-8"))
    assert e.value.code in {"bundle_tampered", "bundle_damaged"}
    assert "已拒绝导入" in e.value.message and "\n" not in e.value.message
    # the answer, changed on its way back
    export_bundle(a, out)
    text, _ = hub_bundles.import_bundle(county.hub, out.read_text("utf-8"))
    answer = tmp_path / "a.answer"
    answer.write_text(text, encoding="utf-8")
    _flip(answer, at)
    with pytest.raises(BundleRefused) as e:
        import_bundle(a, answer)
    assert e.value.code in {"bundle_tampered", "bundle_damaged"} and "已拒绝导入" in e.value.message
    assert pending(a), "nothing was applied from a refused file"


def test_the_station_name_and_kind_in_clear_cannot_be_changed(county, admin, tmp_path):
    a = county.add_station("LX01")
    county.add_station("LX02")
    register_visit(a, admin, VisitInput(NAME), CaseInput("换站代码"))
    out = tmp_path / "a.bundle"
    export_bundle(a, out)
    text = out.read_text("utf-8")
    assert '"LX01"' in text  # the hub finds the station's key by it
    with pytest.raises(BundleRefused):
        hub_bundles.import_bundle(county.hub, text.replace('"LX01"', '"LX02"'))


def test_the_encryption_key_is_not_the_signing_key():
    key = bundle.bundle_key("credential-of-LX01")
    sealed = bundle.sealing_key(key)
    assert len(sealed) == 32 and sealed != bytes.fromhex(key)


def _plain_push(db, tmp_path):
    """What a desk of the previous release writes: the signed, unencrypted format."""
    from liaison_desk.services.sync.push import pending_batch

    cfg = config(db)
    body = {"kind": "push", "bundle_id": "00000000-0000-4000-8000-000000000001", "station_code": "LX01",
            "install_id": cfg.install_id, "station_id": str(db.station_id()), "rebootstrap": cfg.rebootstrap,
            "cursor": cfg.cursor, "changes": pending_batch(db, 5000, 0)}
    return bundle.plain_dumps(body, bundle.bundle_key(cfg.credential))


def test_the_hub_still_reads_a_plain_bundle_of_a_desk_not_upgraded_logged_and_counted(county, admin, tmp_path,
                                                                                     caplog):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput(NAME, visitor_phone=PHONE), CaseInput("旧版本"))
    with caplog.at_level(logging.WARNING):
        text, summary = hub_bundles.import_bundle(county.hub, _plain_push(a, tmp_path))
    assert summary["plain"] is True and summary["accepted"] > 0
    assert any("unencrypted" in r.getMessage() and "LX01" in r.getMessage() for r in caplog.records)
    answer = tmp_path / "a.answer"
    answer.write_text(text, encoding="utf-8")
    _assert_nothing_in_clear(answer)  # answered encrypted all the same
    assert import_bundle(a, answer).acknowledged > 0


def test_the_station_refuses_a_plain_answer(county, admin, tmp_path):
    a = county.add_station("LX01")
    answer = tmp_path / "plain.answer"
    answer.write_text(bundle.plain_dumps({"kind": "answer", "station_code": "LX01", "results": [], "after": 0,
                                          "next": 0, "changes": [], "digest": {}},
                                         bundle.bundle_key(config(a).credential)), encoding="utf-8")
    with pytest.raises(BundleRefused) as e:
        import_bundle(a, answer)
    assert e.value.code == "bundle_plain" and "没有加密" in e.value.message


def test_the_hub_command_says_which_station_still_sends_plain_bundles(county, admin, tmp_path, capsys):
    from liaison_desk.hub.cli import main as hub_main

    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput(NAME), CaseInput("旧版本"))
    path = tmp_path / "plain.bundle"
    path.write_text(_plain_push(a, tmp_path), "utf-8")
    assert hub_main(["--db", str(county.engine.url), "import-bundle", str(path), "-o", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "LX01 的同步文件没有加密" in out and "升级" in out
    export_bundle(a, path)  # an upgraded desk's: no note
    assert hub_main(["--db", str(county.engine.url), "import-bundle", str(path), "-o", str(tmp_path / "b")]) == 0
    assert "没有加密" not in capsys.readouterr().out
