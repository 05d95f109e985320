"""Copies read without the key hold shifted dates: moving them back gives the real calendar."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.model import ProgressRating
from casekit.store.date_shift import holds_shifted, real_dates, shift, unshift
from tests.fictional import make_case

DAYS = st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), min_size=1, max_size=6)


def _rated(days: list[dt.date]):
    case = make_case()
    case.goals[0].ratings = [ProgressRating(date=day, score=3) for day in days]
    return case


@settings(max_examples=100, deadline=None)
@given(DAYS)
def test_moving_shifted_dates_back_gives_the_real_ones(days):
    """For any dates, does unshifting a shifted copy by its own revision give every real date back?"""
    case = _rated(days)
    assert real_dates(unshift(shift(case), case)) == real_dates(case)


@settings(max_examples=100, deadline=None)
@given(DAYS, st.integers(0, 400))
def test_a_rating_added_to_a_shifted_copy_lands_on_the_real_calendar(days, later):
    """Add a rating N days after the first in the shifted copy: is it N days after the real first?"""
    case = _rated(days)
    copy = shift(case)
    first = min(r.date for r in copy.goals[0].ratings)
    copy.goals[0].ratings.append(ProgressRating(date=first + dt.timedelta(days=later), score=4))
    assert unshift(copy, case).goals[0].ratings[-1].date == min(days) + dt.timedelta(days=later)


def test_a_copy_holding_real_dates_is_not_moved_even_if_its_file_says_shifted():
    """A revision stored before dates were sealed reads back with real dates: is it left alone?"""
    case = _rated([dt.date(2026, 3, 9), dt.date(2026, 4, 20)])
    assert holds_shifted(case, case, said=True) is False
    assert holds_shifted(shift(case), case, said=True) is True
    assert holds_shifted(shift(case), case, said=False) is True  # an older file that did not say
    assert holds_shifted(case, case, said=False) is False
