"""the public status page's wrong-digit budget per case number

Revision ID: h0007
Revises: h0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0007'
down_revision = 'h0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_public_digit_failures",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("case_no", sa.String(40), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("county_id", "case_no", name=op.f("pk_hub_public_digit_failures")),
    )


def downgrade() -> None:
    op.drop_table("hub_public_digit_failures")
