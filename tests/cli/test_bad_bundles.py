"""Issue 17, item 8: every bad bundle or enrollment file — binary, not UTF-8, cut short (also in the middle of
a Chinese character), empty, of the wrong kind — is one clear Chinese line and exit code 1, with no traceback,
at the hub (``liaison-desk-hub import-bundle``) and at the station (``liaison-desk import-bundle``, ``enroll
--file``, and the service the desk's 导入县级回执文件 runs)."""

from __future__ import annotations

import os

import pytest

from liaison_desk.app import main as desk_main
from liaison_desk.domain.errors import DomainError
from liaison_desk.hub.cli import main as hub_main


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory):
    """A hub (SQLite) and a station enrolled with it by file; the station's first bundle and the hub's answer
    (made once: a refused file changes nothing on either side)."""
    tmp_path = tmp_path_factory.mktemp("bundles")
    old_umask = os.umask(0o022)  # a session's usual umask: the programs make their files owner-only themselves
    try:
        return _enroll(tmp_path)
    finally:
        os.umask(old_umask)


def _enroll(tmp_path):
    hub = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    st = tmp_path / "st"
    assert hub_main(["--db", hub, "export-enrollment", "--code", "AB12", "--name", "柳树湾站",
                     "-o", str(tmp_path / "enroll.json")]) == 0
    assert desk_main(["--data-dir", str(st), "init", "--station-name", "柳树湾站", "--station-code", "AB12",
                      "--admin-pin", "1234"]) == 0
    from liaison_desk.hub import keys
    from liaison_desk.sync import signing

    slip = signing.show(keys.fingerprint(tmp_path / "hub-keys"))  # the fingerprint on the enrollment slip
    assert desk_main(["--data-dir", str(st), "enroll", "--file", str(tmp_path / "enroll.json"),
                      "--accept-fingerprint", slip]) == 0
    assert desk_main(["--data-dir", str(st), "export-bundle", "-o", str(tmp_path / "push.json")]) == 0
    assert hub_main(["--db", hub, "import-bundle", str(tmp_path / "push.json"),
                     "-o", str(tmp_path / "answer.json")]) == 0
    return tmp_path, hub, st


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_bundle_and_enrollment_files_are_owner_only(enrolled):
    """They carry records (phones, ID numbers) and, for the enrollment file, the station's credential."""
    tmp, _hub, _st = enrolled
    for name in ("enroll.json", "push.json", "answer.json"):
        assert (tmp / name).stat().st_mode & 0o077 == 0, name


def _bad_files(tmp_path, good: bytes) -> dict[str, object]:
    # a text field to spoil: an enrollment file's date, an encrypted bundle's clear station code
    anchor = b'"created_at":"' if b'"created_at":"' in good else b'"station_code":"'
    assert anchor in good
    first_wide = next((i for i, b in enumerate(good) if b >= 0x80), None)
    # the stick was pulled out in the middle of a character (an encrypted bundle is ASCII: one is made)
    cut_in_char = (good[: first_wide + 1] if first_wide is not None
                   else good[: len(good) // 2] + "柳".encode()[:2])
    files = {
        "binary": os.urandom(4096),
        "zip": b"PK\x03\x04" + os.urandom(500),
        # saved again by another program in a legacy encoding (a Chinese or an accented word in it)
        "latin1": good.replace(anchor, anchor + b"caf" + "é".encode("latin-1"), 1),
        "gbk": good.replace(anchor, anchor + "柳树湾".encode("gbk"), 1),
        "utf16": good.decode("utf-8").encode("utf-16"),
        "cut": good[: len(good) // 2],
        "cut-in-character": cut_in_char,
        "empty": b"",
        "not-json-object": b"[1, 2, 3]\n",
        "other-json": b'{"hello": "world"}\n',
    }
    out: dict[str, object] = {}
    for name, data in files.items():
        p = tmp_path / f"bad-{name}.json"
        p.write_bytes(data)
        out[name] = p
    out["folder"] = tmp_path  # a folder picked instead of a file
    out["missing"] = tmp_path / "no-such-file.json"
    return out


def _one_clear_line(capsys) -> str:
    """Exactly one line on stderr, the refusal; nothing else (the test's own set-up printed before)."""
    out = capsys.readouterr()
    err = out.err.strip()
    assert "Traceback" not in out.err + out.out and "意外问题" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("错误："), err
    return err


BAD = ("binary", "zip", "latin1", "gbk", "utf16", "cut", "cut-in-character", "empty", "not-json-object",
       "other-json", "folder", "missing")


@pytest.mark.parametrize("name", BAD)
def test_the_hub_refuses_a_bad_bundle_in_one_line(enrolled, capsys, name):
    tmp, hub, _st = enrolled
    bad = _bad_files(tmp, (tmp / "push.json").read_bytes())[name]
    assert hub_main(["--db", hub, "import-bundle", str(bad), "-o", str(tmp / "a.json")]) == 1
    _one_clear_line(capsys)
    assert not (tmp / "a.json").exists()


@pytest.mark.parametrize("name", ["answer", "enroll"])
def test_the_hub_names_a_file_of_the_wrong_kind(enrolled, capsys, name):
    tmp, hub, _st = enrolled
    assert hub_main(["--db", hub, "import-bundle", str(tmp / f"{name}.json"), "-o", str(tmp / "a.json")]) == 1
    err = _one_clear_line(capsys)
    assert "回执" in err if name == "answer" else "登记文件" in err


@pytest.mark.parametrize("name", BAD)
def test_the_station_refuses_a_bad_answer_in_one_line(enrolled, capsys, name):
    tmp, _hub, st = enrolled
    bad = _bad_files(tmp, (tmp / "answer.json").read_bytes())[name]
    assert desk_main(["--data-dir", str(st), "import-bundle", str(bad)]) == 1
    _one_clear_line(capsys)


@pytest.mark.parametrize("name", ["binary", "gbk", "cut-in-character", "empty", "folder"])
def test_the_station_refuses_a_bad_enrollment_file_in_one_line(enrolled, capsys, name):
    tmp, _hub, st = enrolled
    bad = _bad_files(tmp, (tmp / "enroll.json").read_bytes())[name]
    assert desk_main(["--data-dir", str(st), "enroll", "--file", str(bad)]) == 1
    _one_clear_line(capsys)


@pytest.mark.parametrize("name", ["binary", "gbk", "cut-in-character", "empty", "folder"])
def test_the_desks_import_service_raises_a_readable_refusal(enrolled, name):
    """What 导入县级回执文件 runs on its worker: a DomainError (its message is what the desk shows)."""
    from liaison_desk.services.context import open_station_database
    from liaison_desk.services.sync.bundle import import_bundle

    tmp, _hub, st = enrolled
    bad = _bad_files(tmp, (tmp / "answer.json").read_bytes())[name]
    db = open_station_database(st)
    try:
        with pytest.raises(DomainError) as e:
            import_bundle(db, bad)
    finally:
        db.dispose()
    assert "同步文件" in e.value.message or "回执" in e.value.message or "文件" in e.value.message
