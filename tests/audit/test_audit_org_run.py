"""`casekit run systems-audit`: runs once for the organisation; its barrier table counts the store."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner, Result

from casekit.cli import cli
from casekit.model import Case, CaseMeta, PowerDynamic, PowerLevel
from casekit.workbooks import ORGANISATION, registry
from casekit.workspace import Workspace
from tests.kernels import need_kernel


@pytest.fixture
def org_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A fresh workspace holding the example cases, set as the CLI's workspace."""
    for name in ("CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws", examples=True)
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(ws.root))
    return ws


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _barrier_case(case_id: str, *kinds: str) -> Case:
    return Case(
        meta=CaseMeta(case_id=case_id, clinician_alias="Presenter Q"),
        power=[PowerDynamic(level=PowerLevel.SYSTEMIC, kind=k) for k in kinds],
    )


def _markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    return "\n".join(o.data.get("text/markdown", "") for o in outputs if o.output_type == "display_data")


def test_systems_audit_is_registered_as_an_organisation_workbook():
    """Does the registry know systems-audit as organisation-level (no case_id) and the others as per case?"""
    books = registry()
    assert books["systems-audit"].scope == ORGANISATION and not books["systems-audit"].per_case
    assert "case_id" not in books["systems-audit"].parameters
    assert books["systems-audit"].title == "Systems-of-care audit"
    assert all(b.per_case for name, b in books.items() if name != "systems-audit")


@pytest.mark.kernel
@pytest.mark.slow
def test_run_without_a_case_writes_the_audit_and_counts_the_stores_barriers(org_workspace: Workspace):
    """Does `casekit run systems-audit` (no --case) write runs/organisation/systems-audit.ipynb with the
    workspace injected and provenance recorded, and does its barrier table follow the store, with
    small cells still hidden?"""
    need_kernel()
    ws = org_workspace
    first = invoke("run", "systems-audit")
    assert first.exit_code == 0, first.output
    target = ws.runs_dir / "organisation" / "systems-audit.ipynb"
    assert first.output.startswith(f"organisation: {target} (")
    meta = nbformat.read(target, as_version=4).metadata.casekit
    assert meta["workbook"] == "systems-audit" and meta["scope"] == "organisation" and meta["status"] == "ok"
    assert meta["parameters"] == {"workspace": str(ws.root)}
    before = _markdown(target)
    assert "every case in this workspace's store" in before and "Cases counted: 6" in before
    assert "| racism and other discrimination | 4 |" in before  # racism in 3 cases, audism in 1
    assert "disability access" not in before  # in 2 cases: not named

    with ws.open_store() as store:
        store.create(
            _barrier_case("ZQ-0001", "Interpreter gaps", "disability access", "payday loans"), author="t"
        )
        store.create(_barrier_case("ZQ-0002", "interpreter-gaps", "payday loans"), author="t")
        store.create(_barrier_case("ZQ-0003", "interpreter gaps "), author="t")
    second = invoke("run", "systems-audit")
    assert second.exit_code == 0, second.output
    after = _markdown(target)
    assert "Cases counted: 9" in after
    # "interpreter gaps", however typed, is a language barrier (with one from the examples)
    assert "| language | 4 |" in after and "| disability access | 3 |" in after
    assert "payday" not in after  # two cases only: still not named
    assert [p.name for p in target.parent.iterdir()] == ["systems-audit.ipynb"]  # re-running replaces
    data = target.read_bytes()
    assert b"ZQ-000" not in data and b"CK-010" not in data  # counts only, never a case id
