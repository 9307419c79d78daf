"""USB bundles at the hub: read a station's signed push file, answer with a signed file to carry back."""

from __future__ import annotations

from typing import Any

from ..domain.timeutil import utcnow
from ..sync import bundle
from ..sync.protocol import PUSH_BATCH, check_version
from .store import Hub, StationRef, refused


def _answer(hub: Hub, ref: StationRef, after: int, results: list, in_reply_to: str | None) -> dict[str, Any]:
    changes, cursor = [], after
    while True:
        page = hub.pull(ref, cursor)
        changes.extend(page["changes"])
        cursor = page["next"]
        if not page["more"]:
            break
    return {"kind": "answer", "station_code": ref.code, "in_reply_to": in_reply_to, "results": results,
            "after": after, "next": cursor, "changes": changes, "digest": hub.digest(ref)["tables"],
            "created_at": utcnow().isoformat(timespec="seconds")}


def import_bundle(hub: Hub, text: str) -> tuple[str, dict[str, Any]]:
    """Process a station's push bundle; returns the signed answer file's text and a short summary."""
    peeked = bundle.peek(text)["body"]
    ref, key = hub.station_for_bundle(str(peeked.get("station_code", "")))
    body = bundle.verify(text, key, kind="push")
    check_version(body)
    install_id = body.get("install_id")
    if install_id != ref.install_id:
        raise refused("install_replaced", "这个同步文件来自本站已被替换的旧登记（旧电脑或旧备份），已拒绝导入。",
                      "This bundle comes from a replaced enrollment of the station; refused.")
    changes = list(body.get("changes") or [])
    results: list[dict[str, Any]] = []
    for i in range(0, len(changes), PUSH_BATCH):
        results.extend(hub.push(ref, install_id, changes[i:i + PUSH_BATCH]))
    answer = _answer(hub, ref, int(body.get("cursor") or 0), results, body.get("bundle_id"))
    summary = {"station": ref.code, "received": len(changes),
               "accepted": sum(r.get("status") == "accepted" for r in results),
               "rejected": sum(r.get("status") == "rejected" for r in results), "sent": len(answer["changes"])}
    return bundle.dumps(answer, key), summary


def export_bundle(hub: Hub, code: str) -> tuple[str, dict[str, Any]]:
    """An answer file for a station that sent nothing: everything after the cursor it last reported."""
    ref, key = hub.station_for_bundle(code)
    with hub.tx() as s:
        after = hub._station(s, ref.county, ref.code).last_cursor or 0
    answer = _answer(hub, ref, after, [], None)
    return bundle.dumps(answer, key), {"station": ref.code, "sent": len(answer["changes"]), "after": after}
