"""sign-in attempts under way, counted by the console's throttle

Revision ID: h0008
Revises: h0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0008'
down_revision = 'h0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_signin_pending",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("ip", sa.String(45), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "id", name=op.f("pk_hub_signin_pending")),
    )
    op.create_index("ix_hub_signin_pending_name", "hub_signin_pending", ["county_id", "name"])


def downgrade() -> None:
    op.drop_index("ix_hub_signin_pending_name", table_name="hub_signin_pending")
    op.drop_table("hub_signin_pending")
