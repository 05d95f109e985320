"""Static renderings of a case for notebooks and exports: HTML and markdown, never identifiers.

Every renderer takes a :class:`~casekit.model.Case` and returns a :class:`Rendering`, which Jupyter
displays as HTML (and exports as markdown). Renderers never read ``case.identifiers``, escape all
text from the case, and show dates as weeks since the case's first event.
"""

from casekit.render.brief import brief_renderings, render_latest_feedback
from casekit.render.changes import change_lines, render_changes
from casekit.render.formulation_sections import (
    SECTIONS,
    render_adaptations,
    render_feedback,
    render_formulation,
    render_goals,
    render_identity,
    render_learning_plan,
    render_missteps,
    render_positionality,
    render_power,
    render_question,
    render_supervision_notes,
)
from casekit.render.meetings import render_learning_items, render_meetings
from casekit.render.relative_dates import Timeline, year_only
from casekit.render.rendering import Rendering
from casekit.render.supervision import PROMPTS, TOPICS, learning_summary, render_topic

__all__ = [
    "PROMPTS",
    "SECTIONS",
    "TOPICS",
    "Rendering",
    "Timeline",
    "brief_renderings",
    "change_lines",
    "learning_summary",
    "render_adaptations",
    "render_changes",
    "render_feedback",
    "render_formulation",
    "render_goals",
    "render_identity",
    "render_latest_feedback",
    "render_learning_items",
    "render_learning_plan",
    "render_meetings",
    "render_missteps",
    "render_positionality",
    "render_power",
    "render_question",
    "render_supervision_notes",
    "render_topic",
    "year_only",
]
