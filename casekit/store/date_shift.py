"""Event dates at rest: the real ones sealed with the identifiers, shifted ones in the readable body.

A case's event dates (progress ratings, missteps, feedback, supervision notes) are dates of care, an
identifier under HIPAA Safe Harbor. The store keeps them the way it keeps names: the real dates go
into the encrypted blob beside the identifiers, keyed by where each one sits in the case
(``goals[0].ratings[2]``), and the readable body holds the same dates *shifted* so that the case's
first event falls on :data:`EPOCH`. Intervals survive the shift, so everything casekit shows without
the key (weeks since the first event) is still right; the calendar is not there to read.

Which parts are dated is the model walker's to say (:func:`casekit.model.walk.iter_dated`), so the
timeline counts exactly the dates sealed here. Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from casekit.model import Case
from casekit.model.walk import iter_dated

_STEP = re.compile(r"(\w+)|\[(\d+)\]")

#: Where a case's first event lands in the readable body (a Monday, so weeks line up).
EPOCH = dt.date(2000, 1, 3)


def real_dates(case: Case) -> dict[str, str]:
    """The case's event dates by path (``goals[0].ratings[2]`` → ``2026-03-09``)."""
    return {path: entry.date.isoformat() for path, entry in iter_dated(case) if entry.date is not None}


def shift(case: Case) -> Case:
    """A copy of the case whose event dates are moved so that the first falls on :data:`EPOCH`."""
    dates = [entry.date for _, entry in iter_dated(case) if entry.date is not None]
    copy = case.model_copy(deep=True)
    if not dates:
        return copy
    offset = min(dates) - EPOCH
    for _, entry in iter_dated(copy):
        if entry.date is not None:
            entry.date = entry.date - offset
    return copy


def shifted_dates(case: Case) -> dict[str, str]:
    """The dates the readable body holds for ``case`` (its real dates, shifted)."""
    return real_dates(shift(case))


def restore(data: dict, dates: Mapping[str, str]) -> None:
    """Put the real dates back into a stored body (JSON data, before validation), in place."""
    for path, value in dates.items():
        node: object = data
        for name, index in _STEP.findall(path):  # "goals[0].ratings[2]": goals, 0, ratings, 2
            if index and isinstance(node, list) and int(index) < len(node):
                node = node[int(index)]
            elif name and isinstance(node, dict) and name in node:
                node = node[name]
            else:
                node = None
                break
        if isinstance(node, dict) and "date" in node:
            node["date"] = value


def unshift(case: Case, base: Case) -> Case:
    """A copy of ``case``, whose dates were shifted as ``base``'s are at rest, with real dates again.

    A case exported without the key holds the readable body's shifted dates. Moving every date back
    by the shift of ``base`` (the revision it was exported from, read with the key) restores the real
    dates of entries it shares with ``base`` and gives entries added since a date on the same calendar.
    """
    real = [entry.date for _, entry in iter_dated(base) if entry.date is not None]
    copy = case.model_copy(deep=True)
    if not real:  # nothing of base was dated, so nothing was shifted
        return copy
    offset = min(real) - EPOCH
    for _, entry in iter_dated(copy):
        if entry.date is not None:
            entry.date = entry.date + offset
    return copy


def holds_shifted(case: Case, base: Case, *, said: bool) -> bool:
    """Whether ``case``, a copy of ``base`` (read with the key), holds the shifted dates of the body.

    True if its file ``said`` so (exports made without the key do), unless it holds ``base``'s real
    dates (a revision stored before dates were sealed reads back real even without the key); and true
    for a copy holding exactly ``base``'s shifted dates (exported before exports said so).
    """
    held = real_dates(case)
    if said:
        return held != real_dates(base)
    return bool(held) and held == shifted_dates(base) != real_dates(base)
