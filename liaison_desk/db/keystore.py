"""Secrets of one station data folder (the database key, the sync credential…), kept out of the folder's files.

Two backends, chosen once per ``KeyStore`` and visible as ``KeyStore.backend``:

- ``"os"``: the operating system's key store through the ``keyring`` package (Windows Credential Manager,
  protected by DPAPI with the signed-in Windows account; the Secret Service on a Linux desktop). A value is
  kept under the service ``LiaisonDesk`` with a user name made of the secret's name and a hash of the data
  folder's path, so two data folders on one PC never share a secret.
- ``"file"``: one file per secret in ``<data dir>/keys`` (folder 0700, files 0600, written atomically through
  a temporary file, ``fsync`` and ``os.replace``). It protects against other accounts on the PC and against a
  copy of the database alone (a backup, a USB stick); it does not protect against someone who can read the
  whole data folder as this account. Headless Linux and the tests use it.

The choice: ``LIAISON_DESK_KEYSTORE`` = ``file`` | ``os`` | ``auto`` (default ``auto``: the OS key store on
Windows and macOS, or on Linux when a Secret Service answers; otherwise the file). The constructor's
``backend`` argument overrides the variable. ``"os"`` where no OS key store works is an error, never a
silent fall back to the file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Literal

from ..domain.errors import DomainError
from ..paths import fsync_dir as _fsync_dir

log = logging.getLogger(__name__)

KEYSTORE_ENV = "LIAISON_DESK_KEYSTORE"
SERVICE = "LiaisonDesk"
KEYS_DIR = "keys"
Backend = Literal["os", "file"]
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class KeyStoreError(DomainError):
    """The key store cannot be used (message in Chinese, for the person at the desk)."""

    def __init__(self, message: str) -> None:
        super().__init__("key_store", message)


def _os_keyring_usable() -> bool:
    """True when ``keyring`` is installed and its chosen backend is a real one (not the fail/null ones)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration: the file then
        log.exception("keyring backend unavailable")
        return False
    if isinstance(backend, fail.Keyring) or type(backend).__module__.startswith("keyring.backends.null"):
        return False
    try:
        return float(getattr(backend, "priority", 0)) > 0
    except Exception:  # noqa: BLE001 - a backend whose priority check itself fails is not usable
        return False


def choose_backend(requested: str | None = None) -> Backend:
    """The backend for ``requested`` (else ``$LIAISON_DESK_KEYSTORE``, else ``auto``)."""
    choice = (requested or os.environ.get(KEYSTORE_ENV) or "auto").strip().lower()
    if choice == "file":
        return "file"
    if choice == "os":
        if not _os_keyring_usable():
            raise KeyStoreError("本机没有可用的系统密钥库（keyring）：请改用 LIAISON_DESK_KEYSTORE=file")
        return "os"
    if choice != "auto":
        raise KeyStoreError(f"密钥库设置 {KEYSTORE_ENV}={choice!r} 无效：应为 file、os 或 auto")
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "file"  # headless: no Secret Service to ask (and asking could wait on D-Bus)
    return "os" if _os_keyring_usable() else "file"


class KeyStore:
    """Secrets of the data folder ``data_dir``: ``get``/``put``/``delete`` bytes by a short name."""

    def __init__(self, data_dir: Path, backend: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.backend: Backend = choose_backend(backend)
        self._folder_tag = hashlib.sha256(str(self.data_dir.resolve()).encode("utf-8")).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"KeyStore({str(self.data_dir)!r}, backend={self.backend!r})"

    # -- public ---------------------------------------------------------------------------------------
    def get(self, name: str) -> bytes | None:
        """The secret, from this store's backend — or from the other one, where an earlier run put it (the
        choice ``auto`` makes can differ between sessions: a desktop session with the Secret Service, a
        headless one without): a key is never lost by where it was kept."""
        _check_name(name)
        found = self._get(self.backend, name)
        if found is None:
            other: Backend = "file" if self.backend == "os" else "os"
            if other == "file" or _os_keyring_usable():
                try:
                    found = self._get(other, name)
                except Exception:  # the other backend may not answer at all here
                    log.warning("the %s key store could not be read", other, exc_info=True)
        return found

    def _get(self, backend: Backend, name: str) -> bytes | None:
        if backend == "os":
            import keyring

            try:
                raw = keyring.get_password(SERVICE, self._user(name))
            except Exception as exc:  # a locked keyring, Credential Manager refusing: one sentence, logged
                log.warning("the system key store refused a read", exc_info=True)
                raise KeyStoreError("系统密钥库打不开（可能已锁定），请解锁后再试。") from exc
            return base64.b64decode(raw) if raw is not None else None
        path = self.keys_dir / f"{name}.key"
        try:
            text = path.read_text("ascii").strip()
        except FileNotFoundError:
            return None
        return base64.b64decode(text)

    def put(self, name: str, value: bytes) -> None:
        _check_name(name)
        if not isinstance(value, bytes | bytearray):
            raise TypeError("a key store value is bytes")
        encoded = base64.b64encode(bytes(value)).decode("ascii")
        if self.backend == "os":
            import keyring

            keyring.set_password(SERVICE, self._user(name), encoded)
            return
        folder = self._ensure_keys_dir()
        _write_private(folder / f"{name}.key", (encoded + "\n").encode("ascii"))

    def delete(self, name: str) -> None:
        """Forget ``name``; nothing happens when it was not set."""
        _check_name(name)
        if self.backend == "os":
            import keyring
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(SERVICE, self._user(name))
            return
        try:
            (self.keys_dir / f"{name}.key").unlink()
        except FileNotFoundError:
            return
        _fsync_dir(self.keys_dir)

    # -- file backend -------------------------------------------------------------------------------
    @property
    def keys_dir(self) -> Path:
        return self.data_dir / KEYS_DIR

    def _user(self, name: str) -> str:
        return f"{name}@{self._folder_tag}"

    def _ensure_keys_dir(self) -> Path:
        folder = self.keys_dir
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask, and an old folder may be wider
        return folder


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise ValueError(f"invalid key name {name!r}")



def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` owner-only, atomically: a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
