"""Helpers for the store tests: a stepping clock and raw database access (cases: tests/fictional.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import Engine, create_engine

from casekit.store.engine import parse_store_url


class StepClock:
    """A clock that moves one second each time it is read (no sleeping in tests)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def raw_engine(url: str) -> Engine:
    """A plain engine on the store's database, bypassing CaseStore (to check what is really stored)."""
    return create_engine(parse_store_url(url))


def file_digests(db: Path) -> dict[str, str]:
    """SHA-256 of a SQLite store file and its -wal file (whichever exist)."""
    out = {}
    for path in (db, Path(f"{db}-wal")):
        if path.exists():
            out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
