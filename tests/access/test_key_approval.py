"""Approval of registered keys: is a key trusted only after the privacy lead compared its fingerprint?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.access import actions
from casekit.access.keys import Holder, fingerprint
from casekit.errors import AccessDeniedError, ConfigError, KeyNotApprovedError
from casekit.store import CaseStore, access_log
from tests.access.conftest import PEOPLE, Opener
from tests.fictional import plain_case
from tests.store.store_helpers import StepClock

CASE = "CK-0101"
SESSION = "2026-03-16"


@pytest.fixture
def pending(store_url: str, people: dict[str, Holder]) -> Iterator[Opener]:
    """Everyone has logged in once (lena first, so she is the privacy lead); no key is approved yet."""
    clock = StepClock()

    def opener(name: str) -> CaseStore:
        return CaseStore.open(store_url, access="people", person=people[name], clock=clock)

    for name in PEOPLE:
        opener(name).close()
    yield opener


def _status(store: CaseStore) -> dict[str, str]:
    return {p.username: p.key_status for p in actions.list_people(store)}


def test_a_key_registered_at_first_login_waits_for_the_privacy_lead(pending: Opener, people):
    """Is the first person (the privacy lead) approved and everyone after pending, is each first
    login logged with the key's fingerprint, and may a pending owner still keep a case of her own?"""
    with pending("ana") as store:
        assert _status(store) == {"lena": "approved", "ana": "pending", "sam": "pending", "mia": "pending"}
        store.create(plain_case(CASE), author="Presenter A")  # her own key, wrapped for herself only
        assert store.load(CASE).case.meta.case_id == CASE
        registered = [e for e in access_log.entries(store) if e.action == "key-registered"]
    assert [e.person for e in registered] == list(PEOPLE)
    assert registered[1].detail == f"person=ana,fingerprint={fingerprint(people['ana'].public_key)}"


def test_a_pending_key_receives_no_grant_and_no_share(pending: Opener):
    """Are a grant to a pending supervisor and a share with a pending member refused in one line that
    names the person and the fix, with nothing wrapped for them?"""
    with pending("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        with pytest.raises(KeyNotApprovedError, match=r"^sam: .*casekit people approve sam") as refused:
            actions.grant_supervisor(store, CASE, "sam")
        assert "\n" not in refused.value.message and refused.value.exit_code == 1  # refused
        with pytest.raises(KeyNotApprovedError, match=r"^mia: "):
            actions.share_case(store, CASE, session=SESSION, recipients=["mia"], use_ner=False)
        assert actions.holders(store, CASE) == {"ana": "owner"}
    with pending("mia") as store:
        assert actions.shared_with_me(store) == []


def test_the_privacy_lead_approves_only_the_fingerprint_the_person_reads_out(pending: Opener, people):
    """Is a wrong fingerprint refused (nothing approved), does the right one (typed any way) approve
    the key so a grant goes through, and is the approval logged under the privacy lead?"""
    sam_fp = fingerprint(people["sam"].public_key)
    with pending("lena") as lead:
        with pytest.raises(ConfigError, match=f"fingerprint {sam_fp}, not the one given"):
            actions.decide_key(lead, "sam", fingerprint(people["mia"].public_key), approve=True)
        assert _status(lead)["sam"] == "pending"
        assert actions.decide_key(lead, "sam", sam_fp.replace("-", " ").upper(), approve=True) == sam_fp
        assert _status(lead)["sam"] == "approved"
        with pytest.raises(ConfigError, match="sam: their key is approved, not waiting"):
            actions.decide_key(lead, "sam", sam_fp, approve=True)
    with pending("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        actions.grant_supervisor(store, CASE, "sam")
        assert actions.holders(store, CASE) == {"ana": "owner", "sam": "supervisor"}
        approved = [e for e in access_log.entries(store) if e.action == "key-approved"]
    assert [(e.person, e.detail) for e in approved] == [("lena", f"person=sam,fingerprint={sam_fp}")]


def test_only_an_approved_privacy_lead_decides(pending: Opener, people):
    """May a member not approve anyone (their own key included)?"""
    with pending("sam") as store, pytest.raises(AccessDeniedError, match="only the privacy lead"):
        actions.decide_key(store, "sam", fingerprint(people["sam"].public_key), approve=True)


def test_a_refused_key_gets_nothing_until_a_new_one_is_approved(pending: Opener, people, store_url, tmp_path):
    """Does a refused key stay refused (grants refused, logged), and does the person's new key wait
    for approval again?"""
    with pending("lena") as lead:
        actions.decide_key(lead, "mia", fingerprint(people["mia"].public_key), approve=False)
        assert [e.action for e in access_log.entries(lead)][-1] == "key-refused"
    with pending("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        with pytest.raises(KeyNotApprovedError, match="mia: the privacy lead refused their personal key"):
            actions.grant_supervisor(store, CASE, "mia")
    new_mia = Holder.from_file("mia", tmp_path / "new-home" / "identity")
    with CaseStore.open(store_url, person=new_mia) as store:
        assert actions.register_my_key(store) is True
        assert _status(store)["mia"] == "pending"


def test_a_new_key_for_an_approved_person_goes_pending_and_is_logged(
    open_as: Opener, store_url: str, tmp_path: Path
):
    """When an approved person registers a different key, does it wait for approval (receiving
    nothing meanwhile), with the change in the access log?"""
    new_sam = Holder.from_file("sam", tmp_path / "new-home" / "identity")
    with CaseStore.open(store_url, person=new_sam) as store:
        assert actions.register_my_key(store) is True
        assert actions.register_my_key(store) is False  # the same key again changes nothing
        assert _status(store)["sam"] == "pending"
        last = access_log.entries(store)[-1]
    assert (last.person, last.action) == ("sam", "key-registered")
    assert last.detail == f"person=sam,fingerprint={fingerprint(new_sam.public_key)}"
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        with pytest.raises(KeyNotApprovedError, match=r"^sam: "):
            actions.grant_supervisor(store, CASE, "sam")
