"""Issue 13, "the first hour of a new user" at the command line: what a new user runs first must answer in
Chinese, line up next to Chinese, stop quietly when piped into ``head``, and never turn a real station into
a training database or show training data dated in the future."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liaison_desk.app import main
from liaison_desk.db.models import SYNCED_MODELS, Activity, CaseEvent, Deputy, DutyShift, Visit
from liaison_desk.domain import timeutil
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.setup import init_station, station_info
from liaison_desk.services.context import open_station_database

ROOT = Path(__file__).resolve().parents[2]


def width(text: str) -> int:
    """Columns a terminal gives ``text`` (a wide or full-width character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def env_zh() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo")
    assert main(["--data-dir", str(d), "demo", "--visits", "600", "--seed", "4"]) == 0
    return d


def column_starts(line: str, cells: list[str]) -> list[int]:
    """Display column where each of ``cells`` starts in ``line`` (searched left to right)."""
    starts, pos = [], 0
    for cell in cells:
        i = line.index(cell, pos)
        starts.append(width(line[:i]))
        pos = i + len(cell)
    return starts


# -- stats and deputies list: Chinese words, not table names or codes -------------------------------------

def test_stats_names_every_record_type_in_chinese(demo_dir, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "stats"]) == 0
    out = capsys.readouterr().out
    records = out.split("案件状态")[0]
    for model in SYNCED_MODELS:
        assert model.__tablename__ not in records, f"{model.__tablename__} is printed raw"
    assert "打印记录" in records and "值班规则" in records
    assert not re.search(r"[a-z]{3,}", records), records


def test_deputies_list_says_the_duty_role_in_chinese(demo_dir, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "deputies", "list"]) == 0
    out = capsys.readouterr().out
    assert "rotating" not in out and "fixed" not in out
    assert "轮流值班" in out and "固定在站" in out
    assert main(["--data-dir", str(demo_dir), "--lang", "en", "deputies", "list"]) == 0
    assert "Rotating" in capsys.readouterr().out


# -- tables line up by display width ------------------------------------------------------------------------

def test_the_deputies_list_lines_up_next_to_chinese_names(demo_dir, capsys):
    db = open_station_database(demo_dir)
    try:
        with db.session(write=False) as s:
            names = {d.name: d.code for d in s.scalars(select(Deputy))}
    finally:
        db.dispose()
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "deputies", "list"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.strip()]
    rows = [ln for ln in lines if ln.split()[0] in names]
    assert len({len(n) for n in names}) > 1, "names of different lengths are what misaligns"
    starts = {tuple(column_starts(ln, [names[ln.split()[0]]])) for ln in rows}
    assert len(starts) == 1, f"the card-number column starts at {starts}:\n" + "\n".join(rows[:8])
    assert "\t" not in "".join(lines)


def test_the_score_ranking_lines_up_with_its_header(demo_dir, capsys):
    year = timeutil.local_today().year
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "scores", "--year", str(year)]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.strip()]
    header, rows = lines[0], lines[1:]
    assert len(rows) > 10
    grade_col = width(header[:header.index("等次")])
    for ln in rows:
        grade = ln.split()[-1]
        assert width(ln[:ln.rindex(grade)]) == grade_col, f"{ln!r} vs header {header!r}"


def test_search_results_line_up(demo_dir, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "search", "村", "--limit", "40"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) > 10
    # the summary (last column) starts at the same display column on every row
    cols = set()
    for ln in rows:
        parts = re.split(r"\s{2,}", ln.strip())
        cols.add(width(ln[:ln.rindex(parts[-1])]))
    assert len(cols) == 1, "\n".join(rows[:10])


