"""Keys for the private identifiers, and AES-GCM sealing of them.

A store encrypts each revision's :class:`~casekit.model.PrivateIdentifiers` with AES-256-GCM: a fresh
random 12-byte nonce per revision and associated data that binds the ciphertext to its case id and
revision, so a blob cannot be moved to another case unnoticed.

The 32-byte key comes from a *key source*:

* :class:`KeyFile` — a file of 32 random bytes in base64 (made by :func:`generate_key_file`, mode
  0600), the default for a workspace on one machine;
* :class:`Passphrase` — a passphrase stretched with scrypt and the store's own salt (kept in the
  store's meta table), so every member of a group who knows the passphrase derives the same key.

Key sources never put the key or the passphrase in a message or a ``repr``.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from casekit.errors import EncryptionKeyError
from casekit.fileio import temp_file_beside, write_synced

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
#: scrypt cost parameters (32 MiB, about 0.1 s); recorded in the store so they can change later.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
KDF_NAME = f"scrypt-n{SCRYPT_N}-r{SCRYPT_R}-p{SCRYPT_P}"

_CHECK_PLAINTEXT = b"casekit identifiers key check v1"
_CHECK_AAD = b"casekit key check"


@runtime_checkable
class KeySource(Protocol):
    """Anything that yields the 32-byte identifiers key for a store's salt."""

    def key(self, salt: bytes) -> bytes:
        """Return the 32-byte key for a store whose salt is ``salt``."""
        ...

    def describe(self) -> str:
        """Say where the key comes from, for messages ("the key in FILE"); never the key itself."""
        ...


def generate_key_file(path: str | os.PathLike[str]) -> Path:
    """Write a new random key to ``path`` (base64, mode 0600); never overwrite an existing file.

    The file is written to a temporary file in the same folder and then hard-linked into place, so the
    key appears whole or not at all, and an existing key is never replaced.

    Raises
    ------
    EncryptionKeyError
        If ``path`` exists (its key may be the only way to open identifiers already stored), or its
        folder is missing or not writable.
    """
    path = Path(path)
    if path.exists():
        raise EncryptionKeyError(
            f"{path}: a key file already exists; casekit never overwrites a key (it may be the only way "
            f"to open stored identifiers) — move it away yourself if you really mean to replace it"
        )
    payload = base64.b64encode(os.urandom(KEY_BYTES)) + b"\n"
    tmp = temp_file_beside(path, EncryptionKeyError)
    try:
        write_synced(tmp, payload, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise EncryptionKeyError(
                f"{path}: a key file already exists; casekit never overwrites a key — move it away "
                f"yourself if you really mean to replace it"
            ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


class KeyFile:
    """A key kept in a file written by :func:`generate_key_file`.

    Parameters
    ----------
    path
        The key file. It is read when the key is first needed, not when this object is made.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"KeyFile({str(self.path)!r})"

    def describe(self) -> str:
        """``the key in PATH``."""
        return f"the key in {self.path}"

    def key(self, salt: bytes) -> bytes:
        """Read and decode the key.

        Raises
        ------
        EncryptionKeyError
            If the file is missing, unreadable or does not hold 32 bytes in base64.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise EncryptionKeyError(
                f"{self.path}: no key file here; copy the workspace's key file back, or open the store "
                f"without a key (identifiers stay locked)"
            ) from None
        except (PermissionError, IsADirectoryError):
            raise EncryptionKeyError(
                f"{self.path}: the key file cannot be read; check it is a file you own (mode 0600)"
            ) from None
        try:
            key = base64.b64decode(raw.strip(), validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise EncryptionKeyError(
                f"{self.path}: not a casekit key file (expected {KEY_BYTES} bytes in base64); restore the "
                f"original key file"
            )
        return key


class Passphrase:
    """A key derived from a passphrase with scrypt and the store's salt.

    Parameters
    ----------
    text
        The passphrase. Hidden from ``repr``; the derived key is cached per salt.
    """

    def __init__(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            raise EncryptionKeyError(
                "the passphrase is empty; set CASEKIT_PASSPHRASE to the group's passphrase, or use the "
                "workspace key file"
            )
        self._text = text
        self._cache: dict[bytes, bytes] = {}

    def __repr__(self) -> str:
        return "Passphrase(***)"

    def describe(self) -> str:
        """``the passphrase``."""
        return "the passphrase"

    def key(self, salt: bytes) -> bytes:
        """Derive the key for ``salt`` (about 0.1 s the first time, cached afterwards)."""
        if salt not in self._cache:
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

            kdf = Scrypt(salt=salt, length=KEY_BYTES, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
            self._cache[salt] = kdf.derive(self._text.encode("utf-8"))
        return self._cache[salt]


def identifiers_aad(case_id: str, revision: int) -> bytes:
    """Associated data binding an identifiers blob to its case and the revision it was sealed at."""
    return f"casekit identifiers\x00{case_id}\x00{revision}".encode()


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt with AES-GCM under a fresh random nonce; return ``(nonce, ciphertext)``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """Decrypt and authenticate; ``None`` if the key, nonce, data or associated data do not match."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def make_key_check(key: bytes) -> str:
    """A token (base64 text) that only ``key`` opens; stored so a wrong key fails when a store opens."""
    nonce, ciphertext = seal(key, _CHECK_PLAINTEXT, _CHECK_AAD)
    return base64.b64encode(nonce + ciphertext).decode("ascii")


def key_opens(key: bytes, token: str) -> bool:
    """Whether ``key`` opens the key-check ``token`` made by :func:`make_key_check`."""
    try:
        raw = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        return False
    plain = unseal(key, raw[:NONCE_BYTES], raw[NONCE_BYTES:], _CHECK_AAD)
    return plain == _CHECK_PLAINTEXT
