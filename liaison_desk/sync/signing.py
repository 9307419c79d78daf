"""The county hub's signature on what enrolls a station (Ed25519, ``cryptography``).

The hub has one signing key (``hub.keys``). Every enrollment file and every ``/v1/enroll`` answer carries the
hub's public key and an Ed25519 signature over the canonical body; the station checks the signature and
pins the public key at its first enrollment (``services.sync.enroll``). The fingerprint (SHA-256 of the raw
public key) is printed on the enrollment slip in eight groups of four characters, so staff can compare it
by eye with what the desk shows. The body also names the fingerprint, so a file cannot be re-signed with
another key without the body changing.

What it proves: a file or answer signed with the pinned key came from the county hub and was not altered.
What it does not: at the very first enrollment the desk has nothing pinned yet; the fingerprint on the
slip is what staff check then.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from typing import Any

from ..domain.errors import DomainError
from .protocol import canonical


class SignatureRefused(DomainError):
    """Not signed by the county hub this station trusts (or not signed at all)."""


def fingerprint(public_key: str) -> str:
    """SHA-256 (hex) of the raw public key given as base64."""
    return hashlib.sha256(_b64(public_key)).hexdigest()


def show(fp: str) -> str:
    """The fingerprint as staff read it: the first 32 hex digits, upper case, in groups of four."""
    head = fp[:32].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def short(fp: str) -> str:
    """The 16 hex digits an enrollment token carries after its ``.`` (so a token names its hub)."""
    return fp[:16].lower()


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise _refused("bad_signature") from None


def public_key_text(private_key: Any) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(private_key: Any, body: Mapping[str, Any]) -> dict[str, str]:
    """``{"hub_key", "signature"}`` for ``body`` (its canonical JSON)."""
    sig = private_key.sign(canonical(body).encode("utf-8"))
    return {"hub_key": public_key_text(private_key), "signature": base64.b64encode(sig).decode("ascii")}


def _refused(code: str) -> SignatureRefused:
    zh = {
        "not_signed": "登记文件没有县级平台的签名（可能是伪造的），已拒绝，本机设置没有改动。",
        "bad_signature": "登记文件的县级平台签名不符（被改动过或是伪造的），已拒绝，本机设置没有改动。",
        "hub_key_changed": "登记内容不是本站已认定的县级平台签发的（密钥指纹不同，可能是伪造的），已拒绝，本机设置没有改动。",
        "token_hub_mismatch": "县级平台的密钥指纹与登记码不符（地址错误或被冒充），已拒绝，本机设置没有改动。",
    }[code]
    en = {
        "not_signed": "The enrollment carries no county hub signature (forged?); refused, nothing here changed.",
        "bad_signature": "The county hub's signature does not match (altered or forged); refused, nothing changed.",
        "hub_key_changed": "Not signed by the county hub this station trusts (another key fingerprint: forged?); "
                           "refused, nothing here changed.",
        "token_hub_mismatch": "The hub's key fingerprint does not match the token (wrong address or an impostor); "
                              "refused, nothing here changed.",
    }[code]
    return SignatureRefused(code, zh, message_en=en)


def verify(body: Mapping[str, Any], hub_key: object, signature: object, *, pinned: str | None = None) -> str:
    """Check ``signature`` over ``body`` with ``hub_key`` (and that it is the ``pinned`` key when one is);
    returns the key. The body must name the key's fingerprint (``hub_fingerprint``)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(hub_key, str) or not isinstance(signature, str) or not hub_key or not signature:
        raise _refused("not_signed")
    try:
        key = Ed25519PublicKey.from_public_bytes(_b64(hub_key))
        key.verify(_b64(signature), canonical(body).encode("utf-8"))
    except (InvalidSignature, ValueError):
        raise _refused("bad_signature") from None
    if body.get("hub_fingerprint") != fingerprint(hub_key):
        raise _refused("bad_signature")
    if pinned is not None and pinned != hub_key:
        raise _refused("hub_key_changed")
    return hub_key


def split_token(token: str) -> tuple[str, str | None]:
    """A token is ``secret.fp16``: the hub's fingerprint travels with it (older tokens have none). The
    whole text is what the hub checks; the tail is what the station checks the answer's key against."""
    token = token.strip()
    head, dot, tail = token.rpartition(".")
    if dot and head and len(tail) == 16 and all(c in "0123456789abcdef" for c in tail.lower()):
        return token, tail.lower()
    return token, None


def refuse(code: str) -> SignatureRefused:
    return _refused(code)
