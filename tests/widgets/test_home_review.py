"""The home page's de-identification review, driven in Python: each word in its sentence, decided
and saved as a revision, as ``casekit deid review`` does in a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.widgets.home import HomePage
from casekit.widgets.home_review import LATER, marked
from casekit.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace with casekit's six fictional example cases (CK-0101 to CK-0106)."""
    return Workspace.create(tmp_path / "ws", examples=True)


@pytest.fixture
def home(workspace: Workspace) -> Iterator[HomePage]:
    """The home page without name recognition (quick; the listed names are still found)."""
    page = HomePage(workspace, use_ner=False)
    yield page
    page.close()


def _head(ws: Workspace, case_id: str) -> tuple[int, list]:
    with ws.open_store() as store:
        record = store.load(case_id)
    return record.revision, record.case.deid_decisions


def test_each_finding_is_shown_in_its_sentence_as_written_and_as_shared(home):
    """Does the review show the word highlighted in its sentence, both ways, under the form's label?"""
    home.case_list.value = "CK-0103"
    panel = home.review_panel
    panel.start_button.click()
    (row,) = panel.finding_rows
    assert "As written" in row.pair.value and "As it would be shared" in row.pair.value
    assert "<mark>White</mark>, I guess." in row.pair.value
    assert "<mark>The client</mark>, I guess." in row.pair.value
    assert "Identities the client names, item 5" in row.heading.value
    assert "identity.identities" not in row.heading.value  # no internal field names
    assert row.choice.value == "keep"  # casekit's suggestion is chosen already
    assert "1 word to decide" in panel.result.value
    assert home.errors == []


def test_replacing_a_word_saves_a_revision_and_opens_the_export(home, workspace):
    """Does "Replace it" then "Save my decisions" store one decision as a new revision, after which
    the handout that the gate stopped is written?"""
    before, decisions = _head(workspace, "CK-0103")
    home.case_list.value = "CK-0103"
    home.export_button.click()
    assert "needs your review first" in home.export_result.value
    home.review_panel.start_button.click()
    home.review_panel.finding_rows[0].choice.value = "redact"
    home.review_panel.save_button.click()
    after, stored = _head(workspace, "CK-0103")
    assert after == before + 1
    assert len(stored) == len(decisions) + 1 and stored[-1].decision == "redact"
    assert "Saved 1 decision (revision" in home.review_panel.result.value
    assert "Nothing is left to decide" in home.review_panel.result.value
    assert home.review_panel.finding_rows == []  # the words leave the page once saved
    home.export_button.click()
    written = workspace.exports_dir / "CK-0103-summary.html"
    assert written.is_file(), home.status.value
    assert "White" not in written.read_text(encoding="utf-8")


def test_deciding_later_saves_nothing(home, workspace):
    """With every word left for later, is nothing saved and the reason said plainly?"""
    before, _ = _head(workspace, "CK-0104")
    home.case_list.value = "CK-0104"
    home.review_panel.start_button.click()
    for row in home.review_panel.finding_rows:
        row.choice.value = LATER
    home.review_panel.save_button.click()
    assert _head(workspace, "CK-0104")[0] == before
    assert "Nothing was saved" in home.status.value


def test_a_cases_own_name_cannot_be_kept_for_every_case(home, workspace):
    """Is keeping the client's household name "for every case" refused in one line, saving nothing?"""
    before, _ = _head(workspace, "CK-0104")
    home.case_list.value = "CK-0104"
    home.review_panel.start_button.click()
    home.review_panel.finding_rows[0].choice.value = "everywhere"
    home.review_panel.save_button.click()
    assert "can be kept for this case only" in home.status.value
    assert _head(workspace, "CK-0104")[0] == before
    assert workspace.keep_list() == []


def test_keep_everywhere_adds_the_word_to_the_workspace_keep_list(workspace):
    """With name recognition, is an ordinary word it flagged ("Felt") kept for every case, on the
    keep-list, and not asked about again?"""
    page = HomePage(workspace)
    try:
        page.case_list.value = "CK-0105"
        page.review_panel.start_button.click()
        (row,) = [r for r in page.review_panel.finding_rows if r.item.span == "Felt"]
        row.choice.value = "everywhere"
        page.review_panel.save_button.click()
        assert "Felt" in workspace.keep_list()
        assert "Kept for every case from now on: Felt" in page.review_panel.result.value
        page.review_panel.start_button.click()
        assert all(r.item.span != "Felt" for r in page.review_panel.finding_rows)
    finally:
        page.close()


def test_choosing_another_case_empties_the_review(home):
    """Does choosing another case take the first case's words off the page?"""
    home.case_list.value = "CK-0103"
    home.review_panel.start_button.click()
    assert home.review_panel.finding_rows
    home.case_list.value = "CK-0101"
    assert home.review_panel.finding_rows == []
    assert "White" not in home.review_panel.result.value


def test_marked_escapes_the_sentence_and_highlights_only_the_span():
    """Is text around the span escaped, and the span alone wrapped in <mark>?"""
    assert marked("a <b> [[Rose & co]] said") == "a &lt;b&gt; <mark>Rose &amp; co</mark> said"
    assert marked("no marks <here>") == "no marks &lt;here&gt;"
