"""The credential store: keyring first, memory as the only fallback, never plaintext."""

from __future__ import annotations

import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError, PasswordSetError

from inkop_desktop import credentials
from inkop_desktop.credentials import SERVICE, CredentialStore, account_for

SECRET = "Hemligt-lösen-123!"
ACCOUNT = "inkop@db.regionen.se:5432/inkop"


def _all_files(root: Path) -> list[Path]:
    """Every file below *root*."""
    return sorted(p for p in root.rglob("*") if p.is_file())


def _files_containing(root: Path, needle: str) -> list[Path]:
    """Files below *root* whose bytes contain *needle* (plain or base64)."""
    import base64

    patterns = [needle.encode(), base64.b64encode(needle.encode())]
    return [p for p in _all_files(root) if any(pat in p.read_bytes() for pat in patterns)]


@pytest.fixture
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Send HOME and the XDG folders into the test's tmp dir, so any file write is visible."""
    user = tmp_path / "user"
    for name, sub in [
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ]:
        path = user / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    return user


class DictKeyring(KeyringBackend):
    """A working in-memory backend whose contents the test can inspect."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class LockedKeyring(DictKeyring):
    """A backend that exists but refuses every operation (a locked wallet)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


class PlaintextKeyring(DictKeyring):
    """Stands in for keyrings.alt's file backend (refused by its name)."""


def test_round_trip_uses_the_os_keyring(memory_keyring: KeyringBackend) -> None:
    store = CredentialStore()
    assert store.keyring_available()
    assert store.get(ACCOUNT) is None

    assert store.set(ACCOUNT, SECRET) is True
    assert keyring.get_keyring() is memory_keyring
    assert keyring.get_password(SERVICE, ACCOUNT) == SECRET
    assert store.get(ACCOUNT) == SECRET
    # A second store (e.g. after a restart) finds it in the keyring, not in memory.
    assert CredentialStore().get(ACCOUNT) == SECRET

    store.delete(ACCOUNT)
    assert keyring.get_password(SERVICE, ACCOUNT) is None
    assert store.get(ACCOUNT) is None
    store.delete(ACCOUNT)  # deleting twice is harmless


def test_set_overwrites() -> None:
    store = CredentialStore()
    store.set(ACCOUNT, "gammalt")
    store.set(ACCOUNT, SECRET)
    assert store.get(ACCOUNT) == SECRET
    assert keyring.get_password(SERVICE, ACCOUNT) == SECRET
    assert keyring.get_password(SERVICE, "någon-annan@db:5432/inkop") is None


