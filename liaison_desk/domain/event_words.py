"""A case event's data in words (issue 15): what the county console's timeline says beside each step — who
handles it, the new date, the reply's class, the 答复函, the 督办方式 — so nobody reads raw JSON.

Plain rules shared by every screen that is not the desk's Qt page (the desk says the same in its own
``ui.case_page``). Unknown keys are left out rather than shown as code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .workflow import CALL_OUTCOME_LABELS, REPLY_CLASS_LABELS, Resolution, Satisfaction

_WEEKDAYS_ZH = "一二三四五六日"

RESOLUTION_WORDS = {Resolution.SOLVED: ("已解决", "Solved"), Resolution.PARTLY_SOLVED: ("部分解决", "Partly solved"),
                    Resolution.EXPLAINED: ("已解释说明", "Explained"), Resolution.UNSOLVED: ("未解决", "Unsolved")}
SATISFACTION_WORDS = {Satisfaction.SATISFIED: ("满意", "Satisfied"),
                      Satisfaction.BASICALLY_SATISFIED: ("基本满意", "Basically satisfied"),
                      Satisfaction.UNSATISFIED: ("不满意", "Unsatisfied")}

#: keys shown as "label：value", in this order (the text itself is shown apart, as the event's words)
_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("department", "承办单位", "Department"),
    ("co_departments", "会办单位", "Co-handlers"),
    ("deadline", "办理期限", "Deadline"),
    ("deadline_workdays", "办理时限（工作日）", "Working days"),
    ("new_deadline", "延期至", "Extended to"),
    ("callback_due", "回电日期", "Call back on"),
    ("supervision_level", "督办方式", "Supervision"),
    ("escalation_level", "督办级别", "Level"),
)
_DATES = frozenset({"deadline", "new_deadline", "callback_due"})


def day_words(day: dt.date | str | None, lang: str = "zh") -> str:
    """A date with its weekday (2026-12-08 星期二), as the desk says it; '' for none, the text if unreadable."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        text = day
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
    if isinstance(day, dt.datetime):
        day = day.date()
    if lang == "en":
        return f"{day.isoformat()} {day.strftime('%a')}"
    return f"{day.isoformat()} 星期{_WEEKDAYS_ZH[day.weekday()]}"


def _enum(labels: Mapping[Any, tuple[str, str]], value: Any, lang: str) -> str:
    for key, (zh, en) in labels.items():
        if key.value == value:
            return en if lang == "en" else zh
    return str(value or "")


def event_details(data: Mapping[str, Any], lang: str = "zh", names: Mapping[str, str] | None = None) -> list[str]:
    """The facts an event carries besides its text, each a short phrase in ``lang`` (zh first). ``names``: the
    department names for the ids a 交办 carries (``department_id``)."""
    en = lang == "en"
    if not data.get("department") and data.get("department_id") and names:
        name = names.get(str(data["department_id"]))
        if name:
            data = {**data, "department": name}
    out: list[str] = []
    for key, zh_label, en_label in _FIELDS:
        value = data.get(key)
        if value is None or value == "" or value == [] or (key == "escalation_level" and not value):
            continue
        if key in _DATES:
            value = day_words(value, lang)
        elif key == "co_departments" and isinstance(value, list):
            value = "、".join(str(v) for v in value)
        elif key == "escalation_level":
            value = f"level {value}" if en else f"第{value}级"
        out.append(f"{en_label if en else zh_label}{': ' if en else '：'}{value}")
    if data.get("reply_class"):
        out.append(_enum(REPLY_CLASS_LABELS, data["reply_class"], lang))
    if data.get("resolution"):
        out.append(_enum(RESOLUTION_WORDS, data["resolution"], lang))
    if data.get("satisfaction"):
        out.append(("Constituent: " if en else "群众评价：") + _enum(SATISFACTION_WORDS, data["satisfaction"], lang))
    if data.get("outcome"):
        out.append(_enum(CALL_OUTCOME_LABELS, data["outcome"], lang))
    if "on" in data:
        on = bool(data["on"])
        out.append(("Put on key supervision" if on else "Taken off key supervision") if en
                   else ("列入重点督办" if on else "移出重点督办"))
    letter = data.get("reply_letter")
    if isinstance(letter, Mapping):
        size = f"{max(int(letter.get('size') or 0) // 1024, 1)} KB"
        out.append(f"Signed reply letter: {letter.get('name')} ({size}, kept at the county)" if en
                   else f"答复函：{letter.get('name')}（{size}，存县级平台）")
    return out
