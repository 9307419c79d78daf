"""Screenshots of the 统计 tab (issue 16) on a training database, at a station PC's 1366×768:

    python scripts/stats_screenshots.py [--out docs/screenshots] [--large] [--visits 1500]

Writes ``stats.png`` (``stats-large.png`` in large type): the main window on the 统计 tab, last month chosen,
broken down by 村（社区）, a 问题清单 row chosen; and ``stats-pack.png``: one page of the month-end pack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QRect
from screenshots import ROOT, SCREEN, SIZE, shoot, wait_for

from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.context import open_station_database
from liaison_desk.services.desk.startup import list_accounts, sign_in_as
from liaison_desk.ui import appearance
from liaison_desk.ui.desk import create_application
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession
from liaison_desk.ui.stats_page import StatsPage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--visits", type=int, default=1500)
    ap.add_argument("--large", action="store_true")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application("zh")
    appearance.available_geometry = lambda widget=None: QRect(SCREEN)
    if args.large:
        appearance.set_large_type(app, True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(tmp) / "demo")
        generate_demo(db, visits=args.visits, seed=7, end=dt.date.today())
        account = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
        signed = sign_in_as(db, account, "1234")
        session = DeskSession(db, "zh", Path(tmp) / "demo").with_actor(signed.actor, signed.shift_id)
        win = MainWindow(db, "zh", session=session, idle_ms=0)
        win.resize(*SIZE)
        win.show()
        wait_for(app, lambda: win.figures.stats is not None and not win.handover.is_loading())
        page = next(w for w in win.findChildren(StatsPage))
        win.tabs.setCurrentWidget(page)
        last = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        page.set_month(last.year, last.month)
        page.by_combo.setCurrentIndex(page.by_combo.findData("village"))
        page.refresh()
        if page.problems_table.rowCount():
            page.problems_table.selectRow(0)
        suffix = "-large" if args.large else ""
        shoot(app, win, args.out, "stats" + suffix)
        holder = page.parentWidget()
        while holder is not None and not hasattr(holder, "verticalScrollBar"):
            holder = holder.parentWidget()
        if holder is not None:  # the rest of the page: the charts and the 问题清单, scrolled down
            holder.verticalScrollBar().setValue(page.figures_box.height() + 40)
            shoot(app, win, args.out, "stats-charts" + suffix)
        win.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
