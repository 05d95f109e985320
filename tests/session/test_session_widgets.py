"""The facilitator's and member's views, headless: real widgets, a real store, a manual clock."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pytest

from casekit.session.model import ContributionKind, Lens, Role, StageKind
from casekit.widgets.session import FacilitatorView, MemberView, open_session
from tests.session.helpers import CASE_ID, SESSION_DATE, ManualScheduler


@pytest.fixture
def store_url(tmp_path) -> str:
    """The views are the same on both backends (the event log is tested on both): SQLite only here."""
    return f"sqlite:///{tmp_path / 'cases.db'}"


@pytest.fixture
def sched() -> ManualScheduler:
    """The views' poll timer, moved by hand."""
    return ManualScheduler()


@pytest.fixture
def views(store, sched):
    """A facilitator's and a member's view on one session, set up with a lens for the member."""
    fac = open_session(
        store, CASE_ID, SESSION_DATE, alias="Facilitator C", role="facilitator", scheduler=sched
    )
    assert isinstance(fac, FacilitatorView)
    fac._add_row()
    fac.rows.children[-1].alias.value = "Member B"
    fac.rows.children[-1].lens.value = Lens.SYSTEMS
    fac.save_setup.click()
    assert "Set-up saved" in fac.status.value, fac.status.value
    member = open_session(store, CASE_ID, SESSION_DATE, alias="Member B", scheduler=sched)
    assert isinstance(member, MemberView)
    yield fac, member
    fac.close()
    member.close()


def _go_to(view, stage):
    while view.session.stage is not stage:
        view.next.click()


def test_member_perspective_reaches_facilitator_and_stage_change_reaches_member(views, sched):
    """Does a member's perspective under a lens show on the facilitator's page at the next poll, and the
    facilitator's 'Next stage' show on the member's page?"""
    fac, member = views
    _go_to(fac, StageKind.PERSPECTIVES)
    sched.advance(0.5)
    assert 'data-stage="perspectives"' in member.now_html.value
    assert member.form.lens.value is Lens.SYSTEMS
    assert member.form.kind.value is ContributionKind.PERSPECTIVE
    member.form.text.value = "Her landlord's threats shape every choice she makes."
    member.form.add.click()
    assert "Added" in member.status.value, member.status.value
    assert "landlord" not in fac.feed.value
    sched.advance(0.5)
    assert "landlord" in fac.feed.value and "systems and power" in fac.feed.value
    fac.next.click()
    assert 'data-stage="response"' in fac.now_html.value
    sched.advance(0.5)
    assert 'data-stage="response"' in member.now_html.value
    assert 'aria-current="step">The presenter' in member.stages.value


def test_a_refused_contribution_keeps_its_words_and_says_why(views, sched):
    """During clarifying questions, is a perspective refused in the status line with the text kept?"""
    fac, member = views
    _go_to(fac, StageKind.CLARIFYING)
    sched.advance(0.5)
    member.form.kind.value = ContributionKind.PERSPECTIVE
    member.form.text.value = "I wonder whether ..."
    member.form.add.click()
    assert 'role="alert"' in member.status.value and "questions only" in member.status.value
    assert member.form.text.value == "I wonder whether ..."
    assert member.session.record.contributions == []


def test_typed_markup_is_shown_as_text(views, sched):
    """Is a contribution containing HTML shown escaped in everyone's feed?"""
    fac, member = views
    member.form.text.value = "<img src=x onerror=alert(1)> is the referral letter available?"
    member.form.add.click()
    sched.advance(0.5)
    assert "<img" not in fac.feed.value and "&lt;img src=x" in fac.feed.value


def test_countdown_follows_the_clock_and_stage_lengths(views, sched, clock):
    """Does the countdown start when the facilitator starts the clock, fall as time passes, and follow a
    changed stage length on the member's page?"""
    fac, member = views
    assert "(not started)" in member.timer.value
    fac.start.click()
    sched.advance(0.5)
    assert "05:00" in member.timer.value
    clock.tick(minutes=1)
    sched.advance(0.5)
    assert "04:00" in member.timer.value
    fac.minutes[StageKind.QUESTION].value = 7
    sched.advance(0.5)
    assert "06:00" in member.timer.value
    clock.tick(minutes=7)
    sched.advance(0.5)
    assert "ck-over" in member.timer.value


def test_back_is_disabled_on_the_first_stage_and_next_on_the_last(views):
    """Are Back and Next disabled where they cannot act?"""
    fac, _ = views
    assert fac.back.disabled and not fac.next.disabled
    _go_to(fac, StageKind.REVIEW)
    assert fac.next.disabled and not fac.back.disabled


