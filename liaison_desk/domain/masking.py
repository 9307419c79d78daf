"""The one rule for personal numbers on paper: ID numbers, mobile and landline numbers and bank-card numbers
are masked wherever they occur — in a field of their own or typed into free text — in one format each.

- ID number (18 or 15 digits, last may be X): first 6 and last 4, ``110101********1233``;
- mobile: ``138****5678`` (a +86 or 0086 in front is dropped);
- landline: area code and last 4, ``0551-****2345``; a bare 7–8 digit local number only after a word such as
  电话/座机/号码, possibly joined to it by 是/为/号/方式/a colon/spaces (amounts and counts are not phone
  numbers);
- bank card (16–19 digits, grouped or not) and any other run of 12 or more digits: first 4 and last 4.

Digits may be ASCII or full-width (so may the ID's check character X) and may be grouped as people type
them: with up to three spaces (also no-break and full-width), hyphens or dashes of any width, dots or middle
dots between groups; a mobile may also be grouped 4-4-3. The rule is idempotent (masked text has no run long
enough to match again) and leaves case numbers (``LX01-261122-0007-K``, also typed without hyphens:
``LX012611220007V``, as ``case_number.parse_case_number`` reads them), dates and letter numbers alone.
``masked(data)`` applies it to every string of a dataclass, recursively, except fields declared ``PUBLIC``
(the station's own phone number).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar

from .case_number import SEQ_WIDTH, STATION_MAX, parse_case_number
from .errors import ValidationError
from .validation import mask_id_number, mask_phone

# Field metadata of a value that is public and printed in full (a station's or an office's own number).
PUBLIC: Mapping[str, bool] = {"public": True}

_D = r"[0-9０-９]"
_CHECK = r"[0-9０-９XxＸｘ]"
# What people put between groups of digits: spaces (no-break, full-width), hyphens and dashes of every width
# (‐ ‑ ‒ – — ― −), dots and middle dots. Runs of up to three (bounded: no backtracking blow-up).
_SEP_CHAR = r"[ \u00a0\u3000\-－\u2010-\u2015\u2212.．·・]"
_SEP = rf"{_SEP_CHAR}{{0,3}}"
_GAP = rf"{_SEP_CHAR}{{1,3}}"
# A phone word, then what joins it to the number in a sentence: 电话是…, 电话为…, 联系方式…, 座机号…, 电话：….
_KEYWORDS = r"(?:电话|座机|手机|号码|联系|tel|Tel|TEL)(?:[是为為号號:：\s]|方式)*"

_NOT_AFTER_DIGIT = r"(?<![0-9０-９])"
_NOT_BEFORE_DIGIT = r"(?![0-9０-９])"

_KINDS = (
    # 18-digit ID grouped 6-8-4 / 6-4-4-4, or contiguous
    ("id", rf"{_D}{{6}}{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}{_SEP}{_D}{{3}}{_CHECK}"),
    # 15-digit ID grouped 6-6-3 (contiguous, it is a "long" run)
    ("id15", rf"{_D}{{6}}{_GAP}{_D}{{6}}{_GAP}{_D}{{3}}"),
    # bank card grouped 4-4-4-4(-1..3)
    ("card", rf"{_D}{{4}}(?:{_GAP}{_D}{{4}}){{3}}(?:{_GAP}?{_D}{{1,3}})?"),
    # mobile, optionally after +86 / 0086 / 86, grouped 3-4-4, 4-4-3 or contiguous
    ("mobile", (rf"(?:(?:\+|＋|00)?86{_SEP})?[1１][3-9３-９]{_D}"
                rf"(?:{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}|{_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{3}})")),
    # landline with area code: (0551)62612345, 0551-62612345, 010 8888 6666 …
    ("landline", rf"[(（]?[0０](?:[1１][0０]|[2２]{_D}|[3-9３-９]{_D}{_D})[)）]?{_SEP}[1-9１-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"),
    # any other run of 12 or more digits (after the phone patterns: a +86 number is a phone)
    ("long", rf"{_D}{{12,}}[XxＸｘ]?"),
    # a local number after a phone word: 电话 6261234
    ("local", rf"{_KEYWORDS}[2-9２-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"),
)
_THREE_DIGITS = re.compile(r"[0-9０-９]{3}")
_UUID = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![0-9A-Za-z])")
# The longest case number typed without hyphens: station code, yymmdd, sequence, check.
_CASE_NUMBER_MAX = STATION_MAX + 6 + SEQ_WIDTH + 1
_LOCAL_NUMBER = re.compile(rf"{_D}(?:{_D}|{_SEP_CHAR})*$")
_PATTERN = re.compile("|".join(f"(?P<{kind}>{_NOT_AFTER_DIGIT}{body}{_NOT_BEFORE_DIGIT})" for kind, body in _KINDS))


def _digits(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", s) if c.isdigit() or c in "Xx").upper()


def _is_word(c: str) -> bool:
    """A letter or digit, ASCII or full-width: what a case number typed without hyphens is made of."""
    return (c.isascii() and c.isalnum()) or "０" <= c <= "９" or "Ａ" <= c <= "Ｚ" or "ａ" <= c <= "ｚ"


def _is_case_number(m: re.Match[str]) -> bool:
    """True when the match is the digits of a case number typed without hyphens (``LX012611220007V``): the
    whole word of letters and digits around it passes ``parse_case_number``. The station code must hold a
    letter: an all-digit word that happens to pass (about 1 in 1,000 card numbers, an ID ending in X) could
    be a card or an ID number, and those are masked."""
    text, start, end = m.string, m.start(), m.end()
    # The station code's letter (or a letter after its last digit) is right before the match: a match starts
    # after a non-digit. Without one — a phone field, a number in a sentence — there is nothing to parse.
    if start == 0 or not _is_word(text[start - 1]) or not all(_is_word(c) for c in m.group()):
        return False
    # A word longer than a case number is not one: stop there (a long word with many runs stays linear).
    while start > 0 and _is_word(text[start - 1]) and end - start <= _CASE_NUMBER_MAX:
        start -= 1
    while end < len(text) and _is_word(text[end]) and end - start <= _CASE_NUMBER_MAX:
        end += 1
    if end - start > _CASE_NUMBER_MAX:
        return False
    try:
        number = parse_case_number(text[start:end])
    except ValidationError:
        return False
    return any(c.isalpha() for c in number.station_code)


def _mask_match(m: re.Match[str]) -> str:
    kind = m.lastgroup or ""
    raw = m.group()
    if _is_case_number(m):
        return raw
    if kind == "local":
        number = _LOCAL_NUMBER.search(raw)
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
    # A record or change id (a UUID) is nobody's number, and the log's way to find a record: kept whole, even
    # when its groups of digits look like a phone number written with dashes.
    out, last = [], 0
    for m in _UUID.finditer(text):
        out += [_PATTERN.sub(_mask_match, text[last:m.start()]), m.group()]
        last = m.end()
    out.append(_PATTERN.sub(_mask_match, text[last:]))
    return "".join(out)


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
