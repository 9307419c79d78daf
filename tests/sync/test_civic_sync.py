"""Tallies, votes and 述职评议 through the hub (issue 18): a round carries every record, the hub keeps them in
the station's scope, gives them back to a station restored from an old backup, and refuses another station's
entry into them."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from liaison_desk.db.changes import build_change
from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_civic import SYNCED, TallyEntry
from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.domain.workflow import Role
from liaison_desk.hub.schema import HubRecord
from liaison_desk.services.civic import appraisals, tallies, votes
from liaison_desk.services.context import Actor
from tests.civic.helpers import TODAY, counts, deputy
from tests.sync.harness import pending, reopen

STAFF = Actor(Role.STAFF, "李干事")


def _civic_work(db, admin) -> tuple[str, str]:
    v = votes.create_vote(db, STAFF, TODAY.year, "河口镇民生实事项目", 1)
    for title in ("村道硬化", "老年食堂"):
        v = votes.add_candidate(db, STAFF, v.id, title, "public")
    votes.lock_candidates(db, STAFF, v.id)
    v = votes.record_session(db, STAFF, v.id, TODAY, "镇政府会议室", 30, ("一号箱", "二号箱"))
    assert v.tally is not None
    form = v.tally.form
    a_id, b_id = (c.id for c in v.candidates)
    box1 = counts(form, {a_id: 10, b_id: 4}, issued=15)
    box2 = counts(form, {a_id: 11, b_id: 9}, issued=15)
    full: dict[str, int] = {}
    for row in form.rows:
        one, two = box1[f"{row}/total"], box2[f"{row}/total"]
        full |= {f"{row}/1": one, f"{row}/2": two, f"{row}/total": one + two}
    tallies.enter(db, STAFF, v.tally.id, 1, full, entered_by="甲")
    tallies.enter(db, STAFF, v.tally.id, 2, full, entered_by="乙")
    tallies.accept(db, STAFF, v.tally.id)
    ap = appraisals.create_appraisal(db, STAFF, deputy(db, admin).id, TODAY, "村委会", 20)
    c = counts(ap.tally.form, {"competent": 18, "basically_competent": 2, "incompetent": 0}, issued=20)
    tallies.enter(db, STAFF, ap.tally.id, 1, c, entered_by="甲")
    tallies.enter(db, STAFF, ap.tally.id, 2, c, entered_by="乙")
    tallies.accept(db, STAFF, ap.tally.id)
    return v.id, ap.id


def _hub_counts(county, code_station) -> dict[str, int]:
    names = [m.__table__.name for m in SYNCED]  # type: ignore[attr-defined]
    with county.engine.connect() as conn:
        rows = conn.execute(select(HubRecord.entity, func.count()).where(HubRecord.entity.in_(names))
                            .group_by(HubRecord.entity)).all()
    return dict(rows)


def test_a_round_carries_them_and_a_restored_station_gets_them_back(county, admin, tmp_path):
    a = county.add_station("LX01")
    assert county.sync("LX01").agreed
    a.dispose()
    backup = tmp_path / "backup"
    shutil.copytree(a.path.parent, backup)  # yesterday's backup: before the vote
    a = reopen(county, "LX01")
    vote_id, ap_id = _civic_work(a, admin)
    before = (votes.vote_view(a, vote_id), appraisals.appraisal_view(a, ap_id))
    assert county.sync("LX01").agreed
    assert not pending(a)
    held = _hub_counts(county, "LX01")
    assert held == {"tallies": 2, "tally_entries": 6, "livelihood_votes": 1, "livelihood_candidates": 2,
                    "voter_appraisals": 1}
    with county.engine.connect() as conn:  # owned by and scoped to the station that made them
        scopes = set(conn.execute(select(HubRecord.scope).where(HubRecord.entity == "tally_entries")).scalars())
    assert scopes == {a.station_id()}
    a.dispose()
    shutil.rmtree(a.path.parent)
    shutil.copytree(backup, a.path.parent)  # the PC's disk died
    a = reopen(county, "LX01")
    report = county.sync("LX01")
    assert report.rebootstrapped and report.agreed, report.notes
    after = (votes.vote_view(a, vote_id), appraisals.appraisal_view(a, ap_id))
    assert after[0].chosen[0].title == "村道硬化" and after[0].tally.current == before[0].tally.current
    assert after[0].tally.history == before[0].tally.history
    assert after[1].result == "competent" == before[1].result


def test_another_station_cannot_write_into_a_stations_tally(county, admin):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    _vote_id, ap_id = _civic_work(a, admin)
    assert county.sync("LX01").agreed
    tally_id = appraisals.appraisal_view(a, ap_id).tally.id
    with b.session() as s:  # LX02's file edited to slip an entry into LX01's tally
        fields = {"tally_id": tally_id, "seq": 9, "kind": "amend", "slot": 0, "values": {"o:competent/total": 1},
                  "actor_name": "某人", "reason": "", "recorded_at": utcnow().isoformat()}
        s.add(OutboxEntry(**build_change("tally_entries", new_id(), "insert", fields, b.stamp(), b.station_id(),
                                         utcnow())))
    county.sync("LX02")
    with b.session(write=False) as s:
        refused = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected",
                                                       SyncConflict.entity == "tally_entries")).all()
    assert len(refused) == 1 and "另一个联络站的计票表" in refused[0].reason, refused[0].reason
    with county.engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(HubRecord).where(HubRecord.entity == "tally_entries"))
    assert n == 6  # the two tallies: two entries and the acceptance each
    with a.session(write=False) as s:
        assert s.scalar(select(func.count()).select_from(TallyEntry)) == 6
