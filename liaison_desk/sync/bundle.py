"""Bundle files for stations with no link: the same push and pull messages, encrypted and signed, on a
USB stick.

A bundle's message (``kind`` is ``push`` from a station, ``answer`` from the hub) is signed as it always was:
``hmac`` is HMAC-SHA256 of the canonical body under the *bundle key*, derived from the station's credential
(the hub keeps that key, never the credential). Since issue 17 the signed message is also encrypted, so a
lost stick shows no visitor's name, phone or ID number:

    {"format": "liaison-desk-bundle",
     "sealed": {"cipher": "AES-256-GCM", "kind", "station_code", "protocol", "nonce", "data"}}

``data`` is base64 of AES-256-GCM over zlib(canonical ``{"body", "hmac"}``), under the *sealing key*:
HKDF-SHA256 of the bundle key with its own label (``sealing_key``), so the cipher and the signature never
share a key, and both ends hold it without a new secret (stations enrolled before this release keep
working). The clear fields are what the hub needs to find the station's key; they are the cipher's
associated data, so changing one (another station code, say) fails like changing any other byte. A file
altered or cut short anywhere is refused whole with one line.

Plain bundles (``{"format", "body", "hmac"}``, the earlier format) are still *read* where that is safe:
at the hub, from a desk not yet upgraded (its push is what the stick already showed; logged, counted in the
summary, and answered encrypted), and for enrollment files (``enrollment_file``: what protects those is
the hub's Ed25519 signature, not this cipher). A station never reads a plain answer: the hub is upgraded
first and always encrypts, so a plain answer is either very old or made to look so.

Importing a file twice or out of order is safe because what it carries is idempotent (changes by change
id, acknowledgements by change id) and an answer is applied only on top of the cursor it was made for.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from . import signing
from .protocol import PROTOCOL_VERSION, canonical, check_version

FORMAT = "liaison-desk-bundle"
# The bundle's format version is the body's ``protocol`` (PROTOCOL_VERSION, 3 since the merge rules changed),
# checked by ``verify`` after the signature: a file from a release of another protocol is refused with the
# readable upgrade message and nothing is imported. (The key label "bundle v1" names the key derivation, not
# the format: changing it would orphan every enrolled station's key at the hub.)
KINDS = frozenset({"push", "answer", "enrollment"})
#: kinds that travel encrypted (an enrollment file's secret is its own key: see the module docstring)
SEALED_KINDS = frozenset({"push", "answer"})
CIPHER = "AES-256-GCM"
_SEAL_LABEL = b"liaison-desk bundle encryption v1"
log = logging.getLogger(__name__)


class BundleRefused(DomainError):
    """A bundle that is not ours, was altered, or was signed for another station."""


def bundle_key(credential: str) -> str:
    """The signing key, derived from the station credential (the hub keeps this and only a hash of the
    credential itself, so a leaked hub table cannot be used to sign in as the station)."""
    return hmac.new(credential.encode("utf-8"), b"liaison-desk bundle v1", hashlib.sha256).hexdigest()


def sign(body: Mapping[str, Any], key: str) -> str:
    return hmac.new(bytes.fromhex(key), canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def sealing_key(key: str) -> bytes:
    """The AES-256 key of a station's bundles: HKDF-SHA256 of its bundle key (hex) with its own label."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEAL_LABEL).derive(bytes.fromhex(key))


def _header_aad(header: Mapping[str, Any]) -> bytes:
    return canonical({k: v for k, v in header.items() if k != "data"}).encode("utf-8")


def plain_dumps(body: Mapping[str, Any], key: str) -> str:
    """The earlier, signed but readable format (enrollment files; tests of what older desks write)."""
    if body.get("kind") not in KINDS:
        raise ValueError(f"unknown bundle kind {body.get('kind')!r}")
    body = {**body, "protocol": PROTOCOL_VERSION}
    return canonical({"format": FORMAT, "body": body, "hmac": sign(body, key)}) + "\n"


