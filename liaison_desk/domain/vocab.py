"""Fixed vocabularies of the domain (stored codes → Chinese and English labels)."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import ValidationError

Labels = Mapping[str, tuple[str, str]]

DEPUTY_LEVELS: Labels = {  # 五级代表
    "national": ("全国人大代表", "National"),
    "provincial": ("省人大代表", "Provincial"),
    "city": ("市人大代表", "City"),
    "county": ("县人大代表", "County"),
    "township": ("乡镇人大代表", "Township"),
}

STATION_KINDS: Labels = {"station": ("联络站", "Liaison station"), "point": ("联络点", "Liaison point")}

VISIT_CHANNELS: Labels = {
    "walk_in": ("来站接待", "Walk-in"),
    "phone": ("电话", "Phone"),
    "household_visit": ("入户走访", "Household visit"),
    "bench_meeting": ("板凳会", "Bench meeting"),
    "letter": ("来信", "Letter"),
    "online": ("网上（小程序）", "Online"),
}

URGENCY: Labels = {"normal": ("一般", "Normal"), "urgent": ("紧急", "Urgent"), "critical": ("特急", "Critical")}

TRIAGE_COLOURS: Labels = {  # 红黄蓝绿四色分办
    "green": ("绿色：代表直接办理", "Green: the deputy solves it"),
    "blue": ("蓝色：会同村（社区）办理", "Blue: with the village committee"),
    "yellow": ("黄色：乡镇研究办理", "Yellow: the township studies it"),
    "red": ("红色：县级重点督办", "Red: county key supervision"),
}

SHIFT_SLOTS: Labels = {"am": ("上午", "Morning"), "pm": ("下午", "Afternoon"), "full": ("全天", "All day")}

GROUP_ROLES: Labels = {
    "leader": ("组长", "Leader"),
    "deputy_leader": ("副组长", "Deputy leader"),
    "liaison_officer": ("联络员", "Liaison officer"),
    "member": ("组员", "Member"),
}

ACTIVITY_KINDS: Labels = {
    "monthly_theme": ("月度主题活动", "Monthly themed activity"),
    "inspection": ("视察", "Inspection"),
    "survey": ("调研", "Survey"),
    "symposium": ("座谈会", "Symposium with departments"),
    "training": ("培训", "Training"),
    "session": ("参加人代会", "Congress session"),
    "standing_committee": ("列席常委会", "Standing-committee meeting"),
    "household_visits": ("走访选民", "Household visits to voters"),
    "report_to_voters": ("向选民述职", "Report to voters"),
    "suggestion": ("提出建议", "Suggestion made"),
    "group_activity": ("代表小组活动", "Deputy-group activity"),
    "law_consultation": ("法规草案征求意见", "Draft-law consultation"),
}


def check_choice(value: str | None, choices: Labels, *, field: str, what: str) -> str:
    """``value`` if it is one of ``choices``; else a ValidationError listing the allowed Chinese labels."""
    if value is not None and value in choices:
        return value
    if value is None or not value.strip():
        raise ValidationError("required", f"请选择{what}。", field=field, message_en=f"Choose the {field}.")
    allowed = "、".join(zh for zh, _ in choices.values())
    raise ValidationError("bad_choice", f"{what}“{value}”无效，应为：{allowed}。", field=field,
                          message_en=f"Invalid {field} {value!r}; allowed: {', '.join(choices)}.")


# what a synced table holds, in words a deputy knows (sync notes, the conflicts list); the table name otherwise
RECORD_KINDS: Labels = {
    "cases": ("案件", "cases"), "case_events": ("办理记录", "case events"), "visits": ("来访", "visits"),
    "constituents": ("来访群众", "constituents"), "deputies": ("代表", "deputies"),
    "departments": ("承办单位", "departments"), "categories": ("事项类别", "categories"),
    "villages": ("村（社区）", "villages"), "operators": ("值班账号", "desk accounts"),
    "duty_shifts": ("值班记录", "duty shifts"), "roster_slots": ("值班安排", "roster slots"),
    "activities": ("代表活动", "activities"), "stations": ("联络站", "stations"),
}


def label(choices: Labels, value: str | None, lang: str = "zh") -> str:
    if value is None or value not in choices:
        return value or ""
    zh, en = choices[value]
    return en if lang == "en" else zh
