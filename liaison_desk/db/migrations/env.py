"""Alembic environment: used by the app at start-up (connection passed in) and by the alembic CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from liaison_desk.db.models import Base
from liaison_desk.db.models_desk import SEARCH_OBJECTS
from liaison_desk.db.report_facts import FACT_OBJECTS

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
        compare_type=True,
        # The FTS5 search index is hand-made SQL, not metadata (see models_desk): alembic check skips it.
        # So are the report's per-day totals and their index (db/report_facts).
        include_object=lambda obj, name, type_, reflected, compare_to: name not in SEARCH_OBJECTS | FACT_OBJECTS,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("alembic: no connection given and no sqlalchemy.url set")
    if url.startswith("sqlite:///"):  # a station file: opened with its key when it is encrypted (db.cipher)
        from pathlib import Path

        from liaison_desk.db.database import make_engine

        engine = make_engine(Path(url.removeprefix("sqlite:///")), foreign_keys=False)
    else:
        engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
