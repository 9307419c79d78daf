"""the console's case index (one row per case, bigram search) (placeholder: filled in by the work that owns it)

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = 'h0004'
down_revision = 'h0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
