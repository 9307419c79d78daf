"""files attached to cases at the hub (答复函) (placeholder: filled in by the work that owns it)

Revision ID: h0005
Revises: h0004
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = 'h0005'
down_revision = 'h0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