def test_the_roster_month_lines_up_next_to_names_of_two_and_three_characters(demo_dir, capsys):
    month = (timeutil.local_today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    capsys.readouterr()
    assert main(["--data-dir", str(demo_dir), "roster", "show", "--month", month]) == 0
    rows = [ln for ln in capsys.readouterr().out.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", ln)]
    assert len(rows) > 10
    starts = {width(ln[:re.search(r"(\d\d:\d\d|--:--)–", ln).start()]) for ln in rows}
    assert len(starts) == 1, "\n".join(rows[:10])


def test_no_command_prints_a_table_with_tabs_or_format_padding():
    """Every table goes through the one display-width helper: no tab-separated rows, no ``:<8``-style
    padding (which counts a Chinese character as one column)."""
    sources = [*sorted((ROOT / "liaison_desk" / "cli").glob("*.py")), ROOT / "liaison_desk" / "hub" / "cli.py"]
    offenders = []
    for path in sources:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "print(" in line and ("\\t" in line or re.search(r"\{[^{}]*:[<>^]?\d+s?\}", line)):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# -- piping into a reader that stops early (head) -----------------------------------------------------------

def _pipe_and_close_early(cmd: list[str], read_lines: int) -> tuple[int, str]:
    p = subprocess.Popen([sys.executable, *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_zh(),
                         cwd=ROOT)
    assert p.stdout is not None and p.stderr is not None
    for _ in range(read_lines):
        p.stdout.readline()
    p.stdout.close()  # as `| head -n N` does
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    return p.wait(timeout=120), err


@pytest.mark.parametrize(("args", "read"), [(["export", "-o", "-"], 1), (["stats"], 0), (["deputies", "list"], 0),
                                            (["--help"], 1), (["roster", "--help"], 0)])
def test_piping_into_head_stops_quietly(demo_dir, args, read):
    rc, err = _pipe_and_close_early(["-m", "liaison_desk", "--data-dir", str(demo_dir), *args], read)
    assert err == "", err
    assert rc in (0, 141)


# -- demo: only on a fresh or training database; never in the future -----------------------------------------

def test_demo_refuses_a_real_station_made_by_init(tmp_path, capsys):
    d = tmp_path / "real"
    assert main(["--data-dir", str(d), "init", "--station-name", "柳树湾村人大代表联络站", "--station-code", "LX01",
                 "--admin-pin", "2468"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(d), "demo", "--visits", "20"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "正式" in err and "培训" in err and len(err.strip().splitlines()) == 1
    db = open_station_database(d)
    try:
        info = station_info(db)
        assert info is not None and not info.training, "the real station was turned into a training database"
        with db.session(write=False) as s:
            assert s.scalar(select(func.count()).select_from(Deputy)) == 0
    finally:
        db.dispose()


def test_demo_accepts_a_fresh_or_an_empty_training_database(empty_db):
    init_station(empty_db, name="示范联络站", code="PX02", admin_pin="123456", training=True)
    res = generate_demo(empty_db, visits=20, seed=2, end=dt.date(2026, 3, 4))
    assert res.visits == 20
    info = station_info(empty_db)
    assert info is not None and info.training


@pytest.mark.parametrize("clock", [dt.datetime(2026, 12, 2, 1, 30), dt.datetime(2026, 12, 2, 6, 5)])
def test_demo_data_never_lies_in_the_future(empty_db, monkeypatch, clock):
    """At 09:30 (or 14:05) station time on a Wednesday nothing may have happened later that day."""
    monkeypatch.setattr(timeutil, "utcnow", lambda: clock)
    generate_demo(empty_db, visits=1500, seed=9)
    local_now = timeutil.to_local(clock)
    with empty_db.session(write=False) as s:
        assert s.scalar(select(func.max(Visit.occurred_at))) <= clock
        assert s.scalar(select(func.max(CaseEvent.occurred_at))) <= clock
        assert s.scalar(select(func.max(DutyShift.signed_in_at))) <= clock
        assert (s.scalar(select(func.max(DutyShift.signed_out_at))) or clock) <= clock
        assert s.scalar(select(func.max(Activity.date))) <= local_now.date()
        assert s.scalar(select(func.max(DutyShift.date))) == local_now.date(), "today's shift is there"


def test_demo_export_lines_are_json(demo_dir):
    out = subprocess.run([sys.executable, "-m", "liaison_desk", "--data-dir", str(demo_dir), "export", "-o", "-"],
                         capture_output=True, text=True, env=env_zh(), cwd=ROOT, timeout=120, check=False)
    assert out.returncode == 0
    assert all(json.loads(ln) for ln in out.stdout.splitlines()[:50])
    assert not (ROOT / "-").exists()
