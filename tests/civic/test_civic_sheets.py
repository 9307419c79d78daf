"""The printed results (issue 18): the vote's result sheet and the 述职评议 result in the 公文 layout, with the
counts in force (an amendment applied and named), refused while the count is not accepted."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.services.civic import appraisals, sheets, tallies, votes
from tests.printing.pdftools import pdf_pages_text, qpdf_check

from .helpers import TODAY, counts, deputy


def flat(pdf: bytes, tmp_path) -> str:
    return "".join("".join(p.split()) for p in pdf_pages_text(pdf, tmp_path))


def test_vote_result_sheet(db, staff_actor, tmp_path):
    v = votes.create_vote(db, staff_actor, 2026, "河口镇民生实事项目", 1)
    for title in ("村道硬化", "老年食堂"):
        v = votes.add_candidate(db, staff_actor, v.id, title, "public")
    votes.lock_candidates(db, staff_actor, v.id)
    v = votes.record_session(db, staff_actor, v.id, dt.date(2026, 3, 1), "镇政府会议室", 40)
    a, b = (c.id for c in v.candidates)
    c = counts(v.tally.form, {a: 30, b: 12}, issued=40, invalid=2)
    with pytest.raises(DomainError) as e:
        sheets.vote_result_sheet(db, v.id)
    assert e.value.code == "tally_not_accepted"
    tallies.enter(db, staff_actor, v.tally.id, 1, c, entered_by="王会计")
    tallies.enter(db, staff_actor, v.tally.id, 2, c, entered_by="赵出纳")
    tallies.accept(db, staff_actor, v.tally.id)
    tallies.amend(db, staff_actor, v.tally.id, {f"o:{b}/total": 13}, "复核漏计一张", entered_by="刘")
    pdf = sheets.vote_result_sheet(db, v.id, letter_no="河口人联〔2026〕3号", issued_on=dt.date(2026, 3, 2))
    qpdf_check(pdf, tmp_path)
    text = flat(pdf, tmp_path)
    assert "柳树湾村人大代表联络站" in text and "河口人联〔2026〕3号" in text and "2026年河口镇民生实事项目票决结果" in text
    assert "河口镇人大主席团：" in text and "共发出选票40张，收回32张" in text
    assert "村道硬化30" in text and "老年食堂13" in text and "当选" in text
    assert "王会计、赵出纳分别录入" in text and "刘（复核漏计一张）：合计·老年食堂改为13" in text
    assert "2026年3月2日印发" in text and "—1—" in text


def test_appraisal_result_sheet(db, staff_actor, admin, tmp_path):
    dep = deputy(db, admin)
    ap = appraisals.create_appraisal(db, staff_actor, dep.id, TODAY, "柳树湾村村委会", 52, competent_pct=85)
    c = counts(ap.tally.form, {"competent": 41, "basically_competent": 6, "incompetent": 2}, issued=52, invalid=1)
    tallies.enter(db, staff_actor, ap.tally.id, 1, c, entered_by="甲")
    tallies.enter(db, staff_actor, ap.tally.id, 2, c, entered_by="乙")
    tallies.accept(db, staff_actor, ap.tally.id)
    pdf = sheets.appraisal_result_sheet(db, ap.id)
    qpdf_check(pdf, tmp_path)
    text = flat(pdf, tmp_path)
    assert f"陈红梅代表{TODAY.year}年述职评议结果" in text and "到会选民52人" in text
    assert "称职4183.7%" in text and "达到有效票85%为称职" in text and "评议结果为：基本称职" in text
