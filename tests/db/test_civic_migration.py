"""Migration 0008 (issue 18): the tallies, votes and 述职评议 tables. A 0007 station upgrades with none and
can start a vote at once; a 0008 station's accepted tallies and results survive upgrading to the newest schema."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select

from liaison_desk.db.models_civic import SYNCED, TallyEntry
from liaison_desk.domain.workflow import Role
from liaison_desk.services.civic import appraisals, votes
from liaison_desk.services.context import Actor, open_station_database
from tests.db.test_migrations import unpack

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
STAFF = Actor(Role.STAFF, "李干事")


def test_a_0007_station_upgrades_and_can_start_a_vote(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0007.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        with db.session(write=False) as s:
            names = set(inspect(s.connection()).get_table_names())
            assert {m.__tablename__ for m in SYNCED} <= names
            assert s.scalar(select(func.count()).select_from(TallyEntry)) == 0
        v = votes.create_vote(db, STAFF, 2026, "民生实事项目", 1)
        assert votes.list_votes(db)[0].id == v.id
    finally:
        db.dispose()


def test_a_0008_stations_tallies_survive_the_upgrade(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0008.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        (vote,) = votes.list_votes(db)
        assert vote.status == "decided" and [c.title for c in vote.chosen] == ["村道硬化"]
        assert vote.tally is not None and vote.tally.current["o:" + vote.candidates[0].id + "/total"] == 21
        assert [h.kind for h in vote.tally.history] == ["entry", "entry", "correction", "accept"]
        (ap,) = appraisals.list_appraisals(db)
        assert ap.result == "competent" and ap.outcome is not None and ap.outcome.competent == 17
    finally:
        db.dispose()
