"""Static renderings of a session record and of the case brief: HTML and Markdown, always escaped.

Live widgets do not survive an export, so the session workbook leaves one of these behind. Every
piece of text a person typed is escaped by :mod:`casekit.text.escape` (``esc`` for HTML, ``md_esc``
for one line of Markdown), so a contribution can never inject markup, script or terminal escapes
into a notebook's output.

Calendar dates are identifiers under HIPAA Safe Harbor: a rendering shows the session's year only,
and every other date (follow-up, review dates) as a distance from the session ("4 weeks after the
session").
"""

from __future__ import annotations

import datetime as dt

from casekit.model import Case, Entry
from casekit.session.model import (
    ActionItem,
    Contribution,
    Lens,
    OpenActionItem,
    Role,
    SessionRecord,
    StageKind,
)
from casekit.text.escape import escape_html as esc
from casekit.text.escape import escape_markdown_line as md_esc


def relative(date: dt.date, session_date: dt.date) -> str:
    """A date as a distance from the session (never the calendar date)."""
    days = (date - session_date).days
    if days == 0:
        return "the day of the session"
    after = "after" if days > 0 else "before"
    days = abs(days)
    if days % 7 == 0:
        weeks = days // 7
        return f"{weeks} week{'s' if weeks != 1 else ''} {after} the session"
    return f"{days} day{'s' if days != 1 else ''} {after} the session"


def _who(c: Contribution) -> str:
    parts = [c.alias]
    if c.role is not Role.MEMBER:
        parts.append(c.role.label.lower())
    if c.lens is not Lens.NONE:
        parts.append(c.lens.label.lower())
    return ", ".join(parts)


def _empty_stage(record: SessionRecord, kind: StageKind) -> str:
    """What to say under a stage with no contributions (the action plan has its own table)."""
    if kind is StageKind.ACTION_PLAN and record.actions:
        return "The steps agreed in this stage are in the action plan below."
    return "Nothing recorded."


def _action_line(item: ActionItem, session_date: dt.date) -> tuple[str, str, str, str]:
    when = relative(item.review_date, session_date) if item.review_date else "no review date yet"
    return item.kind.label, item.text.text, item.owner, when


