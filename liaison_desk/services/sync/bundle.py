"""Sync by USB stick: export pending changes as a signed bundle, import the hub's signed answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ...db.database import set_local
from ...db.models import OutboxEntry, Station
from ...domain.errors import DomainError
from ...domain.timeutil import utcnow
from ...sync import bundle
from ...sync.bundlefile import read_bundle
from ...sync.protocol import diff_digests
from .. import changes as chg
from . import state
from .apply import retry_deferred
from .pull import apply_page
from .push import pending_batch, record_results
from .report import SyncReport
from .verify import local_digest


@dataclass
class BundleImport:
    acknowledged: int = 0
    rejected: int = 0
    report: SyncReport = field(default_factory=SyncReport)
    pull_skipped: bool = False
    agreed: bool | None = None  # None: could not compare (local changes still pending)


def _key(db) -> str:
    cfg = state.config(db)
    if not cfg.credential:
        raise DomainError("not_enrolled", "本站还没有在县级平台登记，不能使用同步文件。",
                          message_en="This station is not enrolled with a hub: bundles need the enrollment.")
    return bundle.bundle_key(cfg.credential)


def export_bundle(db, path: Path) -> int:
    """Every pending change plus this station's cursor, signed; returns how many changes it carries."""
    state.require_syncable(db)
    key = _key(db)
    cfg = state.config(db)
    changes, after = [], 0
    while batch := pending_batch(db, 5000, after):
        changes.extend(batch)
        after = batch[-1]["seq"]
    with db.session(write=False) as s:
        code = s.get(Station, db.station_id()).code
    body = {"kind": "push", "bundle_id": str(uuid.uuid4()), "station_code": code, "install_id": cfg.install_id,
            "station_id": str(db.station_id()),  # binds a station enrolled by file at its first bundle
            "rebootstrap": cfg.rebootstrap,  # after (re-)enrolling: also what earlier installs of ours sent
            "cursor": cfg.cursor, "changes": changes, "created_at": utcnow().isoformat(timespec="seconds")}
    bundle.write(Path(path), body, key)
    return len(changes)


def import_bundle(db, path: Path) -> BundleImport:
    """Apply the hub's answer: acknowledgements first (any order is fine), then its changes, but only when
    the answer starts at or before our cursor (an earlier answer not imported yet would leave a gap)."""
    state.require_syncable(db)
    body = bundle.verify(read_bundle(path), _key(db), kind="answer")  # a bad file: one line (bundlefile)
    with db.session(write=False) as s:
        code = s.get(Station, db.station_id()).code
    if body.get("station_code") != code:
        raise bundle.BundleRefused("bundle_wrong_station", "这个回执文件是发给另一个联络站的。",
                                   message_en="This answer is for another station.")
    out = BundleImport()
    results = [r for r in body.get("results") or [] if isinstance(r, dict)]
    ids = [uuid.UUID(str(r["change_id"])) for r in results if r.get("change_id")]
    with db.session(write=False) as s:
        rows = s.execute(select(OutboxEntry.seq, OutboxEntry.change_id, OutboxEntry.payload, OutboxEntry.payload_hash)
                         .where(OutboxEntry.change_id.in_(ids), OutboxEntry.acked_at.is_(None))).all() if ids else []
    items = [{"seq": r.seq, "change_id": str(r.change_id), "payload": r.payload, "payload_hash": r.payload_hash}
             for r in rows]
    wanted = {i["change_id"] for i in items}
    out.acknowledged, out.rejected = record_results(db, items, [r for r in results if str(r["change_id"]) in wanted])
    after = int(body.get("after") or 0)
    if after > state.config(db).cursor:
        out.pull_skipped = True
        out.report.notes.append("此回执接在一个尚未导入的回执之后，其中下发的数据暂不导入；请先导入更早的回执。")
    else:
        apply_page(db, {"changes": body.get("changes") or [], "next": body.get("next", after)}, out.report,
                   after=after)
        if body.get("include_own"):  # the re-bootstrap's records came with it
            with db.session() as s:
                set_local(s, state.REBOOTSTRAP, "0")
    out.report.applied += retry_deferred(db, out.report)
    if out.acknowledged or out.rejected:
        out.report.changes |= chg.lists(chg.COUNTERS)  # the pending-sync count
    with db.session(write=False) as s:
        pending = s.scalar(select(OutboxEntry.seq).where(OutboxEntry.acked_at.is_(None)).limit(1))
    if pending is None and not out.pull_skipped:
        out.agreed = not diff_digests(local_digest(db), body.get("digest") or {})
    return out
