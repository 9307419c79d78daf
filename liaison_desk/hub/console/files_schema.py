"""Files attached to cases at the hub (migration ``h0005``): the department's signed 答复函, scanned.

``hub_case_files`` keeps the file's bytes in the database, beside the case event that names it. Why not a
file in the hub's data folder: the event and its file are then written in one transaction (a reply is never
recorded with its letter missing, nor a letter left without its reply), one database backup (``pg_dump``)
holds both, and several ``serve`` workers on different machines need no shared folder. The size limit
(``hub.console.actions.ActionRules.max_file_bytes``, 10 MB by default) keeps the rows small enough for that.
Rows are never changed; the event carries the file's id, name, SHA-256 and size, so a station shows that a
答复函 exists (the file itself reaching a station is the attachments work of issue 18).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, Index, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..schema import HubBase


class HubCaseFile(HubBase):
    """A file kept with a case at the hub (案件附件: the 答复函)."""

    __tablename__ = "hub_case_files"
    __table_args__ = (Index("ix_hub_case_files_case", "county_id", "case_id"),)
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))  # as uploaded, cleaned of any folder part
    mime: Mapped[str] = mapped_column(String(40))  # from the content: application/pdf, image/jpeg, image/png
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100))  # the console user's name (and department)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
