"""The ``print`` subcommand, driven through its own parser (main.py wires it in separately)."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
from sqlalchemy import select

from liaison_desk.cli.i18n import Text
from liaison_desk.cli.print_cmd import add_print_parser, parse_month, run_print
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit


def parse(*argv: str, lang: str = "zh") -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="liaison-desk")
    add_print_parser(p.add_subparsers(dest="command"), Text(lang))
    return p.parse_args(list(argv))


@pytest.fixture
def case_number(db, admin):
    return register_visit(db, admin, VisitInput(visitor_names="李四", visitor_phone="13800001111"),
                          CaseInput(content="路灯坏了半年。")).case_number


def test_receipt_to_a_file_atomically(db, case_number, tmp_path, capsys):
    out = tmp_path / "回执.pdf"
    args = parse("print", "receipt", case_number, "-o", str(out), "--width", "58", "--large", "--stub")
    assert run_print(args, Text("zh"), lambda a: db) == 0
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))
    assert "共 2 页" in capsys.readouterr().err


def test_register_with_dates_as_people_write_them(db, case_number, tmp_path, capsys):
    out = tmp_path / "register.pdf"
    today = dt.date.today()
    args = parse("print", "register", "--from", f"{today.year}年1月1日", "--to", f"{today.year + 1}-12-31", "-o",
                 str(out))
    assert run_print(args, Text("en"), lambda a: db) == 0
    assert out.read_bytes().startswith(b"%PDF") and "Wrote the visitor register" in capsys.readouterr().err


def test_bad_input_raises_domain_errors_for_the_caller_to_print(db, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(DomainError) as exc:
        run_print(parse("print", "register", "--from", "2026-13-01", "--to", "2026-12-31", "-o", str(out)),
                  Text("zh"), lambda a: db)
    assert "日期" in exc.value.message
    with pytest.raises(DomainError):
        run_print(parse("print", "register", "--from", "2026-12-31", "--to", "2026-01-01", "-o", str(out)),
                  Text("zh"), lambda a: db)
    with pytest.raises(DomainError):
        run_print(parse("print", "receipt", "LX01-000000-0000-0", "-o", str(out)), Text("zh"), lambda a: db)
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_usage_errors_are_argparse_errors():
    with pytest.raises(SystemExit):
        parse("print", "receipt", "LX01-261122-0007-V", "-o", "x.pdf", "--width", "76")
    with pytest.raises(SystemExit):
        parse("print")
    with pytest.raises(SystemExit):
        parse("print", "register", "--from", "2026-01-01", "-o", "x.pdf")


def test_every_document_from_the_command_line(db, admin, case_number, tmp_path, capsys):
    from liaison_desk.db.models import PrintRecord
    from liaison_desk.domain.workflow import EventKind
    from liaison_desk.services.cases.actions import act_on_case, find_case_id
    from liaison_desk.services.desk.lookups import add_department

    case_id = find_case_id(db, case_number)
    dep = add_department(db, admin, "县住建局")
    act_on_case(db, admin, case_id, EventKind.ACCEPT)
    act_on_case(db, admin, case_id, EventKind.ASSIGN, {"department_id": dep.id, "deadline": dt.date(2026, 12, 1)})
    act_on_case(db, admin, case_id, EventKind.SUPERVISE, {"text": "请加快办理"})  # a 督办通知 follows a 督办
    with db.session() as s:
        from liaison_desk.db.models import Deputy

        s.add(Deputy(name="刘德福", level="county", code="D001"))
    year = dt.date.today().year
    runs = {
        "ledger.pdf": ("ledger", "--status", "assigned", "--triage", "green", "--from", f"{year - 1}-01-01"),
        "book.pdf": ("record-book", "--deputy", "刘德福", "--year", str(year)),
        "notice.pdf": ("notice", "--from", f"{year - 1}-01-01", "--to", f"{year + 1}-12-31"),
        "letter.pdf": ("letter", case_number),
        "supervision.pdf": ("letter", case_number, "--kind", "supervision"),
        "handover.pdf": ("handover", "--at", f"{dt.date.today():%Y-%m-%d} 23:00"),
    }
    for name, argv in runs.items():
        out = tmp_path / name
        assert run_print(parse("print", *argv, "-o", str(out)), Text("zh"), lambda a: db) == 0, name
        assert out.read_bytes().startswith(b"%PDF")
    err = capsys.readouterr().err
    assert "已生成社情民意台账" in err and "已生成督办通知" in err and "已生成履职登记册" in err
    with db.session(write=False) as s:
        logged = sorted(s.scalars(select(PrintRecord.document)))
    assert logged == sorted(["ledger", "record_book", "notice", "letter", "letter", "handover"])


def test_command_line_refusals(db, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(DomainError) as exc:
        run_print(parse("print", "record-book", "--deputy", "无此人", "--year", "2026", "-o", str(out)),
                  Text("zh"), lambda a: db)
    assert exc.value.code == "deputy_not_found"
    with pytest.raises(DomainError) as exc:
        run_print(parse("print", "handover", "--at", "2026-02-30 10:00", "-o", str(out)), Text("zh"), lambda a: db)
    assert exc.value.code == "bad_datetime"
    with pytest.raises(DomainError):
        run_print(parse("print", "ledger", "--status", "done", "-o", str(out)), Text("zh"), lambda a: db)
    assert not out.exists()
    assert parse_month("2026-12") == (2026, 12) and parse_month("2026年3月") == (2026, 3)
    with pytest.raises(DomainError):
        parse_month("2026-13")
    with pytest.raises(SystemExit):
        parse("print", "letter", "LX01-261122-0007-V", "--kind", "memo", "-o", "x.pdf")
    with pytest.raises(SystemExit):
        parse("print", "record-book", "--deputy", "王芳", "-o", "x.pdf")


def test_monthly_roster_from_the_command_line(db, tmp_path, capsys):
    pytest.importorskip("liaison_desk.services.printing.roster")
    from liaison_desk.db.models import PrintRecord

    from .test_roster_print import plan_december

    plan_december(db)
    out = tmp_path / "roster.pdf"
    assert run_print(parse("print", "roster", "--month", "2026-12", "-o", str(out)), Text("zh"), lambda a: db) == 0
    assert out.read_bytes().startswith(b"%PDF") and "已生成值班表" in capsys.readouterr().err
    with db.session(write=False) as s:
        (ref,) = s.scalars(select(PrintRecord.reference).where(PrintRecord.document == "roster"))
        assert ref.startswith("2026-12:")  # the month and its plan's digest
    with pytest.raises(DomainError):
        run_print(parse("print", "roster", "--month", "2026-13", "-o", str(out)), Text("zh"), lambda a: db)
