"""The hub under oversize pushes (issue 17 item 3), on the real PostgreSQL over HTTP on loopback (the hub runs as
``liaison-desk-hub serve`` in a child process, like ``bench.sync``).

Budget: the hub's resident memory stays ≤ 300 MB, and a station syncing at the same time still succeeds.

    python -m bench.hub_limits                 # the pushes of the issue, a station of 20,000 records syncing
    python -m bench.hub_limits --records 5000  # a quicker look

What is sent, all at once, while the station ``LX01`` runs its first sync (``--records`` records):
- an enrolled station's push of 1,000,000 junk items (≈ 95 MB; refused by its length, 413),
- the same million items spelled as small as JSON allows (``{}``: 3 MB, under the size cap; refused by the
  number of values, 422, before it is parsed),
- eight 48 MB pushes without a credential, concurrently (401 before the body is read),
- and, twice at once, the heaviest push the hub does accept: a body just under the size cap (4,000 changes
  of 8 KB junk payload each, every one refused on its own: 200); the second does not fit the hub's body
  budget and is told to retry (503).
The senders write the body in 64 KB pieces and stop when the hub has answered (the answer is printed); the
hub's peak resident memory is its kernel high-water mark (``VmHWM``), read before and after.

A database of its own is created on the server for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import select
import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from bench.sync import HubProcess
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.rounds import enroll, sync_round
from liaison_desk.services.sync.state import config
from liaison_desk.sync.protocol import PROTOCOL_VERSION

BUDGET_MB = 300


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def send_raw(http: str, path: str, body: bytes | None, length: int, credential: str | None) -> str:
    """POST ``length`` bytes (``body``, or junk when None) in 64 KB pieces; stops writing once the hub has
    answered. Returns "status code" or what happened to the connection."""
    url = urlsplit(http)
    lines = [f"POST {path} HTTP/1.1", f"Host: {url.hostname}", "Content-Type: application/json",
             f"Content-Length: {length}"]
    if credential:
        lines.append(f"Authorization: Bearer {credential}")
    piece = b"x" * 65536
    try:
        with socket.create_connection((url.hostname, url.port), timeout=120) as sock:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            sent = 0
            while sent < length:
                if select.select([sock], [], [], 0)[0]:
                    break  # the hub has answered (or closed): stop writing
                chunk = body[sent:sent + 65536] if body is not None else piece[:length - sent]
                try:
                    sock.sendall(chunk)
                except OSError:
                    break
                sent += len(chunk)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    more = sock.recv(65536)
                    if not more:
                        break
                    data += more
                while True:
                    head, _, rest = data.partition(b"\r\n\r\n")
                    n = next((int(x.split(b":")[1]) for x in head.split(b"\r\n")
                              if x.lower().startswith(b"content-length:")), 0)
                    if len(rest) >= n:
                        break
                    more = sock.recv(65536)
                    if not more:
                        break
                    data += more
            except OSError as exc:
                return f"connection {type(exc).__name__} after {sent / 2**20:.1f} MB sent"
    except OSError as exc:
        return f"connection {type(exc).__name__}"
    if not data:
        return f"closed without an answer after {sent / 2**20:.1f} MB sent"
    head, _, rest = data.partition(b"\r\n\r\n")
    status = head.split(b"\r\n")[0].split()[1].decode()
    try:
        err = json.loads(rest).get("error") or {}
        what = err.get("code", "")
    except ValueError:
        what = ""
    if status == "200":
        results = json.loads(rest).get("results", [])
        what = f"{len(results)} results, {sum(r.get('status') == 'rejected' for r in results)} rejected"
    return f"{status} {what} (after {sent / 2**20:.1f} MB sent)"


def fill(db, n: int, code: str) -> int:
    """``n`` records written like the desk writes them (``bench.sync.fill``, with case numbers the way the desk
    makes them: the hub refuses a number that is not the pushing station's)."""
    import datetime as dt

    from liaison_desk.db.models import Case, CaseEvent, Constituent, Visit
    from liaison_desk.domain.case_number import format_case_number
    from liaison_desk.domain.ids import new_id

    sid = db.station_id()
    t0 = dt.datetime(2025, 1, 1, 8, 0)
    people, visits, cases, events = [], [], [], []
    for i in range(n // 5):
        pid, vid, cid = new_id(), new_id(), new_id()
        at = t0 + dt.timedelta(minutes=7 * i)
        people.append({"id": pid, "name": "张三", "phone": f"138{i:08d}"})
        visits.append({"id": vid, "station_id": sid, "occurred_at": at, "channel": "walk_in",
                       "constituent_id": pid, "visitor_names": "张三", "headcount": 1})
        visits.append({"id": new_id(), "station_id": sid, "occurred_at": at, "channel": "phone",
                       "visitor_names": "李四", "headcount": 1})
        cases.append({"id": cid, "number": format_case_number(code, at.date(), i + 1), "station_id": sid,
                      "visit_id": vid, "constituent_id": pid, "registered_at": at, "summary": "路灯不亮",
                      "content": "村口路灯坏了三盏，晚上看不见路。"})
        events.append({"id": new_id(), "case_id": cid, "kind": "register", "occurred_at": at,
                       "actor_role": "staff", "actor_name": "李干事", "data": {}})
    with db.bulk() as w:
        for model, rows in ((Constituent, people), (Visit, visits), (Case, cases), (CaseEvent, events)):
            w.insert(model, rows)
    return len(people) + len(visits) + len(cases) + len(events)


def station(tmp: Path, code: str, hub: HubProcess, records: int):
    """A real station database of its own (set up the way the desk does), ``records`` records, enrolled."""
    db = open_station_database(tmp / code)
    init_station(db, name=f"{code} 联络站", code=code, admin_pin="2468")
    n = fill(db, records, code) if records else 0
    enroll(db, SYSTEM_ADMIN, hub.http, hub.add_station(code))
    return db, n


def junk_push(install_id: str | None, n: int) -> bytes:
    item = '{"change_id":"%s","seq":%d,"payload":"junk","payload_hash":"junk"}'
    return (f'{{"protocol":{PROTOCOL_VERSION},"install_id":"{install_id}","changes":['
            + ",".join(item % (uuid.UUID(int=i), i) for i in range(1, n + 1)) + "]}").encode()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=20000, help="records of the station syncing meanwhile")
    ap.add_argument("--no-heavy", action="store_true", help="leave out the two heaviest accepted pushes: "
                    "only the issue's oversize pushes")
    args = ap.parse_args(argv)
    hub = HubProcess()
    try:
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            st, n = station(tmp, "LX01", hub, args.records)
            bad, _ = station(tmp, "JK01", hub, 0)
            bad_cfg = config(bad)
            pid = hub.proc.pid
            base = rss_mb(pid)
            print(f"hub pid {pid}: resident {base:.0f} MB before; the station LX01 holds {n:,} records")
            million = junk_push(bad_cfg.install_id, 1_000_000)
            tiny = (f'{{"protocol":{PROTOCOL_VERSION},"install_id":"{bad_cfg.install_id}","changes":['
                    + ",".join(["{}"] * 1_000_000) + "]}").encode()
            payload = "x" * 8000
            heavy = json.dumps({"protocol": PROTOCOL_VERSION, "install_id": bad_cfg.install_id, "changes": [
                {"change_id": str(uuid.uuid4()), "seq": i, "payload": payload, "payload_hash": "junk"}
                for i in range(1, 4001)]}).encode()
            results: dict[str, str] = {}
            samples: list[float] = []
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    samples.append(rss_mb(pid))
                    time.sleep(0.02)

            def run(name: str, fn) -> threading.Thread:
                def body() -> None:
                    try:
                        results[name] = fn()
                    except Exception as exc:  # noqa: BLE001 - printed: the bench reports, never hides
                        results[name] = f"failed: {exc!r}"
                t = threading.Thread(target=body, name=name)
                t.start()
                return t

            def sync() -> str:
                t0 = time.perf_counter()
                r = sync_round(st)
                return (f"agreed={r.agreed}, pushed {r.pushed:,}, rejected {r.rejected}, in "
                        f"{time.perf_counter() - t0:.1f} s" + (f"; notes: {r.notes}" if r.notes else ""))

            threading.Thread(target=sample, daemon=True).start()
            threads = [run("station LX01 first sync", sync)]
            threads.append(run("1,000,000 junk items, authenticated (95 MB)", lambda: send_raw(
                hub.http, "/v1/push", million, len(million), bad_cfg.credential)))
            threads.append(run("1,000,000 items as {} (3 MB), authenticated", lambda: send_raw(
                hub.http, "/v1/push", tiny, len(tiny), bad_cfg.credential)))
            for k in range(8):
                threads.append(run(f"48 MB unauthenticated #{k + 1}", lambda: send_raw(
                    hub.http, "/v1/push", None, 48 << 20, None)))
            for k in range(0 if args.no_heavy else 2):  # two at once: the second does not fit the hub's body budget (503, retry)
                threads.append(run(f"heaviest push #{k + 1}: 4,000 changes of 8 KB ({len(heavy) / 2**20:.0f} MB)",
                                   lambda: send_raw(hub.http, "/v1/push", heavy, len(heavy), bad_cfg.credential)))
            for t in threads:
                t.join()
            done.set()
            peak = max(rss_mb(pid, "VmHWM"), *samples)
            for name, outcome in results.items():
                print(f"  {name}: {outcome}")
            ok = peak <= BUDGET_MB and results["station LX01 first sync"].startswith("agreed=True")
            print(f"hub peak resident memory: {peak:.0f} MB (budget {BUDGET_MB} MB; {base:.0f} MB before) — "
                  f"station's sync: {results['station LX01 first sync']} — {'OK' if ok else 'OVER BUDGET/FAILED'}")
            st.dispose()
            bad.dispose()
            return 0 if ok else 1
    finally:
        hub.close()


if __name__ == "__main__":
    sys.exit(main())
