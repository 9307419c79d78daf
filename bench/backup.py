"""Backup and restore of a large station (issue 17). Budget on a 1,000,000-case station: backup ≤ 30 s,
restore ≤ 60 s.

The station is built once by ``bench.search.build`` (real migrations, the search index and its triggers, then
the bulk of the cases through Core) under ``bench/results/backup-N/``, encrypted like every station database.
Timed: ``services.admin.backup.make_backup`` (the copy into the data folder — the encrypted file's bytes inside a
read transaction served by the file alone, or SQLite's online backup when the WAL is busy — its verification,
quick check and case count, and the rename; plus a copy to a second "USB" folder, verified again, when ``--usb``),
and ``restore_backup`` of that file into a fresh data folder on a "new PC" (with the recovery code), which
verifies it, copies it, verifies the copy and opens the restored database.

    python -m bench.backup                   # 1,000,000 cases (the first build takes a long time)
    python -m bench.backup --cases 100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.search import RESULTS, build
from liaison_desk.services.admin import backup as bk
from liaison_desk.services.context import open_station_database

BACKUP_BUDGET_S, RESTORE_BUDGET_S = 30.0, 60.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--usb", action="store_true", help="also copy to a second folder (a USB stick's stand-in)")
    ap.add_argument("--json", metavar="FILE", help="save the figures")
    args = ap.parse_args(argv)

    data = build(RESULTS / f"backup-{args.cases}", args.cases)
    load_before = os.getloadavg()[0]
    db = open_station_database(data)
    try:
        code = db.new_recovery_code()
        size = db.path.stat().st_size
        work = Path(tempfile.mkdtemp(prefix="bench-backup-"))
        usb = work / "usb"
        if args.usb:
            usb.mkdir()
        t0, c0 = time.perf_counter(), time.process_time()
        res = bk.make_backup(db, usb_dir=usb if args.usb else None, keep=1)
        backup_s, backup_cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        db.dispose()
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        done = bk.restore_backup(res.path, work / "new-pc", recovery_code=code)
        restore_s, restore_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert done.cases == res.cases
        fig = {"cases": res.cases, "database_mb": round(size / 1e6, 1), "backup_mb": round(res.size / 1e6, 1),
               "backup_s": round(backup_s, 2), "restore_s": round(restore_s, 2), "usb_copy": bool(res.usb_path),
               "backup_cpu_s": round(backup_cpu, 2), "restore_cpu_s": round(restore_cpu, 2),
               "backup_budget_s": BACKUP_BUDGET_S, "restore_budget_s": RESTORE_BUDGET_S,
               "encrypted": bk.database_key(done.path) is not None,
               "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)], "cpus": os.cpu_count()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for old in bk.list_backups(res.path.parent):
            old.unlink()
            old.with_name(old.name + ".recovery").unlink(missing_ok=True)
    print(f"backup of {fig['cases']:,} cases ({fig['database_mb']} MB, encrypted: {fig['encrypted']}"
          f"{', plus the USB copy' if args.usb else ''}): {fig['backup_s']} s wall, {fig['backup_cpu_s']} s CPU "
          f"(budget {BACKUP_BUDGET_S:.0f} s)")
    print(f"restore on a new PC: {fig['restore_s']} s wall, {fig['restore_cpu_s']} s CPU "
          f"(budget {RESTORE_BUDGET_S:.0f} s)")
    print("(wall time includes waiting for a busy machine; CPU time is one core's work, the floor on an idle PC "
          f"before disk I/O; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on "
          f"{os.cpu_count()} CPUs)")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=2))
    ok = backup_s <= BACKUP_BUDGET_S and restore_s <= RESTORE_BUDGET_S
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
