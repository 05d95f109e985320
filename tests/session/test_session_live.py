"""A live session seen from several handles (pages) at once: stages, contributions, action plan."""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.errors import CaseNotFoundError, SessionError
from casekit.model import Voice
from casekit.session.live import LiveSession
from casekit.session.log import open_action_items, session_dates, session_record
from casekit.session.model import ActionKind, ContributionKind, Lens, Member, Role, StageKind
from tests.session.helpers import CASE_ID, SESSION_DATE

MEMBERS = [
    Member(alias="Facilitator C", role=Role.FACILITATOR),
    Member(alias="Presenter A", role=Role.PRESENTER),
    Member(alias="Member B", role=Role.MEMBER, lens=Lens.FAMILY),
    Member(alias="Member D", role=Role.NOTE_TAKER, lens=Lens.SYSTEMS),
]


def _open(store, alias, role, day=SESSION_DATE):
    return LiveSession(store, CASE_ID, day, alias=alias, role=role)


@pytest.fixture
def pages(store):
    """A facilitator's, a presenter's and a member's handle on one session, set up and started."""
    fac = _open(store, "Facilitator C", "facilitator")
    fac.set_up(MEMBERS)
    fac.start()
    return fac, _open(store, "Presenter A", "presenter"), _open(store, "Member B", "member")


def _go_to(fac, stage):
    while fac.stage is not stage:
        fac.advance()


def test_every_page_follows_the_facilitator(pages, clock):
    """When the facilitator advances, does every page show the new stage and the same countdown?"""
    fac, presenter, member = pages
    clock.tick(minutes=3)
    fac.advance()
    for page in (presenter, member):
        assert page.stage is StageKind.QUESTION
        page.refresh()
        assert page.stage is StageKind.PRESENTATION
        assert page.machine.countdown() == "08:00"
    clock.tick(seconds=90)
    assert member.machine.countdown() == fac.machine.countdown() == "06:30"
    fac.back()
    member.refresh()
    assert member.stage is StageKind.QUESTION


def test_only_the_facilitator_steers(pages):
    """Are a member's advance, back, set-up and length change refused with a message saying who can?"""
    _, _, member = pages
    for action in (member.advance, member.back, member.start, lambda: member.set_minutes("review", 3)):
        with pytest.raises(SessionError, match="only the facilitator"):
            action()


def test_two_pages_advancing_at_once_move_one_stage(store, pages):
    """If two facilitator pages click 'next' on the same stage, does the session move once, not twice?"""
    fac, _, member = pages
    second = _open(store, "Facilitator C", "facilitator")
    fac.advance()
    second.advance()  # clicked before it had seen the first click
    for page in (fac, second, member):
        page.refresh()
        assert page.record.current.index == 1


def test_a_lost_race_in_the_other_direction_is_reported(store, pages):
    """If one page goes back while another had advanced, is the stale click reported, not applied?"""
    fac, _, _ = pages
    fac.advance()
    second = _open(store, "Facilitator C", "facilitator")
    fac.advance()
    with pytest.raises(SessionError, match="someone else moved"):
        second.back()  # from stage 1, but the session is at stage 2 now
    assert second.record.current.index == 2


def test_a_stale_stage_change_is_ignored_by_everyone(pages):
    """Is a stage change made from a stage the session has left ignored on every page?"""
    fac, presenter, member = pages
    fac.advance()
    fac.advance()
    member.log.append(
        CASE_ID, SESSION_DATE, "stage", {"index": 1, "from": 0}, event_uuid="b" * 32, author="Facilitator C"
    )
    for page in (fac, presenter, member):
        page.refresh()
        assert page.stage is StageKind.CLARIFYING


def test_set_lengths_reach_every_page(pages):
    """Does a changed stage length reach the other pages' countdowns?"""
    fac, _, member = pages
    fac.set_minutes(StageKind.QUESTION, 3)
    member.refresh()
    assert member.machine.countdown() == "03:00"
    with pytest.raises(SessionError, match="minutes"):
        fac.set_minutes(StageKind.QUESTION, 0)


