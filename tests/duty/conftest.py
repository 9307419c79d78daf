"""Fixtures for the deputies-on-duty tests."""

from tests.dbfixtures import *
