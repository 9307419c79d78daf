"""Look and language of the desk: the bundled Chinese font at a large size, Qt's own Chinese translation."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QRect,
    QSize,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QWidget

from .. import paths

log = logging.getLogger(__name__)

FONT_FILE = "LXGWWenKai-Regular.ttf"
FONT_POINT_SIZE = 14  # elderly deputies read this screen: well above the usual 9–10 pt
LARGE_POINT_SIZE = 18  # large-type mode (a setting), for deputies who read with difficulty
# Fallbacks that ship with Windows / common Linux desktops, for glyphs the bundled font lacks (rare surname
# characters from CJK extension B, say) and for when the file is missing from a broken install.
FALLBACK_FAMILIES = ["Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei"]

# Plain, calm styling: generous padding so buttons and rows are easy targets for unsteady hands. Headings and
# figures are sized relative to the body text ({heading}, {figure}: see ``style_sheet``), so they stay larger
# than it in large type too.
_STYLE_TEMPLATE = """
QPushButton { padding: 4px 18px; min-height: 1.7em; }
QLineEdit, QComboBox { padding: 4px 8px; min-height: 1.7em; }
QLineEdit { lineedit-password-character: 8226; }  /* "•": the default "●" is huge in the bundled font */
QLabel#dialogHeading { font-size: {heading}pt; font-weight: bold; }
QLabel#fieldError { color: #b3261e; }
QLabel#formError { color: #b3261e; font-weight: bold; }
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; }
QLabel#trainingBanner { background: #fff3c4; color: #7a4f00; border: 2px solid #e0a800; border-radius: 4px;
                        padding: 6px 12px; font-weight: bold; }
QFrame#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
QLabel#statValue { font-size: {figure}pt; font-weight: bold; }
QLabel#statCaption { color: #444444; }
QLabel#emptyState { color: #555555; font-size: {heading}pt; }
QLabel#sectionHeading { font-weight: bold; margin-top: 4px; }
QLabel#fieldHint { color: #555555; }
QLabel#savedNote { background: #e6f4ea; color: #1e5e2f; border: 1px solid #8cc79b; border-radius: 4px; padding: 6px 10px;
                   font-weight: bold; }
QLabel#handoverNote { background: #eef4ff; border: 1px solid #9db8e8; border-radius: 4px; padding: 6px 10px; }
QFrame#sidePanel { background: #fffbe8; border: 1px solid #e0c860; border-radius: 4px; }
QFrame#dateWarning { background: #fff3c4; border: 2px solid #e0a800; border-radius: 4px; }
QFrame#statCard[alert="true"] { background: #fdecea; border: 2px solid #b3261e; }
QFrame#statCard[alert="true"] QLabel#statValue { color: #b3261e; }
QSpinBox, QDateEdit { padding: 4px 8px; min-height: 1.7em; }
QTableView { gridline-color: palette(midlight); }
QHeaderView::section { padding: 4px 6px; font-weight: bold; }
"""

# The Windows title bar and borders around a window's client area (a window's size excludes them).
WINDOW_FRAME = QSize(16, 39)
_STATION_SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar: the smallest screen the desk is for


def style_sheet(point_size: int = FONT_POINT_SIZE) -> str:
    """The desk's style sheet for body text of ``point_size``: headings and figures about 1.3×."""
    sizes = {"heading": round(point_size * 1.3), "figure": round(point_size * 1.35)}
    return _STYLE_TEMPLATE.replace("{heading}", str(sizes["heading"])).replace("{figure}", str(sizes["figure"]))


STYLE_SHEET = style_sheet()


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The screen area windows may use (the screen less the taskbar); tests replace this to be a station PC."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(_STATION_SCREEN)


