"""Stress run at the scale the issue names (100,000 visits); `pytest -m slow`. The default suite runs the
same path at 400 visits (tests/cli/test_cli.py)."""

from __future__ import annotations

import io
import json

import pytest

from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.export import export_jsonl
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.context import open_station_database

pytestmark = pytest.mark.slow


def test_hundred_thousand_visits_generate_check_and_export(tmp_path):
    db = open_station_database(tmp_path / "big")
    try:
        res = generate_demo(db, visits=100_000, seed=11)
        assert res.visits == 100_000 and res.cases > 75_000
        stats = compute_stats(db)
        assert stats["records"]["visits"] == 100_000
        assert all(n > 0 for n in stats["cases"]["by_status"].values())
        report = run_check(db)
        assert report.ok, report.problems[:5]
        assert report.cases_checked == res.cases
        out = io.StringIO()
        n = export_jsonl(db, out)
        lines = out.getvalue().splitlines()
        assert n == len(lines) and sum(json.loads(x)["type"] == "cases" for x in lines) == res.cases
    finally:
        db.dispose()
