"""The county's reference data as forms (issue 15): deputies, departments, categories and holidays.

What a form may hold, checked field by field with Chinese messages naming the field (``ValidationError.field``),
and which records would be duplicates. The county hub's console and its command line (``ref-add`` /
``ref-set`` for these four lists) both check a record here before writing it; the values come back spelled as
in sync payloads (dates as ISO text, booleans as ``True``/``False``), so a station stores exactly what the
county typed.

Duplicates are refused because the stations' tables make them unique (a department's name, a category's code,
a holiday's date) or because two live entries would be indistinguishable in a pick list (two deputies with one
name, level and constituency; two categories with one name; one duty-card code for two deputies).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .calendar import HOLIDAY, WORKDAY
from .errors import ValidationError
from .validation import validate_date, validate_person_name, validate_phone, validate_text
from .vocab import DEPUTY_LEVELS

#: The lists county staff keep as forms, in the order the page shows them; (entity, zh, en).
ENTITIES: tuple[tuple[str, str, str], ...] = (
    ("deputies", "代表", "Deputies"),
    ("departments", "承办单位", "Departments"),
    ("categories", "问题类别", "Categories"),
    ("holidays", "节假日", "Holidays"),
)
ENTITY_WORDS = {e: (zh, en) for e, zh, en in ENTITIES}

DAY_KINDS_WORDS = {HOLIDAY: ("放假", "Holiday"), WORKDAY: ("调休上班", "Make-up working day")}


@dataclass(frozen=True)
class FormField:
    """One input of a reference form: its column, its label, and how it is entered."""

    name: str
    zh: str
    en: str
    kind: str = "text"  # text | person | code | choice | date | bool | int
    required: bool = False
    max_len: int = 100
    choices: tuple[tuple[str, str, str], ...] = ()  # (value, zh, en)
    hint_zh: str = ""
    hint_en: str = ""
    blank: Any = None  # what an empty optional input stores


FORMS: dict[str, tuple[FormField, ...]] = {
    "deputies": (
        FormField("name", "姓名", "Name", kind="person", required=True, max_len=40),
        FormField("level", "代表层级", "Level", kind="choice", required=True,
                  choices=tuple((k, zh, en) for k, (zh, en) in DEPUTY_LEVELS.items())),
        FormField("constituency", "选区 / 代表团", "Constituency", max_len=100, blank=""),
        FormField("sector", "界别 / 单位职务", "Sector / post", max_len=100, blank=""),
        FormField("phone", "联系电话", "Phone", max_len=32, hint_zh="手机或带区号的座机", hint_en="mobile, or landline with area code"),
        FormField("code", "值班卡号", "Duty card code", max_len=32, hint_zh="签到时输入或扫描，可不填",
                  hint_en="typed or scanned at sign-in; optional"),
        FormField("active_from", "任期起", "Term from", kind="date"),
        FormField("active_until", "任期止", "Term until", kind="date"),
    ),
    "departments": (
        FormField("name", "单位全称", "Full name", required=True, max_len=100),
        FormField("short_name", "简称", "Short name", max_len=40, blank=""),
        FormField("phone", "联系电话", "Phone", max_len=32, hint_zh="手机或带区号的座机", hint_en="mobile, or landline with area code"),
    ),
    "categories": (
        FormField("code", "类别代码", "Code", kind="code", required=True, max_len=16, hint_zh="字母或数字，如 ROAD",
                  hint_en="letters or digits, e.g. ROAD"),
        FormField("name", "类别名称", "Name", required=True, max_len=40),
        FormField("livelihood", "民生类", "Livelihood matter", kind="bool"),
        FormField("sort_order", "排列顺序", "Order", kind="int", hint_zh="数字小的排在前面", hint_en="smaller first",
                  blank=0),
    ),
    "holidays": (
        FormField("date", "日期", "Date", kind="date", required=True, hint_zh="如 2027-02-10", hint_en="e.g. 2027-02-10"),
        FormField("kind", "类型", "Kind", kind="choice", required=True,
                  choices=tuple((k, zh, en) for k, (zh, en) in DAY_KINDS_WORDS.items())),
        FormField("name", "名称", "Name", max_len=40, hint_zh="如 春节", hint_en="e.g. Spring Festival", blank=""),
    ),
}

#: The entities with an ``active`` flag (deactivated, never deleted); holidays are removed instead (a tombstone).
HAS_ACTIVE = frozenset({"deputies", "departments", "categories"})

_CODE = re.compile(r"[A-Za-z0-9_]+")


def form_of(entity: str) -> tuple[FormField, ...]:
    if entity not in FORMS:
        allowed = "、".join(zh for _e, zh, _en in ENTITIES)
        raise ValidationError("not_reference", f"没有“{entity}”这种基础资料，可选：{allowed}。", field="entity",
                              message_en=f"No reference list {entity!r}.")
    return FORMS[entity]


def _required(f: FormField) -> ValidationError:
    return ValidationError("required", f"请填写{f.zh}。", field=f.name, message_en=f"{f.en} is required.")


def clean(entity: str, values: Mapping[str, str], *, partial: bool = False) -> dict[str, Any]:
    """The form's values checked and spelled as in payloads. ``partial``: only the fields given (an edit at the
    command line); otherwise every field of the form, an empty one becoming ``None`` (or its default)."""
    fields = form_of(entity)
    known = {f.name for f in fields}
    for name in values:
        if name not in known and name != "active":
            raise ValidationError("unknown_field", f"{ENTITY_WORDS[entity][0]}没有“{name}”这一项。", field=name,
                                  message_en=f"{entity} has no field {name}.")
    out: dict[str, Any] = {}
    for f in fields:
        if partial and f.name not in values:
            continue
        out[f.name] = _one(f, str(values.get(f.name) or ""))
    if "active" in values:
        out["active"] = _truth(str(values["active"]))
    if entity == "deputies" and out.get("active_from") and out.get("active_until") \
            and out["active_until"] < out["active_from"]:
        raise ValidationError("bad_term", "任期止不能早于任期起。", field="active_until",
                              message_en="The term cannot end before it starts.")
    return out


class FormErrors(ValidationError):
    """Every input of a form at fault at once (``errors``: field → its error); the message is the first's."""

    def __init__(self, errors: Mapping[str, ValidationError]):
        self.errors = dict(errors)
        first = next(iter(self.errors.values()))
        super().__init__(first.code, first.message, field=first.field, message_en=first.message_en)


