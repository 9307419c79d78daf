"""The station's sync commands against a hub served on a loopback port."""

from __future__ import annotations

import pytest

from liaison_desk.cli.main import parse, run_command
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.services.context import open_station_database
from tests.sync.harness import LiveHub


def cli(*argv):
    args, lang = parse(list(argv))
    return run_command(args, lang)


@pytest.fixture
def live(tmp_path):
    hub = LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    yield hub
    hub.stop()


def _station_and_token(data, url: str, code: str, name: str, capsys) -> str:
    """A station made with `init` and registered at the hub with `add-station`: the token it printed."""
    assert cli("--data-dir", str(data), "init", "--station-name", f"{name}联络站", "--station-code", code,
               "--admin-pin", "2468") == 0
    assert hub_main(["--db", url, "add-station", "--name", name, "--code", code]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_enroll_sync_conflicts_and_bundles_from_the_command_line(live, tmp_path, capsys):
    data, url = tmp_path / "station", str(live.hub.engine.url)
    token = _station_and_token(data, url, "LX01", "柳树湾村", capsys)
    assert cli("--data-dir", str(data), "sync") == 1
    assert "enroll" in capsys.readouterr().err
    assert cli("--data-dir", str(data), "enroll", "--hub", live.url, "--token", token) == 0
    assert cli("--data-dir", str(data), "enroll", "--hub", live.url, "--token", token,
               "--admin-pin", "2468") == 1  # one-time
    assert "登记码" in capsys.readouterr().err
    assert cli("--data-dir", str(data), "sync") == 0
    assert "核对一致" in capsys.readouterr().out
    assert hub_main(["--db", url, "ref-add", "departments", "name=县水利局"]) == 0
    assert cli("--data-dir", str(data), "--lang", "en", "sync") == 0
    assert "agree" in capsys.readouterr().out
    assert cli("--data-dir", str(data), "conflicts") == 0
    assert "0 条" in capsys.readouterr().out
    # the USB path
    bundle, answer = tmp_path / "lx01.bundle", tmp_path / "lx01.answer"
    assert cli("--data-dir", str(data), "export-bundle", "-o", str(bundle)) == 0
    assert hub_main(["--db", url, "import-bundle", str(bundle), "-o", str(answer)]) == 0
    assert cli("--data-dir", str(data), "import-bundle", str(answer)) == 0
    # station and hub exports are the same file
    mine, theirs = tmp_path / "station.jsonl", tmp_path / "hub.jsonl"
    assert cli("--data-dir", str(data), "export", "--format", "jsonl", "-o", str(mine)) == 0
    assert hub_main(["--db", url, "export", "--format", "jsonl", "--station", "LX01", "-o", str(theirs)]) == 0
    assert mine.read_text("utf-8") == theirs.read_text("utf-8")


def test_a_hub_that_is_down_gives_a_readable_error(tmp_path, capsys):
    data = tmp_path / "station"
    assert cli("--data-dir", str(data), "init", "--station-name", "联络站", "--station-code", "LX02",
               "--admin-pin", "2468") == 0
    capsys.readouterr()
    assert cli("--data-dir", str(data), "enroll", "--hub", "http://127.0.0.1:9", "--token", "x." + "0" * 16) == 1  # (a token names its hub key)
    err = capsys.readouterr().err
    assert "连不上县级平台" in err and "Traceback" not in err
    db = open_station_database(data)
    db.dispose()


def test_check_digests_finds_and_fixes_a_kept_digest_that_drifted(live, tmp_path, capsys):
    from sqlalchemy import update

    from liaison_desk.hub.schema import HubDigest

    data, url = tmp_path / "station", str(live.hub.engine.url)
    token = _station_and_token(data, url, "LX03", "联络站", capsys)
    assert cli("--data-dir", str(data), "enroll", "--hub", live.url, "--token", token) == 0
    assert hub_main(["--db", url, "ref-add", "departments", "name=县水利局"]) == 0
    assert cli("--data-dir", str(data), "sync") == 0
    capsys.readouterr()
    assert hub_main(["--db", url, "check-digests"]) == 0
    assert "一致" in capsys.readouterr().out
    with live.hub.tx() as s:  # damage one kept digest behind the hub's back
        s.execute(update(HubDigest).where(HubDigest.entity == "departments").values(count=7))
    assert cli("--data-dir", str(data), "sync") == 3  # the station sees the hub disagree (exit: check failed)
    capsys.readouterr()
    assert hub_main(["--db", url, "check-digests"]) == 3
    out = capsys.readouterr().out
    assert "departments" in out and "--fix" in out
    assert hub_main(["--db", url, "check-digests", "--fix"]) == 0
    assert hub_main(["--db", url, "check-digests"]) == 0
    assert cli("--data-dir", str(data), "sync") == 0


def test_a_refused_enrollment_does_not_leave_plain_http_allowed(live, tmp_path, capsys):
    """`enroll --allow-http` by someone without the administrator's PIN changes nothing, not even that setting."""
    from liaison_desk.services.sync import state as sync_state

    data, url = tmp_path / "station", str(live.hub.engine.url)
    token = _station_and_token(data, url, "LX01", "柳树湾村", capsys)
    assert cli("--data-dir", str(data), "enroll", "--hub", live.url, "--token", token) == 0
    assert cli("--data-dir", str(data), "enroll", "--hub", "http://192.0.2.7:8080", "--token", token,
               "--allow-http", "--admin-pin", "0000") != 0  # a wrong PIN
    db = open_station_database(data)
    try:
        assert sync_state.config(db).allow_http is False
    finally:
        db.dispose()
