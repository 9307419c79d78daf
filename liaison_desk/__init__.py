"""LiaisonDesk (联络站值班台): the duty desk of a people's-congress deputy liaison station."""

import builtins as _builtins

__version__ = "0.1.0"
#: When this release was built (set with the version): the desk cannot run before it, which tells a PC whose
#: date was lost (``services.desk.clock``).
BUILD_DATE = "2026-12-01"

# Python's own import function, taken before PySide6 can replace it (``liaison_desk.ui`` puts it back: see there).
ORIGINAL_IMPORT = _builtins.__import__
