"""Fixtures for the widget tests: a store holding a fictional case, a manual clock, widget finders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casekit.widgets.formulation_form import CaseForm
from casekit.widgets.scheduler import ManualScheduler
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.widgets.helpers import CASE_ID


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    """A real store in a fresh workspace, holding the fictional case CK-0101."""
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as real:
        real.create(fictional_case(CASE_ID), author="Presenter A")
        yield real


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
