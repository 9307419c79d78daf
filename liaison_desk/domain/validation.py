"""Input validators: each returns the normalized value or raises a ValidationError with a Chinese message."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .errors import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 010, 02x or 0xxx (3–4 digits after the 0), then a 7–8 digit number, optional extension.
_LANDLINE = re.compile(r"^(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})(?:[#转](\d{1,6}))?$")
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "．": "·", "･": "·"})


def _err(code: str, zh: str, field: str, en: str) -> ValidationError:
    return ValidationError(code, zh, field=field, message_en=en)


def _clean(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def validate_id_number(s: str | None, *, field: str = "id_number") -> str | None:
    """GB 11643-1999 resident ID (optional): 17 digits and a check character."""
    v = _clean(s).replace(" ", "").upper()
    if not v:
        return None
    if len(v) != 18:
        raise _err("id_length", f"身份证号应为 18 位，现在是 {len(v)} 位。", field, "An ID number has 18 characters.")
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        raise _err("id_chars", "身份证号前 17 位应为数字，最后一位为数字或 X。", field, "ID: 17 digits then a digit or X.")
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise _err("id_birth", "身份证号中的出生日期无效。", field, "The birth date in the ID is invalid.") from None
    if born.year < 1800 or born > dt.date.today():
        raise _err("id_birth", "身份证号中的出生日期无效。", field, "The birth date in the ID is invalid.")
    total = sum(int(c) * w for c, w in zip(v[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != v[17]:
        raise _err("id_check", "身份证号校验位不对，请核对是否有数字抄错。", field, "The ID check digit is wrong.")
    return v


def mask_id_number(s: str | None) -> str:
    """340621********0352 — the one masked form used on screen lists and on paper."""
    v = (s or "").strip()
    if len(v) <= 10:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_phone(s: str | None) -> str:
    """138****5678 for mobiles; 0551-****2345 for landlines."""
    v = (s or "").strip()
    if _MOBILE.match(v):
        return v[:3] + "****" + v[-4:]
    if "-" in v:
        area, rest = v.split("-", 1)
        return area + "-" + "*" * max(len(rest) - 4, 0) + rest[-4:]
    return "*" * max(len(v) - 4, 0) + v[-4:]


def is_mobile(s: str | None) -> bool:
    return bool(_MOBILE.match(s or ""))


def validate_phone(s: str | None, *, required: bool = False, field: str = "phone") -> str | None:
    """Mainland mobile (11 digits) or landline with area code; returns ``13812345678`` or ``0551-62612345``."""
    v = _clean(s)
    v = re.sub(r"[\s\-()（）]", "", v)
    v = re.sub(r"^(\+86|0086)", "", v)
    if not v:
        if required:
            raise _err("phone_missing", "请填写联系电话。", field, "Please enter a phone number.")
        return None
    if _MOBILE.match(v):
        return v
    m = _LANDLINE.match(v)
    if m:
        return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    raise _err("bad_phone", "电话号码不对：手机号应为 1 开头的 11 位数字，座机请带区号（如 0551-62612345）。", field,
               "Not a phone number: a mobile has 11 digits starting with 1; a landline needs its area code.")


def _name_char_ok(c: str) -> bool:
    cat = unicodedata.category(c)
    if cat == "Lo":  # CJK ideographs of every plane (𠮷, 𬍛, 䶮…), also other scripts' letters
        return True
    return c.isascii() and c.isalpha() or c in " ·"


def validate_person_name(s: str | None, *, field: str = "name") -> str:
    v = unicodedata.normalize("NFC", (s or "").strip()).translate(_DOTS)
    v = re.sub(r"\s+", " ", v)
    if not v:
        raise _err("name_missing", "请填写姓名。", field, "Please enter a name.")
    if len(v) > 40:
        raise _err("name_too_long", "姓名不能超过 40 个字。", field, "A name has at most 40 characters.")
    bad = [c for c in v if not _name_char_ok(c)]
    if bad:
        shown = "、".join(dict.fromkeys("数字" if c.isdigit() else c for c in bad))
        raise _err("name_chars", f"姓名中不能有：{shown}", field, "The name contains characters not allowed.")
    if v[0] == "·" or v[-1] == "·":
        raise _err("name_dots", "姓名不能以间隔号“·”开头或结尾。", field, "A name cannot start or end with a dot.")
    return v


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def validate_date(s: str | dt.date, *, field: str = "date", not_after: dt.date | None = None,
                  not_before: dt.date | None = None) -> dt.date:
    if isinstance(s, dt.datetime):
        d = s.date()
    elif isinstance(s, dt.date):
        d = s
    else:
        v = _clean(s).replace(" ", "")
        for pat in _DATE_PATTERNS:
            m = pat.match(v)
            if m:
                try:
                    d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    raise _err("bad_date", f"日期 {v} 不存在。", field, f"{v} is not a real date.") from None
                break
        else:
            raise _err("bad_date", f"日期格式不对：{v or '（空）'}，请写成 2026-11-22 这样。", field,
                       "Dates look like 2026-11-22.")
    if not_after and d > not_after:
        raise _err("date_too_late", f"日期不能晚于 {not_after:%Y-%m-%d}。", field, f"Not after {not_after}.")
    if not_before and d < not_before:
        raise _err("date_too_early", f"日期不能早于 {not_before:%Y-%m-%d}。", field, f"Not before {not_before}.")
    return d


def validate_text(s: str | None, *, field: str, min_len: int = 1, max_len: int = 2000) -> str:
    v = unicodedata.normalize("NFC", s or "").strip()
    if len(v) < min_len:
        raise _err("text_missing", "此项不能为空。", field, "This field is required.")
    if len(v) > max_len:
        raise _err("text_too_long", f"内容太长（{len(v)} 字），最多 {max_len} 字。", field, f"At most {max_len} characters.")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in v):
        raise _err("text_control", "内容中含有无法显示的控制字符。", field, "The text contains control characters.")
    return v
