"""The one-page brief of a case, and the latest feedback it shares with the full summary.

The brief is what a peer group reads in the first two minutes: the consultation question, who the
client is in their own words, the power in the work, the goals, how the client said the latest session
felt, and what the presenter wants from the group. Long entries are cut at a word so the brief fits on
one printed page; the full summary holds every word.
"""

from __future__ import annotations

from casekit.i18n import gettext as _
from casekit.model import Case, Entry, FeedbackEntry, PowerLevel, Salience
from casekit.render.doc import Bullets, Document, Inline, Para, Said
from casekit.render.formulation_sections import NOTHING_YET, clip
from casekit.render.relative_dates import Timeline
from casekit.render.rendering import Rendering

#: Longest entry the brief shows (characters); longer ones end at a word with "…".
BRIEF_TEXT = 260
#: How many identities, power dynamics and goals the brief lists at most.
BRIEF_ITEMS = 3


def shorten(entry: Entry, width: int = BRIEF_TEXT) -> Entry:
    """``entry`` cut at a word to at most ``width`` characters (with "…"), in the same voice."""
    text = " ".join(entry.text.split())
    if len(text) > width:
        cut = text[: width - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:.") + "…"
    return Entry(text=text, voice=entry.voice)


def latest_feedback(case: Case) -> FeedbackEntry | None:
    """The client's most recent feedback entry, or ``None`` when there is none."""
    return max(case.feedback, key=lambda f: f.date, default=None)


def latest_feedback_document(case: Case, level: int = 3, *, width: int | None = None) -> Document:
    """How the client said the most recent session felt, with its week."""
    doc = Document("latest-feedback", _("The client's latest feedback"), level=level)
    latest = latest_feedback(case)
    if latest is None:
        return doc.add(Para.of(_("No feedback from the client recorded yet.")))
    ratings = [
        _("felt understood {score} out of 5").format(score=latest.felt_understood)
        if latest.felt_understood is not None
        else "",
        _("felt respected {score} out of 5").format(score=latest.felt_respected)
        if latest.felt_respected is not None
        else "",
    ]
    said = "; ".join(r for r in ratings if r) or _("no ratings given")
    doc.add(Para.of(f"{Timeline.of(case).label(latest.date).capitalize()}: {said}."))
    if latest.comments:
        doc.add(Para.of(Said(shorten(latest.comments, width) if width else latest.comments)))
    return doc


def render_latest_feedback(case: Case, level: int = 3) -> Rendering:
    """Render the client's most recent feedback (for the summary and the brief)."""
    return Rendering.from_document(latest_feedback_document(case, level))


def _identity(case: Case, level: int) -> Document:
    doc = Document("brief-identity", _("Who the client is, in their words"), level=level)
    if case.identity.self_description:
        doc.add(Para.of(Said(shorten(case.identity.self_description))))
    named = sorted(
        (i for i in case.identity.identities if i.words),
        key=lambda i: list(Salience).index(i.salience),
    )[:BRIEF_ITEMS]
    if named:
        doc.add(Bullets(tuple((Said(shorten(i.words, 120)),) for i in named)))
    return doc


def _power(case: Case, level: int) -> Document:
    doc = Document("brief-power", _("Power in the work"), level=level)
    items = [p for p in case.power if p.description or p.kind][:BRIEF_ITEMS]
    rows: list[tuple[Inline, ...]] = []
    for p in items:
        where = _("in the room") if p.level == PowerLevel.IN_ROOM else _("in the systems around the client")
        label = f"{clip(p.kind, 40)} ({where}): " if p.kind else f"{where.capitalize()}: "
        rows.append((label, Said(shorten(p.description, 160))) if p.description else (label.rstrip(": "),))
    if rows:
        doc.add(Bullets(tuple(rows)))
    return doc


def _goals(case: Case, level: int) -> Document:
    doc = Document("brief-goals", _("Goals, as agreed with the client"), level=level)
    rows: list[tuple[Inline, ...]] = []
    for goal in [g for g in case.goals if g.agreed_wording or g.client_words][:BRIEF_ITEMS]:
        wording = goal.agreed_wording if goal.agreed_wording else goal.client_words
        ratings = goal.ordered_ratings()
        latest = (
            " " + _("(latest rating by the client: {score} out of 10)").format(score=ratings[-1].score)
            if ratings
            else ""
        )
        rows.append((Said(shorten(wording, 140)), latest))
    if rows:
        doc.add(Bullets(tuple(rows)))
    return doc


def _text_section(name: str, title: str, entry: Entry, empty: str, level: int) -> Document:
    doc = Document(name, title, level=level)
    return doc.add(Para.of(Said(shorten(entry)) if entry else empty))


def brief_document(case: Case, level: int = 2) -> list[Document]:
    """The sections of the one-page brief, in reading order."""
    parts = [
        _text_section(
            "brief-question",
            _("The consultation question"),
            case.consultation_question,
            _("No consultation question stated yet."),
            level,
        ),
        _identity(case, level),
        _power(case, level),
        _goals(case, level),
        latest_feedback_document(case, level, width=160),
        _text_section(
            "brief-ask",
            _("What the presenter would like from the group"),
            case.wanted_from_group,
            _("The presenter has not said yet; ask them at the start."),
            level,
        ),
    ]
    for doc in parts:
        if not doc.blocks:
            doc.add(Para.of(_(NOTHING_YET)))
    return parts


def brief_renderings(case: Case, level: int = 2) -> list[Rendering]:
    """The one-page brief of ``case``, one rendering per section."""
    return [Rendering.from_document(doc) for doc in brief_document(case, level)]
