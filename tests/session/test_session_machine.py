"""The stage machine and its countdown, headless, with a clock the test moves by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.errors import SessionError
from casekit.session.machine import StageMachine, format_countdown
from casekit.session.model import DEFAULT_STAGES, StageKind, default_stages
from tests.session.helpers import HandClock


def test_default_stages_follow_the_usual_order_and_timings():
    """Do the stages run question → presentation → clarifying → perspectives → response → plan → review,
    within the usual 5 / 5–10 / 5 / 10–15 / 5 / 5 / 5 minutes?"""
    kinds = [s.kind for s in DEFAULT_STAGES]
    assert kinds == list(StageKind)
    ranges = [(5, 5), (5, 10), (5, 5), (10, 15), (5, 5), (5, 5), (5, 5)]
    for stage, (low, high) in zip(DEFAULT_STAGES, ranges, strict=True):
        assert low <= stage.minutes <= high, stage.kind


def test_facilitator_advances_and_goes_back():
    """Does advance move one stage on, back one stage back, and do both refuse past the ends?"""
    clock = HandClock()
    machine = StageMachine(default_stages(), clock=clock)
    with pytest.raises(SessionError, match="first stage"):
        machine.back()
    for expected in range(1, len(DEFAULT_STAGES)):
        assert machine.advance().index == expected
    assert machine.is_last and machine.current.kind is StageKind.REVIEW
    with pytest.raises(SessionError, match="last stage"):
        machine.advance()
    assert machine.back().index == len(DEFAULT_STAGES) - 2


def test_countdown_runs_from_the_stage_length_and_shows_overrun():
    """Does the countdown start at the stage's length, fall with the clock, and say when it has run over?"""
    clock = HandClock()
    machine = StageMachine(default_stages(), clock=clock)
    machine.start()
    assert machine.countdown() == "05:00"
    clock.tick(minutes=2, seconds=30)
    assert machine.countdown() == "02:30"
    assert not machine.overrun
    clock.tick(minutes=2, seconds=35)
    assert machine.overrun
    assert machine.countdown() == "+00:05 over"


def test_moving_restarts_the_countdown():
    """Does a stage change restart the countdown at the new stage's length, and going back restart it too?"""
    clock = HandClock()
    machine = StageMachine(default_stages(), clock=clock)
    machine.start()
    clock.tick(minutes=4)
    machine.advance()
    assert machine.remaining() == dt.timedelta(minutes=8)
    clock.tick(minutes=1)
    machine.back()
    assert machine.countdown() == "05:00"


def test_facilitator_changes_a_stage_length():
    """Does a changed length change the countdown, and is a length outside 1–90 minutes refused?"""
    clock = HandClock()
    machine = StageMachine(default_stages(), clock=clock)
    machine.advance()
    machine.advance()
    machine.advance()
    machine.set_minutes(StageKind.PERSPECTIVES, 15)
    assert machine.countdown() == "15:00"
    for bad in (0, 91, 2.5, True):
        with pytest.raises(SessionError, match="minutes"):
            machine.set_minutes(StageKind.PERSPECTIVES, bad)
    assert machine.current.minutes == 15


def test_a_stage_not_started_shows_its_full_length():
    """Before the facilitator starts, does the first stage show its full length whatever the clock says?"""
    clock = HandClock()
    machine = StageMachine(default_stages(), clock=clock)
    clock.tick(hours=3)
    assert machine.countdown() == "05:00"


def test_format_countdown_rounds_up_partial_seconds():
    """Is 0.2 s left shown as 00:01 (not 00:00, which reads as 'time is up')?"""
    assert format_countdown(dt.timedelta(seconds=0.2)) == "00:01"
    assert format_countdown(dt.timedelta(minutes=12)) == "12:00"
    assert format_countdown(dt.timedelta(minutes=-61)) == "+61:00 over"
