"""The console's pages, one module per group, each with a ``router`` (an ``APIRouter``) listed in ``web.PAGES``.

A page module depends on ``deps`` (viewer, ``require``, ``render``, ``record``) and on services; it never
imports SQLAlchemy (an import-linter contract). Routes that change something are POST forms: ``require`` and
``signed_in`` check their CSRF token.
"""
