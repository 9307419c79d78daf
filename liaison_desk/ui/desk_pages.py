"""The main window's tabs, in order: one place that says which pages a shift has and how each is put on a tab.
Pages that bring services the start of a shift does not need are built the first time they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .station_work_tab import add_station_work

if TYPE_CHECKING:
    from .main_window import MainWindow


def add_tab(window: MainWindow, page: QWidget, title: str) -> None:
    window.tabs.addTab(page, title)


def add_tabs(window: MainWindow) -> None:
    w = window
    add_tab(w, w.handover, QCoreApplication.translate("MainWindow", "今日交接"))
    add_tab(w, w.walkin, QCoreApplication.translate("MainWindow", "来访登记"))
    add_tab(w, w.cases, QCoreApplication.translate("MainWindow", "案件列表"))
    add_tab(w, w.queue, QCoreApplication.translate("MainWindow", "超期提醒"))
    add_tab(w, w.roster_tab, QCoreApplication.translate("MainWindow", "值班表"))
    add_station_work(w)  # 站务: shown by role, built when first shown
