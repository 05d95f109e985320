"""A static HTML rendering of a formulation, left behind wherever a live form cannot go.

Live widgets do not survive export or a headless papermill run, so the form's display output also
carries this rendering (as ``text/html``). It is built from the case body only: the private
identifiers are never read here. Dates appear as weeks since the case's first event, never as
calendar dates. No ipywidgets import.
"""

from __future__ import annotations

import base64
import datetime as dt
import html

from casekit.model import Case, Entry
from casekit.plots import (
    figure_bytes,
    first_event_date,
    goal_label,
    goal_progress_figure,
    repair_timeline_figure,
    weeks_between,
)
from casekit.widgets.compare import comparison_html
from casekit.widgets.guidance import FIELD_LABELS

_VOICE_CLASS = "ck-voice-{}"


def _entry(label: str, entry: Entry) -> str:
    if not entry:
        return ""
    text = html.escape(entry.text.strip()).replace("\n", "<br>")
    return (
        f"<div class='ck-static-entry'><div class='ck-static-label'>{html.escape(label)} "
        f"<span class='ck-badge {_VOICE_CLASS.format(entry.voice.value)}'>"
        f"{html.escape(entry.voice.label)}</span></div><div>{text}</div></div>"
    )


def _week(origin: dt.date | None, day: dt.date | None) -> str:
    if origin is None or day is None:
        return "undated"
    return f"week {weeks_between(origin, day):.0f}"


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(alt, quote=True)
    return f"<img src='data:image/png;base64,{data}' alt='{alt}' style='max-width:100%'>"


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
    origin = first_event_date(case)
    parts = [
        f"Misstep {i + 1}: {_week(origin, m.date)}, {m.status.value.replace('_', ' ')}"
        for i, m in enumerate(case.missteps)
    ]
    return "Missteps and repair. " + ("; ".join(parts) if parts else "None recorded.")


def case_html(case: Case, *, plots: bool = True) -> str:
    """The formulation as self-contained HTML (no scripts, no external requests).

    Parameters
    ----------
    case
        The case; its private identifiers are not read.
    plots
        Include the goal progress and repair timeline images (inline PNG with text alternatives).
    """
    origin = first_event_date(case)
    ident, pos = case.identity, case.positionality
    out = [
        "<div class='ck-static'>",
        f"<h2>Case {html.escape(case.meta.case_id)} — formulation</h2>",
        "<p class='ck-muted'>A static copy of the form. Private identifiers are never included.</p>",
        "<h3>Consultation question</h3>",
        _entry(FIELD_LABELS["question"], case.consultation_question) or "<p>Not stated yet.</p>",
        "<h3>Client identity</h3>",
    ]
    for key in (
        "self_description",
        "naming",
        "intersections",
        "meaning_of_culture",
        "meaning_of_healing",
        "meaning_of_wellbeing",
        "meaning_of_help",
        "explanation_of_problem",
    ):
        out.append(_entry(FIELD_LABELS[f"identity.{key}"], getattr(ident, key)))
    if ident.pronouns:
        out.append(f"<p><strong>Pronouns:</strong> {html.escape(ident.pronouns)}</p>")
    for i, named in enumerate(ident.identities):
        out.append(_entry(f"Identity {i + 1}", named.words))
    for key in ("supports", "past_help_seeking", "barriers_to_help"):
        for i, entry in enumerate(getattr(ident, key)):
            out.append(_entry(f"{FIELD_LABELS[f'identity.{key}']} {i + 1}", entry))
    out.append("<h3>Clinician positionality</h3>")
    for i, own in enumerate(pos.identities):
        out.append(_entry(f"Own identity {i + 1}", own.words))
    for key in ("shaping_perception", "how_client_may_see_me", "countertransference"):
        out.append(_entry(FIELD_LABELS[f"positionality.{key}"], getattr(pos, key)))
    for i, entry in enumerate(pos.assumptions_to_check):
        out.append(_entry(f"Assumption to check {i + 1}", entry))
    out.append("<h3>Side by side</h3>")
    out.append(comparison_html(case))
    out.append("<h3>Power dynamics</h3>")
    for i, p in enumerate(case.power):
        where = "in the room" if p.level.value == "in_room" else "in wider systems"
        out.append(f"<h4>Power {i + 1} ({where}{': ' + html.escape(p.kind) if p.kind else ''})</h4>")
        out += [_entry("What", p.description), _entry("Effect", p.effect), _entry("Response", p.response)]
    out.append("<h3>Co-created goals</h3>")
    for i, goal in enumerate(case.goals):
        out.append(f"<h4>{html.escape(goal_label(i, goal))} ({goal.status.value.replace('_', ' ')})</h4>")
        out += [
            _entry("Client's words", goal.client_words),
            _entry("Clinician's framing", goal.clinician_framing),
            _entry("Values it serves", goal.values_served),
            _entry("How progress is noticed", goal.progress_signs),
        ]
    if plots and any(g.ratings for g in case.goals):
        out.append(_img(figure_bytes(goal_progress_figure(case))["png"], goal_plot_alt(case)))
    out.append("<h3>Adaptations</h3>")
    for i, a in enumerate(case.adaptations):
        out.append(f"<h4>Adaptation {i + 1}</h4>")
        out += [_entry("What", a.what), _entry("Why", a.why), _entry("Client's response", a.client_response)]
    out.append("<h3>Missteps and repair</h3>")
    for i, m in enumerate(case.missteps):
        status = m.status.value.replace("_", " ")
        out.append(f"<h4>Misstep {i + 1} ({_week(origin, m.date)}; {status})</h4>")
        out += [
            _entry("What happened", m.what_happened),
            _entry("Impact, as the client described it", m.impact),
            _entry("Acknowledgement", m.acknowledgement),
            _entry("Repair", m.repair),
            _entry("Follow-up", m.follow_up),
        ]
    if plots and case.missteps:
        out.append(_img(figure_bytes(repair_timeline_figure(case))["png"], timeline_alt(case)))
    out.append("<h3>Client feedback</h3>")
    for f in case.feedback:
        scores = []
        if f.felt_understood is not None:
            scores.append(f"felt understood {f.felt_understood}/5")
        if f.felt_respected is not None:
            scores.append(f"felt respected {f.felt_respected}/5")
        out.append(f"<p><strong>{_week(origin, f.date)}:</strong> {', '.join(scores) or 'no ratings'}</p>")
        out.append(_entry("Comments", f.comments))
    out.append("</div>")
    return "".join(part for part in out if part)
