"""cases carry a staff-approved public summary

``cases.public_summary`` (公示摘要): the line the wall notice (办理情况公示) prints for the case, in public wording
approved by staff (issue 14); None prints the default wording (category, village, result). An editable header
field like the others, synced per field.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE … ADD COLUMN: SQLite adds a nullable column without copying the table (no trigger loss)
    op.add_column('cases', sa.Column('public_summary', sa.String(60), nullable=True))


def downgrade() -> None:
    from liaison_desk.db import models_desk

    bind = op.get_bind()
    sqlite = bind.dialect.name == 'sqlite'
    if sqlite:  # the batch rebuild renames a copy over `cases`: no trigger may name the table meanwhile
        models_desk.drop_search_index(bind)
    with op.batch_alter_table('cases') as batch:
        batch.drop_column('public_summary')
    if sqlite:
        models_desk.install_search_index(bind)
