"""Input validators: each returns the normalized value or raises a ValidationError with a Chinese message."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .errors import ValidationError
from .timeutil import local_today


def _err(code: str, zh: str, field: str, en: str) -> ValidationError:
    return ValidationError(code, zh, field=field, message_en=en)


# -- resident ID number (GB 11643-1999) -------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Not 1900: IDs were issued to people born in the nineteenth century too (440524188001010014).
_ID_MIN_BIRTH_YEAR = 1800


def _squeeze(s: str | None) -> str:
    """NFKC (full-width digits and letters become ASCII) and no whitespace anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def validate_id_number(s: str | None, *, field: str = "id_number", today: dt.date | None = None) -> str | None:
    """An 18-character resident ID number, or None when left blank (it is optional)."""
    v = _squeeze(s).upper()
    if not v:
        return None
    if len(v) == 15 and v.isdigit():
        raise _err("id_length", "这是 15 位的旧身份证号，请填写 18 位的新身份证号。", field,
                   "This is an old 15-digit ID number; please enter the 18-character one.")
    if len(v) != 18:
        raise _err("id_length", f"身份证号应为 18 位，现在是 {len(v)} 位。", field,
                   f"An ID number has 18 characters, this one has {len(v)}.")
    if any(c not in "0123456789" for c in v[:17]) or v[17] not in "0123456789X":
        raise _err("id_chars", "身份证号前 17 位应为数字，最后一位为数字或 X。", field,
                   "An ID number is 17 digits followed by a digit or X.")
    today = today or local_today()
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < _ID_MIN_BIRTH_YEAR or born > today:
        raise _err("id_birth", f"身份证号第 7–14 位的出生日期 {v[6:14]} 不对，请核对。", field,
                   f"The birth date {v[6:14]} in the ID number (characters 7-14) is not valid.")
    total = sum(int(c) * w for c, w in zip(v[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != v[17]:
        raise _err("id_check", "身份证号校验位不对，可能有数字抄错或两个数字颠倒了，请核对。", field,
                   "The ID number's check character does not match: a digit is wrong or two are swapped.")
    return v


def mask_id_number(s: str | None) -> str:
    """340621********0352: the one masked form used in lists, exports and on paper."""
    v = _squeeze(s).upper()
    if len(v) <= 10:  # too short to show anything without showing most of it
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


# -- phone numbers ------------------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code 010, 02x or 0xxx (03xx–09xx), then a 7–8 digit subscriber number that does not start with 0.
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d\d)([1-9]\d{6,7})")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_PHONE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015()（）.]+")


def _parse_phone(s: str | None) -> tuple[str, str] | None:
    """(kind, normalized) with kind "mobile" or "landline"; None for blank; raises for anything else."""
    v = unicodedata.normalize("NFKC", s or "").strip()
    if not v:
        return None
    ext = None
    m = _EXTENSION.search(v)
    if m:
        ext, v = m.group(1), v[:m.start()]
    groups = [g for g in _PHONE_SEPARATORS.split(v) if g]
    digits = "".join(groups)
    if not digits and not ext:
        return None  # only separators: the field was cleared, not mistyped
    international = re.match(r"(\+|00)86", digits)
    if international:
        digits = digits[international.end():]
        groups = []  # group boundaries no longer line up with the digits
    elif len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]  # 86 13812345678: country code without the plus
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("chars")
    if _MOBILE.fullmatch(digits) and not ext:
        return "mobile", digits
    if international and not digits.startswith("0"):
        digits = "0" + digits  # +86 551 62612345 drops the trunk 0 of the area code
    landline = _LANDLINE.fullmatch(digits)
    if not landline and not ext and len(groups) >= 2 and 1 <= len(groups[-1]) <= 6:
        # 0551-62612345-801: a last group after a complete number is its extension.
        landline = _LANDLINE.fullmatch("".join(groups[:-1]))
        ext = groups[-1] if landline else None
    if not landline:
        raise ValueError("no_area_code" if 7 <= len(digits) <= 8 and digits[0] != "0" else "format")
    return "landline", f"{landline.group(1)}-{landline.group(2)}" + (f"-{ext}" if ext else "")


