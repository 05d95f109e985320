"""Text alternatives for the form's plots, so a screen reader says what a picture shows.

No ipywidgets import.
"""

from __future__ import annotations

from casekit.model import Case
from casekit.plots import feedback_quotes, feedback_series, goal_label
from casekit.render.relative_dates import Timeline


def goal_plot_alt(case: Case) -> str:
    """A text alternative for the goal progress plot: first and latest rating per goal."""
    parts = []
    for i, goal in enumerate(case.goals):
        ratings = goal.ordered_ratings()
        if ratings:
            parts.append(
                f"{goal_label(i, goal)}: rated {ratings[0].score} then {ratings[-1].score} "
                f"over {len(ratings)} ratings"
            )
    return "Progress on goals. " + ("; ".join(parts) if parts else "No ratings yet.")


def timeline_alt(case: Case) -> str:
    """A text alternative for the missteps timeline."""
    timeline = Timeline.of(case)
    parts = [
        f"Misstep {i + 1}: {timeline.label(m.date)}, {m.status.value.replace('_', ' ')}"
        for i, m in enumerate(case.missteps)
    ]
    return "Missteps and repair. " + ("; ".join(parts) if parts else "None recorded.")


def feedback_alt(case: Case) -> str:
    """A text alternative for the feedback plot: first and latest value of each measure, and how many
    of the client's comments sit beside it."""
    parts = [
        f"{name}: {points[0][1]:g} then {points[-1][1]:g} over {len(points)} sessions"
        if len(points) > 1
        else f"{name}: {points[0][1]:g} once"
        for name, points in feedback_series(case).items()
    ]
    words = len(feedback_quotes(case))
    summary = "; ".join(parts) if parts else "No ratings or totals yet."
    return f"Client feedback by week. {summary}. {words} of the client's comments shown beside it."
