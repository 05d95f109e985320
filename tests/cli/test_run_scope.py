"""`casekit run`: organisation-level workbooks take no case, per-case workbooks need one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from casekit.errors import WorkbookError
from casekit.workbooks import Runner, get_workbook
from casekit.workspace import Workspace


def test_a_case_given_to_the_systems_audit_is_a_one_line_error(
    workspace: Workspace, run_cli: Callable[..., Result]
):
    """Does `casekit run systems-audit --case X` (or --group) fail in one line saying to drop the case,
    before any kernel starts or anything is written?"""
    for extra in (["--case", "CK-0101"], ["--group", "Tuesday-Group"]):
        result = run_cli("run", "systems-audit", *extra)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "about the whole organisation, not one case" in lines[0]
        assert "`casekit run systems-audit`" in lines[0]
    assert not any(workspace.runs_dir.iterdir())


def test_a_case_workbook_without_a_case_still_gives_the_usage_error(run_cli: Callable[..., Result]):
    """Does `casekit run case-review` with no --case or --group still print the usage error?"""
    result = run_cli("run", "case-review")
    assert result.exit_code == 2
    assert "give --case ID (one or more) or --group G" in result.stderr


def test_the_runner_refuses_the_wrong_scope_in_one_line(workspace: Workspace):
    """Does Runner.run refuse a case for the audit and no case for case-review, and run_many the audit?"""
    runner = Runner(workspace, kernels=1)
    runner.start = lambda: runner  # type: ignore[method-assign]  # no kernel is needed to refuse
    with pytest.raises(WorkbookError, match="about the whole organisation, not one case"):
        runner.run("systems-audit", "CK-0101")
    with pytest.raises(WorkbookError, match="runs for one case at a time; give a case id"):
        runner.run("case-review")
    with pytest.raises(WorkbookError, match="organisation-level workbook"):
        runner.run_many("systems-audit", ["CK-0101"])
    assert get_workbook("systems-audit").scope == "organisation"


@pytest.mark.kernel
def test_one_missing_case_still_fails_in_one_line(workspace: Workspace, run_cli: Callable[..., Result]):
    """Now that one case goes through the batch path too, does `casekit run case-review --case` with an
    unknown id still end with one line naming the case (no summary, no traceback) and write nothing?"""
    from tests.kernels import need_kernel

    need_kernel()
    result = run_cli("run", "case-review", "--case", "CK-9999")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "CK-9999" in lines[0]
    assert "succeeded" not in result.stdout
    assert not any(workspace.runs_dir.iterdir())
