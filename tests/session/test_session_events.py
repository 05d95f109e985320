"""The store's append-only session event log, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from casekit.errors import CaseNotFoundError, SessionError, StoreError
from casekit.store.session_events import SessionEventLog, session_events_table
from tests.session.helpers import CASE_ID, SESSION_DATE


def _uuid() -> str:
    return uuid.uuid4().hex


def test_events_are_numbered_without_gaps_per_session(store):
    """Does each session number its events 1, 2, 3, ... on its own, and list them in that order?"""
    log = SessionEventLog(store)
    other_day = SESSION_DATE.replace(day=16)
    for i in range(3):
        log.append(CASE_ID, SESSION_DATE, "contribution", {"n": i}, event_uuid=_uuid(), author="Member B")
    log.append(CASE_ID, other_day, "stage", {"n": 9}, event_uuid=_uuid(), author="Facilitator C")
    events = log.all_events(CASE_ID, SESSION_DATE)
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.payload["n"] for e in events] == [0, 1, 2]
    assert [e.seq for e in log.all_events(CASE_ID, other_day)] == [1]
    assert [e.seq for e in log.events(CASE_ID, SESSION_DATE, after=2)] == [3]
    assert log.sessions(CASE_ID) == [SESSION_DATE, other_day]


def test_sending_an_event_again_stores_it_once(store):
    """Does a retry with the same uuid return the stored event and add nothing?"""
    log = SessionEventLog(store)
    key = _uuid()
    first = log.append(CASE_ID, SESSION_DATE, "contribution", {"t": "x"}, event_uuid=key, author="Member B")
    again = log.append(CASE_ID, SESSION_DATE, "contribution", {"t": "x"}, event_uuid=key, author="Member B")
    assert again.seq == first.seq == 1
    assert len(log.all_events(CASE_ID, SESSION_DATE)) == 1


def test_a_reused_uuid_with_other_content_is_refused(store):
    """Is a uuid reused for a different event refused rather than silently dropping the new words?"""
    log = SessionEventLog(store)
    key = _uuid()
    log.append(CASE_ID, SESSION_DATE, "contribution", {"t": "x"}, event_uuid=key, author="Member B")
    with pytest.raises(SessionError, match="already used"):
        log.append(CASE_ID, SESSION_DATE, "contribution", {"t": "y"}, event_uuid=key, author="Member B")


def test_a_session_needs_a_stored_case(store):
    """Is an event for a case that is not in the store refused with a message naming the case?"""
    log = SessionEventLog(store)
    with pytest.raises(CaseNotFoundError, match="CK-9999"):
        log.append("CK-9999", SESSION_DATE, "join", {}, event_uuid=_uuid(), author="Member B")


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [("kind", "Drop Table", "kind"), ("event_uuid", "not-a-uuid", "event_uuid"), ("author", "", "author")],
)
def test_malformed_events_are_refused(store, field, value, match):
    """Are a bad kind, uuid or author refused before anything is written?"""
    log = SessionEventLog(store)
    args = {"kind": "join", "event_uuid": _uuid(), "author": "Member B"}
    args[field] = value
    with pytest.raises(SessionError, match=match):
        log.append(
            CASE_ID, SESSION_DATE, args["kind"], {}, event_uuid=args["event_uuid"], author=args["author"]
        )
    assert log.all_events(CASE_ID, SESSION_DATE) == []


def test_a_huge_payload_is_refused(store):
    """Is an event larger than the limit refused with a message saying to shorten it?"""
    log = SessionEventLog(store)
    with pytest.raises(SessionError, match="shorten"):
        log.append(CASE_ID, SESSION_DATE, "note", {"t": "x" * 70_000}, event_uuid=_uuid(), author="Member B")


def test_stored_events_cannot_be_changed_or_deleted(store):
    """Do the database's triggers refuse to update or delete a stored event?"""
    log = SessionEventLog(store)
    log.append(CASE_ID, SESSION_DATE, "contribution", {"t": "x"}, event_uuid=_uuid(), author="Member B")
    t = session_events_table
    for statement in (update(t).values(payload="{}"), delete(t)):
        with (
            pytest.raises((DBAPIError, StoreError), match="append-only"),
            store.transaction("test", write=True) as conn,
        ):
            conn.execute(statement)
    assert log.all_events(CASE_ID, SESSION_DATE)[0].payload == {"t": "x"}
