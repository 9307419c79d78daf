"""Fixtures for services tests."""

from tests.dbfixtures import *
