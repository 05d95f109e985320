"""Supervision meetings and the learning plan, for the supervision workbook.

Meetings are shown in both voices (the supervisee's and the supervisor's), with the supervisor's own
reflection and the feedback the supervisee gave on supervision; learning-plan items with their kind,
review week, status and dated updates. Dates appear as weeks since the case's first event.
"""

from __future__ import annotations

from casekit.i18n import gettext as _
from casekit.model import Case, LearningStatus, SupervisionTopic
from casekit.render.doc import Bullets, Document, Em, Fields, Group, Inline, Para, Said, Table
from casekit.render.formulation_sections import NOTHING_YET, clip
from casekit.render.relative_dates import Timeline
from casekit.render.rendering import Rendering


def meetings_document(case: Case, level: int = 3, *, topic: SupervisionTopic | None = None) -> Document:
    """Supervision meetings, oldest first (only those that took up ``topic``, if given)."""
    timeline = Timeline.of(case)
    doc = Document("supervision-meetings", _("Supervision meetings"), level=level)
    meetings = [m for m in case.supervision_meetings if topic is None or topic in m.topics]
    meetings.sort(key=lambda m: (m.date is None, m.date or 0))
    for number, meeting in enumerate(meetings, 1):
        fields: list[tuple[str, Inline]] = [
            (_("Topics"), "; ".join(t.label for t in meeting.topics)),
            (_("The supervisee's notes"), Said(meeting.supervisee_notes)),
            (_("The supervisor's notes"), Said(meeting.supervisor_notes)),
            (_("The supervisor's own reflection"), Said(meeting.supervisor_reflection)),
            (_("The supervisee's feedback on supervision"), Said(meeting.supervisee_feedback)),
        ]
        doc.add(
            Group(
                _("Meeting {number} ({when})").format(number=number, when=timeline.label(meeting.date)),
                (Fields(tuple(fields)),),
                level + 1,
            )
        )
    return doc


def render_meetings(case: Case, level: int = 3, *, topic: SupervisionTopic | None = None) -> Rendering:
    """Render the supervision meetings on this case (optionally only those on ``topic``)."""
    doc = meetings_document(case, level, topic=topic)
    if not doc.blocks:
        doc.add(Para.of(_("No supervision meetings written up yet.") if topic is None else _(NOTHING_YET)))
    return Rendering.from_document(doc)


def learning_items_document(case: Case, level: int = 3) -> Document:
    """Learning-plan items: open ones first, each with its review week and dated updates."""
    timeline = Timeline.of(case)
    doc = Document("learning-items", _("Learning plan items"), level=level)
    items = sorted(
        case.learning_plan, key=lambda i: (i.status == LearningStatus.CLOSED, i.date is None, i.date or 0)
    )
    if items:
        rows = tuple(
            (
                i.kind.label,
                Said(i.what),
                timeline.label(i.date),
                timeline.label(i.review.date) if i.review.date else _("not set"),
                Em(i.status.label),
            )
            for i in items
        )
        doc.add(
            Table(
                _("What the supervisee is learning"),
                (_("Kind"), _("What"), _("Agreed"), _("Look at again"), _("Status")),
                rows,
            )
        )
    for item in items:
        updates = item.ordered_updates()
        if updates:
            bullets = tuple(
                (f"{timeline.label(u.date)}: ", Said(u.note)) if u.note else (timeline.label(u.date),)
                for u in updates
            )
            doc.add(
                Group(
                    _("Updates: {what}").format(what=clip(item.what.text, 60) or item.kind.label),
                    (Bullets(bullets),),
                    level + 1,
                )
            )
    return doc


def render_learning_items(case: Case, level: int = 3) -> Rendering:
    """Render the learning plan's items and their updates."""
    doc = learning_items_document(case, level)
    if not doc.blocks:
        doc.add(Para.of(_("No learning-plan items yet.")))
    return Rendering.from_document(doc)
