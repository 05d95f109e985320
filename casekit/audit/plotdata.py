"""The comparison plot as data, so an export can re-draw it instead of copying the notebook's pixels.

An image cannot be scanned for a name, so casekit's exports keep no image from a notebook: they re-draw
their own plots (see :mod:`casekit.export.preprocessors`). The systems-audit workbook therefore shows
its comparison plot together with the few values it was drawn from, in the output's
``metadata.casekit`` (:func:`plot_output`): the two audit dates, and for each item its id, theme, area
and the two ratings. :func:`comparison_from_data` reads them back strictly (dates, enum values and
slug ids only, so no free text can ride along) and the export draws the plot again from them.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from casekit.audit.assessment import Area, Rating, Theme
from casekit.audit.history import AssessmentComparison, ItemChange
from casekit.errors import AuditError

#: The name casekit's export knows this plot by (``metadata.casekit.plot``).
AUDIT_PLOT = "audit_comparison"
#: The plot's alternative text.
AUDIT_PLOT_ALT = "The self-assessment beside the previous one: ratings from not started to established"

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,48}$")
_MAX_ITEMS = 200


def comparison_data(comparison: AssessmentComparison, *, by: str = "theme") -> dict[str, Any]:
    """The values the comparison plot is drawn from, as JSON-ready data (no free text)."""
    if by not in {"theme", "item"}:
        raise AuditError(f"plot by {by!r} is not possible; choose 'theme' or 'item'")
    return {
        "by": by,
        "previous_date": comparison.previous_date.isoformat() if comparison.previous_date else None,
        "current_date": comparison.current_date.isoformat(),
        "items": [
            {
                "id": c.id,
                "theme": c.theme.value,
                "area": c.area.value,
                "before": c.before.value if c.before else None,
                "after": c.after.value if c.after else None,
            }
            for c in comparison.changes
        ],
    }


def comparison_from_data(
    data: Any, *, label: Callable[[str], str] | None = None
) -> tuple[AssessmentComparison, Literal["theme", "item"]]:
    """Read :func:`comparison_data` back, refusing anything that is not a date, an enum value or an id.

    Parameters
    ----------
    data
        The values from the output's metadata.
    label
        Applied to each item id before it is drawn (an export scrubs them).

    Raises
    ------
    AuditError
        If any value is missing or not of its kind.
    """
    if not isinstance(data, Mapping) or data.get("by") not in {"theme", "item"}:
        raise AuditError("the comparison plot's data is not casekit's; re-run the workbook")
    items = data.get("items")
    if not isinstance(items, list) or len(items) > _MAX_ITEMS:
        raise AuditError("the comparison plot's data has no valid item list; re-run the workbook")
    try:
        current = dt.date.fromisoformat(data["current_date"])
        previous = dt.date.fromisoformat(data["previous_date"]) if data.get("previous_date") else None
        changes = [_change(item, label) for item in items]
    except (KeyError, TypeError, ValueError):
        raise AuditError("the comparison plot's data is not casekit's; re-run the workbook") from None
    scores = {}
    for theme in Theme:
        before = [c.before.score for c in changes if c.theme == theme and c.before is not None]
        after = [c.after.score for c in changes if c.theme == theme and c.after is not None]
        scores[theme] = (_mean(before), _mean(after))
    comparison = AssessmentComparison(previous, current, tuple(changes), scores)
    return comparison, data["by"]


def _change(item: Any, label: Callable[[str], str] | None) -> ItemChange:
    if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not _ID.match(item["id"]):
        raise ValueError("item id")
    before = Rating(item["before"]) if item.get("before") is not None else None
    after = Rating(item["after"]) if item.get("after") is not None else None
    shown = label(item["id"]) if label else item["id"]
    return ItemChange(shown, Theme(item["theme"]), Area(item["area"]), "", before, after, "", None, False)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def plot_png(comparison: AssessmentComparison, by: Literal["theme", "item"]) -> bytes:
    """The comparison plot as PNG bytes."""
    from casekit.audit.plot import plot_comparison
    from casekit.plots import figure_bytes

    return figure_bytes(plot_comparison(comparison, by=by), ("png",))["png"]


def plot_output(
    comparison: AssessmentComparison, *, by: Literal["theme", "item"] = "theme"
) -> tuple[dict, dict]:
    """The plot as a display bundle and its metadata (for ``display(bundle, raw=True, metadata=...)``).

    The metadata marks the image as casekit's comparison plot and carries the values it was drawn
    from, so that an export can re-draw it.
    """
    png = base64.b64encode(plot_png(comparison, by)).decode("ascii")
    bundle = {"image/png": png, "text/plain": AUDIT_PLOT_ALT}
    metadata = {
        "image/png": {"alt": AUDIT_PLOT_ALT},
        "casekit": {"plot": AUDIT_PLOT, "audit": comparison_data(comparison, by=by)},
    }
    return bundle, metadata
