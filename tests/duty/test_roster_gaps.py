"""Gaps closed in review: monthly limits per calendar month, each year's own minimum across New Year, a deputy
planned at another station, and the CLI's per-deputy counts when two deputies share a name."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import uuid
from collections import Counter

import pytest
from sqlalchemy import select

from liaison_desk.app import main
from liaison_desk.db.models import Station, StationAssignment
from liaison_desk.db.models_duty import RosterSlot
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.roster import DutyPattern
from liaison_desk.domain.timeutil import local_today
from liaison_desk.printing.roster_sheet import RosterDay, RosterSheetData, build_roster_sheet, month_days
from liaison_desk.services.duty import roster as R
from liaison_desk.services.duty.record import set_minimums
from liaison_desk.services.duty.scores import report_draft_pdf, report_to_voters_draft
from tests.duty.helpers import give_all_accounts, make_deputies, sign_shift


def _cli_station(tmp_path, deputy_rows: str) -> str:
    """A station made by the command line (``init``) with deputies imported from CSV rows; its data folder."""
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,代表层级,代表证号\n" + deputy_rows, encoding="utf-8")
    assert main(["--data-dir", d, "deputies", "import", str(csv)]) == 0
    give_all_accounts(d)  # the roster plans only deputies who can sign in
    return d

TODAY = dt.date(2026, 11, 30)


def slots_of(db, station=None):
    with db.session(write=False) as s:
        q = select(RosterSlot.date, RosterSlot.slot, RosterSlot.deputy_id).where(RosterSlot.deleted_hlc.is_(None))
        if station is not None:
            q = q.where(RosterSlot.station_id == station)
        return s.execute(q).all()


def test_a_monthly_limit_holds_in_each_month_of_a_quarter(db, admin):
    # Mondays to Fridays, two deputies: 甲 may come once a month. Before, a quarter gave him "1 × 3 months"
    # to spend as the generator liked (three shifts in January).
    a, _ = make_deputies(db, 2)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset(range(5)), ("full",)))
    R.set_monthly_limit(db, admin, a, 1)
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2027, 2, 28), today=TODAY)
    per_month = Counter((d.year, d.month) for d, _, dep in slots_of(db) if dep == uuid.UUID(a))
    assert per_month == {(2026, 12): 1, (2027, 1): 1, (2027, 2): 1}


def test_a_period_across_new_year_asks_each_year_for_its_own_minimum(db, admin):
    # Both deputies did their two receptions in 2026; January 2027 counts from zero again, so each of them is
    # planned twice in January and the plan explains it by the 2027 count (已接待 0 次).
    a, b = make_deputies(db, 2)
    for dep in (a, b):
        sign_shift(db, dep, dt.date(2026, 3, 4))
        sign_shift(db, dep, dt.date(2026, 6, 3))
    set_minimums(db, admin, {"shift": 2})
    plan = R.preview_roster(db, dt.date(2026, 12, 1), dt.date(2027, 1, 31), today=TODAY)
    jan = [x for x in plan.roster.assignments if x.date.year == 2027]
    assert Counter(x.deputy_id for x in jan) == {a: 2, b: 2}
    assert "尚未达到全年至少 2 次接待的要求（已接待 0 次）" in jan[0].reasons
    assert plan.roster.warnings == ()


@pytest.fixture
def two_stations(db, admin):
    """Deputy 甲 is also assigned to a neighbouring station whose roster has synced here."""
    a, b = make_deputies(db, 2)
    other = new_id()
    with db.session() as s:
        s.add(Station(id=other, name="石桥村联络点", code="SQ02", kind="point"))
        s.add(StationAssignment(id=new_id(), station_id=other, deputy_id=uuid.UUID(a), duty_role="rotating"))
        for day in (dt.date(2026, 12, 2), dt.date(2026, 12, 9)):
            s.add(RosterSlot(id=R.slot_id(other, day, "full", uuid.UUID(a)), station_id=other, date=day, slot="full",
                             deputy_id=uuid.UUID(a), source="generated", reasons=""))
    return a, b, other


def test_a_deputy_planned_at_another_station_is_not_planned_here_on_the_same_slot(db, admin, two_stations):
    a, _, _ = two_stations
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    here = slots_of(db, db.station_id())
    taken = {(d, dep) for d, _, dep in here}
    assert (dt.date(2026, 12, 2), uuid.UUID(a)) not in taken
    assert (dt.date(2026, 12, 9), uuid.UUID(a)) not in taken
    assert {d for d, _, dep in here if dep == uuid.UUID(a)} <= {dt.date(2026, 12, 16), dt.date(2026, 12, 23),
                                                                 dt.date(2026, 12, 30)}
    assert len(here) == 5  # every Wednesday still has its deputy


def test_a_substitute_already_on_duty_at_another_station_is_refused(db, admin, two_stations):
    a, b, _ = two_stations
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    with pytest.raises(DomainError) as err:
        R.substitute(db, admin, dt.date(2026, 12, 2), "full", b, a, "家中有事")
    assert err.value.code == "busy_elsewhere" and "石桥村联络点" in err.value.message
    assert (dt.date(2026, 12, 2), "full", uuid.UUID(b)) in slots_of(db, db.station_id())  # nothing changed


def test_cli_counts_keep_two_deputies_of_the_same_name_apart(tmp_path, capsys):
    # Before, --json keyed the counts by name: two deputies called 张三 showed as one.
    d = _cli_station(tmp_path, "张三,乡镇,A1\n张三,县,A2\n")
    capsys.readouterr()
    start = local_today() + dt.timedelta(days=1)
    assert main(["--data-dir", d, "roster", "generate", "--from", start.isoformat(), "--to",
                 (start + dt.timedelta(days=27)).isoformat(), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["counts"]) == 2 and {c["deputy"] for c in out["counts"]} == {"张三"}
    assert len({c["deputy_id"] for c in out["counts"]}) == 2
    assert sum(c["shifts"] for c in out["counts"]) == len(out["assignments"])


# -- the wall sheet and the 述职 report on paper -------------------------------------------------------------

def test_a_crowded_month_fits_one_page_and_never_cuts_a_name(tmp_path):
    # Mon/Wed/Fri, morning and afternoon, two deputies each: before, names broke mid-word ("梁国|强") at 15 pt
    # and the month spilled onto a second page.
    names = ["梁国强", "欧阳明月", "司马相如", "郝静", "韦小军", "诸葛孔明"]
    days, n = [], 0
    for d in month_days(2026, 12):
        slots = ()
        if d.weekday() in (0, 2, 4):
            slots = tuple((label, (names[(n + k) % 6], names[(n + k + 1) % 6])) for k, label in ((0, "上午"), (2, "下午")))
            n += 1
        days.append(RosterDay(d, slots))
    pdf = build_roster_sheet(RosterSheetData("青石镇人大代表联络站", 2026, 12, tuple(days), fixed=("曹玉珍",)))
    assert pdf.pages == 1
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for name in names:
        assert name in text  # printed whole, never split over two lines


def test_report_draft_prints_as_pdf_with_the_edited_text(db, admin, tmp_path):
    (a,) = make_deputies(db, 1)
    sign_shift(db, a, dt.date(2026, 3, 4))
    draft = report_to_voters_draft(db, a, 2026)
    edited = draft.replace("（请代表本人填写）", "今后将多到𠮷村和䶮家湾走访群众。")
    pdf = report_draft_pdf(db, a, 2026, text=edited)
    assert pdf.startswith(b"%PDF") and pdf.pages == 1
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026年度履职情况报告" in text and "值班 1 次" in text and "走访群众" in text
    assert report_draft_pdf(db, a, 2026).pages == 1  # without a text: the draft from the records
    with pytest.raises(DomainError) as err:
        report_draft_pdf(db, a, 2026, text="  \n ")
    assert err.value.code == "empty_report"


def test_cli_report_draft_pdf(tmp_path, capsys):
    d = _cli_station(tmp_path, "张三,乡镇,A1\n")
    out = tmp_path / "述职.pdf"
    assert main(["--data-dir", d, "report-draft", "--year", "2026", "--deputy", "张三", "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "已生成述职报告" in capsys.readouterr().out
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("述职报告".encode("gbk"))
    assert main(["--data-dir", d, "report-draft", "--year", "2026", "--deputy", "张三", "--text", str(bad),
                 "--pdf", str(out)]) == 1
    assert "UTF-8" in capsys.readouterr().err


def test_cli_sets_a_monthly_limit_and_refuses_a_bad_one(tmp_path, capsys):
    d = _cli_station(tmp_path, "张三,乡镇,A1\n李四,县,A2\n")
    assert main(["--data-dir", d, "roster", "pattern", "--weekdays", "0,1,2,3,4"]) == 0
    assert main(["--data-dir", d, "roster", "limit", "--deputy", "张三", "--per-month", "1"]) == 0
    assert main(["--data-dir", d, "roster", "limit", "--deputy", "张三", "--per-month", "99"]) == 1
    assert "0 到 62" in capsys.readouterr().err
    start = local_today() + dt.timedelta(days=1)
    assert main(["--data-dir", d, "roster", "generate", "--from", start.isoformat(), "--to",
                 (start + dt.timedelta(days=89)).isoformat(), "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    months = Counter(a["date"][:7] for a in plan["assignments"] if a["deputy"] == "张三")
    assert months and max(months.values()) == 1


def test_cli_report_draft_pdf_goes_only_to_a_regular_file_and_is_logged_once_written(tmp_path, capsys):
    """Issue 14, item 6, for the 述职 report too: a folder or a device is refused before anything is built or
    logged (the next real copy is not a 补打), and the file is readable by its owner only."""
    import os
    import stat

    from liaison_desk.db.models import PrintRecord
    from liaison_desk.services.context import open_station_database

    d = _cli_station(tmp_path, "张三,乡镇,A1\n")
    capsys.readouterr()
    pipe = tmp_path / "pipe"  # stands for a device: not a regular file (never the real /dev/null: a
    os.mkfifo(pipe)           # regression would replace it with a file for the whole machine)
    for target in (str(tmp_path), str(pipe)):
        assert main(["--data-dir", d, "report-draft", "--year", "2026", "--deputy", "张三", "--pdf", target]) == 1
        assert "文件" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode), "the pipe is still a pipe"
    db = open_station_database(tmp_path / "st")
    try:
        with db.session(write=False) as s:
            assert s.query(PrintRecord).count() == 0, "nothing was logged for the refused outputs"
    finally:
        db.dispose()
    out = tmp_path / "述职.pdf"
    assert main(["--data-dir", d, "report-draft", "--year", "2026", "--deputy", "张三", "--pdf", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
