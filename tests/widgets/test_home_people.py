"""The home page's "People and keys" panel driven without a browser, on a people-access workspace.

Each fictional person acts with their own identity file and JupyterHub user name (set in the
environment while they act, as the Hub sets them for each person's own server). lena opens the store
first, so she is its privacy lead; she approves ana's and sam's keys, and mia's key is left waiting.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from casekit.access import actions
from casekit.access.keys import fingerprint
from casekit.errors import AccessDeniedError
from casekit.i18n import use_language
from casekit.store import access_log
from casekit.widgets.home import HomePage
from casekit.widgets.home_people import PeoplePanel, spaced_fingerprint
from casekit.workspace import Workspace
from tests.fictional import plain_case
from tests.i18n.pseudo import stray_words, visible_texts
from tests.i18n.test_pseudo_locale import pseudo  # noqa: F401 - a fixture

CASE = "CK-0101"
PEOPLE = ("lena", "ana", "sam", "mia")

Acting = Callable[[str], AbstractContextManager[None]]


@pytest.fixture
def as_person(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Acting:
    """Act as one fictional person (their Hub user name and their own identity file) in a block."""

    @contextmanager
    def acting(name: str) -> Iterator[None]:
        with monkeypatch.context() as m:
            m.setenv("JUPYTERHUB_USER", name)
            m.setenv("JUPYTERHUB_API_TOKEN", "fictional-token")
            m.setenv("CASEKIT_IDENTITY", str(tmp_path / "homes" / name / "identity"))
            yield

    return acting


def make_people_workspace(root: Path, as_person: Acting) -> Workspace:
    """A people-access workspace in ``root``: everyone logged in once, ana and sam approved, mia
    waiting; ana owns the fictional case CK-0101."""
    ws = Workspace.create(root)
    with as_person("lena"), ws.open_store() as store:
        actions.enable(store)
    for name in PEOPLE:
        with as_person(name), ws.open_store():
            pass
    with as_person("lena"), ws.open_store() as store:
        for name in ("ana", "sam"):
            key = next(p.public_key for p in actions.list_people(store) if p.username == name)
            actions.decide_key(store, name, fingerprint(key), approve=True)
    with as_person("ana"), ws.open_store() as store:
        store.create(plain_case(CASE), author="Presenter A")
    return ws


@pytest.fixture
def workspace(tmp_path: Path, as_person: Acting) -> Workspace:
    """A people-access workspace (:func:`make_people_workspace`)."""
    return make_people_workspace(tmp_path / "ws", as_person)


def _panel(ws: Workspace, as_person: Acting, name: str) -> PeoplePanel:
    with as_person(name):
        return PeoplePanel(ws.open_store, keep_list=ws.keep_list, use_ner=False)


def _status(ws: Workspace, as_person: Acting) -> dict[str, str]:
    with as_person("lena"), ws.open_store() as store:
        return {p.username: p.key_status for p in actions.list_people(store)}


def _said(panel: PeoplePanel) -> str:
    return html.unescape(panel.status.value)


def _mia_fingerprint(panel: PeoplePanel) -> str:
    return next(p.fingerprint for p in panel.people if p.username == "mia")


def test_the_privacy_lead_approves_a_key_after_typing_its_fingerprint(workspace, as_person):
    """Does the privacy lead see mia's waiting key in groups of four, approve it by typing the
    fingerprint mia read out, and is the approval logged under her name?"""
    panel = _panel(workspace, as_person, "lena")
    assert panel.lead_controls.layout.display is None
    assert panel.waiting.value == "mia"
    shown = spaced_fingerprint(_mia_fingerprint(panel))
    assert shown in panel.waiting_fingerprint.value and len(shown.split(" ")) == 5
    assert "waiting for approval" in panel.people_table.value
    with as_person("lena"):
        panel.typed.value = shown.upper()
        panel.approve_button.click()
    assert "mia's key is approved" in _said(panel), panel.status.value
    assert _status(workspace, as_person)["mia"] == "approved"
    with as_person("lena"), workspace.open_store() as store:
        approved = [e for e in access_log.entries(store) if e.action == "key-approved"]
    assert approved[-1].person == "lena"
    assert approved[-1].detail == f"person=mia,fingerprint={_mia_fingerprint(panel)}"
    assert panel.waiting.options == () and panel.approve_button.disabled


def test_a_wrong_fingerprint_is_refused_in_one_plain_line(workspace, as_person):
    """Does a fingerprint that is not mia's leave her key waiting, with one plain line and no code?"""
    panel = _panel(workspace, as_person, "lena")
    sam = next(p.fingerprint for p in panel.people if p.username == "sam")
    with as_person("lena"):
        panel.typed.value = sam
        panel.approve_button.click()
    assert "not the one registered for mia" in _said(panel)
    assert "role='alert'" in _said(panel)
    assert "`" not in _said(panel) and "--" not in _said(panel)
    assert _status(workspace, as_person)["mia"] == "pending"
    with as_person("lena"), workspace.open_store() as store:
        assert not [
            e
            for e in access_log.entries(store)
            if e.detail.startswith("person=mia,") and "approved" in e.action
        ]


