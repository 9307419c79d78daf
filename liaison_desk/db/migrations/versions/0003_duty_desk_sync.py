"""rosters, duty patterns and scores; desk search index and holidays; sync state

One revision for the three features that landed together (they were developed as three steps that never
shipped apart).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from liaison_desk.db.models_desk import LIVE, OPEN, drop_search_index, install_search_index

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _upgrade_duty()
    _upgrade_desk()
    _upgrade_sync()


def downgrade() -> None:
    _downgrade_sync()
    _downgrade_desk()
    _downgrade_duty()


# --- duty ------------------------------------------------------------------------------------------
def _upgrade_duty() -> None:
    op.create_table('score_categories',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('cap', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_categories')),
    sa.UniqueConstraint('code', name=op.f('uq_score_categories_code'))
    )
    with op.batch_alter_table('score_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_categories_origin_station_id'), ['origin_station_id'], unique=False)
    op.create_table('score_items',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('category_code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('metric', sa.String(length=40), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('per', sa.Integer(), nullable=False),
    sa.Column('cap', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_items')),
    sa.UniqueConstraint('code', name=op.f('uq_score_items_code'))
    )
    with op.batch_alter_table('score_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_items_origin_station_id'), ['origin_station_id'], unique=False)
    op.create_table('deputy_unavailability',
    sa.Column('deputy_id', sa.Uuid(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], name=op.f('fk_deputy_unavailability_deputy_id_deputies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deputy_unavailability'))
    )
    with op.batch_alter_table('deputy_unavailability', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deputy_unavailability_deputy_id'), ['deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deputy_unavailability_origin_station_id'), ['origin_station_id'], unique=False)
    op.create_table('duty_limits',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('deputy_id', sa.Uuid(), nullable=False),
    sa.Column('max_shifts_per_month', sa.Integer(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], name=op.f('fk_duty_limits_deputy_id_deputies')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_duty_limits_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_limits')),
    sa.UniqueConstraint('station_id', 'deputy_id', name=op.f('uq_duty_limits_station_id_deputy_id'))
    )
    with op.batch_alter_table('duty_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_limits_deputy_id'), ['deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_limits_origin_station_id'), ['origin_station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_limits_station_id'), ['station_id'], unique=False)
    op.create_table('duty_minimums',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('metric', sa.String(length=40), nullable=False),
    sa.Column('minimum', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_duty_minimums_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_minimums')),
    sa.UniqueConstraint('station_id', 'metric', name=op.f('uq_duty_minimums_station_id_metric'))
    )
    with op.batch_alter_table('duty_minimums', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_minimums_origin_station_id'), ['origin_station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_minimums_station_id'), ['station_id'], unique=False)
    op.create_table('duty_patterns',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('weekdays', sa.String(length=16), nullable=False),
    sa.Column('slots', sa.String(length=16), nullable=False),
    sa.Column('deputies_per_slot', sa.Integer(), nullable=False),
    sa.Column('holidays', sa.JSON(), nullable=False),
    sa.Column('extra_days', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_duty_patterns_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_patterns')),
    sa.UniqueConstraint('station_id', name=op.f('uq_duty_patterns_station_id'))
    )
    with op.batch_alter_table('duty_patterns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_patterns_origin_station_id'), ['origin_station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_patterns_station_id'), ['station_id'], unique=False)
    op.create_table('roster_changes',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=16), nullable=False),
    sa.Column('from_deputy_id', sa.Uuid(), nullable=False),
    sa.Column('to_deputy_id', sa.Uuid(), nullable=False),
    sa.Column('other_date', sa.Date(), nullable=True),
    sa.Column('other_slot', sa.String(length=16), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['from_deputy_id'], ['deputies.id'], name=op.f('fk_roster_changes_from_deputy_id_deputies')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_roster_changes_station_id_stations')),
    sa.ForeignKeyConstraint(['to_deputy_id'], ['deputies.id'], name=op.f('fk_roster_changes_to_deputy_id_deputies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_changes'))
    )
    with op.batch_alter_table('roster_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_changes_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_changes_from_deputy_id'), ['from_deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_changes_origin_station_id'), ['origin_station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_changes_station_id'), ['station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_changes_to_deputy_id'), ['to_deputy_id'], unique=False)
    op.create_table('roster_slots',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=16), nullable=False),
    sa.Column('deputy_id', sa.Uuid(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], name=op.f('fk_roster_slots_deputy_id_deputies')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_roster_slots_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_slots')),
    sa.UniqueConstraint('station_id', 'date', 'slot', 'deputy_id', name=op.f('uq_roster_slots_station_id_date_slot_deputy_id'))
    )
    with op.batch_alter_table('roster_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_slots_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_slots_deputy_id'), ['deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_slots_origin_station_id'), ['origin_station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_slots_station_id'), ['station_id'], unique=False)
    op.create_table('score_disputes',
    sa.Column('deputy_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=32), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('filed_by', sa.String(length=60), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], name=op.f('fk_score_disputes_deputy_id_deputies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_disputes'))
    )
    with op.batch_alter_table('score_disputes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_disputes_deputy_id'), ['deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_score_disputes_origin_station_id'), ['origin_station_id'], unique=False)
    op.create_table('score_dispute_events',
    sa.Column('dispute_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('actor_role', sa.String(length=16), nullable=False),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['dispute_id'], ['score_disputes.id'], name=op.f('fk_score_dispute_events_dispute_id_score_disputes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_dispute_events'))
    )
    with op.batch_alter_table('score_dispute_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_dispute_events_dispute_id'), ['dispute_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_score_dispute_events_origin_station_id'), ['origin_station_id'], unique=False)

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_received_by_channel',
                              ['received_by_id', 'channel', 'occurred_at', 'deleted_hlc'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_registered_by_state',
                              ['registered_by_id', 'registered_at', 'assigned_at', 'closed_at', 'status', 'resolution',
                               'satisfaction', 'deleted_hlc'], unique=False)


def _downgrade_duty() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_registered_by_state')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_received_by_channel')
    with op.batch_alter_table('score_dispute_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_dispute_events_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_score_dispute_events_dispute_id'))
    op.drop_table('score_dispute_events')
    with op.batch_alter_table('score_disputes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_disputes_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_score_disputes_deputy_id'))
    op.drop_table('score_disputes')
    with op.batch_alter_table('roster_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_slots_station_id'))
        batch_op.drop_index(batch_op.f('ix_roster_slots_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_roster_slots_deputy_id'))
        batch_op.drop_index(batch_op.f('ix_roster_slots_date'))
    op.drop_table('roster_slots')
    with op.batch_alter_table('roster_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_changes_to_deputy_id'))
        batch_op.drop_index(batch_op.f('ix_roster_changes_station_id'))
        batch_op.drop_index(batch_op.f('ix_roster_changes_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_roster_changes_from_deputy_id'))
        batch_op.drop_index(batch_op.f('ix_roster_changes_date'))
    op.drop_table('roster_changes')
    with op.batch_alter_table('duty_patterns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_patterns_station_id'))
        batch_op.drop_index(batch_op.f('ix_duty_patterns_origin_station_id'))
    op.drop_table('duty_patterns')
    with op.batch_alter_table('duty_minimums', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_minimums_station_id'))
        batch_op.drop_index(batch_op.f('ix_duty_minimums_origin_station_id'))
    op.drop_table('duty_minimums')
    with op.batch_alter_table('duty_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_limits_station_id'))
        batch_op.drop_index(batch_op.f('ix_duty_limits_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_duty_limits_deputy_id'))
    op.drop_table('duty_limits')
    with op.batch_alter_table('deputy_unavailability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deputy_unavailability_origin_station_id'))
        batch_op.drop_index(batch_op.f('ix_deputy_unavailability_deputy_id'))
    op.drop_table('deputy_unavailability')
    with op.batch_alter_table('score_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_items_origin_station_id'))
    op.drop_table('score_items')
    with op.batch_alter_table('score_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_categories_origin_station_id'))
    op.drop_table('score_categories')


# --- desk ------------------------------------------------------------------------------------------
def _upgrade_desk() -> None:
    op.create_table('holidays',
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holidays')),
    sa.UniqueConstraint('date', name=op.f('uq_holidays_date'))
    )
    with op.batch_alter_table('holidays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holidays_origin_station_id'), ['origin_station_id'], unique=False)

    op.create_table('search_positions',
    sa.Column('n', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('n', name=op.f('pk_search_positions'))
    )
    # The FTS5 index and its triggers are not ORM metadata (env.py leaves them out of `alembic check`).
    # Existing cases are indexed here, so an upgraded station finds its old cases too. Stations only: the
    # county hub (PostgreSQL) runs the same migrations and has no use for the desk's search index.
    if op.get_bind().dialect.name == "sqlite":
        install_search_index(op.get_bind(), rebuild=True)
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index('ix_case_events_occurred_at', ['occurred_at'], unique=False)
    # partial on SQLite (see models_desk: the queries repeat these conditions word for word)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_live_registered', ['registered_at', 'id'], unique=False,
                              sqlite_where=sa.text(LIVE))
        batch_op.create_index('ix_cases_open_deadline', ['deadline'], unique=False, sqlite_where=sa.text(OPEN))
        batch_op.create_index('ix_cases_open_callback', ['callback_due'], unique=False, sqlite_where=sa.text(OPEN))


def _downgrade_desk() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_open_callback')
        batch_op.drop_index('ix_cases_open_deadline')
        batch_op.drop_index('ix_cases_live_registered')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index('ix_case_events_occurred_at')
    if op.get_bind().dialect.name == "sqlite":
        drop_search_index(op.get_bind())
    op.drop_table('search_positions')
    with op.batch_alter_table('holidays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holidays_origin_station_id'))
    op.drop_table('holidays')


# --- sync ------------------------------------------------------------------------------------------
def _upgrade_sync() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(60), nullable=True),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("kept_hlc", sa.String(48), nullable=True),
        sa.Column("lost_value", sa.Text(), nullable=True),
        sa.Column("lost_hlc", sa.String(48), nullable=True),
        sa.Column("change_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index(op.f("ix_sync_conflicts_entity_id"), "sync_conflicts", ["entity_id"])
    op.create_table(
        "sync_deferred",
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_sync_deferred")),
    )
    op.create_index(op.f("ix_sync_deferred_entity_id"), "sync_deferred", ["entity_id"])
    op.create_table(
        "sync_field_clocks",
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("clocks", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_field_clocks")),
    )


def _downgrade_sync() -> None:
    op.drop_table("sync_field_clocks")
    op.drop_index(op.f("ix_sync_deferred_entity_id"), table_name="sync_deferred")
    op.drop_table("sync_deferred")
    op.drop_index(op.f("ix_sync_conflicts_entity_id"), table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
