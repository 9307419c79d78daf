"""Authenticated enrollment and HTTPS (issue 17): what the signature and TLS cost.

- opening a signed enrollment file (Ed25519 verify + HMAC + JSON) carrying N case numbers, and the hub
  writing one (key load + sign);
- a quiet sync round, and a round pushing 500 visits, against a hub on loopback served over plain HTTP and
  over HTTPS with the pinned self-signed certificate (median of the repeated rounds; each round opens a
  new connection, so the HTTPS figure includes a TLS handshake per round).

    python -m bench.transport            # N = 20,000 case numbers, 15 quiet rounds
    python -m bench.transport --quick
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any


def serve(hub, tls: tuple[Path, Path] | None):
    import uvicorn

    from liaison_desk.hub.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    kw: dict[str, Any] = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
    server = uvicorn.Server(uvicorn.Config(create_app(hub), host="127.0.0.1", port=port, log_level="warning", **kw))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread, f"{'https' if tls else 'http'}://127.0.0.1:{port}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    args = p.parse_args(argv)
    n_numbers, rounds = (2000, 5) if args.quick else (20000, 15)

    from liaison_desk.domain.workflow import Role
    from liaison_desk.hub import keys
    from liaison_desk.hub.database import make_engine, upgrade
    from liaison_desk.hub.store import Hub
    from liaison_desk.services.admin.setup import init_station
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
    from liaison_desk.services.context import SYSTEM_ADMIN, Actor, open_station_database
    from liaison_desk.services.sync.enroll import enroll
    from liaison_desk.services.sync.rounds import sync_round
    from liaison_desk.sync import bundle, signing

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ[keys.KEY_DIR_ENV] = str(tmp / "keys")
        signer = keys.signing_key(tmp / "keys")
        body: dict[str, Any] = {"county": "default", "station_code": "LX01", "station_id": str(uuid.uuid4()), "credential": "c" * 43,
                "install_id": str(uuid.uuid4()), "hub_url": "https://hub", "tls_cert": None,
                "cases": {"ids": [str(uuid.uuid4()) for _ in range(n_numbers)],
                          "numbers": {f"LX01-250101-{i:05d}": [str(uuid.uuid4())] for i in range(n_numbers)}}}
        writes, opens = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            text = bundle.enrollment_file(body, keys.signing_key(tmp / "keys"))
            writes.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bundle.open_enrollment(text, body["station_id"], "LX01")
            opens.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in range(1000):
            sig = signing.sign(signer, {"a": 1, "hub_fingerprint": "x"})
        sign_us = (time.perf_counter() - t0) * 1000
        print(f"enrollment file with {n_numbers} case numbers ({len(text) / 1e6:.1f} MB): hub writes it in "
              f"{statistics.median(writes) * 1000:.0f} ms, station opens and verifies it in "
              f"{statistics.median(opens) * 1000:.0f} ms; Ed25519 sign of a small body {sign_us:.0f} µs "
              f"(key {sig['hub_key'][:8]}…)")

        cert, key = keys.make_cert(tmp / "keys", ["127.0.0.1"])
        engine = make_engine(f"sqlite:///{tmp / 'hub.sqlite3'}")
        upgrade(engine)
        hub = Hub(engine)
        actor = Actor(Role.ADMIN, "bench")
        for label, tls in (("http ", None), ("https", (cert, key))):
            server, thread, url = serve(hub, tls)
            try:
                db = open_station_database(tmp / f"st-{label.strip()}")
                code = "H1" if tls is None else "H2"
                init_station(db, name=code, code=code, admin_pin="2468")
                enroll(db, SYSTEM_ADMIN, url, hub.add_station(code, code))
                sync_round(db)
                for i in range(500):
                    register_visit(db, actor, VisitInput("张" + "三四五六七八九"[i % 7]), CaseInput(f"事项{i}"))
                t0 = time.perf_counter()
                assert sync_round(db).agreed
                push_s = time.perf_counter() - t0
                quiet = []
                for _ in range(rounds):
                    t0 = time.perf_counter()
                    sync_round(db)
                    quiet.append(time.perf_counter() - t0)
                print(f"{label}: round pushing 500 visits {push_s * 1000:.0f} ms; quiet round median "
                      f"{statistics.median(quiet) * 1000:.1f} ms (of {rounds})")
                db.dispose()
            finally:
                server.should_exit = True
                thread.join(timeout=10)
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