def validate_phone(s: str | None, *, required: bool = False, field: str = "phone") -> str | None:
    """Mainland mobile or landline with area code: returns ``13812345678`` or ``0551-62612345[-801]``."""
    try:
        parsed = _parse_phone(s)
    except ValueError as e:
        reason = str(e)
        if reason == "chars":
            raise _err("bad_phone", "电话号码里只能有数字（可以带区号、+86 或分机号）。", field,
                       "A phone number may contain only digits (with area code, +86 or extension).") from None
        if reason == "no_area_code":
            raise _err("bad_phone", "座机号码请加区号，例如 0551-62612345。", field,
                       "Landline numbers need their area code, e.g. 0551-62612345.") from None
        raise _err("bad_phone", "电话号码不对：手机号应为 1 开头的 11 位数字，座机请写区号和号码（如 0551-62612345）。",
                   field, "Not a phone number: a mobile has 11 digits starting with 1; "
                          "a landline is area code + number, e.g. 0551-62612345.") from None
    if parsed is None:
        if required:
            raise _err("phone_missing", "请填写联系电话。", field, "Please enter a phone number.")
        return None
    return parsed[1]


def is_mobile(s: str | None) -> bool:
    """True when ``s`` is (or normalizes to) a mainland mobile number: the ones that can receive SMS."""
    try:
        parsed = _parse_phone(s)
    except ValueError:
        return False
    return parsed is not None and parsed[0] == "mobile"


def mask_phone(s: str | None) -> str:
    """138****5678 for mobiles, 0551-****2345 for landlines: the one masked form used everywhere."""
    try:
        parsed = _parse_phone(s)
    except ValueError:
        parsed = None
    if parsed is None:
        # Unrecognised input is still personal data: show only enough to tell two numbers apart.
        v = _squeeze(s)
        return "*" * max(len(v) - 2, 0) + v[-2:] if len(v) > 2 else "*" * len(v)
    kind, v = parsed
    if kind == "mobile":
        return v[:3] + "****" + v[-4:]
    area, number, *ext = v.split("-")
    return "-".join([area, "*" * (len(number) - 4) + number[-4:], *ext])


# -- person names -------------------------------------------------------------------------------------------

# Code-point ranges rather than unicodedata.category: Python 3.11 ships Unicode 14, which does not yet know
# Extensions H and I, and people with such characters in their names must still be registrable.
_HAN_RANGES = (
    (0x3400, 0x4DBF),  # Extension A (䶮)
    (0x4E00, 0x9FFF),  # Unified Ideographs (龘)
    (0xF900, 0xFAFF),  # Compatibility Ideographs (NFC maps most to unified ones; 12 are unified themselves)
    (0x20000, 0x2FFFD),  # Supplementary Ideographic Plane: Extensions B–F and I (𠮷, 𬍛), compatibility supplement
    (0x30000, 0x3FFFD),  # Tertiary Ideographic Plane: Extensions G, H and later
)
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "･": "·", "∙": "·", "⋅": "·", "’": "'"})
_NAME_MAX = 40


def _is_han(c: str) -> bool:
    o = ord(c)
    return c == "〇" or any(lo <= o <= hi for lo, hi in _HAN_RANGES)


def _is_variation_selector(c: str) -> bool:
    return 0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF


def _is_letter(c: str) -> bool:
    # Latin for foreign names; other scripts' letters too (Uyghur, Tibetan, Mongolian, Korean names).
    return unicodedata.category(c).startswith("L")


def _normalize_name(s: str | None) -> str:
    v = unicodedata.normalize("NFC", s or "").translate(_DOTS)
    # Full-width ASCII and Kangxi radicals (from text copied out of PDFs) become the ordinary characters;
    # NFKC on the whole name would also rewrite characters that must stay as typed.
    v = "".join(unicodedata.normalize("NFKC", c) if 0xFF01 <= ord(c) <= 0xFF5E or 0x2F00 <= ord(c) <= 0x2FDF
                else c for c in v)
    v = re.sub(r"\s+", " ", v).strip()
    # Spaces only separate words of alphabetic names: 张 三 is 张三, 阿依古丽 · 买买提 is 阿依古丽·买买提.
    return re.sub(r" ?· ?", "·", "".join(
        c for i, c in enumerate(v)
        if not (c == " " and (_is_han(v[i - 1]) or _is_han(v[i + 1])))))


