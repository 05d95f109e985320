"""Dates shown the safe way: as weeks since the case's first recorded event, or as a year.

Calendar dates tied to a person are identifiers (HIPAA Safe Harbor keeps only the year), so renderings
and plots never show one. Week 1 is the week of the earliest dated event in the case: every part the
model's walker counts as dated (:func:`casekit.model.walk.iter_dated`: progress ratings, missteps,
feedback entries, supervision notes), the same parts whose dates the store seals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casekit.i18n import gettext as _
from casekit.model import Case
from casekit.model.walk import iter_dated


def _event_dates(case: Case) -> list[dt.date]:
    return [part.date for _, part in iter_dated(case) if part.date is not None]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Timeline:
    """Turns dates into "week N" relative to a case's first event.

    Parameters
    ----------
    start
        The first event's date; ``None`` when the case has no dated events yet.
    """

    start: dt.date | None

    @classmethod
    def of(cls, case: Case) -> Timeline:
        """The timeline of a case."""
        dates = _event_dates(case)
        return cls(min(dates) if dates else None)

    def week(self, when: dt.date | dt.datetime) -> int:
        """The week number of a date (1 = the first event's week; 0 or less = before it)."""
        day = when.date() if isinstance(when, dt.datetime) else when
        if self.start is None:
            return 1
        return (day - self.start).days // 7 + 1

    def position(self, when: dt.date | dt.datetime) -> float:
        """Where a date sits on a plot's week axis: 1.0 is the first event's day, 2.0 a week later.

        The whole part matches :meth:`week` for dates on or after the first event, so a point a plot
        draws at 6.4 is the one a table lists under "week 6".
        """
        day = when.date() if isinstance(when, dt.datetime) else when
        if self.start is None:
            return 1.0
        return (day - self.start).days / 7.0 + 1.0

    def label(self, when: dt.date | dt.datetime | None) -> str:
        """``"week 6"``, ``"before week 1"`` or ``"undated"``."""
        if when is None:
            return _("undated")
        week = self.week(when)
        return _("week %(num)d") % {"num": week} if week >= 1 else _("before week 1")


def year_only(when: dt.date | dt.datetime | None) -> str:
    """The year of a date, or ``"undated"``."""
    return "undated" if when is None else str(when.year)
