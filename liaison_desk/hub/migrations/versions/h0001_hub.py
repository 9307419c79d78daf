"""hub tables

Revision ID: h0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0001'
down_revision = None
branch_labels = None
depends_on = None

HLC = 48


def upgrade() -> None:
    op.create_table(
        "hub_counters",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc_last", sa.String(HLC), nullable=True),
        sa.PrimaryKeyConstraint("county_id", name=op.f("pk_hub_counters")),
    )
    op.create_table(
        "hub_stations",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("station_uuid", sa.Uuid(), nullable=True),
        sa.Column("enroll_hash", sa.String(64), nullable=True),
        sa.Column("credential_hash", sa.String(64), nullable=True),
        sa.Column("bundle_key", sa.String(64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("install_id", sa.String(36), nullable=True),
        sa.Column("last_outbox_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hlc", sa.String(HLC), nullable=True),
        sa.Column("last_cursor", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("digest_head", sa.BigInteger(), nullable=True),
        sa.Column("digest_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "code", name=op.f("pk_hub_stations")),
        sa.UniqueConstraint("county_id", "station_uuid", name=op.f("uq_hub_stations_county_id_station_uuid")),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_hub_stations_credential_hash")),
    )
    op.create_table(
        "hub_changes",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("station_code", sa.String(8), nullable=True),
        sa.Column("install_id", sa.String(36), nullable=True),
        sa.Column("station_seq", sa.BigInteger(), nullable=True),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.Uuid(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "change_id", name=op.f("pk_hub_changes")),
        sa.UniqueConstraint("county_id", "seq", name=op.f("uq_hub_changes_county_id_seq")),
    )
    op.create_index("ix_hub_changes_scope_seq", "hub_changes", ["county_id", "scope", "seq"])
    op.create_index("ix_hub_changes_station_seq", "hub_changes",
                    ["county_id", "station_code", "install_id", "station_seq"])
    op.create_table(
        "hub_records",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner", sa.Uuid(), nullable=True),
        sa.Column("scope", sa.Uuid(), nullable=True),
        sa.Column("label", sa.String(100), nullable=True),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("origin_station_id", sa.Uuid(), nullable=False),
        sa.Column("created_hlc", sa.String(HLC), nullable=False),
        sa.Column("hlc", sa.String(HLC), nullable=False),
        sa.Column("deleted_hlc", sa.String(HLC), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("field_hlcs", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "entity", "id", name=op.f("pk_hub_records")),
    )
    op.create_index("ix_hub_records_scope", "hub_records", ["county_id", "scope", "entity"])
    op.create_index("ix_hub_records_label", "hub_records", ["county_id", "entity", "label"])
    op.create_index("ix_hub_records_parent", "hub_records", ["county_id", "parent_id"])
    op.create_table(
        "hub_conflicts",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("field", sa.String(60), nullable=True),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("kept_hlc", sa.String(HLC), nullable=True),
        sa.Column("lost_value", sa.Text(), nullable=True),
        sa.Column("lost_hlc", sa.String(HLC), nullable=True),
        sa.Column("change_id", sa.Uuid(), nullable=True),
        sa.Column("station_code", sa.String(8), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "id", name=op.f("pk_hub_conflicts")),
    )


def downgrade() -> None:
    op.drop_table("hub_conflicts")
    op.drop_index("ix_hub_records_parent", table_name="hub_records")
    op.drop_index("ix_hub_records_label", table_name="hub_records")
    op.drop_index("ix_hub_records_scope", table_name="hub_records")
    op.drop_table("hub_records")
    op.drop_index("ix_hub_changes_station_seq", table_name="hub_changes")
    op.drop_index("ix_hub_changes_scope_seq", table_name="hub_changes")
    op.drop_table("hub_changes")
    op.drop_table("hub_stations")
    op.drop_table("hub_counters")
