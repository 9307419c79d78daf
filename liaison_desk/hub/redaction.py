"""A station's erasure or retention update reaching the hub (issue 17, PIPL Art. 47): the hub's history of
the record loses the values too.

The merged record (``hub_records``) takes a redaction like any update. But the ledger (``hub_changes``) keeps
every change's payload — the pull stream other replicas read — so the phone and name would stay in the
record's earlier changes. A station marks a redaction (``services.admin.retention``) with ``"redact": true``
in its payload; once the hub accepted it, every earlier ledger entry of the same record gets the redacted
fields' values replaced by the new ones (re-spelled canonically, its hash recomputed, so a station pulling
it later still verifies it), and kept conflicts of those fields lose their values the same way.

What a rewritten entry changes: a station that pulls the old entry after this takes the redacted value at
the old stamp, which the newer redaction would have given it anyway. A station that never recorded the
hub's answer to the original change and sends it again (a crash in the one window between two pipelined
batches) gets "same change id, different content": refused and flagged, its record already at the hub.
Only this record's own history is touched, and only after the hub accepted the update as the station's own.

**The county's events of the same cases** (a department's reply typed at the hub) are the county's records:
a station may not change them. When a push carries redactions of a visit or a person (their old names and
numbers are read from those records' earlier ledger entries) together with redactions of cases or case
events (the cases concerned), the hub takes those names and numbers out of the texts of the county's own
events of those cases itself (``scrub_county_events``): a county change marked as a redaction, which keeps
each event's place (``sync.merge.keeps_place``) and reaches every replica through the pull stream. A case
whose texts and station events held nothing of the person is not in the push, and its county events are
not looked at (a gap: the station cannot name it without sending the values again).
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain.masking import mask_text
from ..domain.payload import canonical_json, sha256_hex
from ..sync.merge import REDACT_MARK, is_redaction, keeps_place
from ..sync.protocol import Change
from .context import HubContext
from .schema import HubConflict, HubRecord, LedgerEntry

log = logging.getLogger(__name__)

MARK = REDACT_MARK  # how the mark is spelled in a canonical payload


def scrub_history(s: Session, county: str, changes: Sequence[Change]) -> int:
    """Rewrite the earlier ledger entries and conflicts of each redacted record; returns entries rewritten.

    Only a redaction that takes values out is trusted with the history: each redacted field's new value must
    be empty, 某某, or the earlier value with names replaced by 某某 and numbers masked or removed (what
    ``services.admin.retention.scrub`` makes), against every earlier entry it would rewrite. Anything else
    marked ``"redact"`` (a station rewording a text) stays a normal update of the record: its history is
    kept, and the hub's log says so."""
    lt, ct = LedgerEntry.__table__, HubConflict.__table__
    n = 0
    for ch in changes:
        if not is_redaction(ch):
            continue
        entity_id = uuid.UUID(ch.entity_id)
        rows = s.execute(select(lt.c.change_id, lt.c.payload).where(
            lt.c.county_id == county, lt.c.entity == ch.entity, lt.c.entity_id == entity_id,
            lt.c.change_id != uuid.UUID(ch.change_id))).all()
        bad = _not_erasure(ch, [r.payload for r in rows])
        if bad is not None:
            log.warning("hub: change %s of %s %s is marked as a redaction but is not an erasure (field %r gets "
                        "new words, not its old value emptied or masked): taken as a normal update, its history "
                        "is kept", ch.change_id, ch.entity, ch.entity_id, bad)
            continue
        for row in rows:
            payload = _scrubbed(row.payload, ch)
            if payload is not None:
                s.execute(update(lt).where(lt.c.county_id == county, lt.c.change_id == row.change_id)
                          .values(payload=payload, payload_hash=sha256_hex(payload)))
                n += 1
        for c in s.execute(select(ct.c.id, ct.c.field, ct.c.lost_value).where(
                ct.c.county_id == county, ct.c.entity == ch.entity, ct.c.entity_id == entity_id)).all():
            if c.field in ch.fields:  # a losing value of a redacted field
                value = canonical_json(ch.fields[c.field])
                s.execute(update(ct).where(ct.c.county_id == county, ct.c.id == c.id)
                          .values(kept_value=value, lost_value=value))
            elif c.field is None and c.lost_value and (lost := _scrubbed(c.lost_value, ch)) is not None:
                s.execute(update(ct).where(ct.c.county_id == county, ct.c.id == c.id).values(lost_value=lost))
    return n


#: what masking and removing a number may leave or take away (digits, the mask's stars, the separators)
_NUMBERISH = re.compile(r"[0-9*＊xX\-\s.·+()（）]")


def _is_scrub(old: Any, new: Any) -> bool:
    """``new`` is ``old`` with personal values taken out: emptied, 某某, names replaced by 某某, numbers
    masked or removed (in dicts and lists: every item so); any other change is not."""
    if new is None or new == "" or new in (PLACEHOLDER, old):
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        return set(new) <= set(old) and all(_is_scrub(old[k], v) for k, v in new.items())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_is_scrub(o, v) for o, v in zip(old, new, strict=True))
    if not isinstance(old, str) or not isinstance(new, str) or mask_text(new) != new:
        return False
    have, want = _NUMBERISH.sub("", old), _NUMBERISH.sub("", new)
    pattern = "(?:.{2,}?)".join(re.escape(part) for part in want.split(PLACEHOLDER))
    return re.fullmatch(pattern, have, flags=re.DOTALL) is not None


