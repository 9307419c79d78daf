"""The county console (issue 15): web pages on the hub for the county office, townships, leaders and departments.

- ``schema``: console accounts, sessions and the console's audit trail (migration h0003);
- ``auth``: accounts, passwords (argon2), sign-in with throttling, sessions, the audit trail — services over
  the hub's database (the only console modules that use SQLAlchemy besides other services);
- ``deps``: what a page needs from a request: the signed-in viewer, permission checks, CSRF, templates;
- ``web``: the console as an ASGI app mounted by ``hub.app`` at ``/`` next to the sync API;
- ``pages``: one module per group of pages, each an ``APIRouter`` listed in ``web.PAGES``.
"""
