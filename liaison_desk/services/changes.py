"""What a write changed, said by the service that wrote it: which cases, which lists, whether the settings.

Every write service the desk calls returns (or carries, as ``.changes``) one ``Changes``; a sync round carries
the union of what it applied (``SyncReport.changes``), a USB answer file likewise. The desk passes the value on
one signal, and each open screen reloads only when the change concerns it (a case page when its case is in
``cases``, the case list when ``CASES`` is in ``lists``…). Plain Python: no Qt, no ORM.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The lists a screen shows; a write names those it may have changed.
CASES = "cases"  # the case list
QUEUE = "queue"  # the overdue queue
HANDOVER = "handover"  # today's handover page
COUNTERS = "counters"  # the figures strip, the overdue badge, the pending-sync count
ROSTER = "roster"  # the duty roster
CONFLICTS = "conflicts"  # sync conflicts for staff
STATION = "station"  # the station's name and training flag (window title, banner)
LOOKUPS = "lookups"  # deputies, departments, categories, villages: the forms' choices

LISTS = frozenset({CASES, QUEUE, HANDOVER, COUNTERS, ROSTER, CONFLICTS, STATION, LOOKUPS})
CASE_LISTS = frozenset({CASES, QUEUE, HANDOVER, COUNTERS})  # where a case shows besides its own page


@dataclass(frozen=True)
class Changes:
    """``cases``: ids of cases whose page would now read differently; ``lists``: names from ``LISTS``;
    ``settings``: the desk settings changed. Combine with ``|``; an empty value is false."""

    cases: frozenset[uuid.UUID] = frozenset()
    lists: frozenset[str] = frozenset()
    settings: bool = False

    def __post_init__(self) -> None:
        unknown = self.lists - LISTS
        if unknown:
            raise ValueError(f"unknown lists: {sorted(unknown)}")

    def __or__(self, other: Changes) -> Changes:
        if not other:
            return self
        if not self:
            return other
        return Changes(self.cases | other.cases, self.lists | other.lists, self.settings or other.settings)

    def __bool__(self) -> bool:
        return bool(self.cases or self.lists or self.settings)

    def concerns(self, *lists: str) -> bool:
        """Whether any of ``lists`` changed."""
        return not self.lists.isdisjoint(lists)

    def concerns_case(self, case_id: uuid.UUID) -> bool:
        return case_id in self.cases


EMPTY = Changes()


def merge(items: Iterable[Changes]) -> Changes:
    """The union of ``items`` (``EMPTY`` for none)."""
    out = EMPTY
    for item in items:
        out = out | item
    return out


def lists(*names: str) -> Changes:
    return Changes(lists=frozenset(names))


def case_changed(*case_ids: uuid.UUID) -> Changes:
    """A case written: its page, and every list a case shows in."""
    return Changes(cases=frozenset(case_ids), lists=CASE_LISTS)


# Which lists a record of a synced table shows in (a table not named here is on no screen the desk refreshes).
_TABLE_LISTS: dict[str, frozenset[str]] = {
    "cases": CASE_LISTS,
    "case_events": CASE_LISTS,
    "visits": frozenset({CASES, HANDOVER, COUNTERS}),
    "constituents": frozenset({CASES}),
    "duty_shifts": frozenset({HANDOVER, ROSTER}),
    "stations": frozenset({STATION}),
    **{t: frozenset({ROSTER}) for t in ("roster_slots", "roster_changes", "duty_patterns", "duty_minimums",
                                        "duty_limits", "deputy_unavailability", "holidays")},
    **{t: frozenset({LOOKUPS, CASES}) for t in ("deputies", "departments", "categories", "villages")},
    **{t: frozenset({LOOKUPS, ROSTER}) for t in ("deputy_groups", "deputy_group_members", "station_assignments",
                                                 "staff_members", "operators")},
}


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def of_record(entity: str, entity_id: Any, fields: Mapping[str, Any] | None = None) -> Changes:
    """What a record written by sync (a pulled change, a repaired copy) changes on the desk's screens."""
    named = _TABLE_LISTS.get(entity, frozenset())
    case_id = None
    if entity == "cases":
        case_id = _uuid(entity_id)
    elif entity in ("case_events", "visits") and fields:
        case_id = _uuid(fields.get("case_id")) if fields.get("case_id") else None
    return Changes(cases=frozenset({case_id}) if case_id else frozenset(), lists=named)


def of_tables(tables: Iterable[str]) -> Changes:
    """The lists records of ``tables`` show in (when which records is not known)."""
    return Changes(lists=frozenset().union(*(_TABLE_LISTS.get(t, frozenset()) for t in tables)))
