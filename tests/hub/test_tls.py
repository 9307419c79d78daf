"""Issue 17 (item 8): the hub serves HTTPS with a self-signed certificate for its intranet address
(``make-cert``), stations pin that certificate from the signed enrollment and refuse any other."""

from __future__ import annotations

import argparse
import os
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.workflow import Role
from liaison_desk.hub import keys
from liaison_desk.hub.app import create_app
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor, open_station_database
from liaison_desk.services.sync import state as sync_state
from liaison_desk.services.sync.enroll import enroll
from liaison_desk.services.sync.rounds import sync_round


class TlsHub:
    """The hub app served by uvicorn over TLS on a loopback port, in a thread."""

    def __init__(self, hub: Hub, cert: Path, key: Path):
        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(hub), host="127.0.0.1", port=self.port, log_level="warning",
                                ssl_certfile=str(cert), ssl_keyfile=str(key))
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def station(path: Path, code: str = "LX01"):
    db = open_station_database(path)
    init_station(db, name=f"{code} 联络站", code=code, admin_pin="2468")
    return db


def test_the_hub_serves_https_and_a_station_pins_its_certificate(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "hub-keys"
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(folder))
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_main(["--db", url, "make-cert", "--name", "127.0.0.1", "--name", "hub.county.local"]) == 0
    assert "make-cert" not in capsys.readouterr().err
    cert, key = folder / keys.CERT_FILE, folder / keys.TLS_KEY_FILE
    assert cert.exists() and key.exists()
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    engine = make_engine(url)
    upgrade(engine)
    hub = Hub(engine)
    live = TlsHub(hub, cert, key)
    evil_live = None
    try:
        db = station(tmp_path / "st")
        token = hub.add_station("柳树湾村", "LX01")
        # first contact over HTTPS: the certificate is checked against the one the hub's signed answer names
        enroll(db, SYSTEM_ADMIN, live.url, token)
        cfg = sync_state.config(db)
        assert cfg.hub_cert == cert.read_text("ascii") and cfg.url == live.url
        if os.name == "posix":  # the signing key, made at first use: owner only
            assert stat.S_IMODE((folder / keys.SIGNING_FILE).stat().st_mode) == 0o600
        register_visit(db, Actor(Role.ADMIN, "测试"), VisitInput("张三"), CaseInput("水渠堵了"))
        assert sync_round(db).agreed, "a round over HTTPS with the pinned certificate"
        # an impostor at the hub's address with a certificate of its own (same hub behind it, to show that
        # the certificate alone decides): refused, nothing sent
        evil_cert, evil_key = keys.make_cert(tmp_path / "evil", ["127.0.0.1"])
        evil_live = TlsHub(hub, evil_cert, evil_key)
        with pytest.raises(DomainError) as e:
            sync_round(db, url=evil_live.url)
        assert e.value.code == "hub_unreachable" and "CERTIFICATE" in e.value.message.upper()
        # a station enrolling for the first time through the impostor notices the certificate is not the
        # one the hub signed
        other = station(tmp_path / "st2", "LX02")
        with pytest.raises(DomainError) as e:
            enroll(other, SYSTEM_ADMIN, evil_live.url, hub.add_station("二号", "LX02"))
        assert e.value.code == "tls_mismatch" and sync_state.config(other).credential is None
    finally:
        live.stop()
        if evil_live is not None:
            evil_live.stop()
        engine.dispose()


def test_serve_refuses_plain_http_off_this_machine_without_a_certificate(tmp_path):
    from liaison_desk.domain.lang import Text
    from liaison_desk.hub.cli import tls_files

    t = Text("zh")
    args = argparse.Namespace(plain_http=False, cert=None, key=None, host="0.0.0.0")
    with pytest.raises(DomainError) as e:
        tls_files(args, tmp_path, t)
    assert e.value.code == "no_cert" and "make-cert" in e.value.message
    assert tls_files(argparse.Namespace(plain_http=False, cert=None, key=None, host="127.0.0.1"), tmp_path, t) == {}
    cert, key = keys.make_cert(tmp_path, ["10.0.0.5"])
    assert tls_files(args, tmp_path, t) == {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
