"""Livelihood-project votes and 述职评议 through their services: the list locked, two entries compared,
accepted, amended with who and why; the verdict and the chosen projects written on their subjects."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_civic import TallyEntry
from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.domain.tally import TOTAL, field_key
from liaison_desk.services.civic import appraisals, tallies, votes

from .helpers import TODAY, a_case, counts, deputy


def _vote(db, staff, n_chosen=2):
    v = votes.create_vote(db, staff, TODAY.year, "河口镇民生实事项目", n_chosen)
    case = a_case(db, staff)
    for title, source, extra in (("村道硬化", "public", {}), ("老年食堂", "case", {"case": case.case_number}),
                                 ("路灯安装", "department", {"proposer": "镇住建办"})):
        v = votes.add_candidate(db, staff, v.id, title, source, **extra)
    return v, case


def test_vote_from_candidates_to_chosen_projects(db, staff_actor, deputy_actor):
    v, case = _vote(db, staff_actor)
    assert [c.case_number for c in v.candidates] == [None, case.case_number, None]
    with pytest.raises(DomainError) as e:
        votes.record_session(db, staff_actor, v.id, TODAY, "镇政府三楼会议室", 40)
    assert e.value.code == "vote_not_locked"
    with pytest.raises(PermissionDenied):
        votes.lock_candidates(db, deputy_actor, v.id)
    v = votes.lock_candidates(db, staff_actor, v.id)
    with pytest.raises(DomainError) as e:
        votes.add_candidate(db, staff_actor, v.id, "新项目", "public")
    assert e.value.code == "vote_locked"
    v = votes.record_session(db, staff_actor, v.id, TODAY, "镇政府三楼会议室", 40)
    assert v.status == "counting" and v.tally is not None
    form = v.tally.form
    ids = [c.id for c in v.candidates]
    good = counts(form, dict(zip(ids, (30, 35, 12), strict=True)), issued=40, invalid=1)
    tallies.enter(db, deputy_actor, v.tally.id, 1, good, entered_by="王会计")
    typo = {**good, field_key(f"o:{ids[0]}", TOTAL): 13}
    view = tallies.enter(db, deputy_actor, v.tally.id, 2, typo, entered_by="赵出纳")
    assert [d.field for d in view.reconciliation.differences] == [field_key(f"o:{ids[0]}", TOTAL)]
    with pytest.raises(DomainError) as e:
        tallies.accept(db, staff_actor, v.tally.id)
    assert e.value.code == "tally_not_acceptable" and "村道硬化" in e.value.message and "30 / 13" in e.value.message
    tallies.correct(db, deputy_actor, v.tally.id, 2, {field_key(f"o:{ids[0]}", TOTAL): 30}, "对照选票重核",
                    entered_by="赵出纳")
    view = tallies.accept(db, staff_actor, v.tally.id)
    assert view.status == "accepted" and view.accepted == good
    v = votes.vote_view(db, v.id)
    assert v.status == "decided"
    assert [c.title for c in v.chosen] == ["老年食堂", "村道硬化"]
    assert [(c.votes, c.rank) for c in v.candidates] == [(30, 2), (35, 1), (12, 3)]
    with pytest.raises(DomainError) as e:  # accepted: no more entries
        tallies.enter(db, deputy_actor, v.tally.id, 3, good, entered_by="孙")
    assert e.value.code == "tally_accepted"


def test_amending_an_accepted_vote_is_recorded_and_rewrites_the_result(db, staff_actor):
    v, _ = _vote(db, staff_actor, n_chosen=1)
    votes.lock_candidates(db, staff_actor, v.id)
    v = votes.record_session(db, staff_actor, v.id, TODAY, "会议室", 40)
    ids = [c.id for c in v.candidates]
    good = counts(v.tally.form, dict(zip(ids, (30, 29, 12), strict=True)), issued=40)
    tallies.enter(db, staff_actor, v.tally.id, 1, good, entered_by="甲")
    tallies.enter(db, staff_actor, v.tally.id, 2, good, entered_by="乙")
    tallies.accept(db, staff_actor, v.tally.id)
    assert [c.title for c in votes.vote_view(db, v.id).chosen] == ["村道硬化"]
    with pytest.raises(DomainError) as e:
        tallies.amend(db, staff_actor, v.tally.id, {field_key(f"o:{ids[0]}", TOTAL): 28}, "")
    assert e.value.code == "reason_missing"
    with pytest.raises(DomainError) as e:  # more votes than valid ballots: the checks still hold after a change
        tallies.amend(db, staff_actor, v.tally.id, {field_key(f"o:{ids[1]}", TOTAL): 31}, "复核")
    assert e.value.code == "option_over_valid"
    view = tallies.amend(db, staff_actor, v.tally.id, {field_key(f"o:{ids[0]}", TOTAL): 28},
                         "复核发现两张选票重复计入", entered_by="县人大代表工委 刘")
    assert view.accepted[field_key(f"o:{ids[0]}", TOTAL)] == 30  # the accepted count stays on record
    assert view.current[field_key(f"o:{ids[0]}", TOTAL)] == 28
    assert [(h.kind, h.actor, h.reason) for h in view.history][-1] == ("amend", "县人大代表工委 刘", "复核发现两张选票重复计入")
    assert [c.title for c in votes.vote_view(db, v.id).chosen] == ["老年食堂"]
    with db.session(write=False) as s:  # append-only rows, each one in the outbox
        rows = s.scalars(select(TallyEntry.id)).all()
        logged = set(s.scalars(select(OutboxEntry.entity_id).where(OutboxEntry.entity == "tally_entries")))
    assert len(rows) == 4 and {str(r) for r in rows} <= {str(x) for x in logged}


def test_progress_and_satisfaction_rating_of_a_chosen_project(db, staff_actor, deputy_actor):
    v, _ = _vote(db, staff_actor, n_chosen=1)
    votes.lock_candidates(db, staff_actor, v.id)
    v = votes.record_session(db, staff_actor, v.id, TODAY, "会议室", 40)
    ids = [c.id for c in v.candidates]
    good = counts(v.tally.form, dict(zip(ids, (33, 20, 12), strict=True)), issued=40)
    for slot, who in ((1, "甲"), (2, "乙")):
        tallies.enter(db, staff_actor, v.tally.id, slot, good, entered_by=who)
    tallies.accept(db, staff_actor, v.tally.id)
    with pytest.raises(DomainError) as e:
        votes.add_progress(db, deputy_actor, ids[1], "report", TODAY, "开工")
    assert e.value.code == "not_chosen"
    votes.add_progress(db, deputy_actor, ids[0], "milestone", TODAY, "完成招标")
    v = votes.add_progress(db, deputy_actor, ids[0], "report", TODAY, "路基完成", 40)
    assert [p[2] for p in v.candidates[0].progress] == ["完成招标", "路基完成"]
    rating = votes.start_rating(db, staff_actor, ids[0])
    rc = counts(rating.form, {"satisfied": 30, "basically_satisfied": 6, "unsatisfied": 2}, issued=40, invalid=1)
    tallies.enter(db, staff_actor, rating.id, 1, rc, entered_by="甲")
    tallies.enter(db, staff_actor, rating.id, 2, rc, entered_by="乙")
    assert votes.rating_of(db, rating.id) is None
    tallies.accept(db, staff_actor, rating.id)
    r = votes.rating_of(db, rating.id)
    assert (r.satisfied, r.basic, r.unsatisfied, r.valid, r.rate) == (30, 6, 2, 38, "94.7%")


def test_appraisal_verdict_against_thresholds(db, staff_actor, admin):
    dep = deputy(db, admin)
    a = appraisals.create_appraisal(db, staff_actor, dep.id, TODAY, "柳树湾村村委会", 52, competent_pct=80)
    assert a.result is None and a.result_zh == "计票未确认"
    c = counts(a.tally.form, {"competent": 39, "basically_competent": 9, "incompetent": 2}, issued=52, invalid=1)
    tallies.enter(db, staff_actor, a.tally.id, 1, c, entered_by="甲")
    tallies.enter(db, staff_actor, a.tally.id, 2, c, entered_by="乙")
    tallies.accept(db, staff_actor, a.tally.id)
    a = appraisals.appraisal_view(db, a.id)
    assert a.result == "basically_competent" and a.outcome.pct(39) == "78.0%"
    tallies.amend(db, staff_actor, a.tally.id, {field_key("o:competent", TOTAL): 40,
                                                 field_key("o:basically_competent", TOTAL): 8}, "复核")
    assert appraisals.appraisal_view(db, a.id).result == "competent"
    assert [x.id for x in appraisals.list_appraisals(db, year=TODAY.year)] == [a.id]


def test_bad_input_is_refused_in_words_and_nothing_is_saved(db, staff_actor, admin):
    dep = deputy(db, admin)
    with pytest.raises(DomainError) as e:
        appraisals.create_appraisal(db, staff_actor, dep.id, TODAY, "村委会", 10, competent_pct=50, basic_pct=70)
    assert e.value.code == "bad_threshold"
    with pytest.raises(DomainError) as e:
        votes.create_vote(db, staff_actor, TODAY.year, "票决", 0)
    assert e.value.code == "bad_chosen_count"
    v = votes.create_vote(db, staff_actor, TODAY.year, "票决", 1)
    with pytest.raises(DomainError) as e:
        votes.add_candidate(db, staff_actor, v.id, "项目", "case", case="LX01-20990101-001")
    assert e.value.code == "no_case"
    with pytest.raises(DomainError) as e:
        votes.lock_candidates(db, staff_actor, v.id)
    assert e.value.code == "too_few_candidates"
    assert votes.list_votes(db)[0].candidates == ()
