"""Run as a child process by test_crash.py: does one thing to a station and is killed (-9) at a named point."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(point: str, data_dir: str, hub_file: str) -> None:
    from fastapi.testclient import TestClient

    from liaison_desk.hub.app import create_app
    from liaison_desk.hub.database import make_engine
    from liaison_desk.hub.store import Hub
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
    from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
    from liaison_desk.services.sync import apply as sync_apply
    from liaison_desk.services.sync import pull as sync_pull
    from liaison_desk.services.sync import push as sync_push
    from liaison_desk.services.sync import rounds as sync

    db = open_station_database(Path(data_dir))
    client = TestClient(create_app(Hub(make_engine(f"sqlite:///{hub_file}"))))

    def send(path, data, headers):
        r = client.post(path, content=data, headers=headers)
        return r.status_code, r.content

    if point == "between_write_and_push":
        register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("写完还没上传就断电"))
        die()
    if point == "after_hub_answered":
        original = sync_push.record_results

        def record_then_die(*args, **kwargs):
            die()
            return original(*args, **kwargs)

        sync_push.record_results = record_then_die
    if point == "mid_pull":
        original_apply = sync_apply.apply_change
        count = {"n": 0}

        def apply_then_die(*args, **kwargs):
            count["n"] += 1
            if count["n"] == 7:
                die()  # in the middle of the second page's transaction
            return original_apply(*args, **kwargs)

        sync_pull.apply_change = apply_then_die
        sync.PULL_PAGE = 5
    sync.sync_round(db, send=send)
    sys.exit(3)  # not reached when the kill happened


if __name__ == "__main__":
    main(*sys.argv[1:4])