def test_every_input_has_a_visible_label(views):
    """Does every input in both views carry a description (rendered as its label)?"""

    def inputs(w):
        for child in getattr(w, "children", ()) or ():
            yield from inputs(child)
        if isinstance(w, widgets.Accordion):
            return
        if isinstance(
            w,
            (
                widgets.Text,
                widgets.Textarea,
                widgets.Dropdown,
                widgets.Checkbox,
                widgets.DatePicker,
                widgets.BoundedIntText,
                widgets.Combobox,
            ),
        ):
            yield w

    for view in views:
        found = list(inputs(view))
        assert found
        assert all(w.description.strip() for w in found), [
            type(w).__name__ for w in found if not w.description
        ]


def test_action_items_and_the_presenters_voice(store, views, sched):
    """In the action plan stage, does an item added on the member's page reach the facilitator with owner
    and a relative review date; and does the presenter's page answer in the clinician's voice?"""
    fac, member = views
    presenter = open_session(
        store, CASE_ID, SESSION_DATE, alias="Presenter A", role="presenter", scheduler=sched
    )
    try:
        _go_to(fac, StageKind.RESPONSE)
        sched.advance(0.5)
        assert presenter.form.kind.value is ContributionKind.RESPONSE
        presenter.form.text.value = "The systems lens helped most."
        presenter.form.add.click()
        assert presenter.session.record.contributions[-1].role is Role.PRESENTER
        fac.next.click()
        sched.advance(0.5)
        member.actions.kind.value = member.actions.kind.options[3][1]
        member.actions.text.value = "Visit the tenants' union drop-in"
        member.actions.owner.value = "Presenter A"
        member.actions.review.value = SESSION_DATE + dt.timedelta(weeks=3)
        member.actions.add.click()
        assert "added" in member.status.value, member.status.value
        sched.advance(0.5)
        assert "tenants" in fac.feed.value and "3 weeks after the session" in fac.feed.value
    finally:
        presenter.close()


def test_a_failed_add_keeps_the_words_and_a_second_press_stores_one_copy(views, sched, monkeypatch):
    """If the store fails while adding, are the words kept with the error shown, and does pressing Add
    again store the contribution once (same id), even though the first attempt may have landed?"""
    from casekit.errors import StoreError

    fac, member = views
    real_append = member.session.log.append
    calls = []

    def flaky(*args, **kwargs):
        calls.append(kwargs["event_uuid"])
        stored = real_append(*args, **kwargs)  # the write lands, but the answer is lost
        if len(calls) == 1:
            raise StoreError("cannot use the case store (connection lost); try again")
        return stored

    monkeypatch.setattr(member.session.log, "append", flaky)
    member.form.text.value = "Does her sister know about the sessions?"
    member.form.add.click()
    assert "connection lost" in member.status.value
    assert member.form.text.value == "Does her sister know about the sessions?"
    member.form.add.click()
    assert "Added" in member.status.value
    assert calls[0] == calls[1], "the retry must send the same id"
    sched.advance(0.5)
    assert fac.feed.value.count("Does her sister know") == 1


def test_the_brief_shows_during_the_presentation_only(store, sched):
    """Is the de-identified brief handed to the view shown during the presentation stage, and hidden
    in the other stages?"""
    fac = open_session(
        store,
        CASE_ID,
        SESSION_DATE,
        alias="Facilitator C",
        role="facilitator",
        scheduler=sched,
        brief="<p>Sleep through most nights</p>",
    )
    try:
        assert fac.brief.layout.display == "none"
        fac.next.click()
        assert fac.brief.layout.display is None and "Sleep through most nights" in fac.brief.value
        fac.next.click()
        assert fac.brief.layout.display == "none"
    finally:
        fac.close()


def test_the_shared_feed_never_shows_a_name_someone_typed(store, sched):
    """With the case's scrubber, does a client's name typed into a question reach the feed replaced?"""
    from casekit.deid import Scrubber
    from casekit.model import PrivateIdentifiers

    scrubber = Scrubber(PrivateIdentifiers(legal_name="Odalys Brennick"), use_ner=False)
    fac = open_session(
        store,
        CASE_ID,
        SESSION_DATE,
        alias="Facilitator C",
        role="facilitator",
        scheduler=sched,
        scrubber=scrubber,
    )
    try:
        _go_to(fac, StageKind.CLARIFYING)
        fac.form.text.value = "Has Odalys Brennick's sister been asked? Call 555-0148 first."
        fac.form.add.click()
        sched.advance(0.5)
        assert "the client&#x27;s sister been asked" in fac.feed.value
        for part in ("Odalys", "Brennick", "555-0148"):
            assert part not in fac.feed.value
        assert "Odalys" in fac.session.record.contributions[0].text.text  # stored as typed, shown scrubbed
    finally:
        fac.close()
