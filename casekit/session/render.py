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
from collections.abc import Callable
from dataclasses import dataclass

from casekit.i18n import gettext as _
from casekit.i18n import ngettext
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


@dataclass(frozen=True)
class _Distances:
    """How a distance from one anchor ("the session", "today") is worded, each sentence written out
    whole so that it is one catalogue entry a translator can read."""

    same_day: Callable[[], str]
    weeks_after: Callable[[int], str]
    weeks_before: Callable[[int], str]
    days_after: Callable[[int], str]
    days_before: Callable[[int], str]

    def of(self, date: dt.date, anchor: dt.date) -> str:
        """``date`` as a distance from ``anchor``, in whole weeks where it is one (never a calendar date)."""
        days = (date - anchor).days
        if days == 0:
            return self.same_day()
        if days % 7 == 0:
            n = abs(days) // 7
            words = self.weeks_after if days > 0 else self.weeks_before
        else:
            n = abs(days)
            words = self.days_after if days > 0 else self.days_before
        return words(n).format(n=n)


_FROM_SESSION = _Distances(
    lambda: _("the day of the session"),
    lambda n: ngettext("{n} week after the session", "{n} weeks after the session", n),
    lambda n: ngettext("{n} week before the session", "{n} weeks before the session", n),
    lambda n: ngettext("{n} day after the session", "{n} days after the session", n),
    lambda n: ngettext("{n} day before the session", "{n} days before the session", n),
)
_FROM_TODAY = _Distances(
    lambda: _("the day of today"),
    lambda n: ngettext("{n} week after today", "{n} weeks after today", n),
    lambda n: ngettext("{n} week before today", "{n} weeks before today", n),
    lambda n: ngettext("{n} day after today", "{n} days after today", n),
    lambda n: ngettext("{n} day before today", "{n} days before today", n),
)


def relative(date: dt.date, session_date: dt.date) -> str:
    """A date as a distance from the session (never the calendar date)."""
    return _FROM_SESSION.of(date, session_date)


def _from_today(date: dt.date, today: dt.date) -> str:
    """A date as a distance from today (never the calendar date)."""
    return _FROM_TODAY.of(date, today)


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
        return _("The steps agreed in this stage are in the action plan below.")
    return _("Nothing recorded.")


def _action_line(item: ActionItem, session_date: dt.date) -> tuple[str, str, str, str]:
    when = relative(item.review_date, session_date) if item.review_date else _("no review date yet")
    return item.kind.label, item.text.text, item.owner, when


