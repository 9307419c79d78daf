"""The audit trail at the hub (issue 17): a sync round carries every entry; the hub keeps them as they came
and refuses any change to one; ``verify_station`` walks a station's chain as the hub holds it."""

from __future__ import annotations

import json

from sqlalchemy import func, select, update

from liaison_desk.db.changes import build_change
from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.hub import audit as hub_audit
from liaison_desk.hub.schema import HubRecord
from liaison_desk.services.admin import audit
from tests.sync.harness import pending


def _local(db) -> list[AuditEntry]:
    with db.session(write=False) as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _hub_fields(county, entry_id) -> dict:
    with county.engine.connect() as conn:
        raw = conn.scalar(select(HubRecord.fields).where(HubRecord.entity == "audit_entries",
                                                         HubRecord.id == entry_id))
    return json.loads(raw)


def test_a_sync_round_carries_the_trail_to_the_hub(county, admin):
    a = county.add_station("LX01")
    for n in range(3):
        audit.record(a, admin, "export", "全部记录", f"第 {n} 次")
    assert county.sync("LX01").agreed
    assert not pending(a)
    held, problems = hub_audit.verify_station(county.hub, "LX01")
    assert held == len(_local(a)) >= 3 and problems == []
    assert audit.verify(a).ok  # acknowledged changes may be minimised: the chain still checks


def test_the_hub_refuses_a_change_to_an_entry_it_holds(county, admin):
    a = county.add_station("LX01")
    audit.record(a, admin, "export", "全部记录", "原样")
    assert county.sync("LX01").agreed
    entry = _local(a)[-1]
    with a.session() as s:  # a station whose file was edited sends the edit as a change
        s.add(OutboxEntry(**build_change("audit_entries", entry.id, "update", {"detail": "改过"}, a.stamp(),
                                         entry.origin_station_id, entry.at, base=entry.hlc)))
        s.add(OutboxEntry(**build_change("audit_entries", entry.id, "delete", {}, a.stamp(),
                                         entry.origin_station_id, entry.at, base=entry.hlc)))
    county.sync("LX01")
    assert not pending(a)
    assert _hub_fields(county, entry.id)["detail"] == "原样"
    with a.session(write=False) as s:
        refused = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected",
                                                       SyncConflict.entity == "audit_entries")).all()
    assert len(refused) == 2
    assert hub_audit.verify_station(county.hub, "LX01")[1] == []


def test_hub_verify_names_an_entry_edited_in_the_hub_database(county, admin):
    a = county.add_station("LX01")
    for n in range(3):
        audit.record(a, admin, "export", "全部记录", f"第 {n} 次")
    county.sync("LX01")
    target = _local(a)[-2]
    fields = _hub_fields(county, target.id)
    with county.engine.begin() as conn:
        conn.execute(update(HubRecord).where(HubRecord.id == target.id)
                     .values(fields=json.dumps({**fields, "detail": "无"}, ensure_ascii=False)))
    problems = hub_audit.verify_station(county.hub, "LX01")[1]
    assert [(p.kind, p.seq) for p in problems] == [("edited", target.seq)]


def test_hub_command_line_audit_verify(county, admin, tmp_path, capsys):
    from liaison_desk.hub.cli import main as hub_main

    a = county.add_station("LX01")
    audit.record(a, admin, "export", "全部记录")
    county.sync("LX01")
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_main(["--db", url, "audit-verify", "--station", "LX01"]) == 0
    assert "逐条相连" in capsys.readouterr().out
    with county.engine.begin() as conn:
        conn.execute(update(HubRecord).where(HubRecord.entity == "audit_entries").values(
            fields=func.replace(HubRecord.fields, '"detail":"', '"detail":"X')))
    assert hub_main(["--db", url, "--lang", "en", "audit-verify", "--station", "LX01"]) == 3
    assert "was edited" in capsys.readouterr().out
    assert hub_main(["--db", url, "audit-verify", "--station", "NOPE"]) != 0
