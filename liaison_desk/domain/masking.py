"""The one rule for personal numbers on paper: ID numbers, mobile and landline numbers and bank-card numbers
are masked wherever they occur — in a field of their own or typed into free text — in one format each.

- ID number (18 or 15 digits, last may be X): first 6 and last 4, ``110101********1233``;
- mobile: ``138****5678`` (a +86 or 0086 in front is dropped);
- landline: area code and last 4, ``0551-****2345``; a bare 7–8 digit local number only after a word such as
  电话/座机/号码 (amounts and counts are not phone numbers);
- bank card (16–19 digits, grouped or not) and any other run of 12 or more digits: first 4 and last 4.

Digits may be ASCII or full-width and may be grouped with spaces or hyphens as people type them. The rule
is idempotent (masked text has no run long enough to match again) and leaves case numbers
(``LX01-261122-0007-K``), dates and letter numbers alone. ``masked(data)`` applies it to every string of a
dataclass, recursively, except fields declared ``PUBLIC`` (the station's own phone number).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar

from .validation import mask_id_number, mask_phone

# Field metadata of a value that is public and printed in full (a station's or an office's own number).
PUBLIC: Mapping[str, bool] = {"public": True}

_D = r"[0-9０-９]"
_SEP = r"[ \u3000\-－]?"
_KEYWORDS = r"(?:电话|座机|手机|号码|联系|tel|Tel|TEL)[:：\s]*"

_NOT_AFTER_DIGIT = r"(?<![0-9０-９])"
_NOT_BEFORE_DIGIT = r"(?![0-9０-９])"
_GAP = r"[ \u3000\-－]"

_KINDS = (
    # 18-digit ID grouped 6-8-4 / 6-4-4-4, or contiguous
    ("id", rf"{_D}{{6}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{3}}[0-9０-９Xx]"),
    # 15-digit ID grouped 6-6-3 (contiguous, it is a "long" run)
    ("id15", rf"{_D}{{6}}{_GAP}{_D}{{6}}{_GAP}{_D}{{3}}"),
    # bank card grouped 4-4-4-4(-1..3)
    ("card", rf"{_D}{{4}}(?:{_GAP}{_D}{{4}}){{3}}(?:{_GAP}?{_D}{{1,3}})?"),
    # mobile, optionally after +86 / 0086 / 86, grouped 3-4-4 or contiguous
    ("mobile", rf"(?:(?:\+|＋|00)?86{_SEP})?[1１][3-9３-９]{_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}"),
    # landline with area code: (0551)62612345, 0551-62612345, 010 8888 6666 …
    ("landline", rf"[(（]?[0０](?:[1１][0０]|[2２]{_D}|[3-9３-９]{_D}{_D})[)）]?{_SEP}[1-9１-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"),
    # any other run of 12 or more digits (after the phone patterns: a +86 number is a phone)
    ("long", rf"{_D}{{12,}}[Xx]?"),
    # a local number after a phone word: 电话 6261234
    ("local", rf"{_KEYWORDS}[2-9２-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"),
)
_THREE_DIGITS = re.compile(r"[0-9０-９]{3}")
_PATTERN = re.compile("|".join(f"(?P<{kind}>{_NOT_AFTER_DIGIT}{body}{_NOT_BEFORE_DIGIT})" for kind, body in _KINDS))


def _digits(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", s) if c.isdigit() or c in "Xx").upper()


def _mask_match(m: re.Match[str]) -> str:
    kind = m.lastgroup or ""
    raw = m.group()
    if kind == "local":
        number = re.search(r"[0-9０-９][0-9０-９ \u3000\-－]*$", raw)
        start = number.start() if number else len(raw)
        digits = _digits(raw[start:])
        return raw[:start] + "*" * (len(digits) - 4) + digits[-4:]
    digits = _digits(raw)
    if kind == "mobile":
        return mask_phone(digits[-11:])
    if kind == "landline":
        return mask_phone(digits)
    if kind in ("id", "id15") or (kind == "long" and len(digits) in (15, 18)):
        return mask_id_number(digits)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def mask_text(text: str | None) -> str:
    """``text`` with every ID, phone and bank-card number in it masked; everything else unchanged."""
    if not text:
        return ""
    if not _THREE_DIGITS.search(text):  # every number the rule masks has a run of three digits: skip the rest
        return text
    return _PATTERN.sub(_mask_match, text)


def mask_phone_field(value: str | None) -> str:
    """A phone-number field on paper: masked by the rule above, or — when it is not recognisably a number —
    reduced to its last two characters by ``mask_phone``. Already masked values stay as they are."""
    if not value:
        return ""
    out = mask_text(value)
    if out != value or "*" in value:
        return out
    return mask_phone(value)


T = TypeVar("T")


def masked(data: T) -> T:
    """``data`` (a dataclass, or a tuple/list of them, or a string) with ``mask_text`` applied to every string
    in it, recursively; fields whose metadata is ``PUBLIC`` are left as they are."""
    return _walk(data)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        new = mask_text(value)
        return value if new == value else new
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init or f.metadata.get("public"):
                continue
            old = getattr(value, f.name)
            new = _walk(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        items = [_walk(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    return value