# ---- HTML -----------------------------------------------------------------------------------------
def record_html(record: SessionRecord) -> str:
    """The session record as a self-contained, escaped HTML fragment."""
    s = record.setup
    out = [
        '<div class="ck-static ck-session-record">',
        "<h2>"
        + _("Consultation session on case {case_id} ({year})").format(
            case_id=esc(s.case_id), year=s.session_date.year
        )
        + "</h2>",
    ]
    if s.members:
        out.append("<h3>" + esc(_("Who took part")) + "</h3><ul>")
        for m in s.members:
            lens = f" — {esc(m.lens.label)}" if m.lens is not Lens.NONE else ""
            out.append(f"<li>{esc(m.alias)}: {esc(m.role.label.lower())}{lens}</li>")
        out.append("</ul>")
    reached = record.current.index
    for i, stage in enumerate(record.stages):
        mark = " " + esc(_("(reached)")) if i == reached else ""
        minutes = esc(_("({minutes} min)").format(minutes=stage.minutes))
        out.append(
            f'<h3 class="ck-stage">{i + 1}. {esc(_(stage.title))} '
            f'<span class="ck-muted">{minutes}{mark}</span></h3>'
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
    out.append("<h3>" + esc(_("Action plan")) + "</h3>")
    if record.actions:
        headers = (_("Kind"), _("Step"), _("Who"), _("Review"), _("Status"))
        out.append(
            '<table class="ck-actions"><thead><tr>'
            + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
            + "</tr></thead><tbody>"
        )
        for item in record.actions:
            kind, words, owner, when = _action_line(item, s.session_date)
            status = esc(_("done") if item.done else _("open"))
            out.append(
                f"<tr><td>{esc(kind)}</td><td>{esc(words)}</td><td>{esc(owner)}</td><td>{esc(when)}</td>"
                f"<td>{status}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="ck-muted">' + esc(_("No action items.")) + "</p>")
    if record.follow_up:
        when = esc(relative(record.follow_up, s.session_date))
        out.append("<p>" + _("Follow-up: %(when)s.") % {"when": when} + "</p>")
    out.append("</div>")
    return "\n".join(out)


def open_items_html(items: list[OpenActionItem], *, today: dt.date) -> str:
    """Open action items from earlier sessions, as an escaped HTML list (dates relative to today)."""
    if not items:
        return '<p class="ck-muted">' + esc(_("No open action items from earlier sessions.")) + "</p>"
    out = ['<ul class="ck-open-actions">']
    for o in items:
        kind, words, owner, _when = _action_line(o.item, o.session_date)
        agreed = _("agreed {when}").format(when=_from_today(o.session_date, today))
        review = (
            "; " + _("review {when}").format(when=_from_today(o.item.review_date, today))
            if (o.item.review_date)
            else ""
        )
        out.append(
            f"<li><strong>{esc(kind)}</strong> — {esc(words)} ({esc(owner)}; {esc(agreed)}{esc(review)})</li>"
        )
    out.append("</ul>")
    return "\n".join(out)


# ---- Markdown -------------------------------------------------------------------------------------
def record_markdown(record: SessionRecord) -> str:
    """The session record as escaped Markdown."""
    s = record.setup
    title = _("Consultation session on case {case_id} ({year})")
    out = ["## " + title.format(case_id=md_esc(s.case_id), year=s.session_date.year), ""]
    if s.members:
        out += ["### " + _("Who took part"), ""]
        for m in s.members:
            lens = f" — {md_esc(m.lens.label)}" if m.lens is not Lens.NONE else ""
            out.append(f"- {md_esc(m.alias)}: {md_esc(m.role.label.lower())}{lens}")
        out.append("")
    for i, stage in enumerate(record.stages):
        mark = " " + _("(reached)") if i == record.current.index else ""
        minutes = _("({minutes} min)").format(minutes=stage.minutes)
        out += [f"### {i + 1}\\. {md_esc(_(stage.title))} {minutes}{mark}", ""]
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
    out += ["### " + _("Action plan"), ""]
    if record.actions:
        headers = (_("Kind"), _("Step"), _("Who"), _("Review"), _("Status"))
        out += ["| " + " | ".join(headers) + " |", "|---|---|---|---|---|"]
        for item in record.actions:
            kind, words, owner, when = _action_line(item, s.session_date)
            status = _("done") if item.done else _("open")
            out.append(f"| {md_esc(kind)} | {md_esc(words)} | {md_esc(owner)} | {md_esc(when)} | {status} |")
    else:
        out.append("_" + _("No action items.") + "_")
    if record.follow_up:
        line = _("Follow-up: %(when)s.") % {"when": md_esc(relative(record.follow_up, s.session_date))}
        out += ["", line[:-1] + "\\." if line.endswith(".") else line]
    return "\n".join(out) + "\n"


def open_items_markdown(items: list[OpenActionItem], *, today: dt.date) -> str:
    """Open action items from earlier sessions as escaped Markdown (dates relative to today)."""
    if not items:
        return "_" + _("No open action items from earlier sessions.") + "_\n"
    out = []
    for o in items:
        kind, words, owner, _when = _action_line(o.item, o.session_date)
        agreed = _("agreed {when}").format(when=md_esc(_from_today(o.session_date, today)))
        out.append(f"- **{md_esc(kind)}**: {md_esc(words)} ({md_esc(owner)}; {agreed})")
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
    out.append(entry(_("The presenter's question"), case.consultation_question))
    out.append(entry(_("How the client describes themselves"), ident.self_description))
    named = [i.words.text for i in ident.identities if i.words]
    if named:
        out.append("<p><strong>" + esc(_("Identities the client names")) + "</strong>:</p><ul>")
        out += [f"<li>{esc(w)}</li>" for w in named]
        out.append("</ul>")
    out.append(entry(_("The client's explanation of the problem"), ident.explanation_of_problem))
    goals = [g.agreed_wording.text or g.client_words.text for g in case.goals]
    goals = [g for g in goals if g.strip()]
    if goals:
        out.append("<p><strong>" + esc(_("Goals agreed together")) + "</strong>:</p><ol>")
        out += [f"<li>{esc(g)}</li>" for g in goals]
        out.append("</ol>")
    out.append("</div>")
    return "\n".join(line for line in out if line)
