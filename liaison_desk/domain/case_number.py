"""Case numbers (社情民意编号): readable over the phone, unique across stations, with a check character."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .errors import ValidationError

# 31 symbols (a prime): digits and the letters that are not confused with digits when read aloud or
# handwritten — I, O, Q, S and Z are left out (1, 0, 0, 5, 2).
ALPHABET = "0123456789ABCDEFGHJKLMNPRTUVWXY"
assert len(ALPHABET) == 31
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_MOD = 31
_RADIX = 3  # a primitive root mod 31: every weight 3^i is distinct and non-zero
_LOOKALIKES = str.maketrans({"O": "0", "Q": "0", "I": "1", "S": "5", "Z": "2"})
SEQ_WIDTH = 4
FORMAT_HINT = "编号格式不对，应为 站点代码-年月日-序号-校验位，例如 QX03-261122-0007-K"


def check_symbol(body: str) -> str:
    """The symbol c that makes sum(v_i · 3^(n-i)) + c ≡ 0 (mod 31) over body + c.

    A wrong symbol changes the sum by d·3^k with 0 < |d| < 31, never 0 mod 31; swapping neighbours a, b
    changes it by (a−b)·3^k·(3−1), never 0 mod 31 either. So both errors are always caught.
    """
    total = 0
    for ch in body:
        total = (total + _VALUE[ch]) * _RADIX % _MOD
    return ALPHABET[(-total) % _MOD]


def _is_valid(full: str) -> bool:
    total = 0
    for ch in full[:-1]:
        total = (total + _VALUE[ch]) * _RADIX % _MOD
    return (total + _VALUE[full[-1]]) % _MOD == 0


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def validate_station_code(code: str) -> str:
    norm = _normalize(code).replace(" ", "")
    bad = sorted({c for c in norm if c not in _VALUE})
    if bad:
        raise ValidationError(
            "bad_station_code",
            f"站点代码只能用数字和字母（不含 I、O、Q、S、Z，以免与数字混淆），不能包含：{'、'.join(bad)}",
            field="station_code",
            message_en=f"Station codes use digits and letters except I, O, Q, S, Z; not allowed: {' '.join(bad)}",
        )
    if not 2 <= len(norm) <= 8:
        raise ValidationError("bad_station_code", "站点代码应为 2 到 8 位数字或字母。", field="station_code",
                              message_en="A station code has 2 to 8 letters or digits.")
    return norm


@dataclass(frozen=True)
class CaseNumber:
    station_code: str
    day: dt.date
    seq: int
    check: str

    def __str__(self) -> str:
        return f"{self.station_code}-{self.day:%y%m%d}-{self.seq:0{SEQ_WIDTH}d}-{self.check}"


def format_case_number(station_code: str, day: dt.date, seq: int) -> str:
    code = validate_station_code(station_code)
    if not 1 <= seq <= 10**SEQ_WIDTH - 1:
        raise ValidationError("bad_sequence", "当天序号超出范围（1–9999）。", field="seq")
    body = f"{code}{day:%y%m%d}{seq:0{SEQ_WIDTH}d}"
    return str(CaseNumber(code, day, seq, check_symbol(body)))


def _format_error() -> ValidationError:
    return ValidationError("bad_case_number", FORMAT_HINT, field="case_number",
                           message_en="Case numbers look like QX03-261122-0007-K (station-date-sequence-check).")


def parse_case_number(text: str) -> CaseNumber:
    """Forgiving about spaces, hyphens, case, full-width characters and look-alike letters; strict about the
    check character."""
    norm = _normalize(text)
    if not norm:
        raise ValidationError("empty_case_number", "请输入案件编号。", field="case_number",
                              message_en="Please enter a case number.")
    norm = re.sub(r"[\s\-—–_.·/]+", "-", norm).strip("-").translate(_LOOKALIKES)
    parts = norm.split("-")
    if len(parts) == 4:
        code, date_s, seq_s, check = parts
    elif len(parts) == 1 and len(norm) >= 2 + 6 + SEQ_WIDTH + 1:
        check, seq_s = norm[-1], norm[-1 - SEQ_WIDTH:-1]
        date_s, code = norm[-7 - SEQ_WIDTH:-1 - SEQ_WIDTH], norm[:-7 - SEQ_WIDTH]
    else:
        raise _format_error()
    if (not 2 <= len(code) <= 8 or len(date_s) != 6 or not date_s.isdigit() or len(seq_s) != SEQ_WIDTH
            or not seq_s.isdigit() or len(check) != 1 or any(c not in _VALUE for c in code + check)):
        raise _format_error()
    try:
        day = dt.datetime.strptime(date_s, "%y%m%d").date()
    except ValueError:
        raise ValidationError("bad_case_number_date", f"编号中的日期 {date_s} 不是有效日期，请核对回执上的编号。",
                              field="case_number", message_en=f"The date {date_s} in the number is invalid.") from None
    if not _is_valid(code + date_s + seq_s + check):
        raise ValidationError("bad_check_character", "编号校验不通过，可能有字抄错或两个字颠倒了，请核对回执上的编号。",
                              field="case_number",
                              message_en="The check character does not match: a character is wrong or two are swapped.")
    return CaseNumber(code, day, int(seq_s), check)