def _not_erasure(ch: Change, earlier: Iterable[str]) -> str | None:
    """The first field of the redaction ``ch`` whose new value is not an erasure of an earlier value, or None."""
    for payload in earlier:
        try:
            fields = json.loads(payload).get("fields")
        except (ValueError, AttributeError):
            continue
        if not isinstance(fields, dict):
            continue
        for key, value in ch.fields.items():
            if key in fields and not _is_scrub(fields[key], value):
                return key
    return None


def _scrubbed(payload: str, ch: Change) -> str | None:
    """``payload`` (a change of the same record) with the redacted fields' new values, or None if unchanged."""
    try:
        body = json.loads(payload)
    except ValueError:
        return None
    fields = body.get("fields") if isinstance(body, dict) else None
    if not isinstance(fields, dict):
        return None
    hit = [k for k in ch.fields if k in fields and fields[k] != ch.fields[k]]
    if not hit:
        return None
    fields.update({k: ch.fields[k] for k in hit})
    return canonical_json(body)


# -- the county's events of the redacted cases -----------------------------------------------------------------
#: the personal fields whose old values are looked for in the county's event texts
PERSONAL = {"visits": ("visitor_names", "visitor_phone"), "constituents": ("name", "phone", "id_number")}
NAMES = ("visitor_names", "name")
PLACEHOLDER = "某某"
_NAME_SPLIT = re.compile(r"[、，,；;\s/]+")


def _removed(s: Session, county: str, changes: Sequence[Change]) -> tuple[set[str], set[str]]:
    """(names, numbers) the push's redactions of visits and people took away: their earlier values."""
    lt = LedgerEntry.__table__
    names: set[str] = set()
    numbers: set[str] = set()
    for ch in changes:
        if ch.entity not in PERSONAL or not is_redaction(ch):
            continue
        for (payload,) in s.execute(select(lt.c.payload).where(
                lt.c.county_id == county, lt.c.entity == ch.entity, lt.c.entity_id == uuid.UUID(ch.entity_id),
                lt.c.change_id != uuid.UUID(ch.change_id))):
            try:
                fields = json.loads(payload).get("fields") or {}
            except (ValueError, AttributeError):
                continue
            for key in PERSONAL[ch.entity]:
                old = fields.get(key)
                if key not in ch.fields or not isinstance(old, str) or not old or old == ch.fields[key]:
                    continue
                if key in NAMES:
                    names |= {n for n in _NAME_SPLIT.split(old) if len(n) >= 2 and n != PLACEHOLDER}
                else:
                    numbers.add(old)
    return names, numbers


def scrub_text(data: Any, names: Iterable[str], numbers: Iterable[str]) -> Any:
    """Every text in ``data`` without these numbers (and any personal number: ``mask_text``) and names."""
    if isinstance(data, dict):
        return {k: scrub_text(v, names, numbers) for k, v in data.items()}
    if isinstance(data, list):
        return [scrub_text(v, names, numbers) for v in data]
    if not isinstance(data, str) or not data:
        return data
    for n in sorted(set(numbers), key=len, reverse=True):
        data = data.replace(n, "")
    data = mask_text(data)
    for n in sorted(set(names), key=len, reverse=True):
        data = data.replace(n, PLACEHOLDER)
    return data


def scrub_county_events(hub: HubContext, s: Session, county: str, changes: Sequence[Change]) -> list[Change]:
    """In the push's transaction, after its ledger rows: the county's events of the cases this push redacted,
    without the names and numbers its redactions of visits and people removed. Returns the county changes
    written (their own earlier ledger entries are then rewritten by ``scrub_history``)."""
    names, numbers = _removed(s, county, changes)
    if not names and not numbers:
        return []
    hr = HubRecord.__table__
    cases = {uuid.UUID(ch.entity_id) for ch in changes if ch.entity == "cases" and is_redaction(ch)}
    events = [uuid.UUID(ch.entity_id) for ch in changes if keeps_place(ch)]
    if events:
        cases |= {p for p in s.scalars(select(hr.c.parent_id).where(
            hr.c.county_id == county, hr.c.entity == "case_events", hr.c.id.in_(events))) if p}
    if not cases:
        return []
    from .county import commit_hub_change  # the county's own write (county imports the push's modules)

    written = []
    for r in s.execute(select(hr.c.id, hr.c.fields, hr.c.scope).where(
            hr.c.county_id == county, hr.c.entity == "case_events", hr.c.parent_id.in_(sorted(cases)),
            hr.c.owner.is_(None)).order_by(hr.c.id)).all():
        data = json.loads(r.fields).get("data")
        clean = scrub_text(data, names, numbers)
        if clean != data:
            written.append(commit_hub_change(hub, s, "case_events", str(r.id), "update", {"data": clean},
                                             scope=r.scope, redact=True))
    return written