def test_a_perspective_is_stored_under_the_current_stage_with_alias_and_lens(pages):
    """Does a member's perspective carry the stage, alias, assigned lens and a consultant's voice,
    and reach the other pages?"""
    fac, presenter, member = pages
    _go_to(fac, StageKind.PERSPECTIVES)
    member.refresh()
    c = member.contribute("perspective", "Her mother may hear 'therapy' as disloyalty.")
    assert (c.stage, c.alias, c.lens, c.text.voice) == (
        StageKind.PERSPECTIVES,
        "Member B",
        Lens.FAMILY,
        Voice.CONSULTANT,
    )
    h = member.contribute(
        "perspective", "Maybe the choir is her main support.", lens="community", hypothesis=True
    )
    assert (h.lens, h.text.voice) == (Lens.COMMUNITY, Voice.HYPOTHESIS)
    for page in (fac, presenter):
        page.refresh()
        assert [x.id for x in page.record.under(StageKind.PERSPECTIVES)] == [c.id, h.id]


def test_the_presenter_speaks_as_the_clinician_and_listens_during_perspectives(pages):
    """Does the presenter speak as the clinician, and listen (not answer) during the perspectives?"""
    fac, presenter, _ = pages
    _go_to(fac, StageKind.PERSPECTIVES)
    presenter.refresh()
    with pytest.raises(SessionError, match="listens"):
        presenter.contribute("response", "I see it differently")
    fac.advance()
    presenter.refresh()
    r = presenter.contribute("response", "The family lens landed; I had not asked about her mother.")
    assert r.text.voice is Voice.CLINICIAN and r.role is Role.PRESENTER


def test_clarifying_stage_takes_questions_only(pages):
    """During clarifying questions, is a perspective refused and a question accepted?"""
    fac, _, member = pages
    _go_to(fac, StageKind.CLARIFYING)
    member.refresh()
    with pytest.raises(SessionError, match="clarifying questions only"):
        member.contribute("perspective", "I think ...")
    assert member.contribute(ContributionKind.QUESTION, "How long has she been in the choir?").kind is (
        ContributionKind.QUESTION
    )


def test_an_empty_contribution_is_refused_and_nothing_is_written(pages):
    """Is a blank contribution refused with a message saying to type some words, leaving the log as it was?"""
    _, _, member = pages
    before = member.last_seq
    with pytest.raises(SessionError, match="needs some words"):
        member.contribute("question", "   ")
    member.refresh()
    assert member.last_seq == before


def test_nothing_is_lost_if_the_kernel_dies(store, pages):
    """Is a contribution in the store the moment it is added, so a fresh page (a restarted kernel) sees it?"""
    _, _, member = pages
    c = member.contribute("question", "What does she call this problem herself?")
    del member
    reopened = _open(store, "Member B", "member")
    assert [x.id for x in reopened.record.contributions] == [c.id]


def test_a_retried_contribution_is_stored_once(pages):
    """If the answer to an add was lost and the page sends the same contribution again, is there one copy?"""
    fac, _, member = pages
    c = member.contribution("question", "Who else lives at home?")
    member.add(c)
    member.add(c)
    fac.refresh()
    assert [x.id for x in fac.record.contributions] == [c.id]


def test_joining_twice_adds_one_member(store, pages):
    """Does a person who opens the session twice appear once in the set-up?"""
    fac, _, _ = pages
    late = _open(store, "Member E", "member")
    late.join()
    _open(store, "Member E", "member").join()
    fac.refresh()
    assert [m.alias for m in fac.record.setup.members].count("Member E") == 1


