"""files attached to cases at the hub (答复函), bytes kept in the database (issue 15)

Revision ID: h0005
Revises: h0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0005'
down_revision = 'h0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_case_files",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("mime", sa.String(40), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "id", name=op.f("pk_hub_case_files")),
    )
    op.create_index("ix_hub_case_files_case", "hub_case_files", ["county_id", "case_id"])


def downgrade() -> None:
    op.drop_index("ix_hub_case_files_case", table_name="hub_case_files")
    op.drop_table("hub_case_files")
