"""Joining a live session from the home page by account: the facilitator gives roles to people present.

Two home pages on one workspace, each acting as a different JupyterHub user (set in the environment
while that page acts, as the Hub sets it for each person's own server).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from casekit.session.model import Role
from casekit.widgets.home import HomePage
from casekit.widgets.scheduler import ManualScheduler
from casekit.widgets.session import FacilitatorView, MemberView
from casekit.workspace import Workspace

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def as_person(monkeypatch):
    """Act as a JupyterHub user for the duration of a ``with`` block."""

    @contextmanager
    def acting(name: str):
        with monkeypatch.context() as m:
            m.setenv("JUPYTERHUB_USER", name)
            m.setenv("JUPYTERHUB_API_TOKEN", "fictional-token")
            yield

    return acting


@pytest.fixture
def pages(tmp_path: Path, as_person) -> Iterator[tuple[HomePage, HomePage, ManualScheduler]]:
    """jfac's and kmem's home pages on one workspace of fictional example cases, and the poll timer."""
    workspace = Workspace.create(tmp_path / "ws", examples=True)
    clock = ManualScheduler()
    options = {"view_options": {"scheduler": clock}, "today": DAY}
    made = []
    for name in ("jfac", "kmem"):
        with as_person(name):
            made.append(HomePage(workspace, use_ner=False, session_options=options))
    yield made[0], made[1], clock
    for page in made:
        page.session_panel.leave()
        page.close()


def test_the_facilitator_gives_a_role_to_a_person_who_joined(pages, as_person):
    """Does a person who joined appear in the set-up's list of people, and once given a role, does
    their page show that name and role (not chosen) and open in it?"""
    fac_page, member_page, clock = pages
    with as_person("jfac"):
        panel = fac_page.session_panel
        panel.case.value, panel.alias.value, panel.role.value = "CK-0101", "Facilitator C", Role.FACILITATOR
        panel.open_button.click()
        fac = panel.view
    assert isinstance(fac, FacilitatorView), fac_page.status.value

    with as_person("kmem"):
        mine = member_page.session_panel
        mine.case.value, mine.alias.value = "CK-0101", "Member K"
        mine.open_button.click()
        assert isinstance(mine.view, MemberView)
        mine.leave()
    with as_person("jfac"):
        clock.advance(0.5)
        assert fac.session.present == ["kmem"]  # the facilitator's own page starts, it does not join
        row = fac.rows.children[0]
        assert [value for _label, value in row.person.options] == [None, "jfac", "kmem"]
        row.person.value = "jfac"
        fac._add_row()
        new = fac.rows.children[-1]
        new.alias.value, new.role.value, new.person.value = "Member K", Role.TIMEKEEPER, "kmem"
        fac._add_row()
        other = fac.rows.children[-1]
        other.alias.value, other.role.value, other.person.value = "Presenter A", Role.PRESENTER, None
        fac.save_setup.click()
        assert "Set-up saved" in fac.status.value, fac.status.value
        assert fac.session.record.setup.member("Member K").person == "kmem"

    with as_person("kmem"):
        mine.names_button.click()
        assert (mine.alias.value, mine.role.value) == ("Member K", Role.TIMEKEEPER)
        assert mine.alias.disabled and mine.role.disabled
        assert "Facilitator C" not in mine.alias.options  # given to someone else
        assert "Presenter A" in mine.alias.options  # not given to anyone: still a name to choose
        assert "Member K" in mine.message.value and "Timekeeper" in mine.message.value
        mine.open_button.click()
        view = mine.view
        assert isinstance(view, MemberView)
        assert view.session.role is Role.TIMEKEEPER and view.session.alias == "Member K"
    assert fac_page.errors == [] and member_page.errors == []


def test_typing_the_facilitators_name_opens_no_facilitator_screen(pages, as_person):
    """Does someone who types the facilitator's name and role get a member's screen that cannot steer?"""
    fac_page, member_page, _clock = pages
    with as_person("jfac"):
        panel = fac_page.session_panel
        panel.case.value, panel.alias.value, panel.role.value = "CK-0102", "Facilitator C", Role.FACILITATOR
        panel.open_button.click()
        fac = panel.view
        fac.rows.children[0].person.value = "jfac"
        fac.save_setup.click()
        fac.session.start()
    with as_person("kmem"):
        mine = member_page.session_panel
        mine.case.value = "CK-0102"
        mine.alias.value, mine.role.value = "Facilitator C", Role.FACILITATOR
        mine.open_button.click()
        assert isinstance(mine.view, MemberView)
        assert not mine.view.session.steers
    assert fac.session.stage is mine.view.session.stage
