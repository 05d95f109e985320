"""Fixtures for export tests: cases (reviewed the way a presenter would) and a workspace holding them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.model import Case, DeidDecision, ReviewDecision
from tests.fictional import plain_case, stuffed_case

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def in_ci() -> bool:
    """Whether the tests run in CI, where nothing may be skipped."""
    return bool(os.environ.get("CI"))


#: The fingerprint key tests review and export with (a workspace derives its own per case).
SECRET = b"export-tests"


def reviewed(case: Case, secret: bytes = SECRET, decision: ReviewDecision = ReviewDecision.REDACT) -> Case:
    """``case`` with a presenter's decision on every span de-identification was unsure of."""
    from casekit.deid import Scrubber

    _clean, report = Scrubber.for_case(case, secret=secret).scrub_case(case)
    out = case.model_copy(deep=True)
    out.deid_decisions += [
        DeidDecision(fingerprint=f.fingerprint, category=f.category, decision=decision)
        for f in report.pending(case.deid_decisions)
    ]
    return out


def example_cases() -> list[Case]:
    """casekit's fictional example cases, as their presenters would have reviewed them."""
    from casekit.examples import load_examples

    return [reviewed(case) for case in load_examples()]


@pytest.fixture
def case() -> Case:
    return plain_case()


@pytest.fixture
def stuffed() -> Case:
    return stuffed_case()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace with the plain and stuffed cases stored (identifiers encrypted with its key)."""
    from casekit.workspace import Workspace

    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        for case in (plain_case("CK-0101"), plain_case("CK-0102"), stuffed_case("CK-0999")):
            store.create(reviewed(case, store.fingerprint_secret(case.meta.case_id)), author="tests")
    yield ws.root