def dumps(body: Mapping[str, Any], key: str) -> str:
    """A bundle's text: encrypted for ``push`` and ``answer`` (module docstring), signed either way."""
    kind = body.get("kind")
    if kind not in SEALED_KINDS:
        return plain_dumps(body, key)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = {**body, "protocol": PROTOCOL_VERSION}
    inner = canonical({"body": body, "hmac": sign(body, key)}).encode("utf-8")
    header = {"cipher": CIPHER, "kind": kind, "station_code": str(body.get("station_code") or ""),
              "protocol": PROTOCOL_VERSION, "nonce": base64.b64encode(os.urandom(12)).decode("ascii")}
    packed = zlib.compress(inner, 1)  # level 1: 4x the speed of level 6, 20 % bigger (bench/bundle_cipher.py)
    data = AESGCM(sealing_key(key)).encrypt(base64.b64decode(header["nonce"]), packed, _header_aad(header))
    return canonical({"format": FORMAT, "sealed": {**header, "data": base64.b64encode(data).decode("ascii")}}) + "\n"


def write(path: Path, body: Mapping[str, Any], key: str) -> None:
    """Written beside the target and renamed, so a pulled-out stick never holds half a bundle by its name."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(dumps(body, key), encoding="utf-8")
    tmp.replace(path)


def _refused(code: str, zh: str, en: str) -> BundleRefused:
    return BundleRefused(code, zh, message_en=en)


def _damaged() -> BundleRefused:
    return _refused("bundle_damaged", "同步文件已损坏或不完整（可能拷贝未完成），已拒绝导入，数据没有改动。",
                    "The bundle file is damaged or incomplete; nothing was imported.")


def _tampered() -> BundleRefused:
    return _refused("bundle_tampered", "同步文件的签名不符：文件被改动过，或者不是发给本站的。已拒绝导入，数据没有改动。",
                    "The bundle's signature does not match: it was altered or is not for this station. "
                    "Nothing was imported.")


def peek(text: str) -> dict[str, Any]:
    """The document, unverified: only to find out which station's key to check it with. Its ``body`` is
    the message of a plain bundle, or of an encrypted one the clear fields (``kind``, ``station_code``,
    ``protocol``); ``sealed`` says which."""
    try:
        doc = json.loads(text)
    except ValueError:
        raise _damaged() from None
    if isinstance(doc, dict) and doc.get("format") == FORMAT and isinstance(doc.get("sealed"), dict):
        header = doc["sealed"]
        return {**doc, "body": {k: header.get(k) for k in ("kind", "station_code", "protocol")}}
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("body"), dict):
        raise _refused("not_a_bundle", "这不是联络站值班台的同步文件。", "This is not a LiaisonDesk sync bundle.")
    return doc


def is_sealed(text: str) -> bool:
    return "sealed" in peek(text)


def _unseal(header: Mapping[str, Any], key: str) -> dict[str, Any]:
    """The ``{"body", "hmac"}`` an encrypted bundle carries; refused when any byte of it was changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if header.get("cipher") != CIPHER:
        raise _refused("not_a_bundle", f"同步文件的加密方式 {header.get('cipher')} 本程序不认识（版本不同？），已拒绝导入。",
                       f"Unknown bundle cipher {header.get('cipher')!r} (another release?); nothing was imported.")
    try:
        nonce = base64.b64decode(str(header.get("nonce")), validate=True)
        data = base64.b64decode(str(header.get("data")), validate=True)
    except (binascii.Error, ValueError):
        raise _damaged() from None
    if len(nonce) != 12 or len(data) < 16:
        raise _damaged()
    try:
        inner = AESGCM(sealing_key(key)).decrypt(nonce, data, _header_aad(header))
    except InvalidTag:
        raise _tampered() from None
    try:
        doc = json.loads(zlib.decompress(inner).decode("utf-8"))
    except (zlib.error, ValueError):  # authentic, yet not ours to read: a writer's bug, never an attacker
        raise _damaged() from None
    if not isinstance(doc, dict) or not isinstance(doc.get("body"), dict):
        raise _damaged()
    return doc