def test_set_up_refuses_two_presenters_and_bad_aliases(pages):
    """Are two presenters, or an alias with odd characters, refused in the set-up?"""
    fac, _, _ = pages
    with pytest.raises(SessionError, match="more than one presenter"):
        fac.set_up([*MEMBERS, Member(alias="Member F", role=Role.PRESENTER)])
    with pytest.raises(SessionError, match="alias"):
        LiveSession(fac.store, CASE_ID, SESSION_DATE, alias="<script>", role="member")


def test_a_session_needs_the_case(store):
    """Is opening a session on a case that is not stored refused with a message naming the case?"""
    with pytest.raises(CaseNotFoundError, match="CK-0777"):
        LiveSession(store, "CK-0777", SESSION_DATE, alias="Member B")


def test_session_record_holds_setup_stages_contributions_and_plan(pages):
    """Does session_record hold the set-up, stage lengths, every contribution, the plan and follow-up?"""
    fac, _, member = pages
    fac.set_minutes(StageKind.PERSPECTIVES, 15)
    _go_to(fac, StageKind.PERSPECTIVES)
    member.refresh()
    member.contribute("caution", "Be careful not to cast the faith community as the problem.")
    _go_to(fac, StageKind.ACTION_PLAN)
    fac.add_action(
        "community_partner",
        "Ask the parish's youth worker how families there talk about counselling",
        owner="Presenter A",
        review_date=SESSION_DATE + dt.timedelta(weeks=4),
    )
    fac.add_action("repair", "Name the missed question about her mother next session", owner="Presenter A")
    fac.set_follow_up(SESSION_DATE + dt.timedelta(weeks=6))
    _go_to(fac, StageKind.REVIEW)
    member.refresh()
    member.contribute("note", "Lenses helped; the clarifying stage ran long.")
    record = session_record(fac.store, CASE_ID, SESSION_DATE)
    assert [m.alias for m in record.setup.members] == [m.alias for m in MEMBERS]
    assert record.stages[3].minutes == 15
    assert record.current.index == 6
    assert [c.kind for c in record.contributions] == [ContributionKind.CAUTION, ContributionKind.NOTE]
    assert [a.kind for a in record.actions] == [ActionKind.COMMUNITY_PARTNER, ActionKind.REPAIR]
    assert record.follow_up == SESSION_DATE + dt.timedelta(weeks=6)
    assert [c.text.text for c in record.review] == ["Lenses helped; the clarifying stage ran long."]


def test_session_record_of_a_day_without_a_session_says_so(store):
    """Does asking for a session that was never held raise an error naming the case and date?"""
    with pytest.raises(SessionError, match="no consultation session on 2026-03-09"):
        session_record(store, CASE_ID, dt.date(2026, 3, 9))


def test_open_items_carry_over_until_marked_done(store, pages):
    """Are open items from earlier sessions listed for the next review, and dropped once marked done?"""
    fac, _, _ = pages
    read = fac.add_action("reading", "Read about faith-sensitive family work", owner="Member B")
    fac.add_action("training", "Book the interpreter-mediated sessions course", owner="Presenter A")
    later = SESSION_DATE + dt.timedelta(weeks=2)
    open_now = open_action_items(store, CASE_ID)
    assert [o.item.text.text for o in open_now] == [
        "Read about faith-sensitive family work",
        "Book the interpreter-mediated sessions course",
    ]
    assert {o.session_date for o in open_now} == {SESSION_DATE}
    assert open_action_items(store, CASE_ID, before=SESSION_DATE) == []
    next_time = _open(store, "Facilitator C", "facilitator", day=later)
    next_time.set_up(MEMBERS)
    next_time.mark_done(read)
    remaining = open_action_items(store, CASE_ID)
    assert [o.item.kind for o in remaining] == [ActionKind.TRAINING]
    assert session_dates(store, CASE_ID) == [SESSION_DATE, later]


def test_a_follow_up_before_the_session_is_refused(pages):
    """Is a follow-up date before the session refused?"""
    fac, _, _ = pages
    with pytest.raises(SessionError, match="after the session"):
        fac.set_follow_up(SESSION_DATE - dt.timedelta(days=1))
