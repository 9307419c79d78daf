"""Every window of the desk fits a station PC: 1366×768 with a 40 px taskbar (1366×728 available), in normal and
large type, Chinese and English, and 1280×720 in normal type (issue 13, items 1 and 6).

The screen is the helper ``appearance.available_geometry`` (monkeypatched here), which the desk uses to cap
its windows. A window fits when its minimum size plus a Windows frame fits the available area, and when,
resized to the available area and to its minimum, every visible button (and the signed-in person in the
status bar) lies inside each of its parents, the window included: nothing is clipped or off screen. A scroll
area's viewport is the one parent allowed to hide part of its page (it scrolls); the main window's pages must
not need horizontal scrolling at all.

To add a window: write a factory ``(ctx) -> QWidget`` (or a list of them, for a window shown in several
states) and add it to ``WINDOWS``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QLocale, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from liaison_desk.ui import appearance

W = TypeVar("W", bound=QWidget)

# (language, large type, available width, available height)
LOOKS = {
    "zh-1366": ("zh", False, 1366, 728),
    "zh-large-1366": ("zh", True, 1366, 728),
    "en-1366": ("en", False, 1366, 728),
    "en-large-1366": ("en", True, 1366, 728),
    "zh-1280": ("zh", False, 1280, 680),  # 1280×720 with its 40 px taskbar
}


@dataclass
class Look:
    lang: str
    large: bool
    available: QRect

    @property
    def room(self) -> QSize:
        """The client area a window can have: the available area less a Windows title bar and borders."""
        return self.available.size() - appearance.WINDOW_FRAME


@pytest.fixture(params=list(LOOKS))
def look(request, qapp, monkeypatch) -> Iterator[Look]:
    lang, large, width, height = LOOKS[request.param]
    area = QRect(0, 0, width, height)
    monkeypatch.setattr(appearance, "available_geometry", lambda widget=None: QRect(area))
    font, sheet, locale = QApplication.font(), qapp.styleSheet(), QLocale()
    translators = appearance.install_translators(qapp, lang)
    appearance.apply_font(qapp, appearance.load_bundled_font())
    qapp.setStyleSheet(appearance.style_sheet(appearance.FONT_POINT_SIZE))
    appearance.set_large_type(qapp, large)
    fitter = appearance.install_dialog_fitter(qapp)  # as setup_application does at the desk's start
    yield Look(lang, large, area)
    qapp.removeEventFilter(fitter)
    fitter.deleteLater()
    for tr in translators:
        qapp.removeTranslator(tr)
    QLocale.setDefault(locale)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


# -- a station with cases, a deputy and the administrator signed in ----------------------------------------
@dataclass
class Station:
    db: Any
    data_dir: Path
    case_id: uuid.UUID
    who: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="module")
def station(tmp_path_factory) -> Iterator[Station]:
    from liaison_desk.services.admin.demo import DEMO_PIN, generate_demo
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
    from liaison_desk.services.context import open_station_database
    from liaison_desk.services.desk.startup import list_accounts, sign_in_as

    data_dir = tmp_path_factory.mktemp("fit-station")
    db = open_station_database(data_dir)
    generate_demo(db, visits=120, seed=11, end=dt.date.today())
    deputy = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
    signed = sign_in_as(db, deputy, "1234")
    reg = register_visit(db, signed.actor, VisitInput("欧阳秀英", visitor_phone="13912345678", village="柳树湾村"),
                         CaseInput("村东头灌溉渠道年久失修，今年春灌时好几段渗水漏水，下游几户的田浇不上水，"
                                   "希望有关部门尽快组织清淤和修补，并说明什么时候能修好。"))
    assert reg.case_id is not None
    st = Station(db, data_dir, reg.case_id)
    st.who["deputy"] = signed
    admin = next(a for a in list_accounts(db) if a.login == "admin")
    st.who["admin"] = sign_in_as(db, admin, DEMO_PIN)
    yield st
    db.dispose()


@dataclass
class Ctx:
    qtbot: Any
    station: Station
    look: Look
    tmp_path: Path

    def session(self, who: str = "deputy") -> Any:
        from liaison_desk.ui.session import DeskSession

        signed = self.station.who[who]
        return DeskSession(self.station.db, self.look.lang, self.station.data_dir, signed.actor, signed.shift_id)

    def keep(self, widget: W) -> W:
        self.qtbot.addWidget(widget)
        return widget

    def main_window(self, who: str = "deputy") -> Any:
        from liaison_desk.ui.main_window import MainWindow

        win = MainWindow(self.station.db, self.look.lang, session=self.session(who), idle_ms=0)
        self.keep(win)
        win.show()
        self.qtbot.waitUntil(lambda: win.figures.stats is not None and not win.handover.is_loading(), timeout=20_000)
        return win


# -- the windows: one factory each -------------------------------------------------------------------------
def start_screen(ctx: Ctx) -> QWidget:
    from liaison_desk.services.desk.startup import read_start
    from liaison_desk.ui.main_window import MainWindow

    start = read_start(ctx.station.data_dir)
    win = ctx.keep(MainWindow(None, ctx.look.lang, start=start, data_dir=ctx.station.data_dir, idle_ms=0))
    win.show()
    ctx.qtbot.waitUntil(lambda: win.start_screen.ready, timeout=20_000)
    return win


def sign_in(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.signin_dialog import SignInDialog

    return ctx.keep(SignInDialog(ctx.session()))


def locked(ctx: Ctx) -> QWidget:
    win = ctx.main_window()
    win.desk_lock.lock()
    return win.desk_lock.dialog


def case_page(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.case_page import CasePage

    return ctx.keep(CasePage(ctx.session(), ctx.station.case_id))


def action_dialogs(ctx: Ctx) -> list[QWidget]:
    from liaison_desk.domain.workflow import EventKind
    from liaison_desk.ui.action_dialog import ActionDialog

    kinds = [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.PROMISE_CALLBACK, EventKind.WITHDRAW,
             EventKind.SUPERVISE, EventKind.LINK_DUPLICATE]
    return [ctx.keep(ActionDialog(ctx.session(), ctx.station.case_id, kind)) for kind in kinds]


def settings(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.settings_dialog import SettingsDialog

    return ctx.keep(SettingsDialog(ctx.session("admin")))


def reset_pin(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.reset_pin_dialog import ResetPinDialog

    return ctx.keep(ResetPinDialog(ctx.session("admin")))


def end_shift(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.end_shift_dialog import EndShiftDialog

    return ctx.keep(EndShiftDialog(ctx.session()))


def print_preview(ctx: Ctx) -> QWidget:
    from liaison_desk.printing import ReceiptData
    from liaison_desk.printing.receipt import build_receipt
    from liaison_desk.ui import print_preview as pp

    pdf = build_receipt(ReceiptData("柳树湾村人大代表联络站", "LX01", "LX01-261122-0007-V", dt.datetime(2026, 11, 22, 9, 31),
                                    "村东头灌溉渠道年久失修，请求清淤。", duty_deputy="刘德福", visitor_name="王𠮷明",
                                    visitor_phone="13912345678"), width="80")
    return ctx.keep(pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width="80"))


def conflicts(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.conflicts_dialog import ConflictsDialog

    return ctx.keep(ConflictsDialog(ctx.session("admin")))


def setup_wizard(ctx: Ctx) -> list[QWidget]:
    from liaison_desk.services.context import open_station_database
    from liaison_desk.ui.setup_wizard import SetupWizard

    fresh = open_station_database(ctx.tmp_path / "fresh")
    wiz = ctx.keep(SetupWizard(fresh, ctx.look.lang, demo_visits=10))
    wiz.destroyed.connect(lambda *_: fresh.dispose())

    def pages() -> Iterator[QWidget]:
        for page_id in wiz.pageIds():
            wiz.setStartId(page_id)
            wiz.restart()
            yield wiz
    return [Walk(pages)]  # type: ignore[list-item]


def date_check(ctx: Ctx) -> QWidget:
    from liaison_desk.ui import date_check as dc

    message = ("电脑上的日期是 2010年1月4日，看起来不对：它比本程序的发布日期（2026年11月1日）还早。"
               "日期不对，登记的时间和办理期限都会算错。请先核对电脑右下角的日期。")
    box, _ = dc._box(None, message)
    return ctx.keep(box)


def print_dialogs(ctx: Ctx) -> list[QWidget]:
    from liaison_desk.services.printing.record_book import station_deputies
    from liaison_desk.ui.print_menu import CaseNumberDialog, DateRangeDialog, DeputyYearDialog

    deputies = station_deputies(ctx.station.db)
    return [ctx.keep(DateRangeDialog(None, "打印来访登记簿")),
            ctx.keep(DeputyYearDialog(None, "打印代表履职登记册", deputies, lang=ctx.look.lang)),
            ctx.keep(DeputyYearDialog(None, "打印代表述职报告", deputies, lang=ctx.look.lang,
                                      draft=lambda ident, year: "述职报告草稿。" * 80)),
            ctx.keep(CaseNumberDialog(None, "打印交办函", "LX01-261122-0007-K"))]


def activity(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.activity_dialog import ActivityDialog

    return ctx.keep(ActivityDialog(ctx.session("admin")))


def deputy(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.deputy_dialog import DeputyDialog

    return ctx.keep(DeputyDialog(ctx.session("admin")))


def roster_generate(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.roster_dialogs import GenerateRosterDialog

    today = dt.date.today()
    return ctx.keep(GenerateRosterDialog(ctx.station.db, ctx.station.who["admin"].actor, today,
                                         today + dt.timedelta(days=30), lang=ctx.look.lang))


class Walk:
    """A window checked in each of several states (the pages of a wizard): iterating yields it in each."""

    def __init__(self, states: Callable[[], Iterator[QWidget]]):
        self.states = states


WINDOWS: dict[str, Callable[[Ctx], Any]] = {
    "start screen": start_screen,
    "sign-in": sign_in,
    "locked": locked,
    "case page": case_page,
    "action dialogs": action_dialogs,
    "settings": settings,
    "reset PIN": reset_pin,
    "end shift": end_shift,
    "print preview": print_preview,
    "print dialogs": print_dialogs,
    "conflicts": conflicts,
    "setup wizard": setup_wizard,
    "date check": date_check,
    "activity": activity,
    "deputy": deputy,
    "generate roster": roster_generate,
}


# -- the checks ----------------------------------------------------------------------------------------------
def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _clipped(widget: QWidget, window: QWidget) -> str | None:
    """Where ``widget`` is cut off by a parent (its rect not inside the parent's), or None. A scroll area's
    viewport may hide its page (it scrolls)."""
    child: QWidget = widget
    rect = widget.rect()
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.translated(child.pos())
        area = parent.parentWidget()
        scrolls = isinstance(area, QAbstractScrollArea) and parent is area.viewport()
        if not scrolls and not parent.rect().contains(rect):
            return f"{parent.metaObject().className()} {parent.objectName()!r} {parent.rect()} ∌ {rect}"
        if scrolls:
            rect = QRect(0, 0, 1, 1) & parent.rect()  # what scrolls into view counts as inside
            if rect.isEmpty():
                rect = QRect(0, 0, 1, 1)
        if parent is window:
            return None
        child, parent = parent, parent.parentWidget()
    return None


def _must_see(window: QWidget) -> list[QWidget]:
    seen: list[QWidget] = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.window() is window]
    label = getattr(window, "user_label", None)  # the main window: who is signed in
    if label is not None and label.isVisible():
        seen.append(label)
    return seen


def _squeezed(window: QWidget) -> list[QLabel]:
    """Wrapping labels given less height than their text needs (the lines overlap what follows)."""
    return [label for label in window.findChildren(QLabel)
            if label.isVisible() and label.window() is window and label.wordWrap() and label.text()
            and label.height() + 2 < label.heightForWidth(label.width())]


def check_fits(window: QWidget, look: Look, where: str) -> list[str]:
    problems = []
    room = look.room
    window.show()
    _settle()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() > room.width() or least.height() > room.height():
        problems.append(f"{where}: minimum {least.width()}×{least.height()} > room {room.width()}×{room.height()}")
    if window.width() > room.width() or window.height() > room.height():
        problems.append(f"{where}: opened at {window.width()}×{window.height()} > room {room.width()}×{room.height()}")
    for size in (room, window.size().boundedTo(room).expandedTo(least)):  # maximised; as it opened
        window.resize(size)
        _settle()
        for w in _must_see(window):
            cut = _clipped(w, window)
            if cut:
                name = w.text() if isinstance(w, (QAbstractButton,)) else w.accessibleName()
                problems.append(f"{where} at {size.width()}×{size.height()}: {name!r} cut off by {cut}")
        for label in _squeezed(window):
            problems.append(f"{where} at {size.width()}×{size.height()}: text squeezed, lines overlap: "
                            f"{label.text()[:30]!r} ({label.height()} px of {label.heightForWidth(label.width())})")
    return problems


def _windows(made: Any) -> Iterator[tuple[QWidget, str]]:
    for item in made if isinstance(made, list) else [made]:
        if isinstance(item, Walk):
            for i, state in enumerate(item.states()):
                yield state, f"state {i}"
        else:
            yield item, item.windowTitle()


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_dialog_fits_the_station_screen(qtbot, station, look, name, tmp_path):
    ctx = Ctx(qtbot, station, look, tmp_path)
    problems = []
    for window, what in _windows(WINDOWS[name](ctx)):
        problems += check_fits(window, look, f"{name} ({what})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", ["deputy", "admin"])  # the administrator has more tabs and sections
def test_every_page_of_the_main_window_fits_without_sideways_scrolling(qtbot, station, look, tmp_path, who):
    if who == "admin" and not look.large and look.available.width() > 1280:
        pytest.skip("the administrator's pages: in large type and on the smaller screen")
    ctx = Ctx(qtbot, station, look, tmp_path)
    win = ctx.main_window(who)
    problems = []
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        _settle()
        where = f"main window, tab {win.tabs.tabText(i)!r}"
        problems += check_fits(win, look, where)
        for inner in win.tabs.currentWidget().findChildren(QTabWidget):  # a page's own tabs (站务's sections)
            for j in range(inner.count()):
                inner.setCurrentIndex(j)
                _settle()
                problems += check_fits(win, look, f"{where} / {inner.tabText(j)!r}")
        win.resize(look.room)
        _settle()
        page = win.tabs.currentWidget()
        holder = page.parentWidget()
        while holder is not None and not isinstance(holder, QScrollArea) and holder is not win.tabs:
            holder = holder.parentWidget()
        room = holder.viewport().width() if isinstance(holder, QScrollArea) else win.tabs.width()
        if page.minimumSizeHint().width() > room:
            problems.append(f"{where}: page needs {page.minimumSizeHint().width()} px, has {room} (it would scroll "
                            "sideways)")
    assert not problems, "\n".join(problems)


# -- large type: every open window, headings above body text, summaries readable -----------------------------
def _em(widget: QWidget) -> int:
    return widget.fontMetrics().horizontalAdvance("汉")


def test_summaries_keep_a_dozen_characters(qtbot, station, look, tmp_path):
    """After a restart in large type (or on a 1280 px screen) the 摘要 column of the case list, the overdue queue
    and the handover's sections still shows a readable summary, not 2–4 characters and an ellipsis."""
    from liaison_desk.ui.brief_model import B_SUMMARY
    from liaison_desk.ui.case_table_model import COL_SUMMARY

    win = Ctx(qtbot, station, look, tmp_path).main_window()
    win.resize(look.room)
    tables = [(win.cases, win.cases.table, COL_SUMMARY), (win.queue, win.queue.table, B_SUMMARY),
              *((win.handover, s.table, B_SUMMARY) for s in win.handover.sections.values() if s.model.rowCount())]
    assert len(tables) >= 3
    for page, table, col in tables:
        win.show_page(page)
        assert table.model().rowCount() > 0
        qtbot.waitUntil(lambda t=table, c=col: t.columnWidth(c) >= 11 * _em(t), timeout=3000)
        used = sum(table.columnWidth(c) for c in range(table.model().columnCount()) if not table.isColumnHidden(c))
        assert used <= table.viewport().width() + 1  # no sideways scrolling to reach the deadline columns
    from liaison_desk.ui.end_shift_dialog import EndShiftDialog

    end = Ctx(qtbot, station, look, tmp_path).keep(EndShiftDialog(Ctx(qtbot, station, look, tmp_path).session()))
    appearance.fit_to_screen(end, 1000, 680)
    end.show()
    table = end.due_table
    assert table.model().rowCount() > 0
    qtbot.waitUntil(lambda: table.columnWidth(B_SUMMARY) >= 11 * _em(table), timeout=3000)


def _style(qapp, large: bool) -> Iterator[None]:
    font, sheet = QApplication.font(), qapp.styleSheet()
    appearance.apply_font(qapp, appearance.load_bundled_font())
    qapp.setStyleSheet(appearance.style_sheet(appearance.FONT_POINT_SIZE))
    appearance.set_large_type(qapp, large)
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def styled(qapp) -> Iterator[None]:
    yield from _style(qapp, False)


def test_large_type_reaches_every_open_window_and_back(qtbot, deputy_session, styled, qapp):
    from liaison_desk.ui.main_window import MainWindow

    win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    from liaison_desk.ui.settings_dialog import SettingsDialog

    other = SettingsDialog(deputy_session)  # another window already open
    qtbot.addWidget(other)
    other.show()
    watched = [win.walkin.name_edit, win.cases.search_edit, win.cases.table, win.user_label, win.tabs.tabBar(),
               win.handover.info, other.findChildren(QAbstractButton)[0]]
    row = win.cases.table.verticalHeader().defaultSectionSize()
    assert all(w.font().pointSize() == appearance.FONT_POINT_SIZE for w in watched)
    win.menus.large_type_action.trigger()
    QApplication.processEvents()
    assert [w.font().pointSize() for w in watched] == [appearance.LARGE_POINT_SIZE] * len(watched)
    assert win.cases.table.verticalHeader().defaultSectionSize() > row  # the rows grow with the text
    win.menus.large_type_action.trigger()
    QApplication.processEvents()
    assert [w.font().pointSize() for w in watched] == [appearance.FONT_POINT_SIZE] * len(watched)
    assert win.cases.table.verticalHeader().defaultSectionSize() == row


@pytest.mark.parametrize("large", [False, True])
def test_headings_stay_larger_than_body_text(qtbot, qapp, deputy_session, large):
    from PySide6.QtWidgets import QLabel

    from liaison_desk.ui.main_window import MainWindow

    for _ in _style(qapp, large):
        win = MainWindow(deputy_session.db, session=deputy_session, idle_ms=0)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        body = win.handover.info.font().pointSize()
        assert body == (appearance.LARGE_POINT_SIZE if large else appearance.FONT_POINT_SIZE)
        headings = [label for label in win.findChildren(QLabel)
                    if label.objectName() in ("dialogHeading", "statValue", "emptyState")]
        assert {h.objectName() for h in headings} >= {"dialogHeading", "statValue", "emptyState"}
        for heading in headings:
            assert heading.font().pointSize() > body, heading.objectName()
        win.close()


def test_the_field_with_the_cursor_is_scrolled_into_sight(qtbot, station, tmp_path, qapp, monkeypatch):
    """On a page taller than the screen (the walk-in form in large type) the cursor never sits out of sight."""
    look = Look("zh", True, QRect(0, 0, 1366, 728))
    monkeypatch.setattr(appearance, "available_geometry", lambda widget=None: QRect(look.available))
    for _ in _style(qapp, True):
        win = Ctx(qtbot, station, look, tmp_path).main_window()
        win.resize(look.room)
        win.new_visit()
        QApplication.processEvents()
        holder = win.walkin.parentWidget().parentWidget()
        assert isinstance(holder, QScrollArea)
        button = win.walkin.save_button
        assert holder.verticalScrollBar().maximum() > 0  # the page is taller than its room here

        def in_sight(button: QWidget = button, holder: QScrollArea = holder) -> bool:
            top_left = button.mapTo(holder.viewport(), button.rect().topLeft())
            return holder.viewport().rect().contains(QRect(top_left, button.size()))
        assert not in_sight()
        button.setFocus()
        qtbot.waitUntil(in_sight, timeout=2000)
        win.walkin.name_edit.setFocus()
        bar = holder.verticalScrollBar()
        qtbot.waitUntil(lambda bar=bar: bar.value() < bar.maximum())


def test_signing_in_needs_no_scrolling(qtbot, station, look, tmp_path):
    """The start screen's list gives up rows before the page scrolls: 签到 is in sight as the desk opens (in
    English large type the longer text still scrolls it a little: the focus keeps the PIN field in sight)."""
    if look.lang == "en" and look.large:
        pytest.skip("English large type: the page scrolls by about 60 px")
    win = start_screen(Ctx(qtbot, station, look, tmp_path))
    win.resize(look.room.width(), look.room.height() + appearance.WINDOW_FRAME.height() - 30)  # maximised
    bar = win.centralWidget().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=3000)
