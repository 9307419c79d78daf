"""the report's per-day totals at the station (issue 16)

``report_days``, ``report_close_days`` and ``report_visit_days``: additive case counts, the days-to-close
histogram and visits per station-local registration day and breakdown key, kept by triggers on ``cases`` and
``visits`` (``liaison_desk.db.report_facts``), and a partial index on ``cases.deadline``. Backfilled from every
live case and visit here. SQLite stations only: the county hub (PostgreSQL) has its own case index. Not ORM
metadata (env.py leaves them out of ``alembic check``, like the search index).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from liaison_desk.db.report_facts import install_report_facts

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        install_report_facts(bind, rebuild=True)


def downgrade() -> None:
    from liaison_desk.db.report_facts import drop_report_facts

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        drop_report_facts(bind)
