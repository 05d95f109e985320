"""A client's name a clinic typed into an instrument's key never reaches what a group is shown."""

from __future__ import annotations

import pytest

from casekit import nbsupport, render
from casekit.deid import scan_for_identifiers
from casekit.workspace import Workspace
from tests.fictional import full_case

#: The instrument key holding the fictional client's name (full_case's identifiers).
NAMED_KEY = "Zerelda Quintavalle wellbeing total"


@pytest.fixture
def named_key_workspace(tmp_path) -> tuple[Workspace, object]:
    """A workspace whose one case keys a feedback score by the client's name."""
    ws = Workspace.create(tmp_path / "ws")
    case = full_case()
    case.feedback[1].instrument_scores = {NAMED_KEY: 17.0, "Session rating": 36.0}
    with ws.open_store() as store:
        store.create(case, author="Presenter-Q")
    return ws, case


def test_case_review_shows_the_score_without_the_name_in_its_key(named_key_workspace):
    """Does the case-review workbook's case (feedback and changes) show the score but not the name?"""
    ws, case = named_key_workspace
    review = nbsupport.open_review(str(ws.root), case.meta.case_id, use_ner=False)
    shown = [
        render.render_feedback(review.case),
        render.render_changes(
            nbsupport.empty_like(review.case), review.case, old_label="before", new_label="now"
        ),
    ]
    for rendering in shown:
        for text in (rendering.html, rendering.markdown):
            assert scan_for_identifiers(text, case.identifiers) == []
            assert "Zerelda" not in text and "Quintavalle" not in text
    assert "wellbeing total" in shown[0].markdown and "17" in shown[0].markdown
