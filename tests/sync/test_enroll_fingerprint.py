"""A first enrollment trusts no hub key it was not told to (issue 17): by file, the desk shows the key's
fingerprint and enrolls only once the administrator gives the fingerprint printed on the county's slip; a
token that names no fingerprint (an older hub's) asks the same. Re-enrolling checks the pinned key as before."""

from __future__ import annotations

import builtins
import io
import sys

import pytest

from liaison_desk.app import main as desk_main
from liaison_desk.hub import bundles as hb
from liaison_desk.hub import keys
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.sync import state as sync_state
from liaison_desk.services.sync.enroll import FingerprintUnconfirmed, enroll, enroll_from_file
from liaison_desk.sync import signing
from liaison_desk.sync.signing import SignatureRefused
from tests.sync.test_enroll_signed import forge_with_own_key


def _file(county, tmp_path, code="LX01"):
    county.hub.add_station(f"{code} 联络站", code)
    text, summary = hb.export_enrollment(county.hub, code, "http://hub")
    path = tmp_path / "enroll.json"
    path.write_text(text, "utf-8")
    return path, summary["fingerprint"]


def _untouched(db):
    cfg = sync_state.config(db)
    assert cfg.credential is None and cfg.hub_key is None and not cfg.url


def test_a_forged_file_signed_with_its_own_key_does_not_enroll_a_fresh_station(county, tmp_path):
    db = county.add_station("LX01", enrolled=False)
    path = tmp_path / "forged.json"
    path.write_text(forge_with_own_key(db, "LX01-250101-001"), "utf-8")
    with pytest.raises(FingerprintUnconfirmed) as e:
        enroll_from_file(db, SYSTEM_ADMIN, path)
    # the file's fingerprint in groups of four, to compare with the slip, and what to do: one line
    shown = e.value.fingerprint
    assert len(shown.split()) == 8 and all(len(g) == 4 for g in shown.split())
    assert shown in e.value.message and "登记单" in e.value.message and "\n" not in e.value.message
    assert "slip" in e.value.message_en
    _untouched(db)
    _real, slip = _file(county, tmp_path)
    with pytest.raises(SignatureRefused) as e2:  # the slip's fingerprint is not the forger's
        enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=slip)
    assert e2.value.code == "hub_key_changed"
    _untouched(db)


def test_the_countys_file_enrolls_once_the_slips_fingerprint_is_given(county, tmp_path):
    db = county.add_station("LX01", enrolled=False)
    path, slip = _file(county, tmp_path)
    with pytest.raises(FingerprintUnconfirmed) as e:
        enroll_from_file(db, SYSTEM_ADMIN, path)
    assert e.value.fingerprint == slip  # what the desk shows is what the hub printed
    _untouched(db)
    done = enroll_from_file(db, SYSTEM_ADMIN, path, accept_fingerprint=slip)
    assert done.fingerprint == slip and sync_state.config(db).hub_key


def test_a_token_naming_no_fingerprint_needs_the_slip_too(county):
    from liaison_desk.hub.enrollment import sha
    from liaison_desk.hub.schema import HubStation

    db = county.add_station("LX01", enrolled=False)
    county.hub.add_station("LX01", "LX01")
    old_style = "an-older-hubs-token-without-a-fingerprint"
    with county.hub.tx() as s:
        s.get(HubStation, ("default", "LX01")).enroll_hash = sha(old_style)
    with pytest.raises(FingerprintUnconfirmed) as e:  # asked before the hub spends the token
        enroll(db, SYSTEM_ADMIN, "http://hub", old_style, send=county.net.send)
    assert "仍可使用" in e.value.message and "--accept-fingerprint" in e.value.message
    _untouched(db)
    slip = signing.show(keys.fingerprint(keys.folder_for(county.hub)))
    assert enroll(db, SYSTEM_ADMIN, "http://hub", old_style, send=county.net.send, accept_fingerprint=slip)
    assert sync_state.config(db).credential


def _cli_setup(tmp_path):
    hub = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    from liaison_desk.hub.cli import main as hub_main

    assert hub_main(["--db", hub, "export-enrollment", "--code", "AB12", "--name", "柳树湾站",
                     "-o", str(tmp_path / "enroll.json")]) == 0
    data = tmp_path / "st"
    assert desk_main(["--data-dir", str(data), "init", "--station-name", "柳树湾站", "--station-code", "AB12",
                      "--admin-pin", "1234"]) == 0
    return data, signing.show(keys.fingerprint(tmp_path / "hub-keys"))


def test_the_command_line_requires_or_asks_for_the_fingerprint(tmp_path, capsys, monkeypatch):
    data, slip = _cli_setup(tmp_path)
    enroll_file = str(tmp_path / "enroll.json")
    capsys.readouterr()
    # not at a terminal (a script): refused in one line that shows the fingerprint to compare
    assert desk_main(["--data-dir", str(data), "enroll", "--file", enroll_file]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and slip in err and "--accept-fingerprint" in err
    # at a terminal: shown, and the slip's fingerprint typed; a wrong one typed enrolls nothing
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt="": "0000 1111 2222 3333 4444 5555 6666 7777")
    assert desk_main(["--data-dir", str(data), "enroll", "--file", enroll_file]) == 1
    out = capsys.readouterr()
    assert slip in out.out + out.err
    monkeypatch.setattr(builtins, "input", lambda prompt="": slip.lower())
    assert desk_main(["--data-dir", str(data), "enroll", "--file", enroll_file]) == 0
    assert slip in capsys.readouterr().out


def test_scripts_pass_the_fingerprint(tmp_path, capsys):
    data, slip = _cli_setup(tmp_path)
    assert desk_main(["--data-dir", str(data), "enroll", "--file", str(tmp_path / "enroll.json"),
                      "--accept-fingerprint", slip]) == 0
