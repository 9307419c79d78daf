"""Paper-ballot tallies, livelihood-project votes (民生实事项目票决) and 述职评议 (issue 18), migration 0008.

A *tally* (``tallies``) is one paper count — a project vote, a year-end satisfaction rating of a chosen
project, or the voters' ballot after a deputy's report — and ``tally_entries`` its history: the two (or three)
people's entries, their corrections, the acceptance and every later amendment, append-only, so an accepted
count is never overwritten (``domain.tally``). Every table is made at a station, owned by it and synced to the
hub like its other records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models_core import Base, Synced, fk, parent


class Tally(Synced, Base):
    """计票表 — what is counted: the options (``[[key, label]…]``), the booths and the ballot kind."""

    __tablename__ = "tallies"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    kind: Mapped[str] = mapped_column(String(16))  # vote | rating | appraisal
    title: Mapped[str] = mapped_column(String(200))
    options: Mapped[list[Any]] = mapped_column(JSON, default=list)
    booths: Mapped[list[Any]] = mapped_column(JSON, default=list)
    single_choice: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | accepted (derived from entries)


class TallyEntry(Synced, Base):
    """One step of a tally: an entry (slot 1, 2 or 3), a correction of one's own entry, the acceptance, or an
    amendment of accepted counts — with who, when and why; never changed once written."""

    __tablename__ = "tally_entries"
    __sync_kind__ = "append_only"
    __table_args__ = (UniqueConstraint("tally_id", "seq", name="uq_tally_entries_tally_seq"),)
    tally_id: Mapped[uuid.UUID] = fk("tallies.id")
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # entry | correction | accept | amend
    slot: Mapped[int] = mapped_column(Integer, default=0)  # 1, 2, 3 for entries and corrections
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor_name: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    tally: Mapped[Tally] = parent("Tally", "TallyEntry.tally_id")


class LivelihoodVote(Synced, Base):
    """民生实事项目票决 — one year's vote: the candidate list (locked before the vote), the session and how
    many projects are chosen (and the share of ballots each must pass)."""

    __tablename__ = "livelihood_votes"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16), default="township")  # township | county
    chosen_count: Mapped[int] = mapped_column(Integer)
    threshold_pct: Mapped[int] = mapped_column(Integer, default=50)  # chosen only with more than this share
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[str] = mapped_column(String(60), default="")
    session_date: Mapped[dt.date | None] = mapped_column(Date)
    session_place: Mapped[str] = mapped_column(String(200), default="")
    deputies_present: Mapped[int | None] = mapped_column(Integer)
    tally_id: Mapped[uuid.UUID | None] = fk("tallies.id", nullable=True)


class LivelihoodCandidate(Synced, Base):
    """候选项目 — proposed by the public, a department, or from a case (``case_id``); the vote's result
    (votes, rank, chosen) is written here when the tally is accepted or amended."""

    __tablename__ = "livelihood_candidates"
    vote_id: Mapped[uuid.UUID] = fk("livelihood_votes.id")
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16))  # public | department | case
    proposer: Mapped[str] = mapped_column(String(100), default="")
    case_id: Mapped[uuid.UUID | None] = fk("cases.id", nullable=True)
    votes: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[int | None] = mapped_column(Integer)
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    rating_tally_id: Mapped[uuid.UUID | None] = fk("tallies.id", nullable=True)
    vote: Mapped[LivelihoodVote] = parent("LivelihoodVote", "LivelihoodCandidate.vote_id")


class LivelihoodProgress(Synced, Base):
    """A chosen project's milestone (with its due date) or progress report (with the share done)."""

    __tablename__ = "livelihood_progress"
    __sync_kind__ = "append_only"
    candidate_id: Mapped[uuid.UUID] = fk("livelihood_candidates.id")
    kind: Mapped[str] = mapped_column(String(16))  # milestone | report
    date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    percent: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class VoterAppraisal(Synced, Base):
    """述职评议 — a deputy's report to voters and the voters' ballot (称职/基本称职/不称职), judged against the
    thresholds; ``result`` is written when the tally is accepted or amended (what the record book counts)."""

    __tablename__ = "voter_appraisals"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    year: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    voters_present: Mapped[int] = mapped_column(Integer)
    competent_pct: Mapped[int] = mapped_column(Integer, default=80)
    basic_pct: Mapped[int] = mapped_column(Integer, default=60)
    tally_id: Mapped[uuid.UUID] = fk("tallies.id")
    result: Mapped[str | None] = mapped_column(String(24))  # competent | basically_competent | incompetent | none


SYNCED: tuple[type, ...] = (Tally, TallyEntry, LivelihoodVote, LivelihoodCandidate, LivelihoodProgress,
                            VoterAppraisal)
