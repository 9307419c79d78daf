"""the audit trail: audit_entries

``audit_entries`` (审计日志, issue 17): who viewed, searched, printed or exported personal data, and every
administrative action; append-only, hash-chained per station (``seq`` with no gaps, ``prev_hash`` → ``hash``),
synced like every append-only record. A new table: nothing existing is rebuilt.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entries',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('clock_checked', sa.Boolean(), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('actor_role', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_audit_entries_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    sa.UniqueConstraint('station_id', 'seq', name='uq_audit_entries_station_seq')
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_origin_station_id'), ['origin_station_id'], unique=False)


def downgrade() -> None:
    op.drop_table('audit_entries')
