"""per-scope table digests kept up to date (protocol 2)

Revision ID: h0002
Revises: h0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'h0002'
down_revision = 'h0001'
branch_labels = None
depends_on = None

SHARED = "00000000-0000-0000-0000-000000000000"


def upgrade() -> None:
    from liaison_desk.sync.protocol import DIGEST_MOD, record_hash

    digests = op.create_table(
        "hub_digests",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("scope", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "scope", "entity", name=op.f("pk_hub_digests")),
    )
    # what a hub already holds: summed once here, then kept up to date by every write
    import uuid

    records = sa.table("hub_records", sa.column("county_id", sa.String), sa.column("entity", sa.String),
                       sa.column("id", sa.Uuid), sa.column("scope", sa.Uuid), sa.column("hlc", sa.String),
                       sa.column("deleted_hlc", sa.String))
    sums: dict[tuple, list[int]] = {}
    rows = op.get_bind().execute(
        sa.select(records.c.county_id, records.c.scope, records.c.entity, records.c.id, records.c.hlc,
                  records.c.deleted_hlc).execution_options(yield_per=10_000))
    for county, scope, entity, ident, hlc, deleted in rows:
        acc = sums.setdefault((county, scope or uuid.UUID(SHARED), entity), [0, 0])
        acc[0] += 1
        acc[1] += record_hash(ident, hlc, deleted)
    if sums:
        op.bulk_insert(digests, [{"county_id": c, "scope": sc, "entity": e, "count": n, "total": f"{t % DIGEST_MOD:064x}"}
                                 for (c, sc, e), (n, t) in sums.items()])
    with op.batch_alter_table("hub_stations") as batch:
        batch.drop_column("digest_json")
        batch.drop_column("digest_head")


def downgrade() -> None:
    with op.batch_alter_table("hub_stations") as batch:
        batch.add_column(sa.Column("digest_head", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("digest_json", sa.Text(), nullable=True))
    op.drop_table("hub_digests")
