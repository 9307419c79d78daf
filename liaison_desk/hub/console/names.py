"""Names for the ids a case event carries (issue 15): a 交办 names its department by id; the case page says
the department's name. Deleted departments keep their name here (a case handled by a department since merged
away still says who handled it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..context import HubContext
from ..schema import HubRecord


def department_names(hub: HubContext, ids: Iterable[str], *, session: Session | None = None) -> dict[str, str]:
    """``{id: name}`` for the department ids given (unknown or malformed ids are left out)."""
    keys = set()
    for ident in ids:
        try:
            keys.add(uuid.UUID(str(ident)))
        except ValueError:
            continue
    if not keys:
        return {}
    t = HubRecord.__table__
    with hub.tx(session) as s:
        rows = s.execute(select(t.c.id, t.c.label).where(t.c.county_id == hub.county, t.c.entity == "departments",
                                                         t.c.id.in_(sorted(keys, key=str))))
        return {str(r.id): str(r.label) for r in rows if r.label}
