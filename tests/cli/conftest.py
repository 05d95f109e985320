"""Fixtures for command-line tests: a workspace with the example cases and a runner."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casekit.cli import cli
from casekit.workspace import Workspace


@pytest.fixture(scope="session")
def _example_workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "ws"
    Workspace.create(root, examples=True)
    return root


@pytest.fixture
def workspace(tmp_path: Path, _example_workspace_template: Path) -> Workspace:
    """A fresh copy of a workspace holding the example cases."""
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(_example_workspace_template, root)
    return Workspace.find(root)


@pytest.fixture
def run_cli(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``casekit ARGS...`` against the workspace; returns click's Result (stdout and stderr apart)."""
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    monkeypatch.delenv("CASEKIT_PASSPHRASE", raising=False)
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(workspace.root))

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


def snapshot(ws: Workspace) -> dict[str, object]:
    """What a workspace holds: every file but the database by hash, and every stored revision.

    SQLite may rewrite its file on a read (a WAL checkpoint), so the store is compared by content.
    """
    files = {
        str(p.relative_to(ws.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ws.root.rglob("*"))
        if p.is_file() and not p.name.startswith("cases.db")
    }
    revisions: dict[str, list[str]] = {}
    with ws.open_store() as store:
        for summary in store.list_cases():
            revisions[summary.case_id] = [
                store.load(summary.case_id, info.revision).case.model_dump_json()
                for info in store.history(summary.case_id)
            ]
    return {"files": files, "revisions": revisions}
