"""Without the workspace key, is a group-facing case workbook refused instead of shown unscrubbed?"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from casekit.errors import EncryptionKeyError
from casekit.workspace import Workspace


@pytest.fixture
def keyless(workspace: Workspace) -> Workspace:
    """The example workspace with its key file moved away (as on a machine without it)."""
    workspace.key_path.rename(workspace.root.parent / "key-elsewhere")
    return workspace


@pytest.mark.parametrize("target", [["--case", "CK-0101"], ["--group", "north-team"]])
def test_case_review_without_the_key_is_refused_in_one_line(
    keyless: Workspace, run_cli: Callable[..., Result], target: list[str]
):
    """Does `casekit run case-review` without the key exit 5 with one line naming the fix, and write
    no notebook?"""
    result = run_cli("run", "case-review", *target)
    assert result.exit_code == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casekit: error: case-review: the workspace key")
    assert "CASEKIT_PASSPHRASE" in lines[0]
    assert not any(keyless.runs_dir.rglob("*.ipynb"))


def test_the_workbooks_refuse_to_load_a_case_without_the_key(keyless: Workspace, monkeypatch):
    """Does the workbooks' case loader refuse (rather than show the case unscrubbed) without the key?"""
    from casekit import nbsupport

    monkeypatch.delenv("CASEKIT_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    with pytest.raises(EncryptionKeyError, match="CASEKIT_PASSPHRASE"):
        nbsupport.load_case(str(keyless.root), "CK-0101")
    with pytest.raises(EncryptionKeyError, match="identifiers cannot be removed"):
        nbsupport.open_review(str(keyless.root), "CK-0101")
