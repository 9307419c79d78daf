"""Encryption at rest for the station database: SQLCipher with a random 256-bit key kept in the key store.

- A new station's database is encrypted as soon as its (empty) schema exists; an existing plain database is
  encrypted at the next open (``encrypt_in_place``: an encrypted backup first, then ``sqlcipher_export`` to a
  temporary file that is checked and then renamed over the old one, so a crash at any step leaves the old
  file or the new one usable, and no plain copy behind).
- The key is random (``secrets``), raw (``PRAGMA key = "x'…'"``: no key derivation at each open, 0.2 ms) and
  stored in ``KeyStore(<data dir>)`` under ``db-<file stem>``: opening needs no typing.
- A recovery code (6 groups of 5 letters, 150 random bits) can rebuild the key on another PC: the key
  wrapped (AES-256-GCM) under a key derived from the code sits next to the database in ``<file>.recovery``.

``connect_raw(path, key)`` gives a keyed DB-API connection (``sqlcipher3``, the same API as ``sqlite3``) for
tools that work on the file directly (backups); ``connect_station(path)`` finds the key itself.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as _sqlcipher  # type: ignore[import-untyped]

from ..domain.errors import DomainError
from .keystore import KeyStore

log = logging.getLogger(__name__)

PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
RECOVERY_SUFFIX = ".recovery"
ENCRYPTING_SUFFIX = ".encrypting"
#: recovery-code letters: RFC 4648 base32 (A–Z, 2–7): no 0/1/8 to mistake for O/I/B
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
CODE_GROUPS, CODE_GROUP_LEN = 6, 5
_LOOKALIKE = str.maketrans({"0": "O", "1": "I", "8": "B"})
_WRAP_INFO = b"LiaisonDesk recovery v1"
#: what a failing DB-API call raises, from either driver (sqlcipher3's classes are its own)
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _sqlcipher.Error)

#: Test hook: called with the name of each step of ``encrypt_in_place`` (a crash test kills the process there).
step_hook: Callable[[str], None] | None = None


class DatabaseLocked(DomainError):
    """An encrypted database whose key is not in this PC's key store (a moved file, a new Windows account)."""

    def __init__(self, path: Path):
        super().__init__(
            "database_locked",
            f"数据库 {path} 已加密，但本机没有它的密钥（可能是从别的电脑拷来的，或换了 Windows 账户）。"
            "请管理员用设置时抄下的恢复码解锁：liaison-desk recover-key。数据库没有被改动。",
            message_en=f"{path} is encrypted and this PC has no key for it (moved from another PC, or another "
            "Windows account). Unlock it with the recovery code: liaison-desk recover-key. It was not touched.",
        )


class WrongKey(DomainError):
    """The key at hand does not open the file (another station's key, or a damaged file)."""

    def __init__(self, path: Path):
        super().__init__(
            "database_wrong_key",
            f"无法打开数据库 {path}：本机保存的密钥与它不匹配，或者文件已经损坏。数据库没有被改动。"
            "如果它是从别的电脑拷来的，请用恢复码解锁：liaison-desk recover-key。",
            message_en=f"Cannot open {path}: the key kept on this PC does not match it, or the file is damaged. "
            "It was not touched. If it came from another PC, unlock it with its recovery code.",
        )


class BadRecoveryCode(DomainError):
    def __init__(self, message: str, message_en: str):
        super().__init__("bad_recovery_code", message, message_en=message_en)


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


# -- the file and its key -----------------------------------------------------------------------------------
def is_encrypted(path: Path) -> bool | None:
    """``None``: no file or an empty one; ``False``: a plain SQLite file; ``True``: anything else (SQLCipher
    files start with random bytes, so a damaged file also counts as encrypted; opening it tells)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return None
    if not head:
        return None
    return head != PLAIN_HEADER


def key_name(path: Path) -> str:
    """The key store name of the database at ``path`` (one data folder can hold several files in tests)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(path).stem)[:48] or "station"
    return f"db-{stem}"


