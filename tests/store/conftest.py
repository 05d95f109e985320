"""Fixtures for the store tests: a store URL on each backend, a key and a clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.store import CaseStore, KeyFile, generate_key_file
from tests.store.store_helpers import StepClock


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty store: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def key_file(tmp_path: Path) -> KeyFile:
    """A new key file (mode 0600) for the store."""
    return KeyFile(generate_key_file(tmp_path / "identifiers.key"))


@pytest.fixture
def clock() -> StepClock:
    """A deterministic clock."""
    return StepClock()


@pytest.fixture
def store(store_url: str, key_file: KeyFile, clock: StepClock) -> Iterator[CaseStore]:
    """An open store with the key."""
    with CaseStore.open(store_url, key=key_file, clock=clock) as opened:
        yield opened
