"""console accounts, sessions and the console's audit trail (issue 15)

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0003'
down_revision = 'h0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_users",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("township", sa.String(100), nullable=True),
        sa.Column("department", sa.String(100), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("must_change", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("county_id", "id", name=op.f("pk_hub_users")),
        sa.UniqueConstraint("county_id", "name", name=op.f("uq_hub_users_county_id_name")),
    )
    op.create_table(
        "hub_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_hub_sessions")),
    )
    op.create_index("ix_hub_sessions_user", "hub_sessions", ["county_id", "user_id"])
    op.create_table(
        "hub_console_audit",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("user_name", sa.String(60), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("ip", sa.String(45), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "seq", name=op.f("pk_hub_console_audit")),
    )
    op.create_index("ix_hub_console_audit_action", "hub_console_audit", ["county_id", "action", "target", "at"])
    op.create_index("ix_hub_console_audit_ip", "hub_console_audit", ["county_id", "ip", "action", "at"])


def downgrade() -> None:
    op.drop_table("hub_console_audit")
    op.drop_table("hub_sessions")
    op.drop_table("hub_users")
