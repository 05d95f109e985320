"""Envelope encryption of a case: a random data key per case seals every revision's whole body.

A case's data key (DEK) is 32 random bytes. Each revision's body (the whole case JSON, identifiers
and real dates included) is sealed with AES-256-GCM under a fresh 12-byte nonce, with associated
data binding it to its case id, revision and key version, so a body cannot be moved to another case,
revision or key generation unnoticed. The DEK itself is never stored in clear: it is wrapped
(:func:`casekit.access.keys.wrap`, age) for each person who may read the case.

Beside the DEK a wrapped key carries the case's *fingerprint secret*, the key of the keyed hashes
that record de-identification decisions; it is kept across rotations so reviewed decisions stay
matched, and it is only useful to someone who can read the case anyway.
"""

from __future__ import annotations

import json
import os
from base64 import b64decode, b64encode
from dataclasses import dataclass

from casekit.store import crypto

DEK_BYTES = 32
#: The ``content`` a revision row holds in a people-access store: the body is sealed elsewhere.
ENVELOPE_MARKER = '{"casekit-envelope":1}'


@dataclass(frozen=True)
class CaseKey:
    """A case's data key, its generation, and the (rotation-stable) fingerprint secret."""

    dek: bytes
    fingerprint: bytes
    version: int

    def __repr__(self) -> str:
        return f"CaseKey(version={self.version})"

    @classmethod
    def new(cls, version: int = 1, fingerprint: bytes | None = None) -> CaseKey:
        """A fresh random data key (keeping ``fingerprint`` when rotating)."""
        return cls(os.urandom(DEK_BYTES), fingerprint or os.urandom(DEK_BYTES), version)

    def to_bytes(self) -> bytes:
        """The plaintext that gets wrapped for each holder."""
        payload = {"v": 1, "dek": b64encode(self.dek).decode(), "fp": b64encode(self.fingerprint).decode()}
        return json.dumps(payload, separators=(",", ":")).encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes, version: int) -> CaseKey | None:
        """Read what :meth:`to_bytes` wrote; ``None`` if it is not a case key."""
        try:
            payload = json.loads(raw)
            dek, fingerprint = b64decode(payload["dek"]), b64decode(payload["fp"])
        except (ValueError, KeyError, TypeError):
            return None
        if len(dek) != DEK_BYTES or len(fingerprint) != DEK_BYTES:
            return None
        return cls(dek, fingerprint, version)


def body_aad(case_id: str, revision: int, version: int) -> bytes:
    """Associated data binding a sealed body to its case, revision and key version."""
    return f"casekit case body\x00{case_id}\x00{revision}\x00{version}".encode()


def seal_body(key: CaseKey, case_id: str, revision: int, body: str) -> tuple[bytes, bytes]:
    """Seal a revision's body; return ``(nonce, ciphertext)``."""
    return crypto.seal(key.dek, body.encode("utf-8"), body_aad(case_id, revision, key.version))


def open_body(key: CaseKey, case_id: str, revision: int, nonce: bytes, blob: bytes) -> str | None:
    """Open a sealed body; ``None`` if the key, the place or the data do not match."""
    plain = crypto.unseal(key.dek, bytes(nonce), bytes(blob), body_aad(case_id, revision, key.version))
    return None if plain is None else plain.decode("utf-8")


def snapshot_aad(snapshot_id: str, case_id: str) -> bytes:
    """Associated data binding a shared snapshot to its id and case."""
    return f"casekit snapshot\x00{snapshot_id}\x00{case_id}".encode()


def text_aad(case_id: str, revision: int, version: int, field: str) -> bytes:
    """Associated data binding a sealed revision text (its note, its author alias) to its case,
    revision, key version and field, so a note cannot pass for an author or another revision's note."""
    return f"casekit revision text\x00{case_id}\x00{revision}\x00{version}\x00{field}".encode()


def seal_text(key: CaseKey, case_id: str, revision: int, field: str, text: str) -> tuple[bytes, bytes]:
    """Seal one revision text (``field`` names it); return ``(nonce, ciphertext)``."""
    return crypto.seal(key.dek, text.encode("utf-8"), text_aad(case_id, revision, key.version, field))


def open_text(key: CaseKey, case_id: str, revision: int, field: str, nonce: bytes, blob: bytes) -> str | None:
    """Open a sealed revision text; ``None`` if the key, the place, the field or the data do not match."""
    aad = text_aad(case_id, revision, key.version, field)
    plain = crypto.unseal(key.dek, bytes(nonce), bytes(blob), aad)
    return None if plain is None else plain.decode("utf-8")
