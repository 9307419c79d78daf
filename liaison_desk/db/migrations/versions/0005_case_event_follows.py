"""case events name the event they follow

Each case event records the event it was appended after (``follows_id``, the last event in the writer's fold),
so the fold takes events in causal order and a PC whose clock ran ahead can no longer put a later action
before an earlier one (issue 19). Events written before this revision have none and fold by their stamps, as
before. No foreign key: an event may arrive before the one it follows, and that one may be another replica's.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE … ADD COLUMN: SQLite adds a nullable column without copying the table
    op.add_column('case_events', sa.Column('follows_id', sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case_events') as batch:
        batch.drop_column('follows_id')
