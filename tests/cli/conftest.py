"""Fixtures for cli tests."""

from tests.dbfixtures import *
