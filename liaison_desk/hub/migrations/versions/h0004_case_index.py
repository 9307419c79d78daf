"""the console's case index (one row per case) and its search table (bigram search)

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'h0004'
down_revision = 'h0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "hub_case_index",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("case_no", sa.String(40), nullable=False),
        sa.Column("station_id", sa.Uuid(), nullable=True),
        sa.Column("station_code", sa.String(8), nullable=False),
        sa.Column("station_name", sa.String(100), nullable=False),
        sa.Column("township", sa.String(100), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=True),
        sa.Column("village", sa.String(60), nullable=False),
        sa.Column("category_id", sa.Uuid(), nullable=True),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=True),
        sa.Column("department", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("triage", sa.String(8), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("followed_up_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("satisfaction", sa.String(24), nullable=True),
        sa.Column("reply_class", sa.String(1), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("key_supervision", sa.Boolean(), nullable=False),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("county_id", "case_id", name=op.f("pk_hub_case_index")),
    )
    op.create_table(
        "hub_case_search",
        sa.Column("county_id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("township", sa.String(100), nullable=False),
        sa.Column("department", sa.String(100), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("search_tokens", postgresql.ARRAY(sa.Text()) if pg else sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("county_id", "case_id", name=op.f("pk_hub_case_search")),
    )
    op.create_index("ix_hub_case_search_tokens", "hub_case_search", ["search_tokens"], postgresql_using="gin")
    op.create_index("ix_hub_case_search_registered", "hub_case_search", ["county_id", "registered_at"])
    for name, cols in (("number", ["county_id", "case_no"]),
                       ("registered", ["county_id", "registered_at", "case_id"]),
                       ("station", ["county_id", "station_id", "registered_at"]),
                       ("township", ["county_id", "township", "registered_at"]),
                       ("department", ["county_id", "department", "registered_at"]),
                       ("department_id", ["county_id", "department_id"]),
                       ("village_id", ["county_id", "village_id"]),
                       ("category", ["county_id", "category_id", "registered_at"])):
        op.create_index(f"ix_hub_case_index_{name}", "hub_case_index", cols)
    op.create_index("ix_hub_case_index_status", "hub_case_index", ["county_id", "status", "registered_at"],
                    postgresql_include=["satisfaction", "township", "department"])
    # partial indexes over the open cases (the predicate spelled out: a migration does not follow later edits)
    is_open = ("status IN ('accepted', 'assigned', 'followed_up', 'in_progress', 'registered', 'reopened', "
               "'replied')")
    red_or_key = f"{is_open} AND (triage = 'red' OR key_supervision)"
    op.create_index("ix_hub_case_index_open_deadline", "hub_case_index",
                    ["county_id", "deadline", sa.text("registered_at DESC"), sa.text("case_id DESC")],
                    postgresql_include=["township", "department"], postgresql_where=sa.text(is_open),
                    sqlite_where=sa.text(is_open))
    op.create_index("ix_hub_case_index_open_township", "hub_case_index", ["county_id", "township", "registered_at"],
                    postgresql_where=sa.text(is_open), sqlite_where=sa.text(is_open))
    op.create_index("ix_hub_case_index_red_or_key", "hub_case_index", ["county_id", "registered_at"],
                    postgresql_include=["township", "department"], postgresql_where=sa.text(red_or_key),
                    sqlite_where=sa.text(red_or_key))
    # the cases a hub already holds, folded and named by the same code every later write uses, in batches
    from sqlalchemy.orm import Session

    from liaison_desk.hub.console import index

    with Session(op.get_bind()) as s:
        for county in index.counties(s):
            index.reindex(s, county)
        s.flush()


def downgrade() -> None:
    op.drop_table("hub_case_search")
    op.drop_table("hub_case_index")