def room(widget: QWidget | None = None) -> QSize:
    """The largest client size a window can have on the screen: the available area less its frame."""
    return available_geometry(widget).size() - WINDOW_FRAME


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, but never larger than the screen leaves room for."""
    space = room(window)
    window.resize(max(1, min(width, space.width())), max(1, min(height, space.height())))


def load_bundled_font(path: Path | None = None) -> str | None:
    """Register the bundled font with Qt and return its family name; None (and a warning) if unusable."""
    path = path or paths.resource("fonts", FONT_FILE)
    if not path.is_file():
        log.warning("bundled font not found at %s; using the system font", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled font %s; using the system font", path)
        return None
    return families[0]


def apply_font(app: QApplication, family: str | None, point_size: int = FONT_POINT_SIZE) -> QFont:
    font = QFont(app.font())
    if family:
        font.setFamilies([family, *FALLBACK_FAMILIES])
    font.setPointSize(point_size)
    app.setFont(font)
    return font


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Qt's own strings (dialog buttons, context menus) in Chinese; our strings from resources/i18n if present.

    The translators are returned and also parented to the application, so Python's garbage collector
    cannot remove them while the desk runs.
    """
    installed: list[QTranslator] = []
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        tr = QTranslator(app)
        if tr.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(tr)
            installed.append(tr)
        else:
            log.warning("Qt's Chinese translation qtbase_zh_CN not found in %s", qt_dir)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    # Our source strings are Chinese; another language needs its compiled catalogue.
    ours = paths.resource("i18n", f"liaison_desk_{lang}.qm")
    if lang != "zh" and ours.is_file():
        tr = QTranslator(app)
        if tr.load(str(ours)):
            app.installTranslator(tr)
            installed.append(tr)
    return installed


def setup_application(app: QApplication, lang: str) -> str | None:
    """Font, style sheet, translators and the dialog fitter for a fresh application; returns the font family."""
    install_translators(app, lang)
    family = load_bundled_font()
    apply_font(app, family)
    app.setStyleSheet(STYLE_SHEET)
    if app.findChild(DialogFitter) is None:
        install_dialog_fitter(app)
    return family


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for its wrapped text at its width (a hint or an error message of two lines
    in large type), within the screen, and wider when the screen is not tall enough: a layout does not count
    wrapped lines in a window's minimum height."""
    space = room(window)
    for _ in range(6):
        deficit = 0
        for widget in [window, *window.findChildren(QWidget)]:
            layout = widget.layout()
            if (layout is None or not widget.isVisible() or not layout.hasHeightForWidth()
                    or _in_scroll_area(widget, window)):
                continue
            deficit = max(deficit, layout.totalHeightForWidth(widget.width()) - widget.height())
        if deficit <= 0:
            return
        if window.height() < space.height():
            window.resize(window.width(), min(window.height() + deficit, space.height()))
        elif window.width() < space.width():  # as tall as the screen allows: wider, so the text takes fewer lines
            window.resize(min(window.width() * 5 // 4, space.width()), window.height())
        else:
            return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class DialogFitter(QObject):
    """Grows each dialog to its wrapped text when it is shown or its content changes (``grow_to_fit``)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest) and isinstance(watched, QDialog)
                and watched.isWindow() and watched.isVisible() and id(watched) not in self._pending):
            key = id(watched)
            self._pending.add(key)
            QTimer.singleShot(0, lambda w=watched, k=key: self._fit(w, k))
        return False

    def _fit(self, window: QDialog, key: int) -> None:
        self._pending.discard(key)
        try:
            if window.isVisible():
                grow_to_fit(window)
        except RuntimeError:  # closed and deleted meanwhile
            pass


def install_dialog_fitter(app: QApplication) -> DialogFitter:
    fitter = DialogFitter(app)
    app.installEventFilter(fitter)
    return fitter


def set_large_type(app: QApplication, large: bool) -> None:
    """Switch large-type mode in every open window at once. ``QApplication.setFont`` alone does not reach
    widgets a style sheet has polished, so the style sheet (with its headings scaled to the new size) is set
    again, which re-polishes every widget; tables' row heights grow or shrink with their font."""
    from PySide6.QtWidgets import QTableView

    size = LARGE_POINT_SIZE if large else FONT_POINT_SIZE
    if app.font().pointSize() == size and app.styleSheet() in ("", style_sheet(size)):
        return  # already so (settings saved again): re-polishing every widget would only cost time
    tables = [(t, t.verticalHeader().defaultSectionSize(), t.fontMetrics().height())
              for t in app.allWidgets() if isinstance(t, QTableView)]
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)
    if app.styleSheet():
        app.setStyleSheet(style_sheet(size))
    for table, rows, height in tables:
        new_height = table.fontMetrics().height()
        if new_height != height and height > 0:
            table.verticalHeader().setDefaultSectionSize(round(rows * new_height / height))
