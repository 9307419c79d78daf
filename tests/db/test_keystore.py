"""The station key store: the protected file backend (tests and headless Linux) and the backend choice."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from liaison_desk.db import keystore
from liaison_desk.db.keystore import KeyStore, KeyStoreError, choose_backend


def test_file_backend_round_trip(tmp_path):
    store = KeyStore(tmp_path, backend="file")
    assert store.backend == "file"
    assert store.get("db_key") is None
    store.put("db_key", b"\x00\x01secret\xff")
    assert store.get("db_key") == b"\x00\x01secret\xff"
    store.put("db_key", b"new")  # replaced, not appended
    assert KeyStore(tmp_path, backend="file").get("db_key") == b"new"
    store.put("sync_token", b"t")
    store.delete("db_key")
    store.delete("db_key")  # twice: nothing to forget is fine
    assert store.get("db_key") is None
    assert store.get("sync_token") == b"t"
    assert [p.name for p in store.keys_dir.iterdir()] == ["sync_token.key"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_file_backend_is_owner_only(tmp_path):
    os.umask(0o022)
    store = KeyStore(tmp_path / "data", backend="file")
    store.put("db_key", b"k")
    assert stat.S_IMODE(store.keys_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((store.keys_dir / "db_key.key").stat().st_mode) == 0o600
    os.chmod(store.keys_dir, 0o755)  # an old, wider folder is narrowed at the next write
    store.put("db_key", b"k2")
    assert stat.S_IMODE(store.keys_dir.stat().st_mode) == 0o700


def test_names_are_checked(tmp_path):
    store = KeyStore(tmp_path, backend="file")
    for bad in ("../x", "", "a/b", "x" * 65):
        with pytest.raises(ValueError):
            store.put(bad, b"v")
    with pytest.raises(TypeError):
        store.put("ok", "text")


def test_failed_write_keeps_the_old_value(tmp_path, monkeypatch):
    store = KeyStore(tmp_path, backend="file")
    store.put("db_key", b"old")

    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(keystore.os, "replace", broken)
    with pytest.raises(OSError):
        store.put("db_key", b"new")
    assert store.get("db_key") == b"old"
    assert [p.name for p in store.keys_dir.iterdir()] == ["db_key.key"]


def test_backend_choice(monkeypatch):
    monkeypatch.setenv(keystore.KEYSTORE_ENV, "file")
    assert choose_backend() == "file"
    assert choose_backend("file") == "file"
    monkeypatch.setenv(keystore.KEYSTORE_ENV, "nonsense")
    with pytest.raises(KeyStoreError, match="无效"):
        choose_backend()
    monkeypatch.delenv(keystore.KEYSTORE_ENV)
    if sys.platform.startswith("linux"):
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        assert choose_backend() == "file"  # headless Linux: the file
    monkeypatch.setattr(keystore, "_os_keyring_usable", lambda: False)
    with pytest.raises(KeyStoreError, match="系统密钥库"):
        choose_backend("os")


def test_os_backend_through_keyring(tmp_path, monkeypatch):
    """The OS backend stores base64 text per data folder, through keyring's API (an in-memory backend here)."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class Memory(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.values.get((service, username))

        def set_password(self, service, username, password):
            self.values[(service, username)] = password

        def delete_password(self, service, username):
            if self.values.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    memory = Memory()
    old = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        a = KeyStore(tmp_path / "a", backend="os")
        b = KeyStore(tmp_path / "b", backend="os")
        a.put("db_key", b"\x00A")
        assert a.get("db_key") == b"\x00A"
        assert b.get("db_key") is None  # another data folder, another secret
        assert all(service == keystore.SERVICE for service, _ in memory.values)
        assert not (tmp_path / "a").exists()  # nothing written to the folder
        a.delete("db_key")
        a.delete("db_key")
        assert a.get("db_key") is None
    finally:
        keyring.set_keyring(old)


def test_a_key_kept_by_the_other_backend_is_still_found(tmp_path, monkeypatch):
    """``auto`` may choose differently in another session (a desktop with the Secret Service, a headless one
    without): a key put by one backend is read back by a store on the other, never reported missing."""
    kept: dict[tuple[str, str], str] = {}

    class FakeKeyring:
        @staticmethod
        def get_password(service, user):
            return kept.get((service, user))

        @staticmethod
        def set_password(service, user, value):
            kept[(service, user)] = value

        @staticmethod
        def delete_password(service, user):
            kept.pop((service, user), None)

    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring)
    monkeypatch.setattr(keystore, "_os_keyring_usable", lambda: True)
    KeyStore(tmp_path, backend="file").put("db-station", b"k" * 32)
    assert KeyStore(tmp_path, backend="os").get("db-station") == b"k" * 32
    KeyStore(tmp_path, backend="os").put("credential", b"c" * 16)
    assert KeyStore(tmp_path, backend="file").get("credential") == b"c" * 16


def test_a_refusing_system_key_store_is_one_sentence(tmp_path, monkeypatch):
    class LockedKeyring:
        @staticmethod
        def get_password(service, user):
            raise RuntimeError("the keyring is locked")

    monkeypatch.setitem(sys.modules, "keyring", LockedKeyring)
    monkeypatch.setattr(keystore, "_os_keyring_usable", lambda: True)
    with pytest.raises(KeyStoreError) as e:
        KeyStore(tmp_path, backend="os").get("db-station")
    assert "系统密钥库" in e.value.message
