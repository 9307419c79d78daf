"""Where a printout goes: logged only once the file was written; only to a regular file (never a folder or a
device), owner-only. ``print -o`` and ``export -o`` alike."""

from __future__ import annotations

import argparse
import os
import stat

import pytest
from sqlalchemy import select

from liaison_desk.cli import print_cmd
from liaison_desk.cli.i18n import Text
from liaison_desk.cli.print_cmd import add_print_parser, run_print
from liaison_desk.db.models import PrintRecord
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit

from .pdftools import pdf_text


def parse(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="liaison-desk")
    add_print_parser(p.add_subparsers(dest="command"), Text("zh"))
    return p.parse_args(list(argv))


def logged(db) -> list[int]:
    with db.session(write=False) as s:
        return list(s.scalars(select(PrintRecord.copy_no).order_by(PrintRecord.printed_at, PrintRecord.id)))


@pytest.fixture
def case_number(db, admin):
    return register_visit(db, admin, VisitInput(visitor_names="李四", visitor_phone="13800001111"),
                          CaseInput(content="路灯坏了半年。")).case_number


def receipt_to(db, number, target) -> int:
    return run_print(parse("print", "receipt", number, "-o", str(target)), Text("zh"), lambda a: db)


def test_a_print_to_a_missing_folder_is_refused_and_not_logged(db, case_number, tmp_path):
    with pytest.raises(DomainError) as err:
        receipt_to(db, case_number, tmp_path / "没有这个文件夹" / "x.pdf")
    assert "不存在" in err.value.message and logged(db) == []
    out = tmp_path / "回执.pdf"
    receipt_to(db, case_number, out)
    assert logged(db) == [1] and "补打" not in pdf_text(out.read_bytes(), tmp_path)  # the first real copy


def test_a_folder_is_refused_with_a_clear_message(db, case_number, tmp_path):
    with pytest.raises(DomainError) as err:
        receipt_to(db, case_number, tmp_path)
    assert err.value.code == "bad_output" and "文件夹" in err.value.message and logged(db) == []


def test_a_device_is_refused_and_left_alone(db, case_number, tmp_path):
    link = tmp_path / "printer"
    link.symlink_to(os.devnull)  # a device by another name (never aim a test at /dev/null itself)
    with pytest.raises(DomainError) as err:
        receipt_to(db, case_number, link)
    assert "不是普通文件" in err.value.message and logged(db) == []
    assert link.is_symlink() and stat.S_ISCHR(link.stat().st_mode)
    assert not list(tmp_path.glob("*.part"))


def test_a_write_that_fails_is_not_logged(db, case_number, tmp_path, monkeypatch):
    def full_disk(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(print_cmd, "write_atomically", full_disk)
    with pytest.raises(OSError):
        receipt_to(db, case_number, tmp_path / "x.pdf")
    assert logged(db) == []


def test_the_file_is_readable_by_its_owner_only(db, case_number, tmp_path):
    out = tmp_path / "回执.pdf"
    out.write_bytes(b"old")
    out.chmod(0o644)
    receipt_to(db, case_number, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.part"))


def test_export_refuses_a_device_and_writes_owner_only(tmp_path, capsys):
    from liaison_desk.app import main

    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    capsys.readouterr()
    assert main(["--data-dir", str(d), "export", "-o", str(link)]) == 1
    assert "不是普通文件" in capsys.readouterr().err and link.is_symlink()
    assert main(["--data-dir", str(d), "export", "-o", str(tmp_path)]) == 1
    assert "文件夹" in capsys.readouterr().err
    out = tmp_path / "导出.jsonl"
    assert main(["--data-dir", str(d), "export", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_size > 0
