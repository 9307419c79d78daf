"""Sync conflicts in words for county staff (issue 15): what kind of conflict, which field, what each value
means — never the raw JSON the hub keeps.

The hub records a conflict (``hub_conflicts``) when two places edited one field (the newer edit is kept), when a
change arrived again with other content, when a station's clock runs ahead, when a case came with another
station's number, when a change could not be applied, and when two copies of one station numbered two cases
alike. :func:`kind_words` names each; :func:`field_words` names the fields people edit; :func:`value_words`
spells a kept or lost value (``lookup`` turns a record id into its name or number).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from .hlc import HLC
from .vocab import DEPUTY_LEVELS, RECORD_KINDS, TRIAGE_COLOURS, URGENCY

Words = tuple[str, str]

KINDS: dict[str, tuple[str, str, str, str]] = {
    # kind: (zh, en, why zh, why en) — "why" when the hub kept no reason of its own
    "field": ("两处改了同一项", "Edited in two places",
              ("同一条记录的这一项在两处（联络站与县级平台，或两台电脑）同步之前各自改过；按规则保留时间较新的修改，"
              "另一处的值记在这里，没有丢失。"),
              ("This field was changed in two places before they synced; the newer edit was kept by the rules and "
              "the other value is kept here, not lost.")),
    "hash_mismatch": ("同一变更内容不一致", "Same change, different content",
                      "联络站再次发来一条已收到的变更，内容却不一样（可能是数据库被恢复或拷贝）；县级平台保留先收到的内容。",
                      ("A station sent a change it had sent before with different content (a restored or copied "
                      "database?); the hub keeps what it received first.")),
    "clock_ahead": ("联络站电脑时间超前", "Station clock ahead", "", ""),
    "foreign_number": ("用了别站的案件编号（未采用）", "Another station's case number (not taken)", "", ""),
    "quarantined": ("无法应用（已暂存）", "Could not be applied (kept aside)", "", ""),
    "number_clash": ("案件编号重复", "One case number used twice", "", ""),
}

FIELDS: dict[str, Words] = {
    "phone": ("电话", "phone"), "name": ("名称 / 姓名", "name"), "village_id": ("村（社区）", "village"),
    "address": ("地址", "address"), "summary": ("摘要", "summary"), "content": ("反映内容", "matter"),
    "headcount": ("人数", "headcount"), "category_id": ("问题类别", "category"), "urgency": ("紧急程度", "urgency"),
    "triage": ("四色分办", "triage colour"), "note": ("备注", "note"), "active": ("在用", "active"),
    "department_id": ("承办单位", "department"), "short_name": ("简称", "short name"), "code": ("代码", "code"),
    "level": ("代表层级", "level"), "constituency": ("选区", "constituency"), "sector": ("界别", "sector"),
    "number": ("案件编号", "case number"), "deadline": ("办理期限", "deadline"), "title": ("标题", "title"),
    "date": ("日期", "date"), "kind": ("类型", "kind"), "township": ("乡镇", "township"),
    "livelihood": ("民生类", "livelihood"), "sort_order": ("排列顺序", "order"), "id_number": ("身份证号", "ID number"),
    "visitor_name": ("来访人", "visitor"), "deputy_id": ("代表", "deputy"), "station_id": ("联络站", "station"),
}

_CHOICES = {"urgency": URGENCY, "triage": TRIAGE_COLOURS, "level": DEPUTY_LEVELS}


def pick(words: Words, lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def kind_words(kind: str, lang: str = "zh") -> str:
    k = KINDS.get(kind)
    return (k[1] if lang == "en" else k[0]) if k else kind


def why_words(kind: str, reason: str, lang: str = "zh") -> str:
    """The hub's own reason when it kept one (Chinese, written by the hub), else the kind's explanation."""
    k = KINDS.get(kind)
    default = (k[3] if lang == "en" else k[2]) if k else ""
    if reason and not (kind == "hash_mismatch" and reason == "same change id, different content"):
        return reason
    return default or reason


def record_words(entity: str, lang: str = "zh") -> str:
    words = RECORD_KINDS.get(entity)
    return pick(words, lang) if words else entity


def field_words(field: str | None, lang: str = "zh") -> str:
    if not field:
        return ""
    words = FIELDS.get(field)
    return pick(words, lang) if words else field


def stamp_time(hlc: str | None) -> dt.datetime | None:
    """When a value was written, from its clock stamp (naive UTC); None when there is none or it is unreadable."""
    if not hlc:
        return None
    try:
        return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=HLC.decode(hlc).wall_ms)
    except (ValueError, OverflowError, TypeError):
        return None


def value_words(field: str | None, text: str | None, lang: str = "zh",
                lookup: Callable[[str], str | None] = lambda _id: None) -> str:
    """A kept or lost value in words: empty, yes/no, a choice's label, a record's name by its id, or the text."""
    empty = "（空）" if lang != "en" else "(empty)"
    if text is None or text == "":
        return empty
    try:
        value: Any = json.loads(text)
    except (ValueError, TypeError):
        value = text
    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, dict):
        if "number" in value:  # a number clash: {"number": ..., "case_id": ...}
            return str(value["number"])
        parts = [f"{field_words(k, lang)}：{value_words(k, json.dumps(v, ensure_ascii=False), lang, lookup)}"
                 for k, v in value.items() if k in FIELDS]
        return "；".join(parts) or ("（内容已保存）" if lang != "en" else "(content kept)")
    if isinstance(value, list):
        return "、".join(value_words(field, json.dumps(v, ensure_ascii=False), lang, lookup) for v in value)
    if field in _CHOICES and isinstance(value, str) and value in _CHOICES[field]:
        return pick(_CHOICES[field][value], lang)
    if field and field.endswith("_id") and isinstance(value, str):
        return lookup(value) or value[:8]
    return str(value)
