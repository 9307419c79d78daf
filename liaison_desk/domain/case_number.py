"""Case numbers (社情民意编号): readable over the phone, unique across offline stations, with a check character."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .errors import ValidationError

# 31 symbols: the digits and the 21 letters that are not confused with a digit when read aloud or written by
# hand. I, O, Q, S and Z are left out (they pass for 1, 0, 0, 5 and 2). 31 is prime, which the check needs.
ALPHABET = "0123456789ABCDEFGHJKLMNPRTUVWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_MOD = 31
# Any radix other than 0 and 1 mod 31 catches every single substitution and every adjacent swap; a
# primitive root also gives every position (up to 30) its own weight, which catches more jump swaps.
_RADIX = 3
_LOOKALIKES = str.maketrans({"O": "0", "Q": "0", "I": "1", "S": "5", "Z": "2"})
_LOOKALIKE_HINT = "I、O、Q、S、Z 读出来或手写时容易和 1、0、0、5、2 混淆"
_DIGITS = "0123456789"

STATION_MIN, STATION_MAX = 2, 8
SEQ_WIDTH = 4
MAX_SEQ: int = 10**SEQ_WIDTH - 1
_DATE_LEN = 6
_TAIL_LEN = _DATE_LEN + SEQ_WIDTH + 1  # date + sequence + check, parsed from the right
# People write the separators as spaces, dashes of every width, dots or slashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_./·]+")


def check_symbol(body: str) -> str:
    """The check symbol c for ``body`` (alphabet symbols only): sum(v_i · 3^(n-i)) + c ≡ 0 (mod 31).

    The check itself has weight 1, so it is covered too. A wrong symbol changes the sum by d·3^k with
    0 < |d| < 31, never ≡ 0 mod the prime 31; swapping neighbours a ≠ b changes it by (a−b)·3^k·(3−1),
    never ≡ 0 either. So every single wrong character and every swap of two neighbours is caught.
    """
    total = 0
    for ch in body:
        total = (total + _VALUE[ch]) * _RADIX % _MOD
    return ALPHABET[-total % _MOD]


def is_valid_compact(compact: str) -> bool:
    """True when ``compact`` (body + check, alphabet symbols only, no hyphens) passes the check."""
    if len(compact) < 2 or any(c not in _VALUE for c in compact):
        return False
    return check_symbol(compact[:-1]) == compact[-1]


def validate_station_code(code: str) -> str:
    """Normalize a station code (trim, full-width → ASCII, upper case) or explain in Chinese what is wrong."""
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", code or "")).upper()
    if not norm:
        raise ValidationError("bad_station_code", "请填写站点代码（2 到 8 位数字或字母，例如 LX01）。",
                              field="station_code", message_en="Please enter a station code (2 to 8 letters or digits).")
    bad = list(dict.fromkeys(c for c in norm if c not in _VALUE))
    if bad:
        lookalikes = [c for c in bad if c in "IOQSZ"]
        others = [c for c in bad if c not in "IOQSZ"]
        reasons = []
        if lookalikes:
            reasons.append(f"不能用字母 {'、'.join(lookalikes)}，因为{_LOOKALIKE_HINT}，电话里报编号时会听错")
        if others:
            reasons.append(f"不能有 {'、'.join(others)}，只能用数字和英文字母")
        raise ValidationError(
            "bad_station_code", f"站点代码{'；'.join(reasons)}。", field="station_code",
            message_en=(f"Station codes use digits and letters except I, O, Q, S, Z (confused with 1, 0, 0, 5, 2 when "
                        f"read aloud); not allowed: {' '.join(bad)}"))
    if not STATION_MIN <= len(norm) <= STATION_MAX:
        raise ValidationError("bad_station_code", f"站点代码应为 2 到 8 位数字或字母，现在是 {len(norm)} 位。",
                              field="station_code", message_en="A station code has 2 to 8 letters or digits.")
    return norm


@dataclass(frozen=True)
class CaseNumber:
    station_code: str
    day: dt.date
    seq: int
    check: str

    def __str__(self) -> str:
        return f"{self.station_code}-{self.day:%y%m%d}-{self.seq:0{SEQ_WIDTH}d}-{self.check}"


def _body(station_code: str, day: dt.date, seq: int) -> str:
    return f"{station_code}{day:%y%m%d}{seq:0{SEQ_WIDTH}d}"


def format_case_number(station_code: str, day: dt.date, seq: int) -> str:
    """``LX03-261122-0001-K``: the ``seq``-th case of ``day`` (station-local date) at the station."""
    code = validate_station_code(station_code)
    # Two-digit years are read back as 20YY, so other centuries could not round-trip.
    if not 2000 <= day.year <= 2099:
        raise ValidationError("bad_case_date", f"案件日期 {day:%Y-%m-%d} 超出编号可表示的范围（2000–2099 年）。",
                              field="day", message_en="Case numbers cover the years 2000 to 2099.")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQ:
        raise ValidationError("bad_sequence", f"当天序号超出范围（1–{MAX_SEQ}），今天的编号已用完。", field="seq",
                              message_en=f"The day's sequence must be 1 to {MAX_SEQ}.")
    body = _body(code, day, seq)
    return str(CaseNumber(code, day, seq, check_symbol(body)))


# The example in the message is computed, so it always passes its own check.
EXAMPLE = format_case_number("LX03", dt.date(2026, 11, 22), 1)  # LX03-261122-0001-K
FORMAT_HINT = f"编号格式不对，应为 站点代码-年月日-序号-校验位，例如 {EXAMPLE}"


def _format_error() -> ValidationError:
    return ValidationError("bad_case_number", FORMAT_HINT, field="case_number",
                           message_en=f"Case numbers look like {EXAMPLE} (station-date-sequence-check).")


def _split(norm: str) -> tuple[str, str, str, str]:
    groups = [g for g in _SEPARATORS.split(norm) if g]
    # With separators, the sequence may be written without its leading zeros (LX03-261122-1-K).
    if len(groups) == 4 and len(groups[1]) == _DATE_LEN and 1 <= len(groups[2]) <= SEQ_WIDTH \
            and len(groups[3]) == 1:
        code, date_s, seq_s, check = groups
        return code, date_s, seq_s.rjust(SEQ_WIDTH, "0"), check
    # Station-date-sequence with the check left off: read from the right, it would pass for a number with a
    # wrong check, and "check failed" would send the user looking for a typo that is not there.
    if len(groups) == 3 and len(groups[1]) == _DATE_LEN and 1 <= len(groups[2]) <= SEQ_WIDTH \
            and all(c in _DIGITS for c in groups[1] + groups[2]):
        raise _format_error()
    # Otherwise ignore where the separators were and read from the right: the tail has a fixed width.
    flat = "".join(groups)
    if not STATION_MIN + _TAIL_LEN <= len(flat) <= STATION_MAX + _TAIL_LEN:
        raise _format_error()
    return flat[:-_TAIL_LEN], flat[-_TAIL_LEN:-SEQ_WIDTH - 1], flat[-SEQ_WIDTH - 1:-1], flat[-1]


def parse_case_number(text: str) -> CaseNumber:
    """Read a case number as people type it; strict only about the check character.

    Forgives spaces, missing or extra hyphens, lower case, full-width characters and the look-alike letters
    O/Q, I, S, Z (read as 0, 1, 5, 2: they are not in the alphabet, so they can only be a miswritten digit).
    """
    norm = unicodedata.normalize("NFKC", text or "").upper().translate(_LOOKALIKES)
    if not _SEPARATORS.sub("", norm):
        raise ValidationError("empty_case_number", "请输入案件编号。", field="case_number",
                              message_en="Please enter a case number.")
    code, date_s, seq_s, check = _split(norm)
    if (any(c not in _VALUE for c in code + check) or any(c not in _DIGITS for c in date_s + seq_s)
            or not STATION_MIN <= len(code) <= STATION_MAX):
        raise _format_error()
    seq = int(seq_s)
    if seq == 0:
        raise _format_error()
    # Check before the date: a date like 261131 is almost always a mistyped digit, which the check
    # message explains better than "no such date".
    if check_symbol(code + date_s + seq_s) != check:
        raise ValidationError("bad_check_character",
                              "编号校验不通过，可能有字抄错或两个字颠倒了，请核对回执上的编号。", field="case_number",
                              message_en="The number fails its check: a character is wrong or two are swapped. "
                                         "Please compare it with the receipt.")
    try:
        day = dt.date(2000 + int(date_s[:2]), int(date_s[2:4]), int(date_s[4:]))
    except ValueError:
        raise ValidationError("bad_case_number_date", f"编号中的日期 {date_s} 不是有效日期，请核对回执上的编号。",
                              field="case_number",
                              message_en=f"The date {date_s} in the case number does not exist.") from None
    return CaseNumber(code, day, seq, check)
