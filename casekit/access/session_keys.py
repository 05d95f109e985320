"""Live-session events in a people-access store, sealed with a key of the session's own.

Each live session (a case and a date) has a random 32-byte key. Each event's payload and author
alias are sealed with it (AES-256-GCM, bound to the session, the event's place ``seq`` and its kind),
and the key is wrapped (age, :func:`casekit.access.keys.wrap`) for each person present: whoever
starts the session and the case's owner and supervisor when the key is made, then each person who
joins or is given a role, wrapped by a page that already holds it (:func:`admit`). The kind, the
place, the account and the time stay readable: the session's access checks need them.

Someone who does not hold the key yet (a person joining a session already under way) cannot seal
with it: their event is age-encrypted instead, straight to the people holding the key and to
themselves, with the session and place inside the sealed text (checked on opening); someone let in
later sees only that the account came, and its alias once the facilitator's set-up names it. A
person who was never present holds no key and is addressed by no event: the database gives them
nothing to read. Any page that holds the key lets in the people who joined or were given a role
(:meth:`casekit.session.live.LiveSession.refresh`), usually the facilitator's or the presenter's.

Events stored readable (before sessions were sealed, or in a shared-key store) read as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from base64 import b64decode, b64encode
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select

from casekit.access import grants, keys
from casekit.access.envelope import DEK_BYTES
from casekit.errors import AccessDeniedError, ConfigError
from casekit.store import crypto
from casekit.store.tables import session_keys_table

if TYPE_CHECKING:
    from casekit.access.keys import Holder

#: The key of a sealed event's stored payload (a readable payload never has it).
SEALED = "casekit-sealed"
#: Why an event could not be opened: sealed with the session key the reader does not hold, or
#: addressed (age) to others.
LOCKED_SESSION = "session"
LOCKED_ADDRESSED = "addressed"


@dataclass(frozen=True)
class Opened:
    """A stored event's author and payload as the reader sees them (``locked``: it could not open it)."""

    author: str
    payload: dict[str, Any]
    locked: str = ""


def event_aad(case_id: str, session_date: dt.date, seq: int, kind: str) -> bytes:
    """Associated data binding a sealed event to its session, its place and its kind."""
    return f"casekit session event\x00{case_id}\x00{session_date.isoformat()}\x00{seq}\x00{kind}".encode()


def is_sealed(stored: str) -> bool:
    """Whether a stored payload is sealed (rather than readable JSON written before sealing)."""
    return stored.startswith('{"' + SEALED)


