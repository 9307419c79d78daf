"""The hub's own keys: its Ed25519 signing key (enrollment files and answers) and its TLS certificate.

Both live as files in the hub's key folder, not in the hub database: ``$LIAISON_HUB_KEY_DIR``, else beside
a SQLite hub file, else the hub account's configuration folder. The folder is made 0700 and the private
keys 0600 (owner only). Why a file and not the database's settings: a database dump or backup (taken to
another server, handed to a vendor) then cannot sign an enrollment file; every worker process and the
command line on the hub machine read the same file. A hub served from several machines copies the folder.

The signing key is made at first use (``signing_key``), atomically (``O_EXCL``): two workers starting at
once end up with one key. ``make_cert`` writes a self-signed certificate for the intranet names and
addresses the stations use; stations pin it (it travels in the signed enrollment), so no internet CA is
involved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from pathlib import Path
from typing import Any

import platformdirs

from ..domain.errors import DomainError
from ..sync import signing

KEY_DIR_ENV = "LIAISON_HUB_KEY_DIR"
SIGNING_FILE, CERT_FILE, TLS_KEY_FILE = "hub-signing-key.pem", "hub-tls-cert.pem", "hub-tls-key.pem"


def key_dir(db_url: str | None = None) -> Path:
    chosen = os.environ.get(KEY_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    if db_url and db_url.startswith("sqlite") and "/" in db_url:
        database = db_url.split("///", 1)[-1] if "///" in db_url else ""
        if database and database != ":memory:":
            return Path(database).expanduser().resolve().parent / "hub-keys"
    return Path(platformdirs.user_config_dir("LiaisonDeskHub", "LiaisonDesk")) / "keys"


def _private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def _write_private(path: Path, data: bytes) -> bool:
    """Create ``path`` (0600) with ``data`` unless it exists; False if another process made it first."""
    tmp = path.with_name(path.name + f".{os.getpid()}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise DomainError("hub_key_unwritable", f"无法写入县级平台密钥文件 {path}：{exc}",
                          message_en=f"Cannot write the hub key file {path}: {exc}") from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, path)  # fails if the file exists: the first writer wins
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)


def folder_for(hub: Any) -> Path:
    """The key folder of a hub object (``hub.key_dir`` when set, else from its database address)."""
    chosen = getattr(hub, "key_dir", None)
    return Path(chosen) if chosen else key_dir(hub.engine.url.render_as_string(hide_password=True))


def signer(hub: Any) -> Any:
    return signing_key(folder_for(hub))


def sign_answer(hub: Any, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with the hub's fingerprint, TLS certificate (when there is one), key and signature."""
    key = signer(hub)
    full = {**body, "hub_fingerprint": signing.fingerprint(signing.public_key_text(key)),
            "tls_cert": tls_cert(folder_for(hub))}
    return {**full, **signing.sign(key, full)}


def signing_key(folder: Path) -> Any:
    """The hub's Ed25519 private key, made at first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = _private_dir(folder) / SIGNING_FILE
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        _write_private(path, pem)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise DomainError("hub_key_bad", f"县级平台签名密钥文件 {path} 不是 Ed25519 密钥。",
                          message_en=f"The hub signing key file {path} is not an Ed25519 key.")
    return loaded


def fingerprint(folder: Path) -> str:
    return signing.fingerprint(signing.public_key_text(signing_key(folder)))


def tls_cert(folder: Path) -> str | None:
    """The hub's TLS certificate (PEM) when ``make-cert`` made one: it travels in signed enrollments."""
    path = folder / CERT_FILE
    return path.read_text("ascii") if path.exists() else None


def cert_sha256(pem: str) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(pem.encode("ascii")).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def make_cert(folder: Path, names: list[str], *, days: int = 3650) -> tuple[Path, Path]:
    """A self-signed certificate for the hub's intranet ``names`` (host names or IP addresses), with its
    private key (0600). Replaces an earlier one: stations enrolled before must then be given a new
    enrollment (their pinned certificate no longer matches)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    if not names:
        raise DomainError("no_names", "请用 --name 给出站点访问县级平台用的地址（主机名或 IP）。",
                          message_en="Give the hub's address(es) the stations use with --name.")
    sans: list[x509.GeneralName] = []
    for n in names:
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            sans.append(x509.DNSName(n))
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    folder = _private_dir(folder)
    key_path, cert_path = folder / TLS_KEY_FILE, folder / CERT_FILE
    key_path.unlink(missing_ok=True)
    _write_private(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    tmp = cert_path.with_name(cert_path.name + ".part")
    tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tmp.replace(cert_path)
    return cert_path, key_path
