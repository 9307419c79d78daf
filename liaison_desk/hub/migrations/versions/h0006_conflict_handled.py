"""sync conflicts marked handled in the console (issue 15)

Revision ID: h0006
Revises: h0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0006'
down_revision = 'h0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_conflict_handled",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("conflict_id", sa.Uuid(), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("user_name", sa.String(60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "conflict_id", name=op.f("pk_hub_conflict_handled")),
    )


def downgrade() -> None:
    op.drop_table("hub_conflict_handled")
