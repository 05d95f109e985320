"""A live session in a people-access store: does a member who holds no key for the case take part
with the snapshot the presenter shared, and nothing more?"""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.access import actions
from casekit.errors import AccessDeniedError
from casekit.session.live import LiveSession
from casekit.session.session_workbook import shared_brief_html
from tests.access.conftest import Opener
from tests.fictional import IDENTIFIERS, plain_case

CASE = "CK-0101"
SESSION = "2026-03-16"


def test_a_member_without_the_case_key_joins_the_session_and_sees_the_shared_snapshot(open_as: Opener):
    """Can a member who holds no key for the case join its live session, see the de-identified
    snapshot shared with her as the brief (without the client's name), while the case itself
    stays refused to her; and does a member with nothing shared get a plain note instead?"""
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        actions.share_case(store, CASE, session=SESSION, recipients=["mia"], use_ner=False)
    with open_as("mia") as store:
        with pytest.raises(AccessDeniedError):
            store.load(CASE)
        session = LiveSession(store, CASE, dt.date.fromisoformat(SESSION), alias="Member M", role="member")
        session.join()
        brief = shared_brief_html(store, CASE)
    assert "choir" in brief and IDENTIFIERS.legal_name not in brief
    with open_as("sam") as store:
        note = shared_brief_html(store, CASE)
    assert "has not shared this case with you yet" in note and "choir" not in note
    with open_as("ana") as store:
        joined = LiveSession(
            store, CASE, dt.date.fromisoformat(SESSION), alias="Presenter A", role="presenter"
        )
    assert [m.alias for m in joined.record.setup.members] == ["Member M"]
