"""Screenshots of each journey's main screen, taken from the real desk on a training database.

    python scripts/screenshots.py [--out docs/screenshots] [--lang zh|en] [--large] [--visits 600] [--only print|station]

Runs under Xvfb (``xvfb-run python scripts/screenshots.py``) or, without a display, on Qt's offscreen
platform; the bundled font makes both look the same. The database is built in a temporary directory.
The screen is a station PC's: 1366×768 less a 40 px taskbar; the desk's windows are as large as that leaves
(``--large``: in large type, the files named ``…-large.png``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import uuid
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import open_station_database
from liaison_desk.services.desk.startup import list_accounts, read_start, sign_in_as
from liaison_desk.services.printing.record_book import report_text, station_deputies
from liaison_desk.ui import appearance
from liaison_desk.ui.desk import create_application
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession
from liaison_desk.ui.setup_wizard import SetupWizard

SCREEN = QRect(0, 0, 1366, 728)  # a 1366×768 screen less its 40 px taskbar: the station PC
SIZE = (SCREEN.width(), SCREEN.height() - 30)  # the main window maximised on it, under its title bar


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def wait_for(app: QApplication, condition, timeout_s: float = 60) -> None:
    """Process events until ``condition()`` (background reads finished), at most ``timeout_s``."""
    import time

    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    settle(app)


def shoot(app: QApplication, widget: QWidget, out: Path, name: str) -> Path:
    widget.show()
    settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def print_screens(app: QApplication, win: MainWindow, out: Path, suffix: str, case_id: uuid.UUID) -> None:
    """The 打印 menu hanging from the menu bar, the questions its entries ask, and a case page offering the
    case's 交办函 and 督办通知 (the case is assigned and supervised first)."""
    from liaison_desk.services.cases.actions import act_on_case
    from liaison_desk.services.context import SYSTEM_ADMIN
    from liaison_desk.services.desk import lookups
    from liaison_desk.ui.print_menu import CaseNumberDialog, DateRangeDialog, DeputyYearDialog

    def tr(text: str) -> str:
        return QCoreApplication.translate("PrintMenu", text)

    db, lang = win.session.db, win.session.lang
    win.show()
    settle(app)
    bar = win.menuBar()
    menu = win.menus.print_menu.menu
    at = bar.mapTo(win, bar.actionGeometry(menu.menuAction()).bottomLeft())
    menu.popup(win.mapToGlobal(at))
    settle(app)
    shot = win.grab()
    painter = QPainter(shot)
    painter.drawPixmap(at, menu.grab())
    painter.end()
    menu.hide()
    shot.save(str(out / f"print-menu{suffix}.png"))
    print(out / f"print-menu{suffix}.png")

    dates = DateRangeDialog(win, tr("打印来访登记簿"))
    shoot(app, dates, out, f"print-dates{suffix}")
    dates.close()
    deputies = station_deputies(db)
    book = DeputyYearDialog(win, tr("打印代表履职登记册"), deputies, lang=lang)
    shoot(app, book, out, f"print-record-book{suffix}")
    book.close()
    report = DeputyYearDialog(win, tr("打印代表述职报告"), deputies, lang=lang,
                              draft=lambda ident, year: report_text(db, ident, year))
    report.load_draft()
    shoot(app, report, out, f"print-report{suffix}")
    report.close()

    office = lookups.list_departments(db)[0]
    act_on_case(db, SYSTEM_ADMIN, case_id, EventKind.ASSIGN,
                {"department_id": office.id, "deadline": dt.date.today() + dt.timedelta(days=15)})
    act_on_case(db, SYSTEM_ADMIN, case_id, EventKind.SUPERVISE, {"text": "已过半个月，请加快办理并答复群众。"})
    page = win.open_case(case_id)
    assert page.view is not None  # the page loads its case when it opens
    letter = CaseNumberDialog(win, tr("打印交办函"), page.view.number)
    shoot(app, letter, out, f"print-letter{suffix}")
    letter.close()
    appearance.fit_to_screen(page, 1100, 720)
    shoot(app, page, out, f"case-page-letters{suffix}")
    page.close()