def test_a_member_sees_no_approval_and_is_refused_below_the_page(workspace, as_person):
    """Does a member (ana) get no approve controls, is her direct call refused by the library, and
    does the hidden approve button, pressed anyway, say so in one plain line and change nothing?"""
    panel = _panel(workspace, as_person, "ana")
    assert panel.lead_controls.layout.display == "none"
    assert panel.not_lead.layout.display is None
    with (
        as_person("ana"),
        workspace.open_store() as store,
        pytest.raises(AccessDeniedError, match="only the privacy lead"),
    ):
        actions.decide_key(store, "mia", _mia_fingerprint(panel), approve=True)
    with as_person("ana"):
        panel.typed.value = _mia_fingerprint(panel)
        panel.approve_button.click()  # hidden from her, pressed anyway
    assert "only the privacy lead may approve keys" in _said(panel)
    assert "`" not in _said(panel)
    assert _status(workspace, as_person)["mia"] == "pending"


def test_the_owner_shares_the_summary_and_ends_the_share(workspace, as_person):
    """Does the owner share the reviewed summary with sam for a session, does sam then receive it,
    and once the share is ended, does sam no longer?"""
    panel = _panel(workspace, as_person, "ana")
    with as_person("ana"):
        panel.show_case(CASE)
        assert "ana (owns it)" in panel.holders_line.value
        assert panel.owner_controls.layout.display is None
        assert "mia" not in panel.members.options  # her key is not approved: nothing can go to her
        panel.session_day.value = dt.date(2026, 12, 3)
        panel.members.value = ("sam",)
        panel.share_button.click()
    assert "is shared with sam" in _said(panel), panel.status.value
    with as_person("sam"), workspace.open_store() as store:
        assert [s.case_id for s in actions.shared_with_me(store)] == [CASE]
    with as_person("ana"):
        panel.end_share_button.click()
    assert "has ended for everyone" in _said(panel), panel.status.value
    with as_person("sam"), workspace.open_store() as store:
        assert actions.shared_with_me(store) == []


def test_the_owner_takes_every_shared_summary_from_one_member(workspace, as_person):
    """Once ana has shared her case with sam and mia's key is approved too, does taking the shared
    summaries from sam end them for sam only?"""
    with as_person("lena"), workspace.open_store() as store:
        key = next(p.public_key for p in actions.list_people(store) if p.username == "mia")
        actions.decide_key(store, "mia", fingerprint(key), approve=True)
    panel = _panel(workspace, as_person, "ana")
    with as_person("ana"):
        panel.show_case(CASE)
        panel.session_day.value = dt.date(2026, 12, 3)
        panel.members.value = ("mia", "sam")
        panel.share_button.click()
        panel.take_from.value = "sam"
        panel.take_button.click()
    assert "sam no longer has 1 shared summary of CK-0101" in _said(panel), panel.status.value
    with as_person("sam"), workspace.open_store() as store:
        assert actions.shared_with_me(store) == []
    with as_person("mia"), workspace.open_store() as store:
        assert [s.case_id for s in actions.shared_with_me(store)] == [CASE]


