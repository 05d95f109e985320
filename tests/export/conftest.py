"""Fixtures for export tests: cases, a workspace holding them, and the de-identification package.

Until ``casekit.deid`` lands on main, a stand-in from ``fake_deid`` takes its place in these tests
only (it is never importable from casekit itself).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import casekit.deid  # noqa: F401
except ImportError:
    from tests.export import fake_deid

    sys.modules["casekit.deid"] = fake_deid.module()

from casekit.model import Case
from tests.export.cases import plain_case, stuffed_case

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def in_ci() -> bool:
    """Whether the tests run in CI, where nothing may be skipped."""
    return bool(os.environ.get("CI"))


def example_cases() -> list[Case]:
    """casekit's fictional example cases, or two built here until the examples package lands."""
    try:
        from casekit.examples import load_examples
    except ImportError:
        return [plain_case("CK-0101"), plain_case("CK-0102")]
    return list(load_examples())


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
        store.create(plain_case("CK-0101"), author="tests")
        store.create(plain_case("CK-0102"), author="tests")
        store.create(stuffed_case("CK-0999"), author="tests")
    yield ws.root
