"""One renderer per section of a case formulation, and the whole-formulation summary.

Every function takes a :class:`~casekit.model.Case` and reads everything except its private
identifiers, which no renderer touches. Dates appear as weeks since the case's first event.
"""

from __future__ import annotations

from casekit.i18n import N_, ngettext
from casekit.i18n import gettext as _
from casekit.instruments.entries import partial_words
from casekit.model import Case, Entry, FeedbackEntry, FeedbackRoute, Goal, PowerLevel, SupervisionTopic
from casekit.render.doc import Bullets, Document, Em, Fields, Group, Inline, Para, Said, Table
from casekit.render.relative_dates import Timeline
from casekit.render.rendering import Rendering

NOTHING_YET = N_("Nothing recorded yet.")


def _label(value: object) -> str:
    text = getattr(value, "value", str(value))
    return text.replace("_", " ")


def clip(text: str, width: int = 70) -> str:
    """One line of at most ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def goal_title(goal: Goal, number: int) -> str:
    """``"Goal 2: <agreed wording>"`` (the client's words if no wording is agreed yet)."""
    wording = goal.agreed_wording.text or goal.client_words.text
    if wording.strip():
        return _("Goal {number}: {wording}").format(number=number, wording=clip(wording))
    return _("Goal {number}").format(number=number)


def _said_items(entries: list[Entry]) -> Bullets:
    return Bullets(tuple((Said(e),) for e in entries if e))


def _empty(doc: Document) -> Document:
    if not doc.blocks:
        doc.add(Para.of(_(NOTHING_YET)))
    return doc


def _finish(doc: Document) -> Rendering:
    return Rendering.from_document(_empty(doc))


# ---------------------------------------------------------------------------------------------------


def identity_document(case: Case, level: int = 3) -> Document:
    """The client's identity in their own words."""
    ident = case.identity
    doc = Document("identity", _("Identity in the client's words"), level=level)
    fields: list[tuple[str, Inline]] = [
        (_("How they describe themselves"), Said(ident.self_description)),
        (_("Their name and how they wish to be addressed"), Said(ident.naming)),
        (_("Pronouns"), ident.pronouns),
        (_("How their identities meet"), Said(ident.intersections)),
        (_("What culture means to them"), Said(ident.meaning_of_culture)),
        (_("What healing means to them"), Said(ident.meaning_of_healing)),
        (_("What well-being means to them"), Said(ident.meaning_of_wellbeing)),
        (_("What help means to them"), Said(ident.meaning_of_help)),
        (_("Their own explanation of the problem"), Said(ident.explanation_of_problem)),
    ]
    if any(_has(v) for _, v in fields):
        doc.add(Fields(tuple(fields)))
    if ident.identities:
        rows = tuple(
            (Said(i.words), _label(i.salience), i.domain.label if i.domain else "") for i in ident.identities
        )
        doc.add(
            Table(
                _("Identities the client named"),
                (_("In the client's words"), _("How much it matters"), _("Breadth area (clinician's tag)")),
                rows,
            )
        )
    if ident.languages:
        items = []
        for lang in ident.languages:
            text = lang.language + (f" — {lang.context}" if lang.context else "")
            items.append((text, Em(_("preferred for sessions"))) if lang.preferred_for_sessions else (text,))
        doc.add(Para.of(_("Languages:")), Bullets(tuple(items)))
    for title, entries in (
        (_("Supports, community and spiritual life:"), ident.supports),
        (_("Help sought before:"), ident.past_help_seeking),
        (_("Barriers to help:"), ident.barriers_to_help),
    ):
        if any(entries):
            doc.add(Para.of(title), _said_items(entries))
    return doc


def _has(value: Inline) -> bool:
    if isinstance(value, Said):
        return bool(value.entry)
    if isinstance(value, Em):
        return bool(value.text.strip())
    return bool(value.strip())


def render_identity(case: Case, level: int = 3) -> Rendering:
    """Render the client's identity in their own words, each entry labelled with its voice."""
    return _finish(identity_document(case, level))


def positionality_document(case: Case, level: int = 3) -> Document:
    """The clinician's positionality."""
    pos = case.positionality
    doc = Document("positionality", _("Clinician positionality"), level=level)
    if pos.identities:
        rows = tuple(
            (i.domain.label if i.domain else "", Said(i.words), _label(i.standing)) for i in pos.identities
        )
        doc.add(
            Table(
                _("The clinician's own identities"),
                (_("Area"), _("In the clinician's words"), _("Standing")),
                rows,
            )
        )
    fields: list[tuple[str, Inline]] = [
        (_("How these shape what I notice"), Said(pos.shaping_perception)),
        (_("How the client may see me"), Said(pos.how_client_may_see_me)),
        (_("Countertransference around difference"), Said(pos.countertransference)),
    ]
    if any(_has(v) for _, v in fields):
        doc.add(Fields(tuple(fields)))
    if any(pos.assumptions_to_check):
        doc.add(Para.of(_("Assumptions to check:")), _said_items(pos.assumptions_to_check))
    return doc


def render_positionality(case: Case, level: int = 3) -> Rendering:
    """Render the clinician's identities, standing, assumptions and countertransference."""
    return _finish(positionality_document(case, level))


_POWER_HEADINGS = {
    PowerLevel.IN_ROOM: N_("In the room"),
    PowerLevel.SYSTEMIC: N_("In the systems around the client"),
}


def power_document(case: Case, level: int = 3, *, systemic_first: bool = False) -> Document:
    """Power in the room and in the client's systems."""
    doc = Document("power", _("Power dynamics"), level=level)
    order = [PowerLevel.IN_ROOM, PowerLevel.SYSTEMIC]
    for where in reversed(order) if systemic_first else order:
        heading = _(_POWER_HEADINGS[where])
        dynamics = [p for p in case.power if p.level == where]
        if not dynamics:
            continue
        for n, p in enumerate(dynamics, 1):
            title = f"{heading} — {p.kind}" if p.kind else f"{heading} — {n}"
            doc.add(
                Group(
                    title,
                    (
                        Fields(
                            (
                                (_("What it is"), Said(p.description)),
                                (_("Its effect on the work"), Said(p.effect)),
                                (_("What the clinician does about it"), Said(p.response)),
                            )
                        ),
                    ),
                    level=level + 1,
                )
            )
    return doc


def render_power(case: Case, level: int = 3, *, systemic_first: bool = False) -> Rendering:
    """Render power dynamics: in the room, then in the client's systems (or the other way round)."""
    return _finish(power_document(case, level, systemic_first=systemic_first))


def goals_document(case: Case, level: int = 3) -> Document:
    """Co-created goals with the client's progress ratings by week."""
    timeline = Timeline.of(case)
    doc = Document("goals", _("Co-created goals"), level=level)
    for n, goal in enumerate(case.goals, 1):
        ratings = goal.ordered_ratings()
        blocks: list = [
            Para.of(_("Status:"), Em(_label(goal.status))),
            Fields(
                (
                    (_("In the client's words"), Said(goal.client_words)),
                    (_("The clinician's framing"), Said(goal.clinician_framing)),
                    (_("Agreed wording"), Said(goal.agreed_wording)),
                    (_("Values it serves"), Said(goal.values_served)),
                    (_("How progress will be noticed"), Said(goal.progress_signs)),
                )
            ),
        ]
        if ratings:
            blocks.append(
                Para.of(
                    ngettext(
                        "Progress as the client rates it (0–10): {first} at first, {latest} most recently, "
                        "over {n} rating.",
                        "Progress as the client rates it (0–10): {first} at first, {latest} most recently, "
                        "over {n} ratings.",
                        len(ratings),
                    ).format(first=ratings[0].score, latest=ratings[-1].score, n=len(ratings))
                )
            )
            blocks.append(
                Table(
                    _("Goal {number}: the client's ratings").format(number=n),
                    (_("When"), _("Rating (0–10)"), _("The client's note")),
                    tuple(
                        (timeline.label(r.date), str(r.score), Said(r.note) if r.note else "")
                        for r in ratings
                    ),
                )
            )
        else:
            blocks.append(Para.of(_("No progress ratings yet.")))
        doc.add(Group(goal_title(goal, n), tuple(blocks), level=level + 1))
    return doc


def render_goals(case: Case, level: int = 3) -> Rendering:
    """Render each goal (client's words, framing, agreed wording) with its progress by week."""
    return _finish(goals_document(case, level))


def adaptations_document(case: Case, level: int = 3) -> Document:
    """How methods were fitted to the client."""
    doc = Document("adaptations", _("Adaptations"), level=level)
    for n, a in enumerate(case.adaptations, 1):
        doc.add(
            Group(
                _("Adaptation {number}: {what}").format(number=n, what=clip(a.what.text))
                if a.what
                else _("Adaptation {number}").format(number=n),
                (
                    Fields(
                        (
                            (_("What was adapted"), Said(a.what)),
                            (_("Why"), Said(a.why)),
                            (_("How the client responded"), Said(a.client_response)),
                        )
                    ),
                ),
                level=level + 1,
            )
        )
    return doc


def render_adaptations(case: Case, level: int = 3) -> Rendering:
    """Render adaptations and how the client responded to them."""
    return _finish(adaptations_document(case, level))


def missteps_document(case: Case, level: int = 3) -> Document:
    """Missteps and ruptures, and their repair."""
    timeline = Timeline.of(case)
    doc = Document("missteps", _("Missteps and repair"), level=level)
    ordered = sorted(enumerate(case.missteps, 1), key=lambda p: (p[1].date is None, p[1].date or 0))
    for n, m in ordered:
        doc.add(
            Group(
                _("Misstep {number} ({when}) — {status}").format(
                    number=n, when=timeline.label(m.date), status=_label(m.status)
                ),
                (
                    Fields(
                        (
                            (_("What happened"), Said(m.what_happened)),
                            (_("Its impact, as the client described it"), Said(m.impact)),
                            (_("Acknowledgement"), Said(m.acknowledgement)),
                            (_("Repair"), Said(m.repair)),
                            (_("Follow-up"), Said(m.follow_up)),
                        )
                    ),
                ),
                level=level + 1,
            )
        )
    return doc


def render_missteps(case: Case, level: int = 3) -> Rendering:
    """Render missteps in order of time, each with impact, acknowledgement, repair and status."""
    return _finish(missteps_document(case, level))


def feedback_document(case: Case, level: int = 3) -> Document:
    """The client's session feedback by week."""
    timeline = Timeline.of(case)
    doc = Document("feedback", _("The client's feedback"), level=level)
    entries = sorted(case.feedback, key=lambda f: f.date)
    if not entries:
        return doc
    understood = [f.felt_understood for f in entries if f.felt_understood is not None]
    if understood:
        doc.add(
            Para.of(
                ngettext(
                    "Felt understood (1–5): {first} at first, {latest} most recently, over {n} session.",
                    "Felt understood (1–5): {first} at first, {latest} most recently, over {n} sessions.",
                    len(understood),
                ).format(first=understood[0], latest=understood[-1], n=len(understood))
            )
        )

    def score(v: int | None) -> str:
        return "—" if v is None else str(v)

    rows = tuple(
        (
            timeline.label(f.date) + _given(f),
            score(f.felt_understood),
            score(f.felt_respected),
            "; ".join(
                [f"{k}: {v:g}" for k, v in sorted(f.instrument_scores.items())]
                + [f"{k}: {partial_words(v)}" for k, v in sorted(f.instrument_partial.items())]
            ),
            Said(f.comments) if f.comments else "",
        )
        for f in entries
    )
    doc.add(
        Table(
            _("Session feedback"),
            (
                _("When"),
                _("Felt understood (1–5)"),
                _("Felt respected (1–5)"),
                _("Clinic measures"),
                _("Comments"),
            ),
            rows,
        )
    )
    return doc


def _given(entry: FeedbackEntry) -> str:
    """``" (written on a paper card, in es)"`` for feedback the client wrote on a paper card."""
    if entry.given is not FeedbackRoute.PAPER_CARD:
        return ""
    language = entry.comments.language
    if language:
        return " " + _("(written on a paper card, in {language})").format(language=language)
    return " " + _("(written on a paper card)")


def render_feedback(case: Case, level: int = 3) -> Rendering:
    """Render session feedback by week, with the trend of feeling understood."""
    return _finish(feedback_document(case, level))


def question_document(case: Case, level: int = 3) -> Document:
    """The presenter's consultation question."""
    doc = Document("consultation-question", _("Consultation question"), level=level)
    if case.consultation_question:
        doc.add(Para.of(Said(case.consultation_question)))
    else:
        doc.add(Para.of(_("No consultation question stated yet.")))
    return doc


def render_question(case: Case, level: int = 3) -> Rendering:
    """Render the question the presenter brings to the group."""
    return _finish(question_document(case, level))


def supervision_document(case: Case, level: int = 3, *, topic: SupervisionTopic | None = None) -> Document:
    """Supervision notes (optionally of one topic) with the learning each led to."""
    timeline = Timeline.of(case)
    doc = Document("supervision-notes", _("Supervision notes"), level=level)
    notes = [n for n in case.supervision_notes if topic is None or n.topic == topic]
    notes.sort(key=lambda n: (n.date is None, n.date or 0))
    for k, note in enumerate(notes, 1):
        blocks: list = [Para.of(Said(note.note))] if note.note else []
        if any(note.learning):
            blocks += [Para.of(_("Learning:")), _said_items(note.learning)]
        doc.add(
            Group(
                _("Note {number} ({when}) — {topic}").format(
                    number=k, when=timeline.label(note.date), topic=note.topic.label
                ),
                tuple(blocks) or (Para.of(_(NOTHING_YET)),),
                level=level + 1,
            )
        )
    return doc


def render_supervision_notes(
    case: Case, level: int = 3, *, topic: SupervisionTopic | None = None
) -> Rendering:
    """Render existing supervision notes and their learning items, oldest first."""
    return _finish(supervision_document(case, level, topic=topic))


def learning_plan_document(case: Case, level: int = 3) -> Document:
    """Every learning item from supervision, with its topic and week."""
    timeline = Timeline.of(case)
    doc = Document("learning-plan", _("Learning plan"), level=level)
    rows = tuple(
        (note.topic.label, timeline.label(note.date), Said(item))
        for note in sorted(case.supervision_notes, key=lambda n: (n.date is None, n.date or 0))
        for item in note.learning
        if item
    )
    if rows:
        doc.add(
            Table(_("Learning agreed in supervision"), (_("Topic"), _("When agreed"), _("Learning")), rows)
        )
    return doc


def render_learning_plan(case: Case, level: int = 3) -> Rendering:
    """Render the learning items agreed in supervision so far."""
    return _finish(learning_plan_document(case, level))


SECTIONS = {
    "identity": render_identity,
    "positionality": render_positionality,
    "power": render_power,
    "goals": render_goals,
    "adaptations": render_adaptations,
    "missteps": render_missteps,
    "feedback": render_feedback,
    "consultation-question": render_question,
    "supervision-notes": render_supervision_notes,
}


def render_formulation(case: Case) -> Rendering:
    """The whole formulation: the question first, then every section, under one heading."""
    order = [
        "consultation-question",
        "identity",
        "positionality",
        "power",
        "goals",
        "adaptations",
        "missteps",
        "feedback",
        "supervision-notes",
    ]
    return Rendering.combine(
        "formulation",
        _("Case {case_id}: formulation").format(case_id=case.meta.case_id),
        (SECTIONS[name](case) for name in order),
        intro=_(
            "Presented by {clinician}. The client is referred to as “{client}”. Dates are shown as weeks "
            "since the first recorded event."
        ).format(clinician=case.meta.clinician_alias, client=case.meta.client_alias),
    )