# ---- HTML -----------------------------------------------------------------------------------------
def record_html(record: SessionRecord) -> str:
    """The session record as a self-contained, escaped HTML fragment."""
    s = record.setup
    out = [
        '<div class="ck-static ck-session-record">',
        f"<h2>Consultation session on case {esc(s.case_id)} ({s.session_date.year})</h2>",
    ]
    if s.members:
        out.append("<h3>Who took part</h3><ul>")
        for m in s.members:
            lens = f" — {esc(m.lens.label)}" if m.lens is not Lens.NONE else ""
            out.append(f"<li>{esc(m.alias)}: {esc(m.role.label.lower())}{lens}</li>")
        out.append("</ul>")
    reached = record.current.index
    for i, stage in enumerate(record.stages):
        mark = " (reached)" if i == reached else ""
        out.append(
            f'<h3 class="ck-stage">{i + 1}. {esc(stage.title)} '
            f'<span class="ck-muted">({stage.minutes} min){mark}</span></h3>'
        )
        items = record.under(stage.kind)
        if not items:
            out.append(f'<p class="ck-muted">{esc(_empty_stage(record, stage.kind))}</p>')
            continue
        out.append("<ul>")
        for c in items:
            out.append(
                f'<li><strong>{esc(c.kind.label)}</strong> <span class="ck-muted">({esc(_who(c))}; '
                f"{esc(c.text.voice.label.lower())})</span>: "
                f'<span class="ck-voice-{esc(c.text.voice.value)}">{esc(c.text.text)}</span></li>'
            )
        out.append("</ul>")
    out.append("<h3>Action plan</h3>")
    if record.actions:
        out.append(
            '<table class="ck-actions"><thead><tr><th scope="col">Kind</th><th scope="col">Step</th>'
            '<th scope="col">Who</th><th scope="col">Review</th><th scope="col">Status</th></tr>'
            "</thead><tbody>"
        )
        for item in record.actions:
            kind, words, owner, when = _action_line(item, s.session_date)
            status = "done" if item.done else "open"
            out.append(
                f"<tr><td>{esc(kind)}</td><td>{esc(words)}</td><td>{esc(owner)}</td><td>{esc(when)}</td>"
                f"<td>{status}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="ck-muted">No action items.</p>')
    if record.follow_up:
        out.append(f"<p>Follow-up: {esc(relative(record.follow_up, s.session_date))}.</p>")
    out.append("</div>")
    return "\n".join(out)


def open_items_html(items: list[OpenActionItem], *, today: dt.date) -> str:
    """Open action items from earlier sessions, as an escaped HTML list (dates relative to today)."""
    if not items:
        return '<p class="ck-muted">No open action items from earlier sessions.</p>'
    out = ['<ul class="ck-open-actions">']
    for o in items:
        kind, words, owner, _ = _action_line(o.item, o.session_date)
        agreed = relative(o.session_date, today).replace("the session", "today")
        review = (
            f"; review {relative(o.item.review_date, today).replace('the session', 'today')}"
            if (o.item.review_date)
            else ""
        )
        out.append(
            f"<li><strong>{esc(kind)}</strong> — {esc(words)} ({esc(owner)}; agreed {esc(agreed)}"
            f"{esc(review)})</li>"
        )
    out.append("</ul>")
    return "\n".join(out)


# ---- Markdown -------------------------------------------------------------------------------------
def record_markdown(record: SessionRecord) -> str:
    """The session record as escaped Markdown."""
    s = record.setup
    out = [f"## Consultation session on case {md_esc(s.case_id)} ({s.session_date.year})", ""]
    if s.members:
        out += ["### Who took part", ""]
        for m in s.members:
            lens = f" — {md_esc(m.lens.label)}" if m.lens is not Lens.NONE else ""
            out.append(f"- {md_esc(m.alias)}: {md_esc(m.role.label.lower())}{lens}")
        out.append("")
    for i, stage in enumerate(record.stages):
        mark = " (reached)" if i == record.current.index else ""
        out += [f"### {i + 1}\\. {md_esc(stage.title)} ({stage.minutes} min){mark}", ""]
        items = record.under(stage.kind)
        if not items:
            out += [f"_{md_esc(_empty_stage(record, stage.kind))}_", ""]
            continue
        for c in items:
            out.append(
                f"- **{md_esc(c.kind.label)}** ({md_esc(_who(c))}; {md_esc(c.text.voice.label.lower())}): "
                f"{md_esc(c.text.text)}"
            )
        out.append("")
    out += ["### Action plan", ""]
    if record.actions:
        out += ["| Kind | Step | Who | Review | Status |", "|---|---|---|---|---|"]
        for item in record.actions:
            kind, words, owner, when = _action_line(item, s.session_date)
            status = "done" if item.done else "open"
            out.append(f"| {md_esc(kind)} | {md_esc(words)} | {md_esc(owner)} | {md_esc(when)} | {status} |")
    else:
        out.append("_No action items._")
    if record.follow_up:
        out += ["", f"Follow-up: {md_esc(relative(record.follow_up, s.session_date))}\\."]
    return "\n".join(out) + "\n"


def open_items_markdown(items: list[OpenActionItem], *, today: dt.date) -> str:
    """Open action items from earlier sessions as escaped Markdown (dates relative to today)."""
    if not items:
        return "_No open action items from earlier sessions._\n"
    out = []
    for o in items:
        kind, words, owner, _ = _action_line(o.item, o.session_date)
        agreed = relative(o.session_date, today).replace("the session", "today")
        out.append(f"- **{md_esc(kind)}**: {md_esc(words)} ({md_esc(owner)}; agreed {md_esc(agreed)})")
    return "\n".join(out) + "\n"


# ---- the case brief (for the presentation stage) -------------------------------------------------
def case_brief_html(case: Case) -> str:
    """What the presenter draws on in the brief presentation, from the formulation, escaped.

    The client's self-description and named identities (their words), the agreed goals, the client's
    own explanation of the problem, and the presenter's consultation question. Never the identifiers.
    """

    def entry(label: str, e: Entry) -> str:
        if not e:
            return ""
        return (
            f'<p><strong>{esc(label)}</strong> <span class="ck-muted">({esc(e.voice.label.lower())})</span>: '
            f'<span class="ck-voice-{esc(e.voice.value)}">{esc(e.text)}</span></p>'
        )

    ident = case.identity
    out = ['<div class="ck-static ck-case-brief">']
    out.append(entry("The presenter's question", case.consultation_question))
    out.append(entry("How the client describes themselves", ident.self_description))
    named = [i.words.text for i in ident.identities if i.words]
    if named:
        out.append("<p><strong>Identities the client names</strong>:</p><ul>")
        out += [f"<li>{esc(w)}</li>" for w in named]
        out.append("</ul>")
    out.append(entry("The client's explanation of the problem", ident.explanation_of_problem))
    goals = [g.agreed_wording.text or g.client_words.text for g in case.goals]
    goals = [g for g in goals if g.strip()]
    if goals:
        out.append("<p><strong>Goals agreed together</strong>:</p><ol>")
        out += [f"<li>{esc(g)}</li>" for g in goals]
        out.append("</ol>")
    out.append("</div>")
    return "\n".join(line for line in out if line)
