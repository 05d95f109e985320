"""Sealed live sessions: in a people-access store, can only the people present read what was said,
even with the database in hand, while old readable sessions still replay?"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import insert, select

from casekit.access import keys
from casekit.errors import SessionError
from casekit.session.live import LiveSession
from casekit.session.log import session_record
from casekit.session.model import Member, Role
from casekit.store import CaseStore
from casekit.store.session_events import SessionEventLog, session_events_table
from casekit.store.tables import session_keys_table
from tests.access.conftest import Opener
from tests.access.test_envelope import _every_stored_value
from tests.fictional import plain_case, session_case
from tests.store.store_helpers import raw_engine

CASE = "CK-0101"
DAY = dt.date(2026, 3, 16)
#: Fictional words said in the session, and the session's aliases (none of them a client's name).
SAID = "Her grandmother's prayer circle may be the support she trusts most"
ACTION = "Ask how the mosque youth group fits with the exam schedule"
FACILITATOR = "Convenor-Heron"
MEMBER = "Consultant-Wren"


@pytest.fixture
def as_person(monkeypatch: pytest.MonkeyPatch):
    """Act as a JupyterHub user (the account each session event records) inside a ``with`` block."""

    @contextmanager
    def acting(name: str):
        with monkeypatch.context() as m:
            m.setenv("JUPYTERHUB_USER", name)
            m.setenv("JUPYTERHUB_API_TOKEN", "fictional-token")
            yield

    return acting


def _said() -> list[bytes]:
    return [t.encode("utf-8") for t in (SAID, SAID[-30:], ACTION, FACILITATOR, MEMBER)]


def _hold_session(open_as: Opener, as_person) -> None:
    """ana facilitates, mia joins late (after ana started), is let in, sets out a perspective."""
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
    with open_as("ana") as ana_store, open_as("mia") as mia_store:
        with as_person("ana"):
            fac = LiveSession(ana_store, CASE, DAY, alias=FACILITATOR, role="facilitator")
            fac.join()
        with as_person("mia"):
            member = LiveSession(mia_store, CASE, DAY, alias=MEMBER)
            member.join()
            assert member.waiting, "mia read the session before anyone present let her in"
        with as_person("ana"):
            fac.refresh()
            assert fac.present == ["ana", "mia"]
            fac.set_up(
                [
                    Member(alias=FACILITATOR, role=Role.FACILITATOR, person="ana"),
                    Member(alias=MEMBER, role=Role.MEMBER, person="mia"),
                ]
            )
            fac.start()
        with as_person("mia"):
            member.refresh()
            assert not member.waiting
            member.contribute("perspective", SAID)
            member.add_action("other", ACTION, owner=MEMBER)


def test_a_person_present_reads_the_session_and_one_never_present_cannot(open_as: Opener, as_person):
    """Does a member who joined (and was let in) read every contribution, while a registered member
    who was never present gets a clear refusal and a page with nothing on it?"""
    _hold_session(open_as, as_person)
    with open_as("mia") as store:
        record = session_record(store, CASE, DAY)
    assert [c.text.text for c in record.contributions] == [SAID]
    assert [m.alias for m in record.setup.members] == [FACILITATOR, MEMBER]
    with open_as("ana") as store:
        assert [a.text.text for a in session_record(store, CASE, DAY).actions] == [ACTION]
    with open_as("sam") as store, as_person("sam"):
        with pytest.raises(SessionError, match="private to the people who were there") as refused:
            session_record(store, CASE, DAY)
        assert "\n" not in refused.value.message
        events = SessionEventLog(store).all_events(CASE, DAY)
        page = LiveSession(store, CASE, DAY, alias="Consultant-Kite")
    assert events and all(e.locked and e.payload == {} and e.author == "" for e in events)
    assert [e.person for e in events][:2] == ["ana", "mia"]
    assert page.waiting and page.record.contributions == [] and page.record.setup.members == []


def test_a_member_never_present_finds_no_session_words_in_the_database(
    open_as: Opener, as_person, store_url: str, people
):
    """With direct database access and her own key, can a member who was never in the session find
    any contribution, action or alias of it in any column of any table, or open any session key?"""
    _hold_session(open_as, as_person)
    stored = _every_stored_value(store_url)
    assert stored, "the scan read nothing"
    assert [f for f in _said() if any(f in value for value in stored)] == []
    engine = raw_engine(store_url)
    try:
        with engine.connect() as conn:
            s = session_keys_table
            wrapped = conn.execute(select(s.c.username, s.c.wrapped_key)).all()
    finally:
        engine.dispose()
    assert sorted(name for name, _ in wrapped) == ["ana", "mia"]
    assert all(keys.unwrap(bytes(blob), people["sam"].identity) is None for _, blob in wrapped)
    assert all(keys.unwrap(bytes(blob), people["lena"].identity) is None for _, blob in wrapped)


def test_the_database_scan_finds_session_words_a_shared_key_store_keeps_readable(store_url: str, as_person):
    """Does the same scan find the contribution and the aliases in a shared-key store (whose session
    events are readable), so its finding nothing in a people-access store means something?"""
    with CaseStore.open(store_url) as store, as_person("ana"):
        store.create(session_case(CASE), author="Presenter A")
        fac = LiveSession(store, CASE, DAY, alias=FACILITATOR, role="facilitator")
        fac.join()
        fac.set_up([Member(alias=FACILITATOR, role=Role.FACILITATOR), Member(alias=MEMBER)])
        fac.start()
        member = LiveSession(store, CASE, DAY, alias=MEMBER)
        member.contribute("perspective", SAID)
        member.add_action("other", ACTION, owner=MEMBER)
    stored = _every_stored_value(store_url)
    assert [f for f in _said() if not any(f in value for value in stored)] == []


def test_a_session_stored_readable_before_sealing_still_replays(open_as: Opener, as_person, store_url: str):
    """Does a session whose first events were stored readable (by a casekit before sealing) replay for
    everyone, and carry on sealed when the facilitator adds to it?"""
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        SessionEventLog(store)  # makes the session table
    members = [{"alias": FACILITATOR, "role": "facilitator"}, {"alias": MEMBER}]
    said = {"stage": "question", "alias": MEMBER, "kind": "perspective"}
    old = [
        ("join", {"alias": FACILITATOR, "role": "facilitator"}, FACILITATOR),
        ("setup", {"members": members}, FACILITATOR),
        ("contribution", {**said, "text": {"text": SAID, "voice": "consultant"}}, MEMBER),
    ]
    engine = raw_engine(store_url)
    try:
        with engine.begin() as conn:
            for seq, (kind, payload, author) in enumerate(old, start=1):
                conn.execute(
                    insert(session_events_table).values(
                        event_uuid=uuid.uuid4().hex, case_id=CASE, session_date=DAY, seq=seq, kind=kind,
                        author=author, created_at=dt.datetime(2026, 3, 16, 9, seq, tzinfo=dt.UTC),
                        payload=json.dumps(payload), person=None,
                    )
                )  # fmt: skip
    finally:
        engine.dispose()
    with open_as("sam") as store:
        assert [c.text.text for c in session_record(store, CASE, DAY).contributions] == [SAID]
    with open_as("ana") as store, as_person("ana"):
        fac = LiveSession(store, CASE, DAY, alias=FACILITATOR, role="facilitator")
        assert [c.text.text for c in fac.record.contributions] == [SAID]
        fac.add_action("other", ACTION, owner=MEMBER)
        record = session_record(store, CASE, DAY)
    assert [a.text.text for a in record.actions] == [ACTION]
    assert [c.text.text for c in record.contributions] == [SAID]
    assert not any(ACTION.encode() in value for value in _every_stored_value(store_url))
