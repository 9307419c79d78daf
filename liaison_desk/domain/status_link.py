"""The public status page's link (issue 15): ``{address}/status/{case_no}?t={token}``, printed as a QR code on the
constituent's receipt, so the station can print it offline and the hub can check it with nothing synced.

The token is an HMAC of the case's id under a key both sides hold already: the station's bundle key, which the
station derives from its sync credential (``sync.bundle.bundle_key``) and the hub stored at enrollment. The
status key is derived from it under its own label, so a token never signs anything else. 96 bits of it (16
URL-safe characters) keep the QR code small and cannot be guessed. Nothing personal is in the link: the case
number is on the receipt anyway, the token is random-looking. Enrolling the station again (a new credential)
makes the links of receipts printed before stop opening the case; the page then asks for the case number and
the last four digits of the phone instead.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from urllib.parse import quote, urlsplit

from .errors import ValidationError

_LABEL = b"liaison-desk case status v1"
TOKEN_LEN = 16  # characters: 12 bytes in URL-safe base64
ADDRESS_MAX = 200


def status_key(bundle_key_hex: str) -> bytes:
    """The station's status key, from its bundle key (hex)."""
    return hmac.new(bytes.fromhex(bundle_key_hex), _LABEL, hashlib.sha256).digest()


def status_token(key: bytes, case_id: str) -> str:
    """The case's token: 16 URL-safe characters."""
    digest = hmac.new(key, str(case_id).lower().encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode("ascii")


def token_ok(key: bytes, case_id: str, token: str | None) -> bool:
    if not token or len(token) != TOKEN_LEN:
        return False
    return hmac.compare_digest(status_token(key, case_id).encode(), token.encode("ascii", "replace"))


def status_url(address: str, case_no: str, token: str) -> str:
    """The link the receipt's QR code holds."""
    return f"{address.rstrip('/')}/status/{quote(case_no, safe='')}?t={token}"


def check_public_address(value: object, *, field: str = "public_status_url") -> str:
    """The hub's public address as staff type it: ``http(s)://host[:port][/path]``, no query or fragment; empty
    means none (receipts then say to ask at the desk). Returns it without a trailing slash."""
    if not isinstance(value, str):
        raise ValidationError("bad_setting", "公众查询网址应为文字。", field=field, message_en="The address is text.")
    text = unicodedata.normalize("NFKC", value).strip().rstrip("/")
    if not text:
        return ""
    bad = ValidationError(
        "bad_public_address",
        "公众查询网址应以 http:// 或 https:// 开头，例如 https://rd.example.gov.cn（不含空格、问号和#）。",
        field=field,
        message_en="The public address must start with http:// or https://, e.g. https://rd.example.gov.cn "
                   "(no spaces, ? or #).")
    if len(text) > ADDRESS_MAX or re.search(r"[\s?#<>\"'\\]", text):
        raise bad
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        raise bad from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise bad
    return text


def last_four(phone: str | None) -> str:
    """The last four digits of a phone number as stored (any spelling); empty when it has fewer."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone or ""))
    return digits[-4:] if len(digits) >= 4 else ""
