"""Encryption at rest: the same station database plain and encrypted (SQLCipher), side by side in one run.

Times, on each copy: the cold start (the start-up quick read, then opening the database and the case list's
first page on a new connection, so SQLite's page cache is empty and every page read is decrypted), a search
(the 1–4 character queries of ``bench.search``), the case list's first page on a warm connection, and
registering a visit (``synchronous=FULL``: dominated by the disk's flush). Prints each median and the ratio
encrypted / plain against the target (≤ 1.3×).

The encrypted database is ``bench.search``'s (built once under ``bench/results/``, encrypted at creation as
every station database now is); the plain one is a ``sqlcipher_export`` of it to a plain file.

    python -m bench.cipher                    # 100,000 cases
    python -m bench.cipher --cases 1000000    # the full size (first build takes several minutes)
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.search import QUERIES, RESULTS, build
from liaison_desk import paths
from liaison_desk.db import cipher, database, quick
from liaison_desk.db.database import Database
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.cases.listing import count_cases, page_cases
from liaison_desk.services.cases.search import search_cases
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.ui.case_table_model import COUNT_CAP

TARGET = 1.3


def plain_copy(encrypted: Path, target: Path) -> Path:
    """A plain copy of the encrypted station file (made once)."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    con = cipher.connect_station(encrypted, isolation_level=None)
    con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(tmp),))
    con.execute("SELECT sqlcipher_export('plain')")
    con.execute("DETACH DATABASE plain")
    con.close()
    tmp.replace(target)
    return target


def _schema(path: Path, key: bytes | None) -> str | None:
    con = cipher.connect_raw(path, key)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _ms(fn: Callable[[], Any], clock: Callable[[], float] = time.process_time) -> float:
    """Milliseconds of this process's CPU by default: the PC's other work (several test runs share this one)
    does not count; encryption is CPU work. Registering a visit is also timed by the wall clock (its flush)."""
    t = clock()
    fn()
    return (clock() - t) * 1000


def _plain_through_sqlcipher(path: Path) -> Database:
    """The plain file opened through ``sqlcipher3`` with no key: the same SQLite as the encrypted copy (the
    standard ``sqlite3`` of this Python may be an older SQLite), so the ratio is encryption's cost alone."""
    original = database.make_engine

    def engine(p: Path, *, foreign_keys: bool = True, key: bytes | None = None) -> Any:
        made = original(p, foreign_keys=foreign_keys, key=bytes(32))  # builds the sqlcipher3 engine …
        made.pool._creator = lambda *a: cipher.connect_raw(  # type: ignore[assignment]
            p, None, check_same_thread=False)  # … without a key
        return made

    database.make_engine = engine  # type: ignore[assignment]
    try:
        return Database(path, key=bytes(32))
    finally:
        database.make_engine = original


VARIANTS = ("plain (sqlite3)", "plain (sqlcipher3)", "encrypted")


def open_variant(variant: str, plain: Path, encrypted: Path) -> Database:
    if variant == "plain (sqlite3)":
        return Database(plain)
    if variant == "plain (sqlcipher3)":
        return _plain_through_sqlcipher(plain)
    return Database(encrypted)


