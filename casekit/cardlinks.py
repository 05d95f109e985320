"""One-time links that open a client card, and nothing else.

A clinician makes a link for one case, one card (about the client, or feedback after a session) and
one language. The link carries a random token; the workspace keeps only the token's SHA-256 hash, in
``.casekit/card-links.sqlite`` (readable by the owner only), with the case code, the card, the
language and when the link expires. The first time the link is opened it is claimed (a single
``UPDATE … WHERE claimed IS NULL``, so two browsers can never both open it); after that, or once it has
expired, it opens nothing. The token itself is never stored, logged or shown again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from casekit.errors import CardLinkError
from casekit.i18n import card_language

#: The cards a link can open.
CARDS = ("about", "feedback")
#: How long a link stays usable unless the clinician says otherwise.
DEFAULT_LIFETIME = dt.timedelta(hours=24)
#: The longest a link may stay usable: a link is for a visit, not for keeps.
MAX_LIFETIME = dt.timedelta(days=14)
FILE_NAME = "card-links.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS card_links (
    token_hash TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    card TEXT NOT NULL,
    language TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    claimed TEXT,
    done TEXT
)"""


@dataclass(frozen=True)
class CardLink:
    """What a link opens: one card of one case, in one language."""

    case_id: str
    card: str
    language: str
    expires: dt.datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class CardLinks:
    """The one-time card links of a workspace.

    Parameters
    ----------
    private_dir
        The workspace's private folder (``.casekit/``).
    clock
        Returns the current UTC time; tests pass their own.
    """

    def __init__(self, private_dir: Path, *, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.path = Path(private_dir) / FILE_NAME
        self._clock = clock or _now

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if not self.path.parent.is_dir():
            raise CardLinkError(f"{self.path.parent}: no private folder; run this inside a casekit workspace")
        fresh = not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            if fresh:
                self.path.chmod(0o600)
            conn.execute(_SCHEMA)
            yield conn
        finally:
            conn.close()

    def issue(
        self,
        case_id: str,
        *,
        card: str = "about",
        language: str = "en",
        lifetime: dt.timedelta = DEFAULT_LIFETIME,
    ) -> str:
        """Make a link for one card of ``case_id``; return its token (shown once, never stored).

        Raises
        ------
        CardLinkError
            If the card or lifetime is not one casekit offers.
        casekit.errors.CatalogueError
            If the card has no catalogue in ``language``.
        """
        if card not in CARDS:
            raise CardLinkError(f"card: {card!r} is not a client card; choose {' or '.join(CARDS)}")
        card_language(language)
        if not dt.timedelta(minutes=5) <= lifetime <= MAX_LIFETIME:
            raise CardLinkError(
                "lifetime: a card link lasts between 5 minutes and 14 days; choose a time in that range"
            )
        token = secrets.token_urlsafe(32)
        now = self._clock()
        self.forget_expired()
        with self._db() as conn:
            conn.execute(
                "INSERT INTO card_links (token_hash, case_id, card, language, created, expires) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (_hash(token), case_id, card, language, now.isoformat(), (now + lifetime).isoformat()),
            )
        return token

    def claim(self, token: str) -> CardLink | None:
        """Open the link once: what it opens, or None if it is unknown, already opened or expired."""
        if not token or len(token) > 200:
            return None
        now = self._clock().isoformat()
        with self._db() as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(
                "SELECT case_id, card, language, expires FROM card_links "
                "WHERE token_hash = ? AND claimed IS NULL AND expires > ?",
                (_hash(token), now),
            ).fetchone()
            if row is not None:
                conn.execute("UPDATE card_links SET claimed = ? WHERE token_hash = ?", (now, _hash(token)))
            conn.execute("COMMIT")
        if row is None:
            return None
        return CardLink(row[0], row[1], row[2], dt.datetime.fromisoformat(row[3]))

    def finish(self, token: str) -> None:
        """Record that the card behind ``token`` was sent (the link was already spent when opened)."""
        with self._db() as conn:
            conn.execute(
                "UPDATE card_links SET done = ? WHERE token_hash = ?",
                (self._clock().isoformat(), _hash(token)),
            )

    def forget_expired(self) -> int:
        """Remove links that expired more than a day ago; return how many."""
        cutoff = (self._clock() - dt.timedelta(days=1)).isoformat()
        with self._db() as conn:
            return conn.execute("DELETE FROM card_links WHERE expires < ?", (cutoff,)).rowcount
