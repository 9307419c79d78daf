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
context.configure(connection=connection, target_metadata=HubBase.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
