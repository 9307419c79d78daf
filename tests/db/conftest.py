"""Fixtures for db tests."""

from tests.dbfixtures import *
