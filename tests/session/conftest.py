"""Fixtures for the session tests: a store on each backend holding a fictional case, and a clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.store import CaseStore
from tests.fictional import session_case
from tests.session.helpers import HandClock


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty store: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def clock() -> HandClock:
    """A clock the test moves by hand."""
    return HandClock()


@pytest.fixture
def store(store_url: str, clock: HandClock) -> Iterator[CaseStore]:
    """An open store (no key needed: the case has no identifiers) holding the fictional case."""
    with CaseStore.open(store_url, clock=clock) as opened:
        opened.create(session_case(), author="Presenter A")
        yield opened
