"""Text alternatives for the form's plots, so a screen reader says what a picture shows.

No ipywidgets import.
"""

from __future__ import annotations

from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.model import Case, RepairStatus
from casekit.plots import feedback_quotes, feedback_series, goal_label
from casekit.render.relative_dates import Timeline

#: Where a misstep's repair stands, as the timeline's text alternative says it.
_STATUS_WORDS = {
    RepairStatus.NOT_YET_RAISED: N_("not yet raised"),
    RepairStatus.IN_PROGRESS: N_("in progress"),
    RepairStatus.REPAIRED: N_("repaired"),
    RepairStatus.UNRESOLVED: N_("unresolved"),
}


def goal_plot_alt(case: Case) -> str:
    """A text alternative for the goal progress plot: first and latest rating per goal."""
    parts = []
    for i, goal in enumerate(case.goals):
        ratings = goal.ordered_ratings()
        if ratings:
            first, last, n = ratings[0].score, ratings[-1].score, len(ratings)
            rated = _("rated %(first)s then %(last)s over %(num)d ratings")
            parts.append(f"{goal_label(i, goal)}: " + rated % {"first": first, "last": last, "num": n})
    return _("Progress on goals.") + " " + ("; ".join(parts) if parts else _("No ratings yet."))


def timeline_alt(case: Case) -> str:
    """A text alternative for the missteps timeline."""
    timeline = Timeline.of(case)
    parts = [
        _("Misstep %(num)d") % {"num": i + 1} + f": {timeline.label(m.date)}, " + _(_STATUS_WORDS[m.status])
        for i, m in enumerate(case.missteps)
    ]
    return _("Missteps and repair.") + " " + ("; ".join(parts) if parts else _("None recorded."))


def feedback_alt(case: Case) -> str:
    """A text alternative for the feedback plot: first and latest value of each measure, and how many
    of the client's comments sit beside it."""
    parts = [
        f"{name}: "
        + (
            _("%(first)s then %(last)s over %(num)d sessions")
            % {"first": f"{points[0][1]:g}", "last": f"{points[-1][1]:g}", "num": len(points)}
            if len(points) > 1
            else _("%(value)s once") % {"value": f"{points[0][1]:g}"}
        )
        for name, points in feedback_series(case).items()
    ]
    words = len(feedback_quotes(case))
    summary = "; ".join(parts) if parts else _("No ratings or totals yet.")
    shown = _("%(num)d of the client's comments shown beside it.") % {"num": words}
    return _("Client feedback by week.") + f" {summary}. {shown}"
