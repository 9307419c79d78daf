"""基础资料 (issue 13 item 7): departments, categories, villages and the holiday calendar kept from the desk —
list, add, rename, deactivate (never a hard delete of what cases refer to), every write through the outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

import liaison_desk.services.desk.reference as ref
from liaison_desk.db.models import Category, Department, OutboxEntry, Village
from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.services.changes import CASES, LOOKUPS, ROSTER
from liaison_desk.services.desk import lookups


def outbox(db, entity: str) -> list[str]:
    with db.session(write=False) as s:
        return list(s.scalars(select(OutboxEntry.op).where(OutboxEntry.entity == entity).order_by(OutboxEntry.seq)))


@pytest.mark.parametrize("kind", ["department", "category", "village"])
def test_add_rename_deactivate_and_back(db, staff_actor, kind):
    added = ref.add_item(db, staff_actor, kind, "县乡村振兴局" if kind == "department" else "乡村振兴")
    assert added.changes.concerns(LOOKUPS) and added.item.active
    listed = {i.name: i for i in ref.list_items(db, kind)}
    assert added.item.name in listed
    renamed = ref.rename_item(db, staff_actor, kind, added.item.id, "乡村振兴（新）")
    assert renamed.item.name == "乡村振兴（新）" and renamed.changes.concerns(LOOKUPS, CASES)
    off = ref.set_active(db, staff_actor, kind, added.item.id, False)
    assert not off.item.active
    picks = {"department": lookups.list_departments, "category": lookups.list_categories,
             "village": lookups.list_villages}[kind](db)
    assert "乡村振兴（新）" not in {c.name for c in picks}  # gone from the forms' pick lists
    assert {i.name: i.active for i in ref.list_items(db, kind)}["乡村振兴（新）"] is False  # still listed here
    assert ref.set_active(db, staff_actor, kind, added.item.id, True).item.active
    entity = {"department": "departments", "category": "categories", "village": "villages"}[kind]
    assert outbox(db, entity)[-4:] == ["insert", "update", "update", "update"]  # synced like every write
    model = {"department": Department, "category": Category, "village": Village}[kind]
    with db.session(write=False) as s:
        assert s.scalar(select(func.count()).select_from(model).where(model.deleted_hlc.is_not(None))) == 0


def test_names_are_checked_with_the_field(db, staff_actor):
    ref.add_item(db, staff_actor, "department", "县水利局", "水利局")
    with pytest.raises(DomainError) as e:
        ref.add_item(db, staff_actor, "department", "县水利局")
    assert e.value.field == "name" and "已经在名单中" in e.value.message
    with pytest.raises(DomainError) as e:
        ref.add_item(db, staff_actor, "village", "  ")
    assert e.value.field == "name"
    other = ref.add_item(db, staff_actor, "village", "东山村")
    ref.add_item(db, staff_actor, "village", "西山村")
    with pytest.raises(DomainError) as e:
        ref.rename_item(db, staff_actor, "village", other.item.id, "西山村")
    assert e.value.field == "name"


def test_only_staff_and_administrators_edit(db, deputy_actor):
    with pytest.raises(PermissionDenied):
        ref.add_item(db, deputy_actor, "village", "东山村")


def test_a_department_keeps_its_short_name(db, admin):
    added = ref.add_item(db, admin, "department", "县交通运输局", "交通局")
    assert added.item.detail == "交通局"
    assert ref.rename_item(db, admin, "department", added.item.id, "县交通运输局", "交通").item.detail == "交通"


def test_holidays_list_the_shipped_calendar_and_the_station_days(db, staff_actor):
    days = {d.date: d for d in ref.list_holidays(db, 2027)}
    assert days[dt.date(2027, 2, 10)].name == "春节" and days[dt.date(2027, 2, 10)].source == "shipped"
    assert days[dt.date(2027, 2, 20)].kind == "workday"
    done = ref.set_holiday(db, staff_actor, dt.date(2027, 3, 3), "holiday", "村庙会")
    assert done.changes.concerns(ROSTER)
    days = {d.date: d for d in ref.list_holidays(db, 2027)}
    assert days[dt.date(2027, 3, 3)].source == "station" and days[dt.date(2027, 3, 3)].name == "村庙会"
    # a station day over a shipped one: 2月11日 works after all (调休上班)
    ref.set_holiday(db, staff_actor, dt.date(2027, 2, 11), "workday", "补班")
    assert {d.date: d for d in ref.list_holidays(db, 2027)}[dt.date(2027, 2, 11)].kind == "workday"
    assert ref.remove_holiday(db, staff_actor, dt.date(2027, 2, 11)).concerns(ROSTER)
    back = {d.date: d for d in ref.list_holidays(db, 2027)}[dt.date(2027, 2, 11)]
    assert back.kind == "holiday" and back.source == "shipped"
    assert outbox(db, "holidays")[:2] == ["insert", "insert"]
    with pytest.raises(DomainError) as e:
        ref.set_holiday(db, staff_actor, dt.date(2027, 3, 4), "holiday", "名" * 41)
    assert e.value.field == "name"
