"""Event dates at rest: the real ones sealed with the identifiers, shifted ones in the readable body.

A case's event dates (progress ratings, missteps, feedback, supervision notes) are dates of care, an
identifier under HIPAA Safe Harbor. The store keeps them the way it keeps names: the real dates go
into the encrypted blob beside the identifiers, keyed by where each one sits in the case
(``goals[0].ratings[2]``), and the readable body holds the same dates *shifted* so that the case's
first event falls on :data:`EPOCH`. Intervals survive the shift, so everything casekit shows without
the key (weeks since the first event) is still right; the calendar is not there to read.

Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from casekit.model import Case
from casekit.model.walk import iter_parts

_STEP = re.compile(r"(\w+)|\[(\d+)\]")

#: Where a case's first event lands in the readable body (a Monday, so weeks line up).
EPOCH = dt.date(2000, 1, 3)


def dated_entries(case: Case) -> Iterator[tuple[str, BaseModel]]:
    """``(path, entry)`` for every part of the case body with an event ``date`` (set or not)."""
    return iter_parts(case, lambda part: "date" in type(part).model_fields)


def real_dates(case: Case) -> dict[str, str]:
    """The case's event dates by path (``goals[0].ratings[2]`` → ``2026-03-09``)."""
    return {path: entry.date.isoformat() for path, entry in dated_entries(case) if entry.date is not None}


def shift(case: Case) -> Case:
    """A copy of the case whose event dates are moved so that the first falls on :data:`EPOCH`."""
    dates = [entry.date for _, entry in dated_entries(case) if entry.date is not None]
    copy = case.model_copy(deep=True)
    if not dates:
        return copy
    offset = min(dates) - EPOCH
    for _, entry in dated_entries(copy):
        if entry.date is not None:
            entry.date = entry.date - offset
    return copy


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