def test_a_pending_rotation_is_listed_and_cleared_by_its_button(workspace, as_person):
    """After a supervisor is granted and then removed by the privacy lead, does the owner's panel list
    the case as needing a new key, and does its button rotate it and clear the list?"""
    owner = _panel(workspace, as_person, "ana")
    with as_person("ana"):
        owner.show_case(CASE)
        owner.supervisor.value = "sam"
        owner.grant_button.click()
    assert "sam (supervises it)" in owner.holders_line.value, owner.status.value
    lead = _panel(workspace, as_person, "lena")
    with as_person("lena"):
        lead.remove_choice.value = "sam"
        lead.remove_button.click()
        assert "sam" in lead.remove_choice.options  # nothing happens before confirming
        with workspace.open_store() as store:
            assert next(p for p in actions.list_people(store) if p.username == "sam").removed_at is None
        assert "need a new key from their owners" in lead.confirm_text.value
        lead.confirm_button.click()
    assert "sam is removed" in _said(lead) and CASE in _said(lead), lead.status.value
    with as_person("ana"):
        owner.refresh()
        assert CASE in owner.rotations.children[0].children[0].value
        with workspace.open_store() as store:
            before = actions.pending_rotations(store)
        assert before == {CASE: ["sam"]}
        owner.rotations.children[0].children[1].click()
        assert "has a new key" in _said(owner), owner.status.value
        with workspace.open_store() as store:
            assert actions.pending_rotations(store) == {}
    assert "every case you hold has a current key" in owner.rotations.children[0].value


def test_the_panel_is_hidden_in_a_shared_key_workspace(tmp_path: Path):
    """Does a shared-key workspace's home page show one line saying why, and no way to open the panel?"""
    page = HomePage(Workspace.create(tmp_path / "ws", examples=True), use_ner=False)
    try:
        assert not page.people.people_access
        assert page.people.open_button not in page.people.children
        assert "one shared key" in page.people.children[1].value
        assert page.people.toggle() is None
    finally:
        page.close()


def test_the_home_page_opens_the_panel_for_the_chosen_case(workspace, as_person):
    """On a people-access home page, does the panel open and follow the chosen case?"""
    with as_person("ana"):
        page = HomePage(workspace, use_ner=False)
        try:
            panel = page.people.toggle()
            assert panel is not None
            page.case_list.value = CASE
            assert "ana (owns it)" in panel.holders_line.value, page.status.value
        finally:
            page.close()


def test_removing_the_only_person_who_can_open_a_case_is_refused_in_plain_words(workspace, as_person):
    """Is removing ana, the only person who can open CK-0101, refused in one line without terminal
    commands, leaving her registered?"""
    lead = _panel(workspace, as_person, "lena")
    with as_person("lena"):
        lead.remove_choice.value = "ana"
        lead.remove_button.click()
        lead.confirm_button.click()
    said = _said(lead)
    assert "ana: is the only person who can open case CK-0101" in said, said
    assert "ask them to grant a supervisor first, or no one could open those cases again" in said
    assert "`" not in said and "casekit" not in said and "\n" not in said
    with as_person("lena"), workspace.open_store() as store:
        assert next(p for p in actions.list_people(store) if p.username == "ana").removed_at is None
        assert actions.holders(store, CASE) == {"ana": "owner"}


def test_every_word_of_the_panel_comes_from_the_catalogues(workspace, as_person, pseudo):  # noqa: F811
    """Under the pseudo-language, is every heading, label, button and line of the panel catalogued,
    as the privacy lead sees it and as the owner sees her chosen case after a removal?"""
    with use_language(pseudo):
        owner = _panel(workspace, as_person, "ana")
        with as_person("ana"):
            owner.show_case(CASE)
            owner.supervisor.value = "sam"
            owner.grant_button.click()
        lead = _panel(workspace, as_person, "lena")
        with as_person("lena"):
            lead.remove_choice.value = "sam"
            lead.remove_button.click()
            lead.confirm_button.click()
        with as_person("ana"):
            owner.show_case(CASE)
        data = [CASE, *PEOPLE, *(spaced_fingerprint(p.fingerprint) for p in lead.people)]
        stray = stray_words([*visible_texts(lead), *visible_texts(owner)], data)
    assert "⟦" in _said(lead) and owner.rotations.children[0].children, _said(lead)
    assert not stray, stray[:10]
