"""The receipt's QR payload: case number, station code, registration time and a check value, verifiable offline.

Format (version 1), every character in the QR alphanumeric set so the code stays small and reads on a
58 mm slip::

    LD1:LX01-261122-0007-K:LX01:202611220931:Q3H7C2MA
    │   │                  │    │            └ check: first 8 base32 characters of SHA-256 over the rest
    │   │                  │    └ registration time, station-local, to the minute (YYYYMMDDHHMM)
    │   │                  └ station code of the station that printed it
    │   └ case number (canonical form, with its own check character)
    └ format and version

The check is a *plain* hash, not a keyed one (HMAC), on purpose. A key would have to sit on every station
PC — shared, unattended, without disk encryption — so it would not stop a determined forger, and it would
have to be distributed to every place that verifies (other stations, the county) and rotated, which the
sync does not do. What a slip needs checking for offline is that the code was not mistyped, misread,
damaged or hand-altered (someone changing the printed number or time to another case's): 40 bits of
SHA-256 catch that with certainty short of a deliberate recomputation. Whether the case exists and was
registered at that minute is then answered by the station's database, which is the authority; a forged
but self-consistent code still fails there. A keyed version, if ever needed, is a new prefix (``LD2``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from ..domain.case_number import parse_case_number
from ..domain.errors import DomainError, ValidationError

PREFIX = "LD1"
CHECK_LEN = 8
_TIME = "%Y%m%d%H%M"
_SHAPE = re.compile(r"LD1:([0-9A-Z-]{6,24}):([0-9A-Z]{2,8}):(\d{12}):([A-Z2-7]{8})")


@dataclass(frozen=True)
class ReceiptPayload:
    case_number: str
    station_code: str
    registered_at: dt.datetime  # station-local, to the minute
    check: str


def _check(case_number: str, station_code: str, stamp: str) -> str:
    body = f"{PREFIX}:{case_number}:{station_code}:{stamp}".encode("ascii")
    return base64.b32encode(hashlib.sha256(body).digest()).decode("ascii")[:CHECK_LEN]


def receipt_payload(case_number: str, station_code: str, registered_at: dt.datetime) -> str:
    """The QR text for a slip; ``registered_at`` is station-local."""
    number = str(parse_case_number(case_number))
    code = station_code.strip().upper()
    stamp = registered_at.strftime(_TIME)
    return f"{PREFIX}:{number}:{code}:{stamp}:{_check(number, code, stamp)}"


def _bad(zh: str, en: str) -> DomainError:
    return DomainError("bad_receipt_code", zh, field="receipt_code", message_en=en)


def verify_receipt_payload(payload: str) -> ReceiptPayload:
    """The contents of a scanned slip code, or a DomainError saying what is wrong with it.

    Checks the shape, the check value, the case number's own check character and the time; it does not
    look anything up: the caller compares the result with the database when it has one.
    """
    text = (payload or "").strip().upper()
    m = _SHAPE.fullmatch(text)
    if not m:
        raise _bad("这不是本系统打印的回执二维码，或二维码内容不完整。",
                   "This is not a LiaisonDesk receipt code, or the code is incomplete.")
    number, code, stamp, check = m.groups()
    if _check(number, code, stamp) != check:
        raise _bad("回执二维码校验不通过：内容被改动过或已损坏，请以联络站登记记录为准。",
                   "The receipt code fails its check: it was altered or damaged.")
    try:
        parsed = parse_case_number(number)
        when = dt.datetime.strptime(stamp, _TIME)
    except (ValidationError, ValueError):
        raise _bad("回执二维码中的编号或时间无效。", "The case number or time in the code is not valid.") from None
    if str(parsed) != number:
        raise _bad("回执二维码中的编号格式不规范。", "The case number in the code is not in canonical form.")
    return ReceiptPayload(number, code, when, check)
