"""Every printed document goes through the print log the same way: logged after a successful build, and the
second print of the same document is marked 补打 (the wall roster and the 述职 report included)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from liaison_desk.db.models import PrintRecord
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.workflow import EventKind
from liaison_desk.printing.report_draft import MAX_CHARS
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.desk.lookups import add_department
from liaison_desk.services.duty import deputies
from liaison_desk.services.printing import jobs
from liaison_desk.services.printing import receipts as basic
from liaison_desk.services.printing.log import DOCUMENTS
from liaison_desk.services.printing.record_book import station_deputies

from .pdftools import pdf_pages_text, qpdf_check, render_png
from .test_roster_print import plan_december

NOW = dt.datetime(2026, 11, 22, 2, 0)  # UTC: 10:00 station time
DAY = dt.date(2026, 11, 22)


def flat(pdf: bytes, tmp_path) -> str:
    return "".join("".join(p.split()) for p in pdf_pages_text(pdf, tmp_path))


def prints(db) -> list[tuple[str, str, int]]:
    with db.session(write=False) as s:
        return [tuple(r) for r in s.execute(select(PrintRecord.document, PrintRecord.reference, PrintRecord.copy_no)
                                            .order_by(PrintRecord.printed_at, PrintRecord.id))]


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr(jobs, "utcnow", lambda: NOW)
    monkeypatch.setattr(basic, "utcnow", lambda: NOW)


@pytest.fixture
def station(db, admin):
    """A deputy and a case assigned to a department, then supervised once."""
    dep = deputies.create_deputy(db, admin, deputies.DeputyInput(name="李秀英", level="township", code="D002"))
    reg = register_visit(db, admin, VisitInput(visitor_names="张桂兰", visitor_phone="13912345678", village="柳树湾村"),
                         CaseInput(content="村口三盏路灯坏了一个多月，晚上老人出门不方便。"))
    office = add_department(db, admin, "县住建局", "住建局")
    act_on_case(db, admin, reg.case_id, EventKind.ACCEPT)
    act_on_case(db, admin, reg.case_id, EventKind.ASSIGN, {"department_id": office.id, "deadline": dt.date(2026, 12, 1)})
    act_on_case(db, admin, reg.case_id, EventKind.SUPERVISE, {"text": "请加快办理。"})
    return dep, reg


def documents(station):
    dep, reg = station
    return {
        "receipt": lambda db, who: jobs.print_receipt(db, who, reg.case_number),
        "register": lambda db, who: jobs.print_register(db, who, DAY.replace(day=1), DAY + dt.timedelta(days=30)),
        "ledger": lambda db, who: jobs.print_ledger(db, who),
        "record_book": lambda db, who: jobs.print_record_book(db, who, "D002", 2026),
        "letter": lambda db, who: jobs.print_letter(db, who, reg.case_number, "assignment"),
        "supervision": lambda db, who: jobs.print_letter(db, who, reg.case_number, "supervision"),
        "notice": lambda db, who: jobs.print_notice(db, who, DAY.replace(day=1), DAY + dt.timedelta(days=30)),
        "handover": lambda db, who: jobs.print_handover(db, who, at=NOW),
        "roster": lambda db, who: jobs.print_roster(db, who, 2026, 12),
        "report": lambda db, who: jobs.print_report(db, who, dep.name, 2026),
    }


@pytest.mark.parametrize("what", ["receipt", "register", "ledger", "record_book", "letter", "supervision", "notice",
                                  "handover", "roster", "report"])
def test_every_document_is_logged_and_its_second_copy_says_reprint(what, db, admin, station, tmp_path, fixed_now):
    make = documents(station)[what]
    if what == "roster":
        plan_december(db)  # the wall roster prints a month that has a plan
    first = make(db, admin)
    again = make(db, admin)
    qpdf_check(again, tmp_path)
    assert "补打" not in flat(first, tmp_path)
    assert all("补打" in page for page in pdf_pages_text(again, tmp_path))  # on every page of the copy
    logged = prints(db)
    assert [(d, n) for d, _, n in logged] == [(logged[0][0], 1), (logged[0][0], 2)]
    assert logged[0][0] in DOCUMENTS and logged[0][1] == logged[1][1]


def test_every_print_job_is_covered_above():
    """A new ``print_*`` job must join the parametrised test (and so the 补打 rule)."""
    names = {n.removeprefix("print_") for n in jobs.__all__ if n.startswith("print_")}
    assert names == {"receipt", "register", "ledger", "record_book", "letter", "notice", "handover", "roster",
                     "report"}


def test_roster_copy_mark_sits_in_the_top_right_corner(db, admin, tmp_path, fixed_now):
    plan_december(db)
    jobs.print_roster(db, admin, 2026, 12)
    again = jobs.print_roster(db, admin, 2026, 12)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(again)
    import subprocess

    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    words = [ln for ln in bbox.splitlines() if ">补打<" in ln]
    assert words, "no 补打 word on the sheet"
    x_min = float(words[0].split('xMin="')[1].split('"')[0])
    y_max = float(words[0].split('yMax="')[1].split('"')[0])
    assert x_min > 842 * 0.85 and y_max < 40  # A4 landscape: right edge, above the title
    assert render_png(again, tmp_path, 30)  # renders


def test_report_reprint_is_per_text_and_a_refusal_leaves_no_record(db, admin, station, tmp_path, fixed_now):
    draft = jobs.print_report(db, admin, "D002", 2026)
    assert "2026年度履职情况报告" in flat(draft, tmp_path) and "李秀英" in flat(draft, tmp_path)
    edited = "2026年度履职情况报告\n\n各位选民：\n\n我今年进站接待群众十二次。\n\n报告人：李秀英\n2026年12月20日"
    own = jobs.print_report(db, admin, "D002", 2026, text=edited)
    assert "补打" not in flat(own, tmp_path) and "接待群众十二次" in flat(own, tmp_path)  # a new text: a new document
    assert "补打" in flat(jobs.print_report(db, admin, "李秀英", 2026, text=edited + "\r\n"), tmp_path)  # same words
    again = jobs.print_report(db, admin, "D002", 2026, text=edited)
    assert "补打" in flat(again, tmp_path)
    for bad, code in (("  \n ", "empty_report"), ("字" * (MAX_CHARS + 1), "report_too_long")):
        with pytest.raises(DomainError) as err:
            jobs.print_report(db, admin, "D002", 2026, text=bad)
        assert err.value.code == code
    with pytest.raises(DomainError) as err:
        jobs.print_report(db, admin, "D002", 1850)
    assert err.value.code == "bad_year"
    refs = [(d, r.split(":")[1], n) for d, r, n in prints(db)]
    assert all(d == "report" and year == "2026" for d, year, _ in refs)
    assert [n for *_, n in refs] == [1, 1, 2, 3]  # draft; edited; edited+CRLF is the same text; edited again


def test_station_deputies_lists_the_deputies_assigned_here(db, admin, station):
    dep, _ = station
    choices = station_deputies(db)
    assert [(c.name, c.code, c.level, c.active) for c in choices] == [("李秀英", "D002", "township", True)]
    deputies.end_term(db, admin, dep.id, dt.date(2026, 6, 30))
    assert [(c.name, c.active) for c in station_deputies(db)] == [("李秀英", False)]  # still listed


def test_cli_report_draft_pdf_is_logged(tmp_path, capsys):
    from liaison_desk.app import main
    from liaison_desk.services.context import open_station_database

    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,代表层级,代表证号\n张三,乡镇,A1\n", encoding="utf-8")
    assert main(["--data-dir", str(d), "deputies", "import", str(csv)]) == 0
    out = tmp_path / "述职.pdf"
    for _ in range(2):
        assert main(["--data-dir", str(d), "report-draft", "--year", "2026", "--deputy", "A1", "--pdf", str(out)]) == 0
    assert "补打" in flat(out.read_bytes(), tmp_path)
    db = open_station_database(d)
    try:
        assert [(doc, n) for doc, _, n in prints(db)] == [("report", 1), ("report", 2)]
    finally:
        db.dispose()
