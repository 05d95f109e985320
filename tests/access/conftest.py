"""Fixtures for the people-access tests: a store URL on each backend and four fictional people.

Each person has their own identity file in ``tmp_path`` (standing in for their own home). The
privacy lead ("lena") opens the store first, so she is enrolled first and becomes its privacy lead;
she then approves the others' keys, as she would after comparing fingerprints with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from casekit.access import actions
from casekit.access.keys import Holder, fingerprint
from casekit.store import CaseStore
from tests.store.store_helpers import StepClock

#: The fictional people of a group: a privacy lead, a presenter, a supervisor and a member.
PEOPLE = ("lena", "ana", "sam", "mia")

Opener = Callable[[str], AbstractContextManager[CaseStore]]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty store: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def people(tmp_path: Path) -> dict[str, Holder]:
    """Each fictional person with a new identity file of their own."""
    return {name: Holder.from_file(name, tmp_path / "homes" / name / "identity") for name in PEOPLE}


@pytest.fixture
def open_as(store_url: str, people: dict[str, Holder]) -> Iterator[Opener]:
    """Open the people-access store as one person; everyone is enrolled (lena first)."""
    clock = StepClock()

    def opener(name: str) -> CaseStore:
        return CaseStore.open(store_url, access="people", person=people[name], clock=clock)

    for name in PEOPLE:
        opener(name).close()
    with opener("lena") as store:  # the privacy lead compares each fingerprint and approves the key
        for name in PEOPLE[1:]:
            actions.decide_key(store, name, fingerprint(people[name].public_key), approve=True)
    yield opener
