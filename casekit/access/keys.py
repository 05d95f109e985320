"""Each person's own key pair, kept in their home, and wrapping small secrets for a person.

A person's identity is an `age <https://age-encryption.org/v1>`_ X25519 identity (``pyrage``, the
Python binding of the Rust ``rage`` implementation). The private half lives in the person's own home,
``~/.casekit/identity`` (mode 0600, made on first use; ``CASEKIT_IDENTITY`` names another file, as
tests do), and never in the store. The public half (``age1…``) is registered in the store's
``casekit_people`` table so others can wrap keys for that person.

Wrapping a secret for a person is age-encrypting it to their public key: an ephemeral X25519 key
agreement, HKDF-SHA-256 and ChaCha20-Poly1305, in the standard age format, so a wrapped key can be
opened (for recovery or audit) with the stock ``age``/``rage`` tools and the person's identity file.

Nothing here does I/O at import time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import ConfigError, EncryptionKeyError
from casekit.fileio import temp_file_beside, write_synced

if TYPE_CHECKING:
    from collections.abc import Mapping

#: The environment variable naming a person's identity file (default: ``~/.casekit/identity``).
IDENTITY_ENV = "CASEKIT_IDENTITY"
_PREFIX_SECRET = "AGE-SECRET-KEY-1"
_PREFIX_PUBLIC = "age1"


def identity_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the acting person's identity file is: ``$CASEKIT_IDENTITY`` or ``~/.casekit/identity``."""
    env = os.environ if environ is None else environ
    given = env.get(IDENTITY_ENV, "").strip()
    return Path(given).expanduser() if given else Path.home() / ".casekit" / "identity"


def load_identity(path: Path, *, create: bool = True) -> Any:
    """Read the age identity in ``path``; make one (mode 0600) if there is none and ``create``.

    Raises
    ------
    EncryptionKeyError
        If the file cannot be read or does not hold an age identity, or is missing and not to be made.
    """
    from pyrage import x25519

    if not path.exists():
        if not create:
            raise EncryptionKeyError(
                f"{path}: no personal key here; run `casekit people add` once to make yours"
            )
        _write_new_identity(path)
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        raise EncryptionKeyError(
            f"{path}: your personal key cannot be read; check it is a file you own (mode 0600)"
        ) from None
    secret = next((ln.strip() for ln in lines if ln.strip().startswith(_PREFIX_SECRET)), "")
    try:
        return x25519.Identity.from_str(secret)
    except Exception:  # noqa: BLE001 - pyrage raises a bare ValueError subclass for any bad key
        raise EncryptionKeyError(
            f"{path}: not an age identity file; restore your personal key from your own backup"
        ) from None


def _write_new_identity(path: Path) -> None:
    """A new identity, written whole (temporary file, then linked) and never over an existing one."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    body = (
        "# casekit personal key: keep it private, never copy it into a store\n"
        f"# public key: {identity.to_public()}\n{identity}\n"
    )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = temp_file_beside(path, EncryptionKeyError)
    try:
        write_synced(tmp, body.encode("ascii"), 0o600)
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def check_public_key(text: str) -> str:
    """Return ``text`` if it is an age X25519 public key (``age1…``).

    Raises
    ------
    ConfigError
        If it is not one.
    """
    from pyrage import x25519

    clean = text.strip()
    try:
        if not clean.startswith(_PREFIX_PUBLIC):
            raise ValueError(clean)
        x25519.Recipient.from_str(clean)
    except Exception:  # noqa: BLE001 - pyrage raises its own error types for a bad key
        raise ConfigError(
            "public key: not an age public key (it starts with age1); ask the person to run "
            "`casekit people add` and send the key it prints"
        ) from None
    return clean


def fingerprint(public_key: str) -> str:
    """A short fingerprint of a public key for two people to compare aloud: ``3f2a-9c1d-…`` (20 hex).

    It is the start of the SHA-256 of the ``age1…`` text, in five groups of four; reading it out over
    the phone is how the privacy lead checks that a key registered under a name is that person's.
    """
    digest = hashlib.sha256(public_key.strip().encode("ascii")).hexdigest()[:20]
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def same_fingerprint(given: str, public_key: str) -> bool:
    """Whether ``given`` (as typed: any case, with or without dashes and spaces) is ``public_key``'s."""
    typed = re.sub(r"[\s:-]", "", given).lower()
    return bool(typed) and typed == fingerprint(public_key).replace("-", "")


def wrap(secret: bytes, public_keys: list[str]) -> bytes:
    """Age-encrypt ``secret`` so that any one of ``public_keys`` opens it."""
    import pyrage
    from pyrage import x25519

    return bytes(pyrage.encrypt(secret, [x25519.Recipient.from_str(k) for k in public_keys]))


def unwrap(blob: bytes, identity: Any) -> bytes | None:
    """Open a secret wrapped by :func:`wrap` with ``identity``; ``None`` if it was not wrapped for it."""
    import pyrage

    try:
        return bytes(pyrage.decrypt(bytes(blob), [identity]))
    except pyrage.DecryptError:
        return None


@dataclass(frozen=True)
class Holder:
    """A person acting on a people-access store: their user name and their private identity.

    Parameters
    ----------
    username
        The person (:func:`casekit.actor.current_person`), as registered in ``casekit_people``.
    identity
        Their age identity (private; never written anywhere by casekit but their own file).
    home
        The folder of their identity file (``~/.casekit``): casekit keeps what only this person
        should hold there, such as the access-log witnesses (:mod:`casekit.store.log_witness`).
    """

    username: str
    identity: Any
    home: Path | None = None

    def __repr__(self) -> str:
        return f"Holder({self.username!r})"

    @property
    def public_key(self) -> str:
        """The person's public key (``age1…``)."""
        return str(self.identity.to_public())

    @classmethod
    def current(cls, environ: Mapping[str, str] | None = None, *, create: bool = True) -> Holder:
        """The person running this process, with their identity (made on first use)."""
        from casekit.actor import current_person

        person = current_person(None if environ is None else dict(environ))
        path = identity_path(environ)
        return cls(person.username, load_identity(path, create=create), path.parent)

    @classmethod
    def from_file(cls, username: str, path: str | os.PathLike[str], *, create: bool = True) -> Holder:
        """A named person with the identity in ``path`` (tests and administration scripts)."""
        return cls(username, load_identity(Path(path), create=create), Path(path).parent)
