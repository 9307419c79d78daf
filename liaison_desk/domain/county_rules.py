"""The county's rules for handling cases (issue 15): how long a department has to return a case (退办), how
many extensions (延期) and how far, the 督办 levels, and what a scanned 答复函 may be.

Local regulations differ, so every figure is a setting (:class:`CountyRules`); the defaults are the common
ones (7 working days to return a case, one extension of at most a month). The hub's console service
(``hub.console.actions``) applies them; the rules that a case's own events decide (one pending extension
at a time, a later date, only an open case) live in ``workflow``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ValidationError

MB = 1024 * 1024


@dataclass(frozen=True)
class CountyRules:
    """The county's settings for its actions on cases."""

    return_window_days: int = 7  # a department may 退办 within this many working days of the assignment
    max_extensions: int = 1  # 延期 approved per assignment
    max_extension_months: int = 1  # how far past the current deadline an extension may go
    max_working_days: int = 120  # the longest time limit a 交办 may give
    supervision_levels: tuple[str, ...] = ("一般", "重点", "挂牌")  # 督办方式, as printed: 重点督办…
    max_file_bytes: int = 10 * MB  # a scanned 答复函
    require_reply_letter: bool = True  # a reply is recorded with its signed 答复函
    office_name: str = "县人大常委会代表工作委员会"  # the 发文机关 of the 督办通知 printed at the hub
    office_short_name: str = "县人大代表工委"  # 机关代字 in the 发文字号

    @classmethod
    def from_env(cls, env: Mapping[str, str], prefix: str = "LIAISON_HUB_") -> CountyRules:
        """The defaults with any ``LIAISON_HUB_RETURN_WINDOW_DAYS``-style variable laid over them (lists are
        comma-separated, 是/否 or 1/0 for yes and no); a bad value is refused naming the variable."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(prefix + f.name.upper())
            if raw is None or not raw.strip():
                continue
            default = getattr(cls, f.name)
            try:
                if isinstance(default, bool):
                    values[f.name] = raw.strip().lower() in ("1", "true", "yes", "是")
                elif isinstance(default, int):
                    number = int(raw)
                    if number < 0:
                        raise ValueError(raw)
                    values[f.name] = number
                elif isinstance(default, tuple):
                    values[f.name] = tuple(x.strip() for x in raw.replace("，", ",").split(",") if x.strip())
                else:
                    values[f.name] = raw.strip()
            except ValueError:
                raise ValidationError("bad_setting", f"设置 {prefix + f.name.upper()} 的值无效：{raw}",
                                      field=f.name, message_en=f"Bad value for {prefix + f.name.upper()}: {raw}") from None
        return replace(cls(), **values)


DEFAULT_RULES = CountyRules()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day (1月31日 → 2月28日)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def latest_extension(deadline: dt.date, rules: CountyRules = DEFAULT_RULES) -> dt.date:
    """The latest date an extension may ask for."""
    return add_months(deadline, rules.max_extension_months)


# -- the scanned 答复函 -----------------------------------------------------------------------------------
LETTER_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}


def sniff_letter_type(content: bytes) -> str | None:
    """The file's type by its first bytes (never by its name): PDF, JPEG or PNG, else None."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def check_letter_file(name: str, content: bytes, rules: CountyRules = DEFAULT_RULES) -> tuple[str, str]:
    """The cleaned file name and its type, or the refusal: empty, too large, not a PDF/JPG/PNG by content,
    or a PDF cut short (no end-of-file mark: an upload that broke off)."""
    limit_mb = rules.max_file_bytes / MB
    if not content:
        raise ValidationError("file_empty", "答复函文件是空的，请重新扫描后上传。", field="letter",
                              message_en="The reply letter file is empty.")
    if len(content) > rules.max_file_bytes:
        raise ValidationError("file_too_large",
                              f"答复函文件太大（{len(content) / MB:.1f} MB），最大 {limit_mb:g} MB。请降低扫描分辨率或改存为 PDF。",
                              field="letter",
                              message_en=f"The reply letter is too large ({len(content) / MB:.1f} MB); at most {limit_mb:g} MB.")
    mime = sniff_letter_type(content)
    if mime is None:
        raise ValidationError("file_type", "答复函只能是扫描的 PDF、JPG 或 PNG 文件（按文件内容判断，不看扩展名）。",
                              field="letter", message_en="The reply letter must be a scanned PDF, JPG or PNG file.")
    if mime == "application/pdf" and b"%%EOF" not in content[-2048:]:
        raise ValidationError("file_broken", "答复函 PDF 文件不完整（可能上传中断），请重新上传。", field="letter",
                              message_en="The PDF is incomplete (the upload may have broken off).")
    return clean_file_name(name, mime), mime


def clean_file_name(name: str, mime: str) -> str:
    """The name without any folder part or control characters, at most 100 characters; a default when
    nothing is left."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()
    if not base or base in (".", ".."):
        base = "答复函." + LETTER_TYPES[mime].lower()
    return base[-100:]