def verify(text: str, key: str, *, kind: str, allow_plain: bool = False) -> dict[str, Any]:
    """The verified body of a bundle of ``kind``; anything else is refused with a readable reason.

    ``allow_plain``: also a plain bundle of a sealed kind (the hub, for desks not yet upgraded)."""
    doc = peek(text)
    sealed, clear = "sealed" in doc, doc["body"]
    if sealed:
        doc = _unseal(doc["sealed"], key)
    body = doc["body"]
    expected = sign(body, key)
    if not isinstance(doc.get("hmac"), str) or not hmac.compare_digest(expected, doc["hmac"]):
        raise _tampered()
    check_version(body)
    if sealed and (body.get("kind") != clear["kind"] or str(body.get("station_code") or "") != clear["station_code"]):
        raise _tampered()  # (the clear fields are authenticated; this is what they must also say inside)
    if not sealed and kind in SEALED_KINDS and not allow_plain:
        raise _refused("bundle_plain", "这个文件没有加密（旧版程序生成的），为保护群众信息，本机不导入；请升级县级平台后重新导出。"
                       "数据没有改动。",
                       "This file is not encrypted (written by an older release); to protect people's data it is "
                       "not imported. Upgrade the hub and export it again. Nothing was changed.")
    if body.get("kind") != kind:
        raise _refused("bundle_wrong_kind", "这个同步文件方向不对（例如把本站导出的文件又导回本站）。",
                       f"Wrong kind of bundle: expected {kind}, got {body.get('kind')}.")
    return body


# -- enrollment files ---------------------------------------------------------------------------------------
# A station with no network at all is enrolled by a file the county writes (``export-enrollment``): a bundle
# of kind ``enrollment`` carrying the station's new credential and install id, signed with the bundle key
# derived from that credential (the key the station's later bundles are signed with). That HMAC only proves
# the file is whole: anyone can make one. What proves it comes from the county is the hub's Ed25519 signature
# (``signing``), checked against the key the station pinned at its first enrollment. The file holds the
# credential, so it is carried like a key and imported once.


def enrollment_file(body: Mapping[str, Any], signer: Any = None) -> str:
    """The text of an enrollment file; ``body`` holds at least ``credential`` and ``station_code``.

    ``signer``: the hub's Ed25519 private key (``hub.keys.signing_key``). The file then carries the hub's
    public key and signature beside the body (the body names the key's fingerprint); a station checks
    them and pins the key (``open_enrollment``). The HMAC stays, so an older desk still reads the file.
    Without a signer the file is what anyone holding a credential could make: stations refuse it."""
    credential = body.get("credential")
    if not isinstance(credential, str) or not credential:
        raise ValueError("an enrollment file needs the credential")
    if signer is None:
        return dumps({**body, "kind": "enrollment"}, bundle_key(credential))
    full = {**body, "kind": "enrollment", "protocol": PROTOCOL_VERSION,
            "hub_fingerprint": signing.fingerprint(signing.public_key_text(signer))}
    doc = {"format": FORMAT, "body": full, "hmac": sign(full, bundle_key(credential)), **signing.sign(signer, full)}
    return canonical(doc) + "\n"


def open_enrollment(text: str, station_id: str, station_code: str, *, pinned: str | None = None) -> dict[str, Any]:
    """The verified body of an enrollment file for this station database; anything else is refused.

    The file must be signed by the county hub (``signing``) and, when this station has pinned a hub key
    (``pinned``), by that key. The body gains ``hub_key``: the key that signed it."""
    doc = peek(text)
    if doc["body"].get("kind") != "enrollment":
        raise _refused("bundle_wrong_kind", "这是同步文件，不是登记文件。登记请用县级平台 export-enrollment 生成的文件。",
                       "This is a sync bundle, not an enrollment file (export-enrollment writes those).")
    credential = doc["body"].get("credential")
    if not isinstance(credential, str) or not credential:
        raise _refused("bundle_damaged", "登记文件不完整，已拒绝导入，数据没有改动。",
                       "The enrollment file is incomplete; nothing was imported.")
    body = verify(text, bundle_key(credential), kind="enrollment")
    hub_key = signing.verify(body, doc.get("hub_key"), doc.get("signature"), pinned=pinned)
    if str(body.get("station_code", "")).upper() != station_code.upper():
        raise _refused("bundle_wrong_station",
                       f"这个登记文件是发给站点 {body.get('station_code')} 的，本机站点代码是 {station_code}。",
                       f"This enrollment file is for station {body.get('station_code')}; this desk is {station_code}.")
    bound = body.get("station_id")
    if bound and str(bound) != str(station_id):
        raise _refused("station_mismatch", "这个登记文件属于本站另一个数据库（县级平台已绑定的那一个），不能用于本机。",
                       "This enrollment file is bound to another database of this station; not this one.")
    if not body.get("install_id"):
        raise _refused("bundle_damaged", "登记文件不完整，已拒绝导入，数据没有改动。",
                       "The enrollment file is incomplete; nothing was imported.")
    return {**body, "hub_key": hub_key}