def key_store(path: Path) -> KeyStore:
    return KeyStore(Path(path).parent)


_BACKUP_OF = re.compile(r"^(.+?)-\d{8}-\d{6}-")  # ``migrate.backup_copy``'s names: <stem>-<stamp>-<label>


def stored_key(path: Path) -> bytes | None:
    """The key this PC keeps for ``path``; for an upgrade backup (``<data>/backups/<stem>-<stamp>-…``) the
    key of the station database it was copied from (backups are encrypted with the station's key)."""
    path = Path(path)
    key = key_store(path).get(key_name(path))
    if key is None and path.parent.name == "backups":
        found = _BACKUP_OF.match(path.stem)
        if found:
            station = path.parent.parent / f"{found.group(1)}{path.suffix}"
            key = key_store(station).get(key_name(station))
    return key


def ensure_key(path: Path) -> bytes:
    """The stored key of ``path``, or a new random one stored first (kept if a crash interrupts its use)."""
    store = key_store(path)
    key = store.get(key_name(path))
    if key is None:
        key = secrets.token_bytes(KEY_BYTES)
        store.put(key_name(path), key)
    return key


def key_for(path: Path) -> bytes | None:
    """The key to open ``path`` with: ``None`` for a plain (or missing) file; ``DatabaseLocked`` when the file
    is encrypted and this PC keeps no key for it."""
    if not is_encrypted(path):
        return None
    key = stored_key(path)
    if key is None:
        raise DatabaseLocked(path)
    return key


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"x'{key.hex()}'"


def connect_raw(path: Path | str, key: bytes | None, *, uri: bool = False, check: bool = True,
                **kwargs: Any) -> sqlite3.Connection:
    """A DB-API connection (``sqlcipher3``) to ``path`` with ``key`` set before anything reads the file
    (``None``: a plain file). With ``check`` the key is tried at once: ``WrongKey`` if it does not fit.
    Other keyword arguments go to ``connect`` (``timeout``, ``check_same_thread``, ``isolation_level``…)."""
    dbapi2 = _sqlcipher
    conn = dbapi2.connect(str(path), uri=uri, **kwargs)
    try:
        if key is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
            conn.execute(f'PRAGMA key = "{key_pragma(key)}"')
        if check:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise WrongKey(Path(str(path).split("?", 1)[0])) from exc
        raise
    # sqlcipher3's classes mirror sqlite3's: typed as such for the callers
    return conn


def connect_station(path: Path, *, readonly: bool = False, **kwargs: Any) -> sqlite3.Connection:
    """``connect_raw`` with the key from this PC's key store (``DatabaseLocked`` if it has none)."""
    path = Path(path)
    if readonly:
        try:
            return connect_raw(path.resolve().as_uri() + "?mode=ro", key_for(path), uri=True, **kwargs)
        except WrongKey as exc:  # named by its path, not by its (percent-encoded) URI
            raise WrongKey(path) from exc
    return connect_raw(path, key_for(path), **kwargs)


