"""Look and language of the desk: the bundled Chinese font at a large size, Qt's own Chinese translation."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import paths

log = logging.getLogger(__name__)

FONT_FILE = "LXGWWenKai-Regular.ttf"
FONT_POINT_SIZE = 14  # elderly deputies read this screen: well above the usual 9–10 pt
LARGE_POINT_SIZE = 18  # large-type mode (a setting), for deputies who read with difficulty
# Fallbacks that ship with Windows / common Linux desktops, for glyphs the bundled font lacks (rare surname
# characters from CJK extension B, say) and for when the file is missing from a broken install.
FALLBACK_FAMILIES = ["Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei"]

# Plain, calm styling: generous padding so buttons and rows are easy targets for unsteady hands.
STYLE_SHEET = """
QPushButton { padding: 4px 18px; min-height: 1.7em; }
QLineEdit, QComboBox { padding: 4px 8px; min-height: 1.7em; }
QLineEdit { lineedit-password-character: 8226; }  /* "•": the default "●" is huge in the bundled font */
QLabel#dialogHeading { font-size: 18pt; font-weight: bold; }
QLabel#fieldError { color: #b3261e; }
QLabel#formError { color: #b3261e; font-weight: bold; }
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; }
QLabel#trainingBanner { background: #fff3c4; color: #7a4f00; border: 2px solid #e0a800; border-radius: 4px;
                        padding: 6px 12px; font-weight: bold; }
QFrame#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
QLabel#statValue { font-size: 20pt; font-weight: bold; }
QLabel#statCaption { color: #444444; }
QLabel#emptyState { color: #555555; font-size: 18pt; }
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
    """Font, style sheet and translators for a fresh application; returns the font family in use."""
    install_translators(app, lang)
    family = load_bundled_font()
    apply_font(app, family)
    app.setStyleSheet(STYLE_SHEET)
    return family


def set_large_type(app: QApplication, large: bool) -> None:
    """Switch large-type mode: every widget takes the application font, so one call resizes the whole desk."""
    font = QFont(app.font())
    font.setPointSize(LARGE_POINT_SIZE if large else FONT_POINT_SIZE)
    app.setFont(font)