def measure(plain: Path, encrypted: Path, reps: int) -> dict[str, dict[str, float]]:
    """Median ms per measure and variant; the variants take turns in every repetition (the PC's load and
    the disk's flushes vary over a run: turns spread that evenly)."""
    today = dt.date.today()
    timings: dict[str, dict[str, list[float]]] = {}

    def record(what: str, variant: str, ms: float) -> None:
        timings.setdefault(what, {}).setdefault(variant, []).append(ms)

    def cold(variant: str) -> None:
        assert quick.read_start(encrypted if variant == "encrypted" else plain, today) is not None
        db = open_variant(variant, plain, encrypted)
        page_cases(db, limit=200)
        db.dispose()

    for rep in range(reps + 1):
        for variant in VARIANTS:
            ms = _ms(lambda v=variant: cold(v))  # type: ignore[misc]
            if rep:  # the first turn warms the OS file cache
                record("cold start (quick read + open + first page)", variant, ms)
    dbs = {v: open_variant(v, plain, encrypted) for v in VARIANTS}
    names = iter([a + b + c for a in "赵钱孙李周吴郑王冯陈" for b in "伟芳娜敏静丽强磊军洋" for c in "一二三四五"])
    try:
        queries = [q for qs in QUERIES.values() for q in qs]
        for rep in range(reps + 1):
            for variant, db in dbs.items():
                for q in queries:
                    ms = _ms(lambda q=q, db=db: search_cases(db, q, limit=50))  # type: ignore[misc]
                    if rep:
                        record("search 1-4 chars (median of all)", variant, ms)
                # what the case list waits for before it paints (ui/case_table_model.py): the count up to
                # COUNT_CAP + 1 and the first 200 rows; beyond the cap the full count runs on a pool thread
                ms = _ms(lambda db=db: (count_cases(db, cap=COUNT_CAP + 1),  # type: ignore[misc]
                                        page_cases(db, limit=200)))
                if rep:
                    record("case list first paint (capped count + 200 rows)", variant, ms)
                ms = _ms(lambda db=db: count_cases(db))  # type: ignore[misc]
                if rep:
                    record("case list full count (background, after the paint)", variant, ms)
                t0, c0 = time.perf_counter(), time.process_time()
                register_visit(db, SYSTEM_ADMIN, VisitInput(next(names), visitor_phone="13900000000"),
                               CaseInput("路灯坏了，晚上看不见路"))
                if rep:
                    record("register a visit (CPU)", variant, (time.process_time() - c0) * 1000)
                    record("register a visit (wall clock, with flush)", variant, (time.perf_counter() - t0) * 1000)
    finally:
        for db in dbs.values():
            db.dispose()
    return {what: {v: statistics.median(ms) for v, ms in per.items()} for what, per in timings.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=7, help="timed runs of each measure (after one warm-up)")
    args = ap.parse_args(argv)
    data_dir = build(RESULTS / f"search-{args.cases}", args.cases)
    encrypted = paths.database_path(data_dir)
    from liaison_desk.services.context import open_station_database

    # built before encryption existed, or by an older release: encrypted and brought to the newest schema as
    # a station's start would (the quick start read refuses a database whose schema is behind the code's)
    open_station_database(data_dir).dispose()
    plain_target = RESULTS / f"cipher-plain-{args.cases}" / "liaison-desk.sqlite3"
    if plain_target.exists() and _schema(plain_target, None) != _schema(encrypted, cipher.key_for(encrypted)):
        plain_target.unlink()  # a plain copy of an older schema: made again from the upgraded file
    plain = plain_copy(encrypted, plain_target)
    size = encrypted.stat().st_size / 2**20
    print(f"database: {args.cases:,} cases, {size:.0f} MiB; plain copy {plain}", file=sys.stderr)
    results = measure(plain, encrypted, args.reps)
    worst = 0.0
    print(f"{'median ms (CPU unless said)':52} {'sqlite3':>9} {'sqlcipher3':>10} {'encrypted':>9} {'÷sqlite3':>8} {'÷sqlcipher3':>11}")
    for what, per in results.items():
        a, b, e = (per[v] for v in VARIANTS)
        if "background" in what:  # not one of the four measures: shown, not judged
            flag = "  (not a target)"
        else:
            worst = max(worst, e / a, e / b)
            flag = "" if max(e / a, e / b) <= TARGET else "  over target"
        print(f"{what:52} {a:9.2f} {b:10.2f} {e:9.2f} {e / a:7.2f}× {e / b:10.2f}×{flag}")
    print(f"CIPHER on {args.cases:,} cases: worst ratio encrypted/plain {worst:.2f}× "
          f"(target ≤ {TARGET}×: {'met' if worst <= TARGET else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
