"""The station's period report against a hand-counted fixture (tests/services/reports_fixture.py): figures,
comparisons, breakdown, 问题清单, 通报; the workbook (openpyxl, and LibreOffice where installed) and the PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from liaison_desk.domain.reports import FIGURES, Threshold, parse_period, report_to_json
from liaison_desk.services.admin import audit
from liaison_desk.services.reports.ledger import export_open_ledger
from liaison_desk.services.reports.output import report_pdf
from liaison_desk.services.reports.station import station_report
from liaison_desk.services.reports.workbook import report_workbook, text_width
from tests.printing.pdftools import pdf_text, render_png
from tests.services import reports_fixture as F


@pytest.fixture
def station(db):
    F.load(db)
    return db


def _report(db, period="2026-11", **kw):
    return station_report(db, period, as_of=F.AS_OF, **kw)


def test_the_hand_counted_figures(station):
    r = _report(station)
    got = {d.key: getattr(r.totals, d.key) for d in FIGURES}
    assert got == F.EXPECTED


def test_previous_period_and_last_year(station):
    r = _report(station)
    assert (r.previous.cases, r.previous.closed, r.previous.closure_rate, r.previous.p90_days) == (1, 1, 100.0, 5)
    assert (r.last_year.cases, r.last_year.satisfaction_rate, r.last_year.avg_days) == (1, 0.0, 30.0)
    j = report_to_json(r)
    assert j["changes"]["closure_rate"] == {"previous_change": -40.0, "last_year_change": -40.0}
    assert j["changes"]["cases"]["previous_change"] == 10
    assert j["previous_period"]["code"] == "2026-10" and j["last_year_period"]["code"] == "2025-11"


def test_december_starts_at_local_midnight(station):
    dec = _report(station, "2026-12")
    assert dec.totals.cases == 1 and dec.totals.visits == 1  # C12 at 00:10, the visit at 01:00 on 1 Dec
    day = _report(station, "2026-11-30..2026-11-30")
    assert day.totals.cases == 1 and day.totals.people == 3  # C11 at 23:30 and its visit at 23:00


def test_breakdown_by_category(station):
    r = _report(station, by="category")
    rows = {b.label: b.figures for b in r.breakdown}
    assert list(rows) == ["农田水利", "道路交通"]  # most cases first
    assert (rows["农田水利"].cases, rows["农田水利"].closed, rows["农田水利"].closure_rate) == (7, 4, 66.67)
    assert (rows["道路交通"].cases, rows["道路交通"].closed, rows["道路交通"].closure_rate) == (4, 2, 50.0)
    assert rows["农田水利"].visits is None  # a visit has no category
    assert sum(b.figures.cases for b in r.breakdown) == r.totals.cases
    by_prev = {b.label: b.previous for b in r.breakdown}
    assert by_prev["农田水利"] is not None and by_prev["农田水利"].cases == 1  # C13
    assert by_prev["道路交通"] is None


def test_breakdown_by_village_counts_visits(station):
    r = _report(station, by="village")
    rows = {b.label: b.figures for b in r.breakdown}
    assert rows["东风村"].visits == 4 and rows["东风村"].people == 7
    assert rows["西湖村"].visits == 0


@pytest.mark.parametrize("by", ["station", "township", "department", "deputy", "triage"])
def test_every_breakdown_adds_up(station, by):
    r = _report(station, by=by)
    assert sum(b.figures.cases for b in r.breakdown) == 11
    assert sum(b.figures.closed for b in r.breakdown) == 6


def test_problem_list(station):
    r = _report(station)
    got = [(p.category, p.village, p.count, p.numbers, p.open) for p in r.problems]
    assert got == [("农田水利", "东风村", 3, ("LX01-C1", "LX01-C2", "LX01-C3"), 0),
                   ("道路交通", "西湖村", 2, ("LX01-C4", "LX01-C9"), 1)]
    assert r.problems[0].state == "全部办结"
    assert r.problems[1].title == "-西湖村路灯不亮，晚上看不见"  # the earliest case's summary


def test_notice_table_flags_below_thresholds(station):
    r = _report(station)
    rows = {(n.kind, n.name): n for n in r.notices}
    water = rows["department", "县水利局"]
    assert (water.figures.reply_rate, water.figures.satisfaction_rate, water.below) == (100.0, 66.67,
                                                                                       ("satisfaction_rate",))
    roads = rows["department", "=SUM(A1:A9)局"]
    assert (roads.figures.reply_rate, roads.figures.satisfaction_rate, roads.below) == (50.0, None, ("reply_rate",))
    assert ("station", "柳树湾村人大代表联络站") in rows
    strict = _report(station, thresholds=[Threshold("closure_rate", 70.0)])
    assert {n.name: n.below for n in strict.notices if n.kind == "department"} == {
        "县水利局": ("closure_rate",), "=SUM(A1:A9)局": ("closure_rate",)}  # 3/5 and 1/2 closed


def test_workbook(station, tmp_path):
    r = _report(station, by="category")
    path = tmp_path / "report.xlsx"
    report_workbook(r).save(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["统计表", "分组统计", "问题清单", "通报"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$1:$3"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    sheet = wb["统计表"]
    values = {sheet.cell(row, 1).value: sheet.cell(row, 2) for row in range(4, 4 + len(FIGURES))}
    assert values["收集（件）"].value == 11 and values["收集（件）"].data_type == "n"
    assert values["办结率"].value == 60 and values["办结率"].number_format == '0.00"%"'
    assert values["90%办结天数"].value == 20
    groups = wb["分组统计"]
    assert groups.cell(6, 1).value == "合计" and groups.cell(6, 4).value == 11  # the totals row
    problems = wb["问题清单"]
    title = problems.cell(5, 4)
    assert title.value == "-西湖村路灯不亮，晚上看不见" and title.data_type == "s" and title.quotePrefix
    notices = wb["通报"]
    names = [notices.cell(row, 2) for row in range(4, notices.max_row + 1)]
    formula = next(c for c in names if c.value == "=SUM(A1:A9)局")
    assert formula.data_type == "s" and formula.quotePrefix  # stored as text: it can never run
    assert notices.cell(formula.row, 1).fill.fgColor.rgb.endswith("F4CCCC")  # below a threshold: shaded
    widths = {k: d.width for k, d in notices.column_dimensions.items()}
    assert widths["B"] >= text_width("=SUM(A1:A9)局") and widths["B"] >= text_width("柳树湾村人大代表联络站")


def test_text_width_counts_chinese_twice():
    assert text_width("村") == 2 and text_width("ab") == 2 and text_width("（）") == 4


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)")
def test_workbook_survives_libreoffice(station, tmp_path):
    r = _report(station, by="category")
    path = tmp_path / "report.xlsx"
    report_workbook(r).save(path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=120)
    lines = (tmp_path / "report.csv").read_text(encoding="utf-8", errors="replace").splitlines()
    rows = {ln.split(",")[0]: ln.split(",") for ln in lines}
    assert rows["收集（件）"][1] == "11"
    assert rows["办结率"][1] == "60.00%"
    assert rows["满意率"][1] == "80.00%"
    assert rows["90%办结天数"][1] == "20"


def test_pdf(station, tmp_path):
    r = _report(station, by="category")
    pdf = report_pdf(r)
    text = pdf_text(pdf, tmp_path)
    for piece in ("柳树湾村人大代表联络站2026年11月社情民意办理情况统计", "一、主要指标", "60.00%", "66.67%",
                  "问题清单", "办理情况通报", "LX01-C1", "回复率 < 92%"):
        assert piece in text, piece
    assert not pdf.warnings
    pages = render_png(pdf, tmp_path, 40)
    assert len(pages) == pdf.pages >= 1


def test_ledger_lists_open_cases(station, tmp_path, admin):
    path = tmp_path / "ledger.xlsx"
    with path.open("wb") as fh:
        n = export_open_ledger(station, fh, actor=admin, as_of=F.AS_OF)
    logged = [e for e in audit.list_entries(station, admin) if e.action == "export"]
    assert [(e.target, e.detail) for e in logged] == [("未办结案件台账", "xlsx，4 件")]  # it names people
    assert n == 4  # C6 C7 C9 C10 are open; C8 is withdrawn, every other case closed
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3"
    assert [ws.cell(r, 2).value for r in range(4, 4 + n)] == ["LX01-C6", "LX01-C7", "LX01-C9", "LX01-C10"]
    row6 = next(r for r in range(4, 4 + n) if ws.cell(r, 2).value == "LX01-C6")
    assert isinstance(ws.cell(row6, 3).value, dt.datetime) and ws.cell(row6, 3).number_format == "yyyy-mm-dd hh:mm"
    assert ws.cell(row6, 10).value == dt.datetime(2026, 11, 30) and ws.cell(row6, 10).number_format == "yyyy-mm-dd"
    assert ws.cell(row6, 11).value == 10  # days overdue on 10 December
    assert ws.cell(4 + n, 1).value == "合计" and ws.cell(4 + n, 2).value == f"共 {n} 件"


def test_period_in_a_report_is_parsed_once(station):
    assert _report(station, parse_period("2026年11月")).totals.cases == 11
