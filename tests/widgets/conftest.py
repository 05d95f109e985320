"""Fixtures for the widget tests: a store holding a fictional case, a manual clock, widget finders."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casebuilder import fictional_case
from helpers import CASE_ID

from casekit.widgets.form import CaseForm
from casekit.widgets.scheduler import ManualScheduler


def _real_store_available() -> bool:
    try:
        import casekit.store  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    """A store holding the fictional case CK-0101 (the real one in a tmp workspace once it exists)."""
    if _real_store_available():
        from casekit.workspace import Workspace

        ws = Workspace.create(tmp_path / "ws")
        with ws.open_store() as real:
            real.create(fictional_case(CASE_ID), author="Presenter A")
            yield real
    else:
        from memstore import MemoryStore

        mem = MemoryStore()
        mem.create(fictional_case(CASE_ID), author="Presenter A")
        yield mem


@pytest.fixture
def clock() -> ManualScheduler:
    """A clock that moves only when the test says so."""
    return ManualScheduler()


@pytest.fixture
def make_form(store: Any, clock: ManualScheduler) -> Iterator[Any]:
    """Build forms on CK-0101 with the manual clock; closes them at the end."""
    forms: list[CaseForm] = []

    def make(**options: Any) -> CaseForm:
        options.setdefault("scheduler", clock)
        form = CaseForm(store, CASE_ID, **options)
        forms.append(form)
        return form

    yield make
    for form in forms:
        form.close()
