"""Every Alt key means one thing in a window (issue 13, item 9; issue 20).

In each window of the desk (in each of its states: every page of the main window, every page of the setup
wizard…) the mnemonics a user can press with Alt — the menu bar's titles, the tabs, and every visible button,
check box, radio button, group box and label with a buddy — are different letters. Within one menu the items'
letters are different too. A repeated Alt key presses whichever Qt finds first (Alt+B next to the irreversible
建立联络站, Alt+P pressing a button instead of opening the 打印 menu).

To add a window: write a factory ``(ctx) -> QWidget`` (a list of them, or a ``Walk`` for a window checked in
several states) and add it to ``WINDOWS``. The main window's menus are checked in ``test_menu_items_*``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabBar,
    QWidget,
    QWizard,
)

from .conftest import DEPUTY_NAME

MNEMONIC = re.compile(r"&(.)")
W = TypeVar("W", bound=QWidget)


def mnemonic(text: str) -> str | None:
    """The Alt key of a text: the letter after a single ``&`` (``&&`` is a literal ampersand)."""
    for match in MNEMONIC.finditer(text.replace("&&", "")):
        return match.group(1).upper()
    return None


def alt_keys(window: QWidget) -> dict[str, list[str]]:
    """Alt key -> what carries it, in ``window`` as it is shown now (widgets of its own, not of other windows)."""
    found: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        key = mnemonic(text)
        if key is not None:
            found.setdefault(key, []).append(f"{text} [{what}]")

    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            if action.isVisible() and not action.isSeparator():
                add(action.text(), "menu")
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        kind = type(widget).__name__
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text(), kind)
        elif isinstance(widget, QGroupBox):
            add(widget.title(), kind)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i):
                    add(widget.tabText(i), "tab")
    return found


def repeated(window: QWidget) -> dict[str, list[str]]:
    return {key: where for key, where in alt_keys(window).items() if len(where) > 1}


def menu_repeats(menu: QMenu, path: str = "") -> dict[str, list[str]]:
    """Alt keys used twice among one menu's items (and, in turn, in each submenu)."""
    here: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    name = f"{path}{menu.title()}"
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = mnemonic(action.text())
        if key is not None:
            here.setdefault(key, []).append(action.text())
        sub = action.menu()
        if isinstance(sub, QMenu):
            out |= menu_repeats(sub, f"{name} > ")
    out |= {f"{name}: Alt+{k}": v for k, v in here.items() if len(v) > 1}
    return out


# -- a station with a case, a deputy and the administrator signed in ----------------------------------------
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

    data_dir = tmp_path_factory.mktemp("mnemonic-station")
    db = open_station_database(data_dir)
    generate_demo(db, visits=40, seed=5, end=dt.date.today())
    deputy = next(a for a in list_accounts(db) if a.can_sign_in and a.deputy_id)
    signed = sign_in_as(db, deputy, "1234")
    reg = register_visit(db, signed.actor, VisitInput("欧阳秀英", village="柳树湾村"), CaseInput("村东头灌溉渠道漏水。"))
    assert reg.case_id is not None
    st = Station(db, data_dir, reg.case_id)
    st.who["deputy"] = signed
    st.who["admin"] = sign_in_as(db, next(a for a in list_accounts(db) if a.login == "admin"), DEMO_PIN)
    yield st
    db.dispose()


@dataclass
class Ctx:
    qtbot: Any
    station: Station
    tmp_path: Path

    def session(self, who: str = "deputy") -> Any:
        from liaison_desk.ui.session import DeskSession

        signed = self.station.who[who]
        return DeskSession(self.station.db, "zh", self.station.data_dir, signed.actor, signed.shift_id)

    def keep(self, widget: W) -> W:
        self.qtbot.addWidget(widget)
        return widget

    def main_window(self, who: str = "deputy") -> Any:
        from liaison_desk.ui.main_window import MainWindow

        win = MainWindow(self.station.db, "zh", session=self.session(who), idle_ms=0)
        self.keep(win)
        win.show()
        return win


