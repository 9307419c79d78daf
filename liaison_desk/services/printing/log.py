"""The print log: every printed document is recorded (what, who, when); a second copy is a 补打."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.database import Database
from ...db.models import PrintRecord
from ...domain.errors import DomainError
from ..admin import audit
from ..context import Actor, utcnow

DOCUMENTS = ("receipt", "register", "ledger", "record_book", "letter", "notice", "handover", "roster", "report")


@dataclass(frozen=True)
class Printed:
    copy_no: int

    @property
    def reprint(self) -> bool:
        return self.copy_no > 1


def copies_so_far(db: Database, document: str, reference: str) -> int:
    """How many times this document was printed before: a caller marks the next one 补打 when > 0."""
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(PrintRecord).where(
            PrintRecord.document == document, PrintRecord.reference == reference)) or 0


def record_print(db: Database, actor: Actor, document: str, reference: str, *, pages: int | None = None,
                 rows: int | None = None) -> Printed:
    """Log one print (or PDF saved for printing) after it was produced; ``rows``: how many lines of personal
    data it carries (the handover sheet's visits, actions and cases), for the audit trail."""
    if document not in DOCUMENTS:
        raise DomainError("bad_document", f"未知的文书类型：{document}")
    with db.session() as s:
        station = db.station_id()
        if station is None:
            raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。")
        n = s.scalar(select(func.count()).select_from(PrintRecord).where(
            PrintRecord.document == document, PrintRecord.reference == reference)) or 0
        s.add(PrintRecord(station_id=station, document=document, reference=reference[:100], copy_no=n + 1,
                          printed_at=utcnow(), actor_id=actor.operator_id, actor_name=actor.name, pages=pages))
        lines = f"，{rows} 行" if rows is not None else ""
        audit.append(s, db, actor, "print", reference, f"{document} 第 {n + 1} 份{lines}")  # issue 17
    return Printed(n + 1)


def references_like(db: Database, document: str, prefix: str) -> list[str]:
    """The references of ``document`` printed so far that start with ``prefix``, in the order each was first
    printed (the editions of a month's roster: ``YYYY-MM:digest``)."""
    with db.session(write=False) as s:
        rows = s.execute(select(PrintRecord.reference, func.min(PrintRecord.printed_at)).where(
            PrintRecord.document == document, PrintRecord.reference.startswith(prefix, autoescape=True))
            .group_by(PrintRecord.reference).order_by(func.min(PrintRecord.printed_at), PrintRecord.reference))
        return [r[0] for r in rows]
