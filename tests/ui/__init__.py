"""UI tests (pytest-qt, off-screen)."""
