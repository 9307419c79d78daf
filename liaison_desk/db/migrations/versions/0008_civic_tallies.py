"""paper-ballot tallies, livelihood-project votes and 述职评议 (issue 18)

``tallies`` and ``tally_entries`` (a paper count entered twice, its corrections, acceptance and amendments;
entries append-only), ``livelihood_votes``, ``livelihood_candidates`` and ``livelihood_progress`` (民生实事项目
票决), ``voter_appraisals`` (述职评议). New tables, all synced: nothing existing is rebuilt.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tallies',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('booths', sa.JSON(), nullable=False),
    sa.Column('single_choice', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_tallies_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tallies'))
    )
    op.create_index(op.f('ix_tallies_origin_station_id'), 'tallies', ['origin_station_id'], unique=False)
    op.create_index(op.f('ix_tallies_station_id'), 'tallies', ['station_id'], unique=False)
    op.create_table('livelihood_votes',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('chosen_count', sa.Integer(), nullable=False),
    sa.Column('threshold_pct', sa.Integer(), nullable=False),
    sa.Column('locked_at', sa.DateTime(), nullable=True),
    sa.Column('locked_by', sa.String(length=60), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=True),
    sa.Column('session_place', sa.String(length=200), nullable=False),
    sa.Column('deputies_present', sa.Integer(), nullable=True),
    sa.Column('tally_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_livelihood_votes_station_id_stations')),
    sa.ForeignKeyConstraint(['tally_id'], ['tallies.id'], name=op.f('fk_livelihood_votes_tally_id_tallies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_livelihood_votes'))
    )
    op.create_index(op.f('ix_livelihood_votes_origin_station_id'), 'livelihood_votes', ['origin_station_id'], unique=False)
    op.create_index(op.f('ix_livelihood_votes_station_id'), 'livelihood_votes', ['station_id'], unique=False)
    op.create_index(op.f('ix_livelihood_votes_tally_id'), 'livelihood_votes', ['tally_id'], unique=False)
    op.create_table('tally_entries',
    sa.Column('tally_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['tally_id'], ['tallies.id'], name=op.f('fk_tally_entries_tally_id_tallies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tally_entries')),
    sa.UniqueConstraint('tally_id', 'seq', name='uq_tally_entries_tally_seq')
    )
    op.create_index(op.f('ix_tally_entries_origin_station_id'), 'tally_entries', ['origin_station_id'], unique=False)
    op.create_index(op.f('ix_tally_entries_tally_id'), 'tally_entries', ['tally_id'], unique=False)
    op.create_table('voter_appraisals',
    sa.Column('station_id', sa.Uuid(), nullable=False),
    sa.Column('deputy_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('voters_present', sa.Integer(), nullable=False),
    sa.Column('competent_pct', sa.Integer(), nullable=False),
    sa.Column('basic_pct', sa.Integer(), nullable=False),
    sa.Column('tally_id', sa.Uuid(), nullable=False),
    sa.Column('result', sa.String(length=24), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], name=op.f('fk_voter_appraisals_deputy_id_deputies')),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_voter_appraisals_station_id_stations')),
    sa.ForeignKeyConstraint(['tally_id'], ['tallies.id'], name=op.f('fk_voter_appraisals_tally_id_tallies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voter_appraisals'))
    )
    op.create_index(op.f('ix_voter_appraisals_deputy_id'), 'voter_appraisals', ['deputy_id'], unique=False)
    op.create_index(op.f('ix_voter_appraisals_origin_station_id'), 'voter_appraisals', ['origin_station_id'], unique=False)
    op.create_index(op.f('ix_voter_appraisals_station_id'), 'voter_appraisals', ['station_id'], unique=False)
    op.create_index(op.f('ix_voter_appraisals_tally_id'), 'voter_appraisals', ['tally_id'], unique=False)
    op.create_table('livelihood_candidates',
    sa.Column('vote_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('proposer', sa.String(length=100), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('votes', sa.Integer(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.Column('rating_tally_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_livelihood_candidates_case_id_cases')),
    sa.ForeignKeyConstraint(['rating_tally_id'], ['tallies.id'], name=op.f('fk_livelihood_candidates_rating_tally_id_tallies')),
    sa.ForeignKeyConstraint(['vote_id'], ['livelihood_votes.id'], name=op.f('fk_livelihood_candidates_vote_id_livelihood_votes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_livelihood_candidates'))
    )
    op.create_index(op.f('ix_livelihood_candidates_case_id'), 'livelihood_candidates', ['case_id'], unique=False)
    op.create_index(op.f('ix_livelihood_candidates_origin_station_id'), 'livelihood_candidates', ['origin_station_id'], unique=False)
    op.create_index(op.f('ix_livelihood_candidates_rating_tally_id'), 'livelihood_candidates', ['rating_tally_id'], unique=False)
    op.create_index(op.f('ix_livelihood_candidates_vote_id'), 'livelihood_candidates', ['vote_id'], unique=False)
    op.create_table('livelihood_progress',
    sa.Column('candidate_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('origin_station_id', sa.Uuid(), nullable=False),
    sa.Column('created_hlc', sa.String(length=48), nullable=False),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('deleted_hlc', sa.String(length=48), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['livelihood_candidates.id'], name=op.f('fk_livelihood_progress_candidate_id_livelihood_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_livelihood_progress'))
    )
    op.create_index(op.f('ix_livelihood_progress_candidate_id'), 'livelihood_progress', ['candidate_id'], unique=False)
    op.create_index(op.f('ix_livelihood_progress_origin_station_id'), 'livelihood_progress', ['origin_station_id'], unique=False)


def downgrade() -> None:
    for table in ('livelihood_progress', 'livelihood_candidates', 'voter_appraisals', 'tally_entries',
                  'livelihood_votes', 'tallies'):
        op.drop_table(table)
