"""People, not aliases: who may steer a live session is the account the facilitator's role is bound to.

Each page's person comes from the process (here: a JupyterHub user name set in the environment), as
:func:`casekit.actor.current_person` reads it, and is stored with every event.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from casekit.errors import SessionError
from casekit.examples.recorded_sessions import load_recording
from casekit.session.live import LiveSession
from casekit.session.log import apply, fold, refusal, session_record
from casekit.session.model import ContributionKind, Member, Role, StageKind
from casekit.store.session_events import SessionEvent
from tests.access.conftest import open_as, people  # noqa: F401 (fixtures: a people-access store)
from tests.fictional import plain_case
from tests.session.helpers import CASE_ID, SESSION_DATE


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


def _page(store, alias, role="member"):
    return LiveSession(store, CASE_ID, SESSION_DATE, alias=alias, role=role)


@pytest.fixture
def bound(store, as_person):
    """A session the account jfac started; its set-up binds roles to the accounts present."""
    with as_person("jfac"):
        fac = _page(store, "Facilitator J", "facilitator")
        fac.join()
    with as_person("apres"):
        presenter = _page(store, "Presenter A")
        presenter.join()
    with as_person("kmem"):
        member = _page(store, "Consultant K")
        member.join()
    with as_person("jfac"):
        fac.refresh()
        fac.set_up(
            [
                Member(alias="Facilitator J", role=Role.FACILITATOR, person="jfac"),
                Member(alias="Presenter A", role=Role.PRESENTER, person="apres"),
                Member(alias="Consultant K", role=Role.MEMBER, person="kmem"),
            ]
        )
        fac.start()
    return fac, presenter, member


def test_people_who_join_are_present_for_the_facilitator(bound):
    """Does everyone who joined show as present, by account, for the facilitator to give roles to?"""
    fac, _, _ = bound
    assert fac.present == ["jfac", "apres", "kmem"]


def test_roles_are_given_to_people_present(bound, as_person):
    """Does each account get the role the facilitator gave it, whatever alias its page asked for?"""
    fac, presenter, _ = bound
    with as_person("apres"):
        presenter.refresh()
        assert presenter.role is Role.PRESENTER
        assert presenter.alias == "Presenter A"
    with as_person("kmem"):
        other_name = _page(fac.store, "Someone Else", "facilitator")
        assert other_name.role is Role.MEMBER
        assert other_name.alias == "Consultant K"


def test_registered_people_are_offered_in_a_people_access_store(open_as, as_person):  # noqa: F811
    """In a people-access store, are the registered people offered for roles after those present?"""
    with open_as("lena") as store, as_person("lena"):
        store.create(plain_case("CK-0101"), author="Presenter A")
        fac = LiveSession(store, "CK-0101", SESSION_DATE, alias="Facilitator L", role="facilitator")
        with as_person("mia"):
            LiveSession(store, "CK-0101", SESSION_DATE, alias="Member M").join()
        fac.refresh()
        assert fac.people() == ["lena", "mia", "ana", "sam"]


def test_a_typed_facilitator_alias_cannot_advance(bound, as_person):
    """Can a member who types the facilitator's alias move the stages? (No: refused, with a reason.)"""
    fac, _, _ = bound
    with as_person("kmem"):
        impostor = _page(fac.store, "Facilitator J", "facilitator")
        assert impostor.role is Role.MEMBER
        with pytest.raises(SessionError, match="only the facilitator"):
            impostor.advance()
        # Written below the page's own check, straight to the log: the event is stored but not applied.
        stored = impostor.log.append(
            CASE_ID,
            SESSION_DATE,
            "stage",
            {"index": 1, "from": 0},
            event_uuid="a" * 32,
            author="Facilitator J",
        )
        impostor.refresh()
    assert stored.person == "kmem"
    assert impostor.stage is StageKind.QUESTION
    assert "sent by kmem" in impostor.refused[stored.seq]
    assert "only the facilitator (jfac)" in impostor.refused[stored.seq]
    assert session_record(fac.store, CASE_ID, SESSION_DATE).current.index == 0


def test_the_bound_facilitator_can_advance(bound, as_person):
    """Does the account the facilitator's role is bound to move everyone on?"""
    fac, _, member = bound
    with as_person("jfac"):
        fac.advance()
    with as_person("kmem"):
        member.refresh()
    assert member.stage is StageKind.PRESENTATION


