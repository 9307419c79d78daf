"""A 述职评议's verdict reaches the deputy's year: the score item 述职评议称职 (with the record behind it) and the
record book's 述职评议 section; an open (unaccepted) ballot counts for nothing."""

from __future__ import annotations

import uuid

from liaison_desk.services.civic import appraisals, tallies
from liaison_desk.services.duty.record import deputy_year
from liaison_desk.services.duty.scores import deputy_year_score
from liaison_desk.services.printing.record_book import record_book_data

from .helpers import TODAY, counts, deputy


def _appraised(db, staff, admin, competent: int, *, accept: bool = True):
    dep = deputy(db, admin)
    a = appraisals.create_appraisal(db, staff, dep.id, TODAY, "柳树湾村村委会", 30)
    c = counts(a.tally.form, {"competent": competent, "basically_competent": 25 - competent, "incompetent": 5},
               issued=30)
    tallies.enter(db, staff, a.tally.id, 1, c, entered_by="甲")
    tallies.enter(db, staff, a.tally.id, 2, c, entered_by="乙")
    if accept:
        tallies.accept(db, staff, a.tally.id)
    return dep, a


def _line(score, code):
    return next(ln for ln in score.lines if ln.item_code == code)


def test_a_competent_verdict_scores_and_is_traced(db, staff_actor, admin):
    dep, a = _appraised(db, staff_actor, admin, 24)  # 24 of 30 = 80 %
    sc = deputy_year_score(db, dep.id, TODAY.year)
    line = _line(sc, "appraisal_competent")
    assert (line.count, line.points) == (1, 5)
    assert [r.id for r in line.sources] == [a.id] and "称职" in line.sources[0].text
    assert deputy_year(db, dep.id, TODAY.year).counts["appraisal:competent"] == 1


def test_a_lower_verdict_or_an_open_ballot_does_not_score(db, staff_actor, admin):
    dep, _ = _appraised(db, staff_actor, admin, 20)
    assert _line(deputy_year_score(db, dep.id, TODAY.year), "appraisal_competent").count == 0
    assert deputy_year(db, dep.id, TODAY.year).counts.get("appraisal:basically_competent") == 1
    dep2 = deputy(db, admin, "周建国")
    a = appraisals.create_appraisal(db, staff_actor, dep2.id, TODAY, "村委会", 30)
    assert a.result is None
    assert _line(deputy_year_score(db, dep2.id, TODAY.year), "appraisal_competent").count == 0


def test_the_record_book_has_the_appraisal(db, staff_actor, admin):
    dep, _ = _appraised(db, staff_actor, admin, 24)
    book = record_book_data(db, uuid.UUID(dep.id), TODAY.year)
    (section,) = [s for s in book.sections if s.key == "appraisals"]
    (row,) = section.rows
    assert row[0] == f"{TODAY:%Y-%m-%d}" and "称职" in row[-1] and "80.0%" in row[-2]
