"""Alembic environment of the hub (connection passed in by ``hub.database.upgrade``)."""

from __future__ import annotations

from alembic import context

from liaison_desk.hub.console import (
    admin_schema,  # noqa: F401  (sync conflicts marked handled)
    index_schema,  # noqa: F401  (the console's tables on HubBase)
)
from liaison_desk.hub.console import files_schema as case_files  # noqa: F401  (the 答复函 kept with cases)
from liaison_desk.hub.console import public_schema as digit_budget  # noqa: F401  (public page: digit budget)
from liaison_desk.hub.console import schema as console_schema  # noqa: F401  (accounts, sessions, audit)
from liaison_desk.hub.console import signin_schema as signin_pending  # noqa: F401  (sign-ins under way)
from liaison_desk.hub.schema import HubBase

config = context.config
connection = config.attributes["connection"]
#: indexes with descending keys: SQLite reflects them as plain columns, so a check there would read them as
#: changed every time (the PostgreSQL check still compares them)
DESC_INDEXES = {"ix_hub_case_index_open_deadline"}


def _include(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in DESC_INDEXES and connection.dialect.name == "sqlite")


context.configure(connection=connection, target_metadata=HubBase.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                  include_object=_include)
with context.begin_transaction():
    context.run_migrations()