def validate_person_name(s: str | None, *, field: str = "name") -> str:
    """A person's name: Chinese (rare characters included), minority names with ·, or alphabetic names."""
    v = _normalize_name(s)
    if not v:
        raise _err("name_missing", "请填写姓名。", field, "Please enter a name.")
    if len(v) > _NAME_MAX:
        raise _err("name_too_long", f"姓名不能超过 {_NAME_MAX} 个字，现在是 {len(v)} 个字。", field,
                   f"A name has at most {_NAME_MAX} characters.")
    for i, c in enumerate(v):
        cat = unicodedata.category(c)
        if _is_han(c) or _is_letter(c) or c in " ·":
            continue
        if cat.startswith("M") and i > 0 and (_is_letter(v[i - 1]) or unicodedata.category(v[i - 1])[0] == "M"):
            continue  # a combining mark on a letter (Tibetan, Arabic-script vowel signs)
        if _is_variation_selector(c) and i > 0 and _is_han(v[i - 1]):
            continue  # ideographic variation sequence: the registry's exact glyph of a rare character
        if c in "-'" and 0 < i < len(v) - 1 and _is_letter(v[i - 1]) and _is_letter(v[i + 1]):
            continue  # Jean-Pierre, O'Brien
        if cat == "Nd" or cat == "No" or cat == "Nl":
            raise _err("name_chars", "姓名里不能有数字。", field, "A name cannot contain digits.")
        if cat in ("Cc", "Cf", "Zl", "Zp"):
            raise _err("name_chars", "姓名里有看不见的控制字符，请删掉重新输入。", field,
                       "The name contains invisible control characters; please retype it.")
        if c in ".。":
            raise _err("name_chars", "姓名中的分隔点请用间隔号“·”，例如 阿依古丽·买买提。", field,
                       "Separate parts of a name with the middle dot ·, e.g. 阿依古丽·买买提.")
        if cat in ("Co", "Cn", "Cs"):
            raise _err("name_chars", f"姓名里有无法识别的字符（U+{ord(c):04X}），请换用标准汉字输入。", field,
                       f"The name contains an unrecognised character U+{ord(c):04X}.")
        raise _err("name_chars", f"姓名里不能有符号“{c}”，只能用汉字、字母和间隔号“·”。", field,
                   f"A name cannot contain the symbol {c!r}; use characters, letters and the middle dot.")
    if v[0] == "·" or v[-1] == "·":
        raise _err("name_dots", "姓名不能以间隔号“·”开头或结尾。", field, "A name cannot start or end with a dot.")
    if "··" in v:
        raise _err("name_dots", "姓名里两个间隔号“·”连在一起了，请删掉一个。", field, "Two dots in a row in the name.")
    return v


# -- dates and free text ------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})()(\d{2})(\d{2})"),
    re.compile(r"(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]?"),
)


def validate_date(s: str | dt.date, *, field: str = "date", not_after: dt.date | None = None,
                  not_before: dt.date | None = None) -> dt.date:
    """2026-11-22, 2026/11/22, 2026.11.22, 20261122 or 2026年11月22日 → a date within the given bounds."""
    if isinstance(s, dt.datetime):
        d = s.date()
    elif isinstance(s, dt.date):
        d = s
    else:
        v = _squeeze(s if isinstance(s, str) else None)
        if not v:
            raise _err("date_missing", "请填写日期。", field, "Please enter a date.")
        m = next((m for p in _DATE_PATTERNS if (m := p.fullmatch(v))), None)
        if m is None:
            raise _err("bad_date", f"日期格式不对：{v}，请写成 2026-11-22 或 2026年11月22日 这样。", field,
                       "Write dates like 2026-11-22.")
        try:
            d = dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            raise _err("bad_date", f"日期 {v} 不存在，请核对年、月、日。", field, f"{v} is not a real date.") from None
    if not_after is not None and d > not_after:
        raise _err("date_too_late", f"日期 {d:%Y-%m-%d} 不能晚于 {not_after:%Y-%m-%d}。", field,
                   f"The date must not be after {not_after:%Y-%m-%d}.")
    if not_before is not None and d < not_before:
        raise _err("date_too_early", f"日期 {d:%Y-%m-%d} 不能早于 {not_before:%Y-%m-%d}。", field,
                   f"The date must not be before {not_before:%Y-%m-%d}.")
    return d


# Bidirectional overrides can make stored text display differently from what it says.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_text(s: str | None, *, field: str, min_len: int = 1, max_len: int = 2000) -> str:
    """Free text, trimmed, with Windows line ends unified; control characters other than newline/tab refused."""
    v = (s or "").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    v = unicodedata.normalize("NFC", v).strip()
    if len(v) < min_len:
        if not v:
            raise _err("text_missing", "此项不能为空。", field, "This field is required.")
        raise _err("text_too_short", f"内容太短，至少要 {min_len} 个字。", field, f"At least {min_len} characters.")
    if len(v) > max_len:
        raise _err("text_too_long", f"内容太长：最多 {max_len} 个字，现在是 {len(v)} 个字。", field,
                   f"At most {max_len} characters ({len(v)} given).")
    for c in v:
        if (unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t") or c in _BIDI_CONTROLS:
            raise _err("text_control", f"内容里有看不见的控制字符（U+{ord(c):04X}），请删掉后再保存。", field,
                       f"The text contains an invisible control character U+{ord(c):04X}.")
    return v
