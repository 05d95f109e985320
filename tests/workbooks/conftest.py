"""Fixtures: a workspace with the example cases, and one batch run of every workbook over all of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _need_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        if os.environ.get("CI"):
            raise
        pytest.skip("no 'python3' Jupyter kernel found (needed for real kernels); install ipykernel")


@pytest.fixture(scope="session")
def example_workspace(tmp_path_factory: pytest.TempPathFactory):
    from casekit.workspace import Workspace

    _need_kernel()
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