def check_form(entity: str, values: Mapping[str, str]) -> dict[str, Any]:
    """As :func:`clean` on the whole form, but refusing with every field's error at once (:class:`FormErrors`)."""
    errors: dict[str, ValidationError] = {}
    for f in form_of(entity):
        try:
            _one(f, str(values.get(f.name) or ""))
        except ValidationError as exc:
            errors[exc.field or f.name] = exc
    if errors:
        raise FormErrors(errors)
    return clean(entity, values)


def _truth(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "y", "on", "是")


def _one(f: FormField, text: str) -> Any:
    text = text.strip()
    if f.kind == "bool":
        return _truth(text)
    if not text:
        if f.required:
            raise _required(f)
        return f.blank
    if f.kind == "choice":
        if text not in {v for v, _zh, _en in f.choices}:
            allowed = "、".join(zh for _v, zh, _en in f.choices)
            raise ValidationError("bad_choice", f"{f.zh}应为：{allowed}。", field=f.name,
                                  message_en=f"{f.en} must be one of: {', '.join(en for _v, _zh, en in f.choices)}.")
        return text
    if f.kind == "date":
        return validate_date(text, field=f.name, not_before=dt.date(2000, 1, 1),
                             not_after=dt.date(2100, 12, 31)).isoformat()
    if f.kind == "int":
        try:
            number = int(text)
        except ValueError:
            raise ValidationError("bad_number", f"{f.zh}应为整数。", field=f.name,
                                  message_en=f"{f.en} must be a whole number.") from None
        if not -99999 <= number <= 99999:
            raise ValidationError("bad_number", f"{f.zh}应在 -99999 到 99999 之间。", field=f.name,
                                  message_en=f"{f.en} must be between -99999 and 99999.")
        return number
    if f.name == "phone":
        return validate_phone(text, field=f.name)
    if f.kind == "person":
        return validate_person_name(text, field=f.name)
    value = validate_text(text, field=f.name, max_len=f.max_len)
    if "\n" in value:
        raise ValidationError("one_line", f"{f.zh}只能写一行。", field=f.name, message_en=f"{f.en} is one line.")
    if f.kind == "code":
        if not _CODE.fullmatch(value):
            raise ValidationError("bad_code", "类别代码只能用字母、数字或下划线，如 ROAD。", field=f.name,
                                  message_en="A category code has letters, digits or _ only, e.g. ROAD.")
        value = value.upper()
    return value


@dataclass(frozen=True)
class Existing:
    """A live record of the same list, as the duplicate check sees it."""

    id: str
    fields: Mapping[str, Any]


def _norm(v: Any) -> str:
    return str(v).strip().casefold() if v is not None else ""


def _same(a: Any, b: Any) -> bool:
    return _norm(a) == _norm(b) and _norm(a) != ""


def check_duplicates(entity: str, fields: Mapping[str, Any], others: Iterable[Existing], *,
                     self_id: str | None = None) -> None:
    """Refuse a record that would duplicate a live one of the list (``self_id``: the record being edited)."""
    for other in others:
        if other.id == self_id:
            continue
        o = other.fields
        if entity == "departments" and _same(fields.get("name"), o.get("name")):
            raise ValidationError("duplicate", f"承办单位“{fields['name']}”已经在名单中。", field="name",
                                  message_en=f"The department {fields['name']!r} is already on the list.")
        if entity == "categories":
            if _same(fields.get("code"), o.get("code")):
                raise ValidationError("duplicate", f"类别代码“{fields['code']}”已被“{o.get('name')}”使用。", field="code",
                                      message_en=f"The code {fields['code']!r} is already used by {o.get('name')!r}.")
            if _same(fields.get("name"), o.get("name")):
                raise ValidationError("duplicate", f"问题类别“{fields['name']}”已经在名单中。", field="name",
                                      message_en=f"The category {fields['name']!r} is already on the list.")
        if entity == "holidays" and _same(fields.get("date"), o.get("date")):
            raise ValidationError("duplicate", f"{fields['date']} 已经有一条安排，请修改那一条。", field="date",
                                  message_en=f"{fields['date']} already has an entry; edit that one.")
        if entity == "deputies":
            if _same(fields.get("code"), o.get("code")):
                raise ValidationError("duplicate", f"值班卡号“{fields['code']}”已经给了代表 {o.get('name')}。", field="code",
                                      message_en=f"The duty card {fields['code']!r} belongs to {o.get('name')}.")
            if (_same(fields.get("name"), o.get("name")) and _same(fields.get("level"), o.get("level"))
                    and str(fields.get("constituency") or "").strip() == str(o.get("constituency") or "").strip()):
                raise ValidationError("duplicate", f"代表 {fields['name']}（同一层级、同一选区）已经在名单中。", field="name",
                                      message_en=f"Deputy {fields['name']} (same level and constituency) is already listed.")
