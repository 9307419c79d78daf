"""Smoke tests of ``bench/sync.py`` at its smallest size: the bench broke unnoticed when station files became
encrypted (a station copied without its key could not be opened) and when the hub began reading a case's
owner from its number (the bench's made-up numbers were refused, so no round ever agreed)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from bench import sync as bench_sync
from liaison_desk.db.models import Case
from liaison_desk.domain.case_number import parse_case_number
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database


def test_fill_numbers_cases_as_the_station_own(tmp_path):
    """Every bulk case number parses, and its owner is the station that wrote it (what the hub checks)."""
    db = open_station_database(tmp_path / "s")
    init_station(db, name="BX01 联络站", code="BX01", admin_pin="2468")
    assert bench_sync.fill(db, 600, "BX01") == 600
    with db.session(write=False) as s:
        numbers = list(s.scalars(Case.__table__.select().with_only_columns(Case.__table__.c.number)))
    db.dispose()
    assert len(numbers) == 120 and len(set(numbers)) == 120
    assert {parse_case_number(n).station_code for n in numbers} == {"BX01"}


class _NoHub:
    http = "http://127.0.0.1:9"

    def add_station(self, code: str, *, cli: bool = False) -> str:
        return "token"


def test_a_station_copied_from_the_template_opens(tmp_path, monkeypatch):
    """``station()`` copies the template's file and its key: the copy opens and takes writes."""
    monkeypatch.setattr(bench_sync, "enroll", lambda *a, **k: None)
    db, n = bench_sync.station(tmp_path, "BX01", _NoHub(), 50)
    db2, _ = bench_sync.station(tmp_path, "BX02", _NoHub(), 0)
    assert n == 50 and db.station_id() != db2.station_id()
    db.dispose()
    db2.dispose()


def _pg_or_skip() -> None:
    engine = create_engine(bench_sync.PG_URL)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {bench_sync.PG_URL}: {exc.orig}")
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_bench_sync_smallest_run_agrees(capsys):
    """The first sync, no-op and everyday rounds of one small station against a real hub process: the
    bench asserts every round agreed with the hub."""
    _pg_or_skip()
    assert bench_sync.main(["--records", "50", "--noop-runs", "1", "--skip-concurrent", "--hub-workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "agreed=True" in out and "no-op sync" in out and "error" not in out


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_sync_small_concurrent_run_has_no_errors(capsys):
    """The concurrent part too (stations built in spawned processes), at a small size."""
    _pg_or_skip()
    assert bench_sync.main(["--skip-first", "--stations", "4", "--station-procs", "2", "--windows", "0",
                            "--station-records", "20", "--hub-workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 stations holding 20 records each" in out and " 0 errors" in out