class Walk:
    """A window checked in each of several states: iterating ``states()`` yields (state, window)."""

    def __init__(self, states: Callable[[], Iterator[tuple[str, QWidget]]]):
        self.states = states


# -- the windows: one factory each -------------------------------------------------------------------------
def main_window_pages(who: str) -> Callable[[Ctx], Walk]:
    def factory(ctx: Ctx) -> Walk:
        win = ctx.main_window(who)

        def pages() -> Iterator[tuple[str, QWidget]]:
            for i in range(win.tabs.count()):
                if win.tabs.isTabVisible(i):
                    win.tabs.setCurrentIndex(i)
                    yield win.tabs.tabText(i), win
        return Walk(pages)
    return factory


def start_screen(ctx: Ctx) -> QWidget:
    from liaison_desk.services.desk.startup import read_start
    from liaison_desk.ui.main_window import MainWindow

    win = ctx.keep(MainWindow(None, "zh", start=read_start(ctx.station.data_dir), data_dir=ctx.station.data_dir,
                              idle_ms=0))
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


def quit_box(ctx: Ctx) -> QWidget:
    win = ctx.main_window()
    win.desk_lock.quit()
    return win.desk_lock.quit_box


def case_page(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.case_page import CasePage

    return ctx.keep(CasePage(ctx.session("admin"), ctx.station.case_id))


def action_dialogs(ctx: Ctx) -> list[QWidget]:
    from liaison_desk.domain.workflow import COUNTY_ONLY_KINDS, EventKind
    from liaison_desk.ui.action_dialog import ActionDialog

    return [ctx.keep(ActionDialog(ctx.session("admin"), ctx.station.case_id, kind)) for kind in EventKind
            if kind.value not in ("register",) and kind not in COUNTY_ONLY_KINDS]


def walk_in(ctx: Ctx) -> QWidget:
    win = ctx.main_window()
    win.new_visit()
    return win


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
                                    "村东头灌溉渠道年久失修，请求清淤。", duty_deputy="刘德福", visitor_name=DEPUTY_NAME,
                                    visitor_phone="13912345678"), width="80")
    return ctx.keep(pp.PreviewDialog(None, pdf, "回执", document="receipt", receipt_width="80"))


def print_dialogs(ctx: Ctx) -> list[QWidget]:
    from liaison_desk.services.printing.record_book import station_deputies
    from liaison_desk.ui.print_menu import CaseNumberDialog, DateRangeDialog, DeputyYearDialog

    deputies = station_deputies(ctx.station.db)
    return [ctx.keep(DateRangeDialog(None, "打印来访登记簿")),
            ctx.keep(DeputyYearDialog(None, "打印代表履职登记册", deputies)),
            ctx.keep(DeputyYearDialog(None, "打印代表述职报告", deputies, draft=lambda ident, year: "述职报告草稿。")),
            ctx.keep(CaseNumberDialog(None, "打印交办函", "LX01-261122-0007-K"))]


def conflicts(ctx: Ctx) -> QWidget:
    from liaison_desk.ui.conflicts_dialog import ConflictsDialog

    return ctx.keep(ConflictsDialog(ctx.session("admin")))


def setup_wizard(ctx: Ctx) -> Walk:
    from liaison_desk.services.context import open_station_database
    from liaison_desk.ui.setup_wizard import SetupWizard

    fresh = open_station_database(ctx.tmp_path / "fresh")
    wiz = ctx.keep(SetupWizard(fresh, "zh", demo_visits=10))
    wiz.destroyed.connect(lambda *_: fresh.dispose())

    def pages() -> Iterator[tuple[str, QWidget]]:
        first = wiz.pageIds()[0]
        for page_id in wiz.pageIds():
            wiz.setStartId(page_id)
            # on a page reached from the one before, 上一步 shows (it does not on the very first page)
            wiz.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, page_id == first)
            wiz.restart()
            yield type(wiz.currentPage()).__name__, wiz
    return Walk(pages)


