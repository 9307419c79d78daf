"""One page of every printed document, as the README shows them: ``docs/paper/*.png``.

    python scripts/paper_samples.py [--out docs/paper]

Builds a small station in a temporary folder (training data, a station phone and address, one case with
personal numbers typed into its matter, assigned and supervised), prints every document through the same
print jobs as the desk, and renders each first page with ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from liaison_desk.db.models import Station
from liaison_desk.domain.roster import DutyPattern
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.desk.lookups import add_department
from liaison_desk.services.desk.settings import update_settings
from liaison_desk.services.duty import deputies
from liaison_desk.services.duty import roster as R
from liaison_desk.services.printing import jobs

#: pixels per inch of each sample: the pages at 60, the 58 mm slip at 91 (about 208 pixels wide)
DPI = {"receipt58": 91}
MATTER = ("村口三盏路灯坏了一个多月，晚上老人出门不方便。身份证110101199003071233，电话13812345678，"
          "银行卡6222021234567890123。")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "paper")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    admin = SYSTEM_ADMIN
    db = open_station_database(Path(tempfile.mkdtemp()))
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468", training=True)
    generate_demo(db, visits=60, seed=5)  # demo data goes only into a training database
    with db.session() as s:
        station = s.get(Station, db.station_id())
        assert station is not None
        station.phone, station.address = "0551-62612345", "河口镇柳树湾村村委会一楼"
    update_settings(db, admin, duty_hours="每周二、周五 8:30—12:00", office_short_name="河口人联")
    today = dt.date.today()
    deputy = deputies.create_deputy(db, admin, deputies.DeputyInput(name="李秀英", level="township", code="Z902"))
    reg = register_visit(db, admin, VisitInput(visitor_names="张桂兰", visitor_phone="13912345678",
                                               village="柳树湾村"), CaseInput(content=MATTER))
    case_id, number = reg.case_id, reg.case_number
    assert case_id is not None and number is not None, "a visit with a matter registers a case"
    office = add_department(db, admin, "县住建局", "住建局")
    act_on_case(db, admin, case_id, EventKind.ACCEPT)
    act_on_case(db, admin, case_id, EventKind.ASSIGN,
                {"department_id": office.id, "deadline": today + dt.timedelta(days=21)})
    act_on_case(db, admin, case_id, EventKind.SUPERVISE, {"text": "请加快办理。"})
    for i, name in enumerate(("赵一", "钱二", "孙三")):
        deputies.create_deputy(db, admin, deputies.DeputyInput(name, "township", code=f"R{i:02d}"))
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({1}), ("am", "pm")))
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    R.generate_and_save(db, admin, first, last, today=first - dt.timedelta(days=1))
    documents: dict[str, Callable[[], bytes]] = {
        "receipt58": lambda: jobs.print_receipt(db, admin, number, width="58"),
        "receiptA5": lambda: jobs.print_receipt(db, admin, number, width="A5"),
        "register": lambda: jobs.print_register(db, admin, today - dt.timedelta(days=400), today),
        "ledger": lambda: jobs.print_ledger(db, admin),
        "record_book": lambda: jobs.print_record_book(db, admin, "Z902", today.year),
        "letter": lambda: jobs.print_letter(db, admin, number, "assignment"),
        "supervision": lambda: jobs.print_letter(db, admin, number, "supervision"),
        "notice": lambda: jobs.print_notice(db, admin, today - dt.timedelta(days=90), today),
        "handover": lambda: jobs.print_handover(db, admin),
        "roster": lambda: jobs.print_roster(db, admin, today.year, today.month),
        "report": lambda: jobs.print_report(db, admin, deputy.name, today.year),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in documents.items():
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(bytes(build()))
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-singlefile", "-png", "-r", str(DPI.get(name, 60)),
                            str(pdf), str(args.out / name)], check=True)
            print(args.out / f"{name}.png")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