# -- permissions ------------------------------------------------------------------------------------------
def protect_folder(folder: Path) -> None:
    """Owner-only folder (POSIX; on Windows the user's AppData folder is already private to the account)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def protect_file(path: Path) -> None:
    if os.name == "posix":
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(FileNotFoundError, PermissionError):
                os.chmod(p, 0o600)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        _fsync(folder)


# -- plain to encrypted -----------------------------------------------------------------------------------
def export_encrypted(src: sqlite3.Connection, target: Path, key: bytes, *, wal: bool) -> None:
    """Write everything ``src`` (plain or keyed) holds to a new file ``target`` encrypted with ``key``, and
    check it: same tables, same row counts, SQLCipher's page check."""
    target.unlink(missing_ok=True)
    Path(f"{target}-journal").unlink(missing_ok=True)
    src.execute("ATTACH DATABASE ? AS enc KEY ?", (str(target), key_pragma(key)))
    try:
        # a new scratch file, fsynced before anyone uses it: no journal and no syncs meanwhile (else each of
        # the export's hundred statements syncs on its own: 3 s for an empty schema instead of 50 ms)
        src.execute("PRAGMA enc.synchronous = OFF")
        src.execute("PRAGMA enc.journal_mode = OFF")
        src.execute("SELECT sqlcipher_export('enc')")
        version = src.execute("PRAGMA main.user_version").fetchone()[0]
        src.execute(f"PRAGMA enc.user_version = {int(version)}")
        src.execute(f"PRAGMA enc.journal_mode = {'WAL' if wal else 'DELETE'}")
    finally:
        src.execute("DETACH DATABASE enc")
    _step("exported")
    # checked through a fresh attachment: the key opens it and its schema (virtual tables too) loads
    src.execute("ATTACH DATABASE ? AS enc KEY ?", (str(target), key_pragma(key)))
    try:
        tables = [r[0] for r in src.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        theirs = {r[0] for r in src.execute("SELECT name FROM enc.sqlite_master WHERE type = 'table'")}
        missing = set(tables) - theirs
        if missing:
            raise RuntimeError(f"encrypted copy lacks tables {sorted(missing)}")
        for table in tables:
            q = table.replace('"', '""')
            a = src.execute(f'SELECT count(*) FROM main."{q}"').fetchone()[0]
            b = src.execute(f'SELECT count(*) FROM enc."{q}"').fetchone()[0]
            if a != b:
                raise RuntimeError(f"encrypted copy of {table}: {b} rows instead of {a}")
        problems = [r[0] for r in src.execute("PRAGMA enc.quick_check") if r[0] != "ok"]
        if problems:
            raise RuntimeError(f"encrypted copy fails its check: {problems[:3]}")
    finally:
        src.execute("DETACH DATABASE enc")
    _fsync(target)
    protect_file(target)
    _step("verified")


def _copy_durably(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + ".part")
    shutil.copyfile(source, tmp)
    protect_file(tmp)
    _fsync(tmp)
    os.replace(tmp, target)
    _fsync_dir(target.parent)


def encrypt_in_place(path: Path, key: bytes, *, backup_to: Path | None = None, wal: bool = True) -> None:
    """Replace the plain database at ``path`` by an encrypted one (``key``), atomically.

    Steps: fold the WAL into the file; export to ``<path>.encrypting`` and check it; copy that (already
    encrypted) file to ``backup_to`` if given; rename it over ``path``. A crash before the rename leaves the
    plain file untouched (the next open starts again, with the same stored key); after it, the encrypted one.
    Nobody else may have the file open (called at start-up, before the desk opens it)."""
    path = Path(path)
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    src = connect_raw(path, None, isolation_level=None)
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        export_encrypted(src, tmp, key, wal=wal)
    except BaseException:
        src.close()
        tmp.unlink(missing_ok=True)
        raise
    src.close()  # the last connection: SQLite removes the (empty) -wal and -shm
    if backup_to is not None:
        backup_to.parent.mkdir(parents=True, exist_ok=True)
        protect_folder(backup_to.parent)
        _copy_durably(tmp, backup_to)
        copy_recovery(path, backup_to)
        _step("backed-up")
    for side in ("-wal", "-shm", "-journal"):  # a plain leftover must never meet the encrypted file
        Path(f"{path}{side}").unlink(missing_ok=True)
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    _step("replaced")


def copy_recovery(database: Path, copy: Path) -> None:
    """The wrapped key beside ``database`` also beside its ``copy``: the recovery code opens the copy on
    another PC (nothing when the database has no recovery file yet)."""
    source = recovery_path(database)
    if source.is_file():
        _copy_durably(source, recovery_path(copy))


def encrypt_plain_backups(folder: Path, key: bytes) -> int:
    """Encrypt every plain SQLite file left in ``folder`` (upgrade backups of older versions): no plain copy
    of the station's records stays on the disk. Returns how many were encrypted."""
    done = 0
    if not folder.is_dir():
        return 0
    for file in sorted(folder.glob("*.sqlite3")):
        if is_encrypted(file) is False:
            encrypt_in_place(file, key, wal=False)
            done += 1
    return done


def backup_name(path: Path, backups: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backups / f"{path.stem}-{stamp}-{label}.sqlite3"


# -- recovery code ----------------------------------------------------------------------------------------
def recovery_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + RECOVERY_SUFFIX)


def new_recovery_code() -> str:
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """The code as typed (any case, spaces or dashes, 0/1/8 for O/I/B) in its canonical 6×5 form."""
    letters = re.sub(r"[\s\-_]", "", code).upper().translate(_LOOKALIKE)
    if len(letters) != CODE_GROUPS * CODE_GROUP_LEN or any(c not in CODE_ALPHABET for c in letters):
        raise BadRecoveryCode("恢复码应为 6 组、每组 5 个字母或数字（如 ABCDE-FGH23-…），请核对后重新输入。",
                              "A recovery code is 6 groups of 5 letters or digits; please check it.")
    return "-".join(letters[i:i + CODE_GROUP_LEN] for i in range(0, len(letters), CODE_GROUP_LEN))


def _wrapping_key(code: str, salt: bytes) -> bytes:
    # HKDF, not a slow password hash: the code is 150 random bits, out of reach of any guessing however
    # fast each guess is; a slow KDF only helps short human-chosen passwords.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_WRAP_INFO).derive(code.encode("ascii"))


def write_recovery(path: Path, key: bytes) -> str:
    """A new recovery code for ``key``; the wrapped key goes next to the database (``<file>.recovery``,
    written atomically, owner-only). Show the code once: it is kept nowhere else."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    code = new_recovery_code()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_wrapping_key(code, salt)).encrypt(nonce, key, _WRAP_INFO)
    blob = {"version": 1, "kdf": "hkdf-sha256", "cipher": "aes-256-gcm",
            "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
            "wrapped_key": base64.b64encode(wrapped).decode()}
    target = recovery_path(path)
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(json.dumps(blob, indent=1), "ascii")
    protect_file(tmp)
    _fsync(tmp)
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    return code


def unwrap_recovery(path: Path, code: str) -> bytes:
    """The database key rebuilt from the recovery blob next to ``path`` and the code typed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    canonical = normalize_code(code)
    try:
        blob = json.loads(recovery_path(path).read_text("ascii"))
        salt, nonce = base64.b64decode(blob["salt"]), base64.b64decode(blob["nonce"])
        wrapped = base64.b64decode(blob["wrapped_key"])
    except FileNotFoundError:
        raise BadRecoveryCode(
            f"找不到恢复文件 {recovery_path(path).name}：它应当和数据库文件放在同一个文件夹里（拷贝数据库时要一起拷）。",
            f"The recovery file {recovery_path(path).name} is missing: copy it together with the database.",
        ) from None
    except (OSError, ValueError, KeyError) as exc:
        raise BadRecoveryCode(f"恢复文件 {recovery_path(path).name} 已损坏，无法使用。",
                              "The recovery file is damaged.") from exc
    try:
        return AESGCM(_wrapping_key(canonical, salt)).decrypt(nonce, wrapped, _WRAP_INFO)
    except InvalidTag:
        raise BadRecoveryCode("恢复码不对：请逐组核对抄下的恢复码后重新输入。",
                              "The recovery code does not match; please check it group by group.") from None


def recover_key(path: Path, code: str) -> bytes:
    """Unlock the moved database at ``path`` with its recovery code: the key is checked against the file and
    stored in this PC's key store. Returns the key."""
    path = Path(path)
    if not is_encrypted(path):
        raise BadRecoveryCode(f"{path} 不是加密的数据库，不需要恢复码。",
                              f"{path} is not an encrypted database: no recovery code is needed.")
    key = unwrap_recovery(path, code)
    connect_raw(path, key).close()  # WrongKey if the blob belongs to another database
    key_store(path).put(key_name(path), key)
    return key
