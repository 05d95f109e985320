"""Starting and joining a live session from the home page, driven in Python: two pages, one store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.actor import current_person
from casekit.session.model import Role
from casekit.widgets.home import HomePage
from casekit.widgets.home_session import FACILITATOR_GUIDE, ROLES
from casekit.widgets.scheduler import ManualScheduler
from casekit.widgets.session import FacilitatorView, MemberView
from casekit.workspace import Workspace

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace with casekit's six fictional example cases (CK-0101 to CK-0106)."""
    return Workspace.create(tmp_path / "ws", examples=True)


@pytest.fixture
def clock() -> ManualScheduler:
    """The session views' poll timer, moved by hand."""
    return ManualScheduler()


@pytest.fixture
def pages(workspace: Workspace, clock: ManualScheduler) -> Iterator[tuple[HomePage, HomePage]]:
    """Two people's home pages on the same workspace (a facilitator's and a member's)."""
    options = {"view_options": {"scheduler": clock}, "today": DAY}
    made = [HomePage(workspace, use_ner=False, session_options=options) for _ in range(2)]
    yield made[0], made[1]
    for page in made:
        page.session_panel.leave()
        page.close()


def _choose(page: HomePage, case_id: str, alias: str, role: Role | None = None) -> None:
    panel = page.session_panel
    panel.case.value = case_id
    panel.alias.value = alias
    if role is not None:
        panel.role.value = role


def test_roles_and_aliases_are_offered_as_lists(pages):
    """Are the five roles offered in a list, and the presenting clinicians' aliases offered as names?"""
    page, _ = pages
    panel = page.session_panel
    assert [value for _label, value in panel.role.options] == list(ROLES)
    assert [label for label, _v in panel.role.options] == [
        "Facilitator",
        "Presenter",
        "Timekeeper",
        "Note-taker",
        "Member",
    ]
    assert "Presenter A" in panel.alias.options
    assert panel.case.options[0] == "CK-0101"
    assert panel.open_button.description == "Join the session"
    panel.role.value = Role.FACILITATOR
    assert panel.open_button.description == "Start the session"


def test_facilitator_starts_and_a_member_joins_from_another_page(pages, clock):
    """Does one page start the session as facilitator, set up a member, and the second page (choosing
    that alias from the list) join in the role given, then follow the facilitator's stage change?"""
    fac_page, member_page = pages
    _choose(fac_page, "CK-0101", "Facilitator C", Role.FACILITATOR)
    fac_page.session_panel.open_button.click()
    fac = fac_page.session_panel.view
    assert isinstance(fac, FacilitatorView), fac_page.status.value
    assert fac.session.case_id == "CK-0101" and fac.session.session_date == DAY
    assert "as facilitator" in fac_page.status.value
    fac._add_row()
    fac.rows.children[-1].alias.value = "Member B"
    fac.rows.children[-1].role.value = Role.TIMEKEEPER
    fac.save_setup.click()
    assert "Set-up saved" in fac.status.value, fac.status.value

    panel = member_page.session_panel
    assert "Member B" not in panel.alias.options  # this page opened before the set-up was saved
    panel.names_button.click()
    assert "Member B" in panel.alias.options  # the facilitator's set-up is offered
    panel.alias.value = "Member B"
    assert panel.role.value is Role.TIMEKEEPER  # the role the facilitator gave
    panel.open_button.click()
    member = panel.view
    assert isinstance(member, MemberView), member_page.status.value
    assert member.session.role is Role.TIMEKEEPER
    assert panel.chooser.layout.display == "none"

    first = fac.session.stage
    fac.next.click()
    assert fac.session.stage is not first
    assert member.session.stage is first  # the member's page has not polled yet
    clock.advance(0.5)
    assert member.session.stage is fac.session.stage
    assert f'data-stage="{fac.session.stage.value}"' in member.now_html.value
    assert fac_page.errors == [] and member_page.errors == []


def test_a_missing_alias_is_refused_and_nothing_opens(pages):
    """Without a name in the group, is the session not opened, with a note saying what to choose?"""
    page, _ = pages
    page.session_panel.case.value = "CK-0102"
    page.session_panel.alias.value = "  "
    page.session_panel.open_button.click()
    assert page.session_panel.view is None
    assert "Choose your name in the group" in page.session_panel.message.value
    assert "was not opened" in page.status.value


def test_leaving_closes_the_view_and_shows_the_choices_again(pages):
    """Does "Leave the session" close this page's view, keep what was said, and offer the lists again?"""
    page, _ = pages
    _choose(page, "CK-0102", "Presenter B", Role.PRESENTER)
    page.session_panel.open_button.click()
    view = page.session_panel.view
    assert view is not None and view.session.started  # joining is recorded
    page.session_panel.leave_button.click()
    assert page.session_panel.view is None and page.session_panel.live.children == ()
    assert page.session_panel.chooser.layout.display is None
    assert "Presenter B" in page.session_panel.alias.options


def test_the_person_shown_is_the_account_not_an_alias(pages):
    """Is the person shown the one casekit.actor finds (never typed), beside the alias people see?"""
    page, _ = pages
    assert f"signed in as {current_person().username}" in page.session_panel.signed_in.value
    assert page.session_panel.person == current_person()


def test_the_facilitator_guide_is_on_the_page_in_plain_words():
    """Is the facilitator's guide one page of plain words: every stage, aliases only, no code?"""
    text = FACILITATOR_GUIDE
    for words in ("The question", "Clarifying questions", "Perspectives", "action plan", "aliases only"):
        assert words.lower() in text.lower()
    assert "role =" not in text and "_alias" not in text and "()" not in text
    assert len(text.split()) < 700  # about one printed page
