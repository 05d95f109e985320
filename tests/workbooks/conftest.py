"""Fixtures: a workspace with the example cases, and one batch run of every workbook over all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kernels import need_kernel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def example_workspace(tmp_path_factory: pytest.TempPathFactory):
    from casekit.workspace import Workspace

    need_kernel()
    return Workspace.create(tmp_path_factory.mktemp("ws") / "workspace", examples=True)


@pytest.fixture(scope="session")
def example_case_ids(example_workspace) -> list[str]:
    with example_workspace.open_store() as store:
        return [s.case_id for s in store.list_cases()]


@pytest.fixture(scope="session")
def all_runs(example_workspace, example_case_ids):
    """Every workbook in notebooks/ run for every example case through the batch runner."""
    from casekit.workbooks import Runner, registry

    results = {}
    with Runner(example_workspace, kernels=2) as runner:
        for name, book in registry().items():
            if "case_id" in book.parameters:  # case workbooks; organisation-level ones are tested elsewhere
                results[name] = runner.run_many(name, example_case_ids)
    return results
