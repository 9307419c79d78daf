"""Suite-wide settings: Qt draws off-screen (no display needed on CI or a headless developer machine)."""

import os

# Must run before any test module imports PySide6: the platform plugin is chosen when QApplication starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
