"""The 统计 tab (issue 16): a month's figures against the hand-counted station (tests/services/reports_fixture.py),
the charts drawn, the 问题清单 opening its cases, and the month-end pack written, logged and readable."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from sqlalchemy import select

from liaison_desk.db.models import PrintRecord
from liaison_desk.ui import stats_page
from liaison_desk.ui.stats_page import StatsPage
from tests.services import reports_fixture as F
from tests.ui.conftest import _session


@pytest.fixture
def page(qtbot, db, data_dir):
    ids = F.load(db)
    p = StatsPage(_session(db, data_dir, login="admin"), as_of=F.AS_OF)
    qtbot.addWidget(p)
    p.set_month(2026, 11)
    p.refresh()
    p.ids = ids
    return p


def _cell(table, label: str, col: int) -> str:
    for r in range(table.rowCount()):
        if table.item(r, 0).text() == label:
            return table.item(r, col).text()
    raise AssertionError(label)


def test_the_month_opens_on_this_month_and_pack_follows_the_kind(qtbot, db, data_dir):
    p = StatsPage(_session(db, data_dir, login="admin"), as_of=F.AS_OF)
    qtbot.addWidget(p)
    assert p.period().code == "2026-12"  # the cut-off's month: the only default
    p.kind_combo.setCurrentIndex(stats_page.KINDS.index("quarter"))
    p.part_combo.setCurrentIndex(3)
    assert p.period().code == "2026Q4"
    p.refresh()
    assert not p.pack_button.isEnabled()  # the pack is a month's


def test_figures_match_the_hand_count(page):
    t = page.figures_table
    assert _cell(t, "收集（件）", 1) == "11"
    assert _cell(t, "收集（来访人数）", 1) == "7"
    assert _cell(t, "办结率", 1) == "60.00%"
    assert _cell(t, "满意率", 1) == "80.00%"
    assert _cell(t, "收集（件）", 2) == "1"  # October: C13
    assert _cell(t, "收集（件）", 3) == "+10"
    assert _cell(t, "收集（件）", 4) == "1"  # November 2025: C14
    assert _cell(t, "90%办结天数", 1) == "20"
    assert page.cases_chart.has_chart() and page.rates_chart.has_chart()
    months = page.view.months
    assert len(months) == 12 and dict(months[-1].by_category) == {"农田水利": 7, "道路交通": 4}
    assert months[-1].closure_rate == 60.0


def _dark_share(widget) -> float:
    img = widget.grab().toImage()
    dark = sum(1 for x in range(0, img.width(), 4) for y in range(0, img.height(), 4)
               if img.pixelColor(x, y).lightness() < 60)
    return dark / (len(range(0, img.width(), 4)) * len(range(0, img.height(), 4)))


def test_the_charts_are_drawn_on_white(page):
    """Qt's SVG renderer painted ReportLab's clip rectangle black over the whole chart."""
    page.cases_chart.resize(600, 280)
    page.rates_chart.resize(600, 280)
    assert _dark_share(page.cases_chart) < 0.2
    assert _dark_share(page.rates_chart) < 0.2


def test_breakdown_adds_up(page):
    page.by_combo.setCurrentIndex(page.by_combo.findData("village"))
    page.refresh()
    assert page.breakdown_box.isVisibleTo(page)
    t = page.breakdown_table
    assert _cell(t, "东风村", 1) == "6" and _cell(t, "西湖村", 1) == "5" and _cell(t, "合计", 1) == "11"


def test_a_problem_lists_its_cases_and_opens_one(qtbot, page):
    t = page.problems_table
    assert t.rowCount() == 2
    assert t.item(0, 4).text() == "3" and t.item(0, 2).text() == "东风村"
    t.selectRow(0)
    assert page.problem_cases.count() == 3
    with qtbot.waitSignal(page.open_case) as sig:
        page.problem_cases.itemActivated.emit(page.problem_cases.item(0))
    assert sig.args == [page.ids["C1"]]


def test_the_month_end_pack(qtbot, page, monkeypatch, tmp_path, db):
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(stats_page, "choose_folder", lambda *a: tmp_path)
    monkeypatch.setattr(stats_page, "inform", lambda _p, _t, text, error=False: said.append((text, error)))
    pdf = page.make_pack()
    assert pdf is not None and pdf.exists(), said
    (text, error), = said
    assert not error
    xlsx = next(tmp_path.glob("*.xlsx"))
    assert pdf.name in text and xlsx.name in text
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    cells = [c for row in wb.active.iter_rows(values_only=True) for c in row if c is not None]
    for number in ("LX01-C6", "LX01-C7", "LX01-C9", "LX01-C10"):  # the open cases
        assert number in cells
    assert "LX01-C1" not in cells
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        for section in ("主要指标", "问题清单", "统计图", "每月收集案件数", "来访登记簿", "社情民意台账"):
            assert section in words, section
    with db.session(write=False) as s:
        logged = s.scalars(select(PrintRecord).where(PrintRecord.document == "report")).all()
    assert [r.reference for r in logged] == ["月末报送:2026-11"]
    assert page.make_pack() is not None  # a second pack does not overwrite the first
    assert len(list(tmp_path.glob("*.pdf"))) == 2


def test_an_unwritable_folder_is_said_in_chinese(qtbot, page, monkeypatch, tmp_path):
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(stats_page, "choose_folder", lambda *a: tmp_path / "gone")
    monkeypatch.setattr(stats_page, "inform", lambda _p, _t, text, error=False: said.append((text, error)))
    assert page.make_pack() is None
    assert said and said[0][1] and "不存在" in said[0][0]