def test_fail_backend_keeps_password_in_memory_only(
    tmp_path: Path, app_home: Path, isolated_user_dirs: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    store = CredentialStore()

    assert store.keyring_available() is False
    assert store.set(ACCOUNT, SECRET) is False
    assert store.get(ACCOUNT) == SECRET
    assert CredentialStore().get(ACCOUNT) is None  # memory belongs to that store only

    assert _all_files(app_home) == []
    assert _all_files(isolated_user_dirs) == []
    assert _files_containing(tmp_path, SECRET) == []

    store.delete(ACCOUNT)
    assert store.get(ACCOUNT) is None


def test_null_backend_is_unavailable() -> None:
    keyring.set_keyring(null.Keyring())  # type: ignore[no-untyped-call]
    store = CredentialStore()
    assert store.keyring_available() is False
    assert store.set(ACCOUNT, SECRET) is False
    assert store.get(ACCOUNT) == SECRET


def test_keyring_errors_fall_back_to_memory(caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_keyring(LockedKeyring())
    store = CredentialStore()
    assert store.keyring_available() is True  # configured, just not working right now

    assert store.set(ACCOUNT, SECRET) is False
    assert store.get(ACCOUNT) == SECRET
    store.delete(ACCOUNT)
    assert store.get(ACCOUNT) is None

    assert caplog.records, "keyring failures should be logged"
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_get_prefers_keyring_and_memory_is_dropped_once_stored() -> None:
    store = CredentialStore()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert store.set(ACCOUNT, "bara-i-minnet") is False

    working = DictKeyring()
    keyring.set_keyring(working)
    working.passwords[(SERVICE, ACCOUNT)] = SECRET
    assert store.get(ACCOUNT) == SECRET

    assert store.set(ACCOUNT, "nytt") is True
    del working.passwords[(SERVICE, ACCOUNT)]
    assert store.get(ACCOUNT) is None  # the in-memory copy was not kept around


def test_plaintext_named_backend_is_refused(tmp_path: Path, isolated_user_dirs: Path) -> None:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    store = CredentialStore()
    assert store.keyring_available() is False
    assert store.set(ACCOUNT, SECRET) is False
    assert backend.passwords == {}
    assert store.get(ACCOUNT) == SECRET


def test_keyrings_alt_plaintext_is_refused(tmp_path: Path, isolated_user_dirs: Path) -> None:
    file_backends = pytest.importorskip("keyrings.alt.file")
    backend = file_backends.PlaintextKeyring()
    assert str(isolated_user_dirs) in str(backend.file_path)  # would write below tmp_path
    keyring.set_keyring(backend)
    store = CredentialStore()

    assert store.keyring_available() is False
    assert store.set(ACCOUNT, SECRET) is False
    assert store.get(ACCOUNT) == SECRET
    assert not Path(backend.file_path).exists()
    assert _files_containing(tmp_path, SECRET) == []


def test_chained_backends_skip_plaintext(isolated_user_dirs: Path) -> None:
    from keyring.backends import chainer

    good, plain = DictKeyring(), PlaintextKeyring()

    class Chain(chainer.ChainerBackend):
        backends = [plain, good]

    keyring.set_keyring(Chain())  # type: ignore[no-untyped-call]
    store = CredentialStore()
    assert store.keyring_available()
    assert store.set(ACCOUNT, SECRET) is True
    assert good.passwords == {(SERVICE, ACCOUNT): SECRET}
    assert plain.passwords == {}

    class OnlyPlain(chainer.ChainerBackend):
        backends = [plain]

    keyring.set_keyring(OnlyPlain())  # type: ignore[no-untyped-call]
    assert store.keyring_available() is False


def test_only_credentials_imports_keyring() -> None:
    src = Path(credentials.__file__).parent
    offenders = [
        p.relative_to(src).as_posix()
        for p in src.rglob("*.py")
        if p.name != "credentials.py"
        and any(
            line.strip().startswith(("import keyring", "from keyring"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("url", "account"),
    [
        (
            "postgresql+psycopg://inkop:Hemligt-123@db.regionen.se:5433/inkop",
            "inkop@db.regionen.se:5433/inkop",
        ),
        (
            "postgresql://inkop:p%40ss%3Aword@DB.Regionen.se/inkop",
            "inkop@db.regionen.se:5432/inkop",
        ),
        ("postgresql://inkop@db.regionen.se:5432/inkop", "inkop@db.regionen.se:5432/inkop"),
        ("postgresql://anna%40region@[::1]:5432/inkop", "anna@region@[::1]:5432/inkop"),
        (
            "postgresql://inkop@/inkop?host=/var/run/postgresql",
            "inkop@/var/run/postgresql:5432/inkop",
        ),
    ],
)
def test_account_for(url: str, account: str) -> None:
    assert account_for(url) == account
    assert "Hemligt" not in account_for(url)
    assert "p@ss" not in account_for(url)


def test_account_for_ignores_password_and_driver() -> None:
    with_pw = account_for("postgresql+psycopg://inkop:hemligt@db:5432/inkop")
    without = account_for("postgresql://inkop@db/inkop")
    assert with_pw == without == "inkop@db:5432/inkop"


def test_credentials_does_not_import_sqlalchemy() -> None:
    import subprocess

    code = (
        "import sys, inkop_desktop.credentials as c; "
        "c.account_for('postgresql://u:p@h/d'); "
        "print('sqlalchemy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