WINDOWS: dict[str, Callable[[Ctx], Any]] = {
    "main window (deputy), each page": main_window_pages("deputy"),
    "main window (administrator), each page": main_window_pages("admin"),
    "walk-in form": walk_in,
    "start screen": start_screen,
    "sign-in": sign_in,
    "locked": locked,
    "quit with a shift open": quit_box,
    "case page": case_page,
    "action dialogs": action_dialogs,
    "settings": settings,
    "reset PIN": reset_pin,
    "end shift": end_shift,
    "print preview": print_preview,
    "print dialogs": print_dialogs,
    "conflicts": conflicts,
    "setup wizard, each page": setup_wizard,
}


def _states(made: Any) -> Iterator[tuple[str, QWidget]]:
    items = made if isinstance(made, list) else [made]
    for item in items:
        if isinstance(item, Walk):
            yield from item.states()
        else:
            if not item.isVisible():
                item.show()
            yield item.windowTitle() or type(item).__name__, item


@pytest.mark.parametrize("name", list(WINDOWS))
def test_each_alt_key_means_one_thing_in_a_window(qtbot, station, tmp_path, name):
    ctx = Ctx(qtbot, station, tmp_path)
    found = {}
    for state, window in _states(WINDOWS[name](ctx)):
        found |= {f"{state}: Alt+{key}": where for key, where in repeated(window).items()}
    assert found == {}


@pytest.mark.parametrize("who", ["deputy", "admin"])
def test_menu_items_have_different_alt_keys_within_each_menu(qtbot, station, tmp_path, who):
    win = Ctx(qtbot, station, tmp_path).main_window(who)
    found: dict[str, list[str]] = {}
    for action in win.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            found |= menu_repeats(menu)
    assert found == {}


def test_alt_p_opens_the_print_menu_on_every_page(qtbot, station, tmp_path):
    win = Ctx(qtbot, station, tmp_path).main_window()
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        assert alt_keys(win).get("P") == ["打印(&P) [menu]"], win.tabs.tabText(i)


def test_the_checker_finds_a_repeated_key(qtbot):
    from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QVBoxLayout(dialog)
    for widget in (QPushButton("下一步(&N)"), QCheckBox("&New"), QPushButton("保存(&&S)")):
        box.addWidget(widget)
    dialog.show()
    assert list(repeated(dialog)) == ["N"]
    assert mnemonic("保存(&&S)") is None and mnemonic("A && &b") == "B"


# Windows whose every visible button has an Alt key (the case page's actions, 确定 in an action dialog…), but
# 取消 (Escape presses it). The setup wizard's 建立联络站 has none on purpose: it cannot be undone.
EVERY_BUTTON_HAS_A_KEY = ["case page", "action dialogs", "sign-in", "quit with a shift open", "end shift"]
ESCAPE_PRESSES = {"取消"}


@pytest.mark.parametrize("name", EVERY_BUTTON_HAS_A_KEY)
def test_every_button_has_an_alt_key(qtbot, station, tmp_path, name):
    ctx = Ctx(qtbot, station, tmp_path)
    missing = []
    for state, window in _states(WINDOWS[name](ctx)):
        missing += [f"{state}: {b.text()}" for b in window.findChildren(QPushButton)
                    if b.window() is window and b.isVisibleTo(window) and b.text() and mnemonic(b.text()) is None
                    and b.text() not in ESCAPE_PRESSES]
    assert missing == []


# -- the case list from the keyboard: from the search box to the results and into a case ------------------------
@pytest.mark.parametrize("key", ["Return", "Down"])
def test_enter_or_down_in_the_case_search_goes_to_the_first_result_and_enter_opens_it(qtbot, station, tmp_path,
                                                                                       key):
    from PySide6.QtCore import Qt

    win = Ctx(qtbot, station, tmp_path).main_window()
    win.focus_filter()  # Ctrl+F
    search = win.cases.search_edit
    assert win.focusWidget() is search
    qtbot.keyClicks(search, "PX01")  # every case number here starts so
    qtbot.keyClick(search, getattr(Qt.Key, f"Key_{key}"))
    table = win.cases.table
    assert win.focusWidget() is table and table.currentIndex().row() == 0
    assert table.selectionModel().isRowSelected(0)
    with qtbot.waitSignal(win.cases.open_case) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args and len(win.case_pages) == 1
    win.case_pages[-1].close()