def print_only(app: QApplication, args, out: Path, suffix: str, tmp: Path) -> int:
    """``--only print``: a smaller training database, a signed-in desk, one accepted case, the print screens."""
    db = open_station_database(tmp / "demo")
    generate_demo(db, visits=args.visits, seed=7, end=dt.date.today())
    account = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
    signed = sign_in_as(db, account, "1234")
    session = DeskSession(db, args.lang, tmp / "demo").with_actor(signed.actor, signed.shift_id)
    win = MainWindow(db, args.lang, session=session, idle_ms=0)
    win.resize(*SIZE)
    win.show()
    wait_for(app, lambda: win.figures.stats is not None and not win.handover.is_loading())
    case = register_visit(db, signed.actor, VisitInput("张桂兰", visitor_phone="13912345678", village="柳树湾村"),
                          CaseInput("村口三盏路灯坏了一个多月，晚上老人出门不方便。"))
    from liaison_desk.services.cases.actions import act_on_case

    assert case.case_id is not None  # registered with a case
    act_on_case(db, signed.actor, case.case_id, EventKind.ACCEPT)
    print_screens(app, win, out, suffix, case.case_id)
    win.close()
    db.dispose()
    return 0


def callback_screens(app: QApplication, win: MainWindow, out: Path, suffix: str, earlier: uuid.UUID) -> None:
    """回访回电: two 约定回电 recorded through the services (one due today, one in two days: the training data
    has replied cases due a 回访 but no call-back promised now), then the tab with both kinds on it."""
    from liaison_desk.services.cases.actions import act_on_case
    from liaison_desk.ui.callbacks_page import CallbacksPage

    actor = win.session.require_actor()
    today = dt.date.today()
    act_on_case(win.session.db, actor, earlier, EventKind.PROMISE_CALLBACK,
                {"callback_due": today.isoformat(), "text": "告诉她路灯哪天修"})
    other = register_visit(win.session.db, actor, VisitInput("刘大妈", visitor_phone="13787654321", village="河口社区"),
                           CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。"))
    assert other.case_id is not None  # registered with a case
    act_on_case(win.session.db, actor, other.case_id, EventKind.PROMISE_CALLBACK,
                {"callback_due": (today + dt.timedelta(days=2)).isoformat(), "text": "水利站查看后回电告诉她"})
    page = win.tabs.findChild(CallbacksPage)
    assert page is not None  # every desk role has the 回访回电 tab
    win.tabs.setCurrentWidget(page)
    settle(app)
    page.table.scrollToBottom()  # overdue 回访 first: the end of the list shows them and today's 约定回电 together
    shoot(app, win, out, f"callbacks{suffix}")


def station_screens(app: QApplication, db, lang: str, data_dir: Path, out: Path, suffix: str) -> None:
    """站务 as the administrator: 活动登记 with a 走访 recorded through the services, the activity dialog on it,
    代表名单, 基础资料; and 值班表 → 生成排班 with its preview."""
    from liaison_desk.services.admin.demo import DEMO_PIN
    from liaison_desk.services.duty.activities import ActivityInput, record_activity
    from liaison_desk.ui.activities_page import ActivitiesPage
    from liaison_desk.ui.station_work_tab import StationWorkTab

    admin = next(a for a in list_accounts(db) if a.role == "admin")
    signed = sign_in_as(db, admin, DEMO_PIN)
    session = DeskSession(db, lang, data_dir).with_actor(signed.actor, signed.shift_id)
    deputies = [a.deputy_id for a in list_accounts(db) if a.deputy_id][:3]
    today = dt.date.today()
    visit = record_activity(db, signed.actor, ActivityInput(
        "household_visits", "走访柳树湾村困难群众", today - dt.timedelta(days=1), tuple(deputies),
        location="柳树湾村", description="走访低保户和独居老人，了解冬季取暖和看病问题，收集意见 3 条。",
        households=12))
    win = MainWindow(db, lang, session=session, idle_ms=0)
    win.resize(*SIZE)
    win.show()
    wait_for(app, lambda: win.figures.stats is not None and not win.handover.is_loading())
    tab = win.tabs.findChild(StationWorkTab, "stationWorkTab")
    assert tab is not None  # the administrator sees the 站务 tab
    win.tabs.setCurrentWidget(tab)
    activities = tab.section("活动登记")
    assert isinstance(activities, ActivitiesPage)  # built, not the placeholder of a broken section
    activities.select_activity(visit.id)
    shoot(app, win, out, f"station-activities{suffix}")
    dialog = activities.edit_activity()  # the 走访 opened for 修改: its 走访户数 and participants filled in
    assert dialog is not None  # the 走访 is selected
    shoot(app, dialog, out, f"activity-dialog{suffix}")
    dialog.close()
    tab.section("代表名单")
    shoot(app, win, out, f"station-deputies{suffix}")
    tab.section("基础资料")
    shoot(app, win, out, f"station-reference{suffix}")

    win.tabs.setCurrentWidget(win.roster_tab)
    settle(app)
    view = win.roster_tab.view
    generate = view.open_generate()
    assert generate is not None  # the administrator may plan the roster
    generate.preview()
    shoot(app, generate, out, f"roster-generate{suffix}")
    generate.close()
    win.desk_lock.lock()  # signed out again, not asked whether to close with a shift open
    win.desk_lock.dialog.done(0)
    win.close()


def station_only(app: QApplication, args, out: Path, suffix: str, tmp: Path) -> int:
    """``--only station``: a smaller training database, a deputy's desk for 回访回电, then the administrator's."""
    db = open_station_database(tmp / "demo")
    generate_demo(db, visits=args.visits, seed=7, end=dt.date.today())
    account = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
    signed = sign_in_as(db, account, "1234")
    session = DeskSession(db, args.lang, tmp / "demo").with_actor(signed.actor, signed.shift_id)
    win = MainWindow(db, args.lang, session=session, idle_ms=0)
    win.resize(*SIZE)
    win.show()
    wait_for(app, lambda: win.figures.stats is not None and not win.handover.is_loading())
    case = register_visit(db, signed.actor, VisitInput("张桂兰", visitor_phone="13912345678", village="柳树湾村"),
                          CaseInput("村口三盏路灯坏了一个多月，晚上老人出门不方便。"))
    assert case.case_id is not None  # registered with a case
    callback_screens(app, win, out, suffix, case.case_id)
    win.desk_lock.lock()
    win.desk_lock.dialog.done(0)
    win.close()
    station_screens(app, db, args.lang, tmp / "demo", out, suffix)
    db.dispose()
    return 0


def seed_conflicts(data_dir: Path) -> None:
    import json
    import uuid

    from liaison_desk import paths
    from liaison_desk.db import cipher

    rows = [("field", "constituents", "phone", json.dumps("139****5678"), json.dumps("138****1234"), ""),
            ("rejected", "cases", None, None, "{}", "这条记录属于另一个联络站，不能修改。"),
            ("clash", "cases", None, None, "{}", ("本站案件编号 PX01-261103-0002 与另一台电脑上的案件重复，已改为 "
             "PX01-261103-0005；群众手中的回执仍是旧编号。"))]
    conn = cipher.connect_station(paths.database_path(data_dir))  # encrypted: with this PC's key
    with conn:
        for kind, entity, field, kept, lost, reason in rows:
            conn.execute("INSERT INTO sync_conflicts (kind, entity, entity_id, field, kept_value, lost_value, reason, "
                         "detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (kind, entity, uuid.uuid4().hex, field, kept, lost, reason, "2026-11-20 02:30:00.000000"))
    conn.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--visits", type=int, default=600)
    ap.add_argument("--large", action="store_true", help="large type (查看 → 大字模式)")
    ap.add_argument("--only", choices=("all", "print", "station"), default="all",
                    help="print: only the 打印 menu, its dialogs and a case page with its letters; "
                         "station: only 回访回电, the 站务 sections, the activity dialog and 生成排班")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(args.lang)
    appearance.available_geometry = lambda widget=None: QRect(SCREEN)  # windows cap at the station PC's screen
    if args.large:
        appearance.set_large_type(app, True)
    suffix = ("" if args.lang == "zh" else "-en") + ("-large" if args.large else "")

    with tempfile.TemporaryDirectory() as tmp:
        if args.only == "print":
            return print_only(app, args, out, suffix, Path(tmp))
        if args.only == "station":
            return station_only(app, args, out, suffix, Path(tmp))
        # 1. First run: the wizard, with a mistake shown next to its field.
        fresh = open_station_database(Path(tmp) / "fresh")
        wizard = SetupWizard(fresh, args.lang)
        appearance.fit_to_screen(wizard, 900, 640)
        page = wizard.station_page
        page.name_edit.setText("柳树湾村人大代表联络站")
        page.code_edit.setText("LS01")
        page.township_edit.setText("河口镇")
        wizard.show()
        wizard.next()
        wizard.admin_page.pin_edit.setText("2468")
        wizard.admin_page.pin2_edit.setText("2468")
        wizard.next()  # the code has S, which reads as 5 on the phone: back to the station page with the reason
        shoot(app, wizard, out, f"setup-wizard-error{suffix}")
        page.code_edit.setText("LX01")
        wizard.next()
        wizard.villages_page.edit.setPlainText("柳树湾村\n河口社区")  # the 村（社区） page, then the administrator
        wizard.next()
        wizard.next()
        deputies = wizard.deputies_page
        deputies.set_row(0, "王𠮷明", "county", "13812345678", "D001", "1357")
        deputies.set_row(1, "李秀英", "township", "13955556666", "D002")
        deputies.preview_label.setText("")
        shoot(app, wizard, out, f"setup-wizard-deputies{suffix}")
        wizard.close()
        fresh.dispose()

        # A year of training data, then the shift of one of its deputies.
        db = open_station_database(Path(tmp) / "demo")
        generate_demo(db, visits=args.visits, seed=7, end=dt.date.today())
        session = DeskSession(db, args.lang, Path(tmp) / "demo")

        # 2. Starting a shift: the main window opens on its sign-in (as at a cold start).
        start_win = MainWindow(None, args.lang, start=read_start(Path(tmp) / "demo"), data_dir=Path(tmp) / "demo",
                               idle_ms=0)
        start_win.resize(*SIZE)
        start_win.show()
        wait_for(app, lambda: start_win.start_screen.ready)
        shoot(app, start_win, out, f"signin{suffix}")
        start_win.close()
        account = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
        signed = sign_in_as(db, account, "1234")
        session = session.with_actor(signed.actor, signed.shift_id)

        win = MainWindow(db, args.lang, session=session, idle_ms=0)
        win.resize(*SIZE)
        win.show()
        wait_for(app, lambda: win.figures.stats is not None and not win.handover.is_loading())
        shoot(app, win, out, f"desk-main{suffix}")  # the handover page opens first

        # 3. A walk-in: a returning visitor, typing a matter close to an open case.
        earlier = register_visit(db, signed.actor, VisitInput("张桂兰", visitor_phone="13912345678", village="柳树湾村"),
                                 CaseInput("村口三盏路灯坏了一个多月，晚上老人出门不方便。"))
        win.refresh()
        wait_for(app, lambda: not win.handover.is_loading())
        form = win.walkin
        win.tabs.setCurrentWidget(form)
        form.phone_edit.setText("13912345678")
        form.check_visitor()
        form.content_edit.setPlainText("村口路灯坏了很久，晚上出门不方便，希望尽快修好。")
        form.urgency_combo.setCurrentIndex(form.urgency_combo.findData("normal"))
        form.triage_combo.setCurrentIndex(form.triage_combo.findData("blue"))
        form.headcount_spin.setValue(2)
        form.check_similar()
        shoot(app, win, out, f"walkin{suffix}")
        form.clear_form()

        # 4. Following a case: the list searched for 灌溉, and a case page with the actions allowed now.
        win.tabs.setCurrentWidget(win.cases)
        win.cases.search_edit.setText("灌溉")
        win.cases.apply_filters()
        shoot(app, win, out, f"case-list-search{suffix}")
        win.cases.search_edit.clear()
        win.cases.apply_filters()
        assert earlier.case_id is not None  # registered with a case
        case_page = win.open_case(earlier.case_id)
        case_page.start_action(EventKind.ACCEPT)
        appearance.fit_to_screen(case_page, 1100, 720)
        shoot(app, case_page, out, f"case-page{suffix}")
        case_page.start_action(EventKind.PROMISE_CALLBACK)
        dialog = case_page.action_dialog
        assert dialog is not None  # start_action opened it
        shoot(app, dialog, out, f"case-action{suffix}")
        dialog.close()
        case_page.close()

        # 5. Overdue and due soon: the badge and the queue.
        win.menus.queue_action.trigger()
        shoot(app, win, out, f"overdue-queue{suffix}")
        if win.roster_tab is not None:
            win.tabs.setCurrentWidget(win.roster_tab)
            shoot(app, win, out, f"roster{suffix}")
        callback_screens(app, win, out, suffix, earlier.case_id)  # 5b. 回访回电

        # 6. Printing: the 打印 menu, its questions, a case page with the case's letters.
        print_screens(app, win, out, suffix, earlier.case_id)

        # 6b. Sync conflicts (值班 → 同步冲突…). A training database never syncs, so three typical ones are
        # written straight into its table for the picture.
        seed_conflicts(Path(tmp) / "demo")
        from liaison_desk.ui.conflicts_dialog import ConflictsDialog

        conflicts = ConflictsDialog(session, win)
        appearance.fit_to_screen(conflicts, 1000, 420)
        shoot(app, conflicts, out, f"sync-conflicts{suffix}")
        conflicts.close()

        # 7. Ending the shift.
        win.desk_lock.end_shift()
        dlg = win.desk_lock.end_shift_dialog
        dlg.note_edit.setPlainText("张桂兰反映的路灯问题已受理，约定明天回电。")
        appearance.fit_to_screen(dlg, 1000, 680)
        shoot(app, dlg, out, f"end-shift{suffix}")
        dlg.close()

        # The idle lock.
        win.desk_lock.lock()
        shoot(app, win, out, f"locked{suffix}")
        shoot(app, win.desk_lock.dialog, out, f"locked-dialog{suffix}")
        win.desk_lock.dialog.done(0)
        win.close()
        # 8. The administrator: the 站务 tab's sections, the activity dialog, 生成排班.
        station_screens(app, db, args.lang, Path(tmp) / "demo", out, suffix)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