class SessionSeal:
    """Seals and opens the session events of a people-access store for one person (``holder``)."""

    def __init__(self, holder: Holder | None) -> None:
        self.holder = holder
        self._keys: dict[bytes, bytes] = {}

    def __repr__(self) -> str:
        return f"SessionSeal({self.holder!r})"

    # ---- keys -------------------------------------------------------------------------------------
    def key(self, conn: Connection, case_id: str, session_date: dt.date) -> bytes | None:
        """The session's key as the holder unwraps it; ``None`` if none is wrapped for them."""
        if self.holder is None:
            return None
        s = session_keys_table
        wrapped = conn.scalar(
            select(s.c.wrapped_key).where(
                s.c.case_id == case_id, s.c.session_date == session_date, s.c.username == self.holder.username
            )
        )
        if wrapped is None:
            return None
        wrapped = bytes(wrapped)
        if wrapped not in self._keys:
            raw = keys.unwrap(wrapped, self.holder.identity)
            if raw is None or len(raw) != DEK_BYTES:
                return None
            self._keys[wrapped] = raw
        return self._keys[wrapped]

    def admit(self, conn: Connection, case_id: str, session_date: dt.date, usernames: list[str]) -> list[str]:
        """Wrap the session's key for each of ``usernames`` who is registered and lacks it; return who
        was let in (nobody if the holder has no key to give)."""
        key = self.key(conn, case_id, session_date)
        if key is None:
            return []
        missing = [u for u in dict.fromkeys(usernames) if u not in holders(conn, case_id, session_date)]
        return _wrap_for(conn, case_id, session_date, key, missing)

    def _start(self, conn: Connection, case_id: str, session_date: dt.date, starter: str) -> bytes:
        """Make the session's key and wrap it for ``starter`` and the case's owner and supervisor."""
        key = os.urandom(DEK_BYTES)
        _wrap_for(conn, case_id, session_date, key, [starter, *grants.holders(conn, case_id)])
        return key

    # ---- sealing and opening ----------------------------------------------------------------------
    def seal(
        self,
        conn: Connection,
        case_id: str,
        session_date: dt.date,
        seq: int,
        kind: str,
        author: str,
        body: str,
    ) -> str:
        """The stored payload of a new event: ``author`` and the JSON ``body`` sealed.

        Raises
        ------
        AccessDeniedError
            If no personal key is loaded.
        """
        if self.holder is None:
            raise AccessDeniedError(
                "no personal key is loaded; run `casekit people add` once to make and register yours"
            )
        inner = {"author": author, "payload": json.loads(body)}
        place = {"case_id": case_id, "session_date": session_date.isoformat(), "seq": seq, "kind": kind}
        key = self.key(conn, case_id, session_date)
        if key is None and not holders(conn, case_id, session_date):
            key = self._start(conn, case_id, session_date, self.holder.username)
        if key is not None:
            plain = json.dumps(inner, ensure_ascii=False).encode("utf-8")
            nonce, blob = crypto.seal(key, plain, event_aad(case_id, session_date, seq, kind))
            sealed = {"nonce": b64encode(nonce).decode(), "blob": b64encode(blob).decode()}
        else:  # not let in yet: to the people present and to oneself, the place inside the sealed text
            names = [*holders(conn, case_id, session_date), self.holder.username]
            public = [
                grants.public_key_of(conn, name) for name in dict.fromkeys(names) if _active(conn, name)
            ]
            plain = json.dumps({**inner, "place": place}, ensure_ascii=False).encode("utf-8")
            sealed = {"age": b64encode(keys.wrap(plain, public)).decode()}
        return json.dumps({SEALED: 1, **sealed}, separators=(",", ":"))

    def open(
        self, conn: Connection, case_id: str, session_date: dt.date, seq: int, kind: str, stored: str
    ) -> Opened:
        """Open a stored sealed payload (see :func:`is_sealed`); locked if the holder cannot."""
        try:
            sealed = json.loads(stored)
            if "age" in sealed:
                return self._open_addressed(b64decode(sealed["age"]), case_id, session_date, seq, kind)
            nonce, blob = b64decode(sealed["nonce"]), b64decode(sealed["blob"])
        except (ValueError, KeyError, TypeError):
            return Opened("", {}, LOCKED_SESSION)
        key = self.key(conn, case_id, session_date)
        plain = (
            None
            if key is None
            else crypto.unseal(key, nonce, blob, event_aad(case_id, session_date, seq, kind))
        )
        if plain is None:
            return Opened("", {}, LOCKED_SESSION)
        inner = json.loads(plain)
        return Opened(str(inner["author"]), inner["payload"])

    def _open_addressed(
        self, blob: bytes, case_id: str, session_date: dt.date, seq: int, kind: str
    ) -> Opened:
        plain = None if self.holder is None else keys.unwrap(blob, self.holder.identity)
        if plain is None:
            return Opened("", {}, LOCKED_ADDRESSED)
        inner = json.loads(plain)
        place = {"case_id": case_id, "session_date": session_date.isoformat(), "seq": seq, "kind": kind}
        if inner.get("place") != place:  # moved to another session or place: not this event's text
            return Opened("", {}, LOCKED_ADDRESSED)
        return Opened(str(inner["author"]), inner["payload"])


def holders(conn: Connection, case_id: str, session_date: dt.date) -> list[str]:
    """Who holds the session's key, by user name."""
    s = session_keys_table
    query = select(s.c.username).where(s.c.case_id == case_id, s.c.session_date == session_date)
    return sorted(conn.scalars(query).all())


def forget_person(conn: Connection, username: str) -> None:
    """Delete every session key wrapped for ``username`` (they are being removed)."""
    conn.execute(delete(session_keys_table).where(session_keys_table.c.username == username))


def _active(conn: Connection, username: str) -> bool:
    try:
        grants.public_key_of(conn, username)
    except ConfigError:
        return False
    return True


def _wrap_for(
    conn: Connection, case_id: str, session_date: dt.date, key: bytes, usernames: list[str]
) -> list[str]:
    """Insert the session key wrapped for each registered, active person of ``usernames``."""
    rows = []
    for name in dict.fromkeys(usernames):
        if not _active(conn, name):
            continue  # an account that is not a registered person gets no key
        wrapped = keys.wrap(key, [grants.public_key_of(conn, name)])
        rows.append(
            {"case_id": case_id, "session_date": session_date, "username": name, "wrapped_key": wrapped}
        )
    if rows:
        conn.execute(insert(session_keys_table), rows)
    return [r["username"] for r in rows]
