"""Bundle files for stations with no link: the same push and pull messages, signed, on a USB stick.

A bundle is one JSON document ``{"format", "body", "hmac"}``. ``body`` holds the message (``kind`` is
``push`` from a station, ``answer`` from the hub); ``hmac`` is HMAC-SHA256 of the canonical body under a
key derived from the station's credential. A file altered or cut short anywhere fails the check and is
refused whole. Importing a file twice or out of order is safe because what it carries is idempotent
(changes by change id, acknowledgements by change id) and an answer is applied only on top of the cursor
it was made for.
"""

from __future__ import annotations

import hashlib
import hmac
import json
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


class BundleRefused(DomainError):
    """A bundle that is not ours, was altered, or was signed for another station."""


def bundle_key(credential: str) -> str:
    """The signing key, derived from the station credential (the hub keeps this and only a hash of the
    credential itself, so a leaked hub table cannot be used to sign in as the station)."""
    return hmac.new(credential.encode("utf-8"), b"liaison-desk bundle v1", hashlib.sha256).hexdigest()


def sign(body: Mapping[str, Any], key: str) -> str:
    return hmac.new(bytes.fromhex(key), canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def dumps(body: Mapping[str, Any], key: str) -> str:
    if body.get("kind") not in KINDS:
        raise ValueError(f"unknown bundle kind {body.get('kind')!r}")
    body = {**body, "protocol": PROTOCOL_VERSION}
    return canonical({"format": FORMAT, "body": body, "hmac": sign(body, key)}) + "\n"


def write(path: Path, body: Mapping[str, Any], key: str) -> None:
    """Written beside the target and renamed, so a pulled-out stick never holds half a bundle by its name."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(dumps(body, key), encoding="utf-8")
    tmp.replace(path)


def _refused(code: str, zh: str, en: str) -> BundleRefused:
    return BundleRefused(code, zh, message_en=en)


def peek(text: str) -> dict[str, Any]:
    """The body, unverified: only to find out which station's key to check it with."""
    try:
        doc = json.loads(text)
    except ValueError:
        raise _refused("bundle_damaged", "同步文件已损坏或不完整（可能拷贝未完成），已拒绝导入，数据没有改动。",
                       "The bundle file is damaged or incomplete; nothing was imported.") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("body"), dict):
        raise _refused("not_a_bundle", "这不是联络站值班台的同步文件。", "This is not a LiaisonDesk sync bundle.")
    return doc


def verify(text: str, key: str, *, kind: str) -> dict[str, Any]:
    """The verified body of a bundle of ``kind``; anything else is refused with a readable reason."""
    doc = peek(text)
    body = doc["body"]
    expected = sign(body, key)
    if not isinstance(doc.get("hmac"), str) or not hmac.compare_digest(expected, doc["hmac"]):
        raise _refused("bundle_tampered",
                       "同步文件的签名不符：文件被改动过，或者不是发给本站的。已拒绝导入，数据没有改动。",
                       "The bundle's signature does not match: it was altered or is not for this station. "
                       "Nothing was imported.")
    check_version(body)
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
