"""A real case-review run for a case whose instrument key holds the client's name."""

from __future__ import annotations

import pytest

from casekit.deid import scan_for_identifiers
from casekit.workbooks import Runner
from casekit.workspace import Workspace
from tests.fictional import full_case
from tests.kernels import need_kernel

pytestmark = pytest.mark.kernel


def test_a_name_in_an_instrument_key_does_not_reach_a_case_review_run(tmp_path):
    """Does an executed case-review notebook keep the score but drop the name in its instrument key?"""
    need_kernel()
    ws = Workspace.create(tmp_path / "ws")
    case = full_case()
    case.feedback[1].instrument_scores = {"Zerelda Quintavalle wellbeing total": 17.0}
    with ws.open_store() as store:
        store.create(case, author="Presenter-Q")
    with Runner(ws, kernels=1) as runner:
        run = runner.run("case-review", case.meta.case_id)
    data = run.output.read_bytes()
    assert b"wellbeing total" in data
    assert scan_for_identifiers(data, case.identifiers) == []
    assert b"Zerelda" not in data and b"Quintavalle" not in data
