"""Export of every record as JSON lines: the same records give the same lines on any replica."""

from __future__ import annotations

from typing import IO

from sqlalchemy import select

from ...db.changes import canonical_json
from ...db.database import Database
from ...db.models import SYNCED_MODELS
from ..context import Actor
from . import audit


def export_jsonl(db: Database, out: IO[str], *, actor: Actor | None = None) -> int:
    """Write one canonical JSON object per record (``type``, ``id`` and every column but local secrets).

    Tombstoned records are exported too (with ``deleted_hlc``): a deletion is a fact other replicas must
    know. Order is by type then id, so two replicas holding the same records write identical files.
    """
    count = 0
    with db.session(write=False) as s:
        for model in sorted(SYNCED_MODELS, key=lambda m: m.__tablename__):
            cols = [c for c in model.__table__.columns if c.key not in model.__local_only__]
            for row in s.execute(select(*cols).order_by(model.id)).mappings():
                record = {"type": model.__tablename__, **row}
                out.write(canonical_json(record))
                out.write("\n")
                count += 1
    audit.record(db, actor, "export", "全部记录", f"JSONL，{count} 条")  # issue 17
    return count
