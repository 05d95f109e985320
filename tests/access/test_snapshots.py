"""Shared snapshots: does a group member get the reviewed, de-identified summary and nothing more?"""

from __future__ import annotations

import pytest

from casekit.access import actions
from casekit.errors import AccessDeniedError, ExportGateError
from tests.access.conftest import Opener
from tests.access.test_envelope import _every_stored_value
from tests.fictional import IDENTIFIERS, plain_case

CASE = "CK-0101"
SESSION = "2026-03-16"
FLAGGED = "Quillery"  # a capitalised made-up word: de-identification is unsure whether it is a name


def _share(open_as: Opener, to: list[str]) -> str:
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        return actions.share_case(store, CASE, session=SESSION, recipients=to, use_ner=False)


def test_a_member_sees_the_shared_snapshot_and_nothing_more(open_as: Opener, store_url: str):
    """Does the member read the de-identified summary shared with her (the client's words, without her
    name), while the case itself stays closed to her and the snapshot is nowhere readable in the
    database?"""
    snapshot_id = _share(open_as, ["mia"])
    with open_as("mia") as store:
        [seen] = actions.shared_with_me(store)
        with pytest.raises(AccessDeniedError):
            store.load(CASE)
        with pytest.raises(AccessDeniedError):
            store.fingerprint_secret(CASE)
    assert (seen.snapshot_id, seen.case_id, seen.session, seen.shared_by) == (
        snapshot_id,
        CASE,
        SESSION,
        "ana",
    )
    assert "night-shift baker" in seen.text
    assert IDENTIFIERS.legal_name not in seen.text
    assert all(part not in seen.text for part in IDENTIFIERS.legal_name.split())
    stored = _every_stored_value(store_url)
    assert not any(b"night-shift baker" in value for value in stored)
    with open_as("sam") as store:
        assert actions.shared_with_me(store) == []


def test_revoking_a_snapshot_or_a_member_takes_effect_at_once(open_as: Opener):
    """When the presenter takes one member off, does only that member lose the snapshot; and when she
    revokes it, does everyone lose it?"""
    snapshot_id = _share(open_as, ["mia", "sam"])
    with open_as("ana") as presenter:
        assert actions.remove_member(presenter, CASE, "sam") == 1
        with open_as("sam") as sam, open_as("mia") as mia:
            assert actions.shared_with_me(sam) == []
            assert [s.snapshot_id for s in actions.shared_with_me(mia)] == [snapshot_id]
            actions.revoke_snapshot(presenter, CASE, snapshot_id)
            assert actions.shared_with_me(mia) == []
        assert actions.shared_with_me(presenter) == []


def test_sharing_refuses_a_case_whose_review_is_pending(open_as: Opener):
    """Is a case with a flagged span not yet reviewed refused (nothing shared), in one line that does
    not quote the span?"""
    case = plain_case(CASE)
    case.consultation_question.text = f"Should I mention {FLAGGED} to the group?"
    with open_as("ana") as store:
        store.create(case, author="Presenter A")
        with pytest.raises(ExportGateError) as refused:
            actions.share_case(store, CASE, session=SESSION, recipients=["mia"], use_ner=False)
        assert FLAGGED not in refused.value.message and "\n" not in refused.value.message
    with open_as("mia") as store:
        assert actions.shared_with_me(store) == []


def test_only_the_owner_or_supervisor_may_share(open_as: Opener):
    """Is a member who holds no key refused when she tries to share the case onward?"""
    _share(open_as, ["mia"])
    with open_as("mia") as store, pytest.raises(AccessDeniedError):
        actions.share_case(store, CASE, session=SESSION, recipients=["sam"], use_ner=False)


def test_people_access_actions_are_in_the_access_log_under_the_person_acting(open_as: Opener):
    """Are granting, sharing, a member reading the snapshot, revoking and rotating each logged under
    the person who did it, with no client text, in a chain that still verifies?"""
    from casekit.store import access_log

    snapshot_id = _share(open_as, ["mia"])
    with open_as("ana") as store:
        actions.grant_supervisor(store, CASE, "sam")
        actions.rotate_key(store, CASE)
    with open_as("mia") as store:
        actions.shared_with_me(store)
    with open_as("ana") as store:
        actions.revoke_snapshot(store, CASE, snapshot_id)
        logged = [(e.person, e.action) for e in access_log.entries(store, case_id=CASE)]
        details = " ".join(e.detail for e in access_log.entries(store))
        access_log.verify(store)
    for step in [
        ("ana", "created"),
        ("ana", "shared"),
        ("ana", "granted"),
        ("ana", "rotated"),
        ("mia", "opened"),
        ("ana", "revoked"),
    ]:
        assert step in logged
    assert (
        logged.index(("ana", "shared")) < logged.index(("mia", "opened")) < logged.index(("ana", "revoked"))
    )
    assert "night-shift" not in details and IDENTIFIERS.legal_name.split()[0] not in details
