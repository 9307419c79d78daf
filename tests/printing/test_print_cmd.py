"""The ``print`` subcommand, driven through its own parser (main.py wires it in separately)."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from liaison_desk.cli.i18n import Text
from liaison_desk.cli.print_cmd import add_print_parser, run_print
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.cases import CaseInput, VisitInput, register_visit


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
