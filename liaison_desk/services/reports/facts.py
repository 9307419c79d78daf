"""The report engine's first three passes read from the station's per-day totals (``db.report_facts``) instead
of every case row: a year of a million cases is a few tens of thousands of small rows. The rows come out in the
shapes the engine's SQL passes produce, so everything after them (figures, breakdown, 通报) is shared.

应答复 and 超期 depend on the cut-off day: the totals count them as if every deadline had passed, and the cases
whose deadline is the cut-off day or later — a few weeks' worth, found through an index — are taken off here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import FromClause

from ...db.report_facts import CASE_DIMS, CLOSE_DIMS, COUNT_COLUMNS, VISIT_DIMS
from ...domain.reports import COUNT_FIELDS, Period
from ...domain.workflow import OPEN_STATUSES, Status

CaseRow = tuple[int, str | None, str | None, str | None, list[int]]

ID_DIMS = frozenset({"station", "department", "village", "category", "deputy"})
_JDN_OFFSET = 1721425  # date.toordinal() + this = the julian day number SQLite's julianday() + 0.5 gives


def day_number(d: dt.date) -> int:
    return d.toordinal() + _JDN_OFFSET


@dataclass(frozen=True)
class FactTotals:
    """The station's per-day totals; ``township_of`` names each station's township (key → township)."""

    township_of: Mapping[str, str]

    def _tag(self, periods: Sequence[Period]) -> tuple[str, str]:
        whens = " ".join(f"WHEN day BETWEEN {day_number(p.first)} AND {day_number(p.last)} THEN {i}"
                         for i, p in enumerate(periods))
        where = " OR ".join(f"day BETWEEN {day_number(p.first)} AND {day_number(p.last)}" for p in periods)
        return f"CASE {whens} ELSE -1 END", f"({where})"

    def _key(self, dim: str, key: str) -> str:
        if not key:
            return ""
        if dim in ID_DIMS:
            return str(uuid.UUID(key))
        return key

    def _mapped(self, by: str | None, dim: str, key: str) -> str:
        """A stored key as the engine's breakdown key of ``by`` (a township from its station)."""
        k = self._key(dim, key)
        return self.township_of.get(k, "") if by == "township" else k

    def case_rows(self, conn: Connection | Session, cases: FromClause, periods: Sequence[Period],
                  by: str | None, today: dt.date) -> Iterator[CaseRow]:
        """(tag, station, department, breakdown key, counts in ``COUNT_FIELDS`` order), as ``engine.CaseRow``: a
        row with key None counts toward the totals, stations and departments only; one with station None toward
        the breakdown only (the totals keep station × department, the other keys alone)."""
        tag, where = self._tag(periods)
        sums = ", ".join(f"sum({c})" for c in COUNT_COLUMNS)
        base_dim = by if by in ("station", "department", "township") else None
        for row in conn.execute(text(
                f"SELECT {tag} AS tag, station, department, {sums} FROM report_days WHERE dim = '' AND {where} "
                f"GROUP BY 1, 2, 3")):
            t, station, dept = int(row[0]), self._key("station", row[1]), self._key("department", row[2])
            values = _counts(row[3:])
            if not any(values):
                continue
            key: str | None = None
            if by is None:
                key = ""
            elif base_dim is not None:
                key = {"station": station, "department": dept,
                       "township": self.township_of.get(station, "")}[base_dim]
            yield t, station, dept or None, key, values
        if by in CASE_DIMS:
            for row in conn.execute(text(
                    f"SELECT {tag} AS tag, key, {sums} FROM report_days WHERE dim = :dim AND {where} "
                    f"GROUP BY 1, 2"), {"dim": by}):
                values = _counts(row[2:])
                if any(values):
                    yield int(row[0]), None, None, self._key(by, row[1]), values
        yield from self._not_due_yet(conn, cases, periods, by, today)

    def _not_due_yet(self, conn: Connection | Session, cases: FromClause, periods: Sequence[Period],
                     by: str | None, today: dt.date) -> Iterator[CaseRow]:
        """The correction for cases whose deadline is ``today`` or later: not 应答复 unless answered, not 超期."""
        from .sqlparts import _group_key, _period_tag, _positions

        c = cases.c
        tag, where = _period_tag(c.registered_at, periods)
        dim = _group_key(c[by]) if by else None
        waiting = and_(c.status != Status.WITHDRAWN.value, c.replied_at.is_(None))
        is_open = c.status.in_([s.value for s in OPEN_STATUSES])
        cols = [tag.label("tag"), _group_key(c.station).label("station"), _group_key(c.department).label("dept")]
        if dim is not None:
            cols.append(dim.label("k"))
        stmt = (select(*cols, func.sum(case((waiting, 1), else_=0)), func.sum(case((is_open, 1), else_=0)))
                .where(where, c.deadline >= today).group_by(*_positions(len(cols))))
        i_due, i_overdue = COUNT_FIELDS.index("due"), COUNT_FIELDS.index("overdue")
        for row in conn.execute(stmt):
            values = [0] * len(COUNT_FIELDS)
            values[i_due], values[i_overdue] = -int(row[-2] or 0), -int(row[-1] or 0)
            station = "" if row.station is None else str(row.station)
            dept = None if row.dept is None else str(row.dept)
            key = "" if by is None else ("" if row.k is None else str(row.k))
            if by is None or by in ("station", "department", "township"):
                yield int(row.tag), station, dept, key, values
            else:  # once toward the totals (no key), once toward its breakdown row (no station)
                yield int(row.tag), station, dept, None, values
                yield int(row.tag), None, None, key, list(values)

    def close_rows(self, conn: Connection | Session, periods: Sequence[Period],
                   by: str | None) -> Iterator[tuple[int, str | None, int, int]]:
        """(tag, breakdown key or None for the totals, days, n): the days-to-close histogram."""
        tag, where = self._tag(periods)
        for dim in [""] + ([by if by != "township" else "station"] if by is not None else []):
            rows = conn.execute(text(
                f"SELECT {tag} AS tag, key, days, sum(n) FROM report_close_days WHERE dim = :dim AND {where} "
                f"GROUP BY 2, 3, 1"), {"dim": dim})
            for row in rows:
                if int(row[3]) == 0:
                    continue
                key = None if dim == "" else self._mapped(by, dim, row[1])
                yield int(row[0]), key, int(row[2]), int(row[3])

    def visit_rows(self, conn: Connection | Session, periods: Sequence[Period],
                   by: str | None) -> Iterator[tuple[int, str, int, int]]:
        """(tag, breakdown key, visits, people); the key is '' unless ``by`` is a visit dimension."""
        tag, where = self._tag(periods)
        dim = "station" if by in (None, "township") or by not in VISIT_DIMS else by
        for row in conn.execute(text(
                f"SELECT {tag} AS tag, key, sum(n), sum(people) FROM report_visit_days WHERE dim = :dim "
                f"AND {where} GROUP BY 1, 2"), {"dim": dim}):
            if int(row[2]) == 0:
                continue
            key = self._mapped(by, dim, row[1]) if by in ("station", "township", "village", "deputy") else ""
            yield int(row[0]), key, int(row[2]), int(row[3])


def _counts(stored: Sequence[Any]) -> list[int]:
    """Stored columns (``COUNT_COLUMNS``) → ``COUNT_FIELDS`` (应答复 as if every deadline had passed)."""
    s = dict(zip(COUNT_COLUMNS, (int(v or 0) for v in stored), strict=True))
    values = {"cases": s["cases"], "withdrawn": s["withdrawn"], "assigned": s["assigned"], "closed": s["closed"],
              "solved": s["solved"], "rated": s["rated"], "satisfied": s["satisfied"],
              "due": s["dl_replied"] + s["dl_waiting"], "replied": s["dl_replied"], "on_time": s["on_time"],
              "reopened": s["reopened"], "overdue": s["open_dl"]}
    return [values[f] for f in COUNT_FIELDS]


__all__ = ["CLOSE_DIMS", "FactTotals", "day_number"]
