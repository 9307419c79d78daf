"""console accounts, sessions and audit (placeholder: filled in by the work that owns it)

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = 'h0003'
down_revision = 'h0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