def test_the_person_who_started_steers_when_no_one_is_bound(store, as_person):
    """With alias-only members, is the first person to steer the only one who can steer after?"""
    with as_person("jfac"):
        fac = _page(store, "Facilitator J", "facilitator")
        fac.set_up([Member(alias="Facilitator J", role=Role.FACILITATOR), Member(alias="Consultant K")])
        fac.start()
    with as_person("kmem"):
        impostor = _page(store, "Facilitator J", "facilitator")
        assert impostor.role is Role.FACILITATOR  # the alias is not bound, so the page offers it...
        with pytest.raises(SessionError, match="only the facilitator"):
            impostor.advance()  # ...but the person who started the session is someone else
    assert session_record(store, CASE_ID, SESSION_DATE).started_by == "jfac"
    with as_person("jfac"):
        fac.advance()
    assert fac.stage is StageKind.PRESENTATION


def _typed_as(page, said, alias, event_uuid):
    """Store ``said`` under a typed ``alias``, below the page's own checks."""
    payload = {**said.model_dump(mode="json", exclude={"id", "created"}), "alias": alias}
    stored = page.log.append(
        CASE_ID, SESSION_DATE, "contribution", payload, event_uuid=event_uuid, author=alias
    )
    page.refresh()
    return stored


def test_contributions_are_attributed_to_the_bound_member(bound, as_person):
    """Is a contribution credited to the member bound to its sender, even under another typed name?"""
    fac, _, _ = bound
    with as_person("kmem"):
        page = _page(fac.store, "Someone Else")
        said = page.contribute(ContributionKind.NOTE, "A fictional note from K.")
        assert (said.alias, said.role) == ("Consultant K", Role.MEMBER)
        stored = _typed_as(page, said, "Presenter A", "b" * 32)
    assert stored.seq not in page.refused
    assert [(c.alias, c.role) for c in page.record.contributions] == [("Consultant K", Role.MEMBER)] * 2


def test_a_name_bound_to_someone_else_cannot_be_spoken_under(bound, as_person):
    """Is a contribution from someone not in the set-up, typed under a bound member's name, refused?"""
    fac, _, _ = bound
    with as_person("zlate"):
        page = _page(fac.store, "Late Z")
        said = page.contribute(ContributionKind.NOTE, "A fictional note from Z.")
        assert said.alias == "Late Z"
        stored = _typed_as(page, said, "Presenter A", "c" * 32)
    assert "which the facilitator gave to someone else" in page.refused[stored.seq]
    assert [c.alias for c in page.record.contributions] == ["Late Z"]


def test_a_join_cannot_claim_the_facilitators_role(bound, as_person):
    """Does someone joining as a second facilitator join as a member instead of breaking the session?"""
    fac, _, _ = bound
    with as_person("zlate"):
        late = _page(fac.store, "Late Z", "facilitator")
        late.join()
    assert late.record.setup.member("Late Z").role is Role.MEMBER
    assert late.present[-1] == "zlate"


def _events(session: dict, person_of) -> list[SessionEvent]:
    day = dt.date.fromisoformat(session["session_date"])
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    return [
        SessionEvent(
            seq=i,
            event_uuid=e["event_uuid"],
            case_id=session["case_id"],
            session_date=day,
            kind=e["kind"],
            author=e["author"],
            created=start + dt.timedelta(minutes=i),
            payload=e["payload"],
            person=person_of(e["author"]),
        )
        for i, e in enumerate(session["events"], start=1)
    ]


def _fold(session: dict, person_of):
    day = dt.date.fromisoformat(session["session_date"])
    return fold(session["case_id"], day, _events(session, person_of))


@pytest.mark.parametrize("session", load_recording(), ids=lambda s: f"{s['case_id']}-{s['session_date']}")
def test_old_alias_only_sessions_replay_unchanged(session):
    """Do the example sessions (alias-only members) fold to the same record with no persons recorded,
    one account for all, or one account per alias, and is nothing refused?"""
    plain = _fold(session, lambda _alias: None)
    assert plain.started_by is None
    assert plain.contributions, "the example session should have contributions to compare"
    for person_of in (lambda _alias: "oneaccount", lambda alias: alias.replace(" ", "_").lower()):
        record = _fold(session, person_of)
        assert record.model_dump(exclude={"started_by", "present"}) == plain.model_dump(
            exclude={"started_by", "present"}
        )
        check = _fold({**session, "events": []}, person_of)
        for event in _events(session, person_of):
            assert refusal(check, event) is None
            assert apply(check, event) or event.kind == "stage"
