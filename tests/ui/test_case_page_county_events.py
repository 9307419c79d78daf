"""The county's actions (issue 15) arrive at a station by sync as case events; the case page's timeline says
each in Chinese with what it carried: 退办 and its reason, the 延期 date, the A/B/C/D class, that a signed
答复函 exists, the 重点督办 mark and the 督办方式."""

from __future__ import annotations

import datetime as dt

from liaison_desk.db.models import CaseEvent
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.ui.case_page import CasePage

COUNTY_EVENTS = [
    ("return", {"text": "不属于本单位职责", "department": "县水利局"}, ["退办", "不属于本单位职责", "承办单位：县水利局"]),
    ("extension_request", {"new_deadline": "2027-01-15", "text": "等资金"}, ["申请延期", "延期至：2027-01-15 星期五"]),
    ("extension_approve", {"new_deadline": "2027-01-15"}, ["批准延期"]),
    ("extension_refuse", {"text": "期限内可完成"}, ["不同意延期", "期限内可完成"]),
    ("key_supervision", {"on": True}, ["重点督办标记", "列入重点督办"]),
    ("supervise", {"text": "请加快", "supervision_level": "挂牌"}, ["督办", "督办方式：挂牌"]),
    ("reply", {"text": "已列入计划", "resolution": "unsolved", "reply_class": "C",
               "reply_letter": {"id": "f1", "name": "答复函.pdf", "sha256": "0" * 64, "size": 204800}},
     ["答复", "C类：列入计划解决", "答复函：答复函.pdf（200 KB，存县级平台）"]),
]


def test_the_timeline_says_the_countys_actions_in_chinese(qtbot, admin_session):
    db = admin_session.db
    r = register_visit(db, admin_session.actor, VisitInput("张秀英"), CaseInput("村东头灌溉渠堵了两个月。"))
    with db.session() as s:  # as sync would store them (the fold keeps the ones out of place as anomalies)
        for n, (kind, data, _words) in enumerate(COUNTY_EVENTS):
            s.add(CaseEvent(case_id=r.case_id, kind=kind, occurred_at=utcnow() + dt.timedelta(minutes=n + 1),
                            actor_role="hub", actor_name="李联络（县水利局）", data=data))
    page = CasePage(admin_session, r.case_id)
    qtbot.addWidget(page)
    lines = [page.timeline.item(i).text() for i in range(page.timeline.count())]
    assert len(lines) == 1 + len(COUNTY_EVENTS)
    for line, (kind, _data, words) in zip(lines[1:], COUNTY_EVENTS, strict=True):
        for word in words:
            assert word in line, (kind, line)
        assert "李联络（县水利局）" in line
