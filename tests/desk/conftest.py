"""Fixtures for the desk services tests."""

from tests.dbfixtures import *
