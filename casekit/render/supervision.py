"""A supervision topic: reflective prompts, the parts of the case it concerns, and earlier notes.

The prompts are casekit's own wording, written from the clinical framework in DOMAIN.md.
"""

from __future__ import annotations

from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.model import Case, SupervisionTopic
from casekit.render.doc import Bullets, Document, Para, Table
from casekit.render.formulation_sections import (
    render_feedback,
    render_identity,
    render_missteps,
    render_positionality,
    render_power,
    render_supervision_notes,
)
from casekit.render.meetings import render_meetings
from casekit.render.relative_dates import Timeline
from casekit.render.rendering import Rendering

#: The four topics a supervision meeting on cultural humility works through, in order.
TOPICS: tuple[SupervisionTopic, ...] = (
    SupervisionTopic.UNDERSTANDING_CONTEXT,
    SupervisionTopic.COUNTERTRANSFERENCE,
    SupervisionTopic.SYSTEMS_AND_POWER,
    SupervisionTopic.MISSTEPS_AND_RUPTURES,
)

PROMPTS: dict[SupervisionTopic, tuple[str, ...]] = {
    SupervisionTopic.UNDERSTANDING_CONTEXT: (
        N_("Where does my picture of this client rest on their own words, and where on my guesses?"),
        N_(
            "Which part of their life or culture do I understand least, and who could help me learn "
            "about it without making the client do all the teaching?"
        ),
        N_("How does the client explain what is wrong, and how close is that to my formulation?"),
    ),
    SupervisionTopic.COUNTERTRANSFERENCE: (
        N_("What do I feel in sessions with this client that I do not feel with others?"),
        N_("Which of my own identities are in the room, and where do I hold more power than the client?"),
        N_("Which of my assumptions have I checked with the client, and which am I still carrying?"),
    ),
    SupervisionTopic.SYSTEMS_AND_POWER: (
        N_(
            "Which pressures on the client come from systems (housing, work, immigration, health care, "
            "racism) rather than from inside them?"
        ),
        N_("Where does the way our service works (fees, forms, language, who decides) add to that?"),
        N_("What could I do, or stop doing, so the work does not repeat those patterns?"),
    ),
    SupervisionTopic.MISSTEPS_AND_RUPTURES: (
        N_("When did the client seem to pull back, go quiet or correct me?"),
        N_("Have I named what happened with the client, and did they feel understood when I did?"),
        N_("What have I changed since, and how will I know whether the repair holds?"),
    ),
}

INTRODUCTIONS: dict[SupervisionTopic, str] = {
    SupervisionTopic.UNDERSTANDING_CONTEXT: N_(
        "What the client has said about who they are and what is wrong, in their words."
    ),
    SupervisionTopic.COUNTERTRANSFERENCE: N_(
        "The clinician's own position and reactions, as recorded in the case."
    ),
    SupervisionTopic.SYSTEMS_AND_POWER: N_("Power in the room and in the systems around the client."),
    SupervisionTopic.MISSTEPS_AND_RUPTURES: N_(
        "Missteps, their repair, and how the client has said the work feels."
    ),
}


def prompts_rendering(topic: SupervisionTopic, level: int = 3) -> Rendering:
    """The reflective questions for one topic."""
    doc = Document(f"prompts-{topic.value}", _("Questions to reflect on"), level=level)
    doc.add(Bullets(tuple((_(p),) for p in PROMPTS.get(topic, ()))))
    return Rendering.from_document(doc)


def render_topic(case: Case, topic: SupervisionTopic) -> Rendering:
    """Everything a supervision meeting needs for one topic, under one heading.

    Parameters
    ----------
    case
        The case discussed.
    topic
        One of :data:`TOPICS`.
    """
    parts = [prompts_rendering(topic)]
    if topic == SupervisionTopic.UNDERSTANDING_CONTEXT:
        parts.append(render_identity(case))
    elif topic == SupervisionTopic.COUNTERTRANSFERENCE:
        parts.append(render_positionality(case))
    elif topic == SupervisionTopic.SYSTEMS_AND_POWER:
        parts.append(render_power(case, systemic_first=True))
    elif topic == SupervisionTopic.MISSTEPS_AND_RUPTURES:
        parts += [render_missteps(case), render_feedback(case)]
    parts.append(render_supervision_notes(case, topic=topic))
    if any(topic in m.topics for m in case.supervision_meetings):
        parts.append(render_meetings(case, topic=topic))
    return Rendering.combine(f"topic-{topic.value}", topic.label, parts, intro=_(INTRODUCTIONS[topic]))


def learning_summary(case: Case) -> Rendering:
    """Learning items by topic with counts, for the learning-plan part of a meeting."""
    timeline = Timeline.of(case)
    doc = Document("learning-by-topic", _("Supervision so far, by topic"), level=3)
    rows = []
    for topic in (*TOPICS, SupervisionTopic.OTHER):
        notes = [n for n in case.supervision_notes if n.topic == topic]
        meetings = [m for m in case.supervision_meetings if topic in m.topics]
        if not notes and not meetings:
            continue
        dated = [n.date for n in notes if n.date] + [m.date for m in meetings if m.date]
        latest = timeline.label(max(dated)) if dated else _("undated")
        items = sum(1 for n in notes for i in n.learning if i)
        rows.append((topic.label, str(len(notes) + len(meetings)), str(items), latest))
    if rows:
        doc.add(
            Table(
                _("Notes and learning items per topic"),
                (_("Topic"), _("Notes and meetings"), _("Learning items"), _("Latest")),
                tuple(rows),
            )
        )
    else:
        doc.add(Para.of(_("No supervision notes or meetings in this case yet.")))
    open_items = sum(1 for item in case.learning_plan if item.status.value == "open")
    if case.learning_plan:
        done = len(case.learning_plan) - open_items
        doc.add(Para.of(_("Learning plan: {open} open, {done} done.").format(open=open_items, done=done)))
    return Rendering.from_document(doc)
