"""The home page's "Consent, supervision and learning" panel for the chosen case.

Three things a presenter and their supervisor keep with a case, without opening the formulation form:

* **Consent to consultation**: whether the client knows the case is brought to supervision, a peer
  group or teaching, when they were asked and how; or why asking is not needed. Exports check it.
* **A supervision meeting**: its date, which of the four recurring topics it took up, notes in the
  supervisee's words and in the supervisor's, the supervisor's own reflection, and the feedback the
  supervisee gave when asked how supervision is going.
* **The learning plan**: items of reading and study, training, or learning from experience, each with
  a date to look at it again; they can be added, given dated updates, and marked done.

Every save reads the newest revision, changes only its own part and saves it as a new revision, so
it never overwrites what someone saved in the formulation form meanwhile. Problems are shown in the
panel's own status line, in plain words (:func:`casekit.widgets.fields.guarded`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import ipywidgets as widgets

from casekit.errors import CaseValidationError
from casekit.i18n import N_, day_words, ngettext
from casekit.i18n import gettext as _
from casekit.model import (
    Case,
    ConsentStatus,
    ConsultationAudience,
    Entry,
    LearningItem,
    LearningKind,
    LearningReview,
    LearningStatus,
    LearningUpdate,
    SupervisionMeeting,
    Voice,
)
from casekit.widgets.fields import LABEL_STYLE, close_all, guarded, stacked, status_html

#: The four recurring topics, in the order a meeting works through them.
TOPICS = ("understanding_context", "countertransference", "systems_and_power", "missteps_and_ruptures")

#: The home page's handout choices, as (label, handout).
HANDOUTS = ((N_("Full summary"), "summary"), (N_("One-page brief"), "brief"))
#: Who a handout is for, as (label, audience); the case's consent must cover it.
AUDIENCES = (
    (N_("A peer consultation group"), "peer_group"),
    (N_("Supervision"), "supervision"),
    (N_("Teaching"), "teaching"),
)

_CONSENT_CHOICES = (
    (N_("Not recorded yet"), ConsentStatus.NOT_RECORDED),
    (N_("Yes: the client knows, and agreed"), ConsentStatus.CLIENT_AGREED),
    (N_("Asking is not needed for this case"), ConsentStatus.NOT_NEEDED),
)
_AUDIENCE_WORDS = {
    ConsultationAudience.SUPERVISION: N_("supervision"),
    ConsultationAudience.PEER_GROUP: N_("a peer consultation group"),
    ConsultationAudience.TEACHING: N_("teaching and training"),
}


def _area(description: str, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(
        description=description,
        placeholder=placeholder,
        rows=3,
        style=LABEL_STYLE,
        layout=stacked("100%"),
    )


def _date(description: str, value: dt.date | None = None) -> widgets.DatePicker:
    return widgets.DatePicker(description=description, value=value, style=LABEL_STYLE)


def _section(title: str, *children: widgets.Widget) -> widgets.VBox:
    box = widgets.VBox([widgets.HTML(f"<h3>{html.escape(title)}</h3>"), *children])
    box.add_class("ck-section")
    return box


class SupervisionPanel(widgets.VBox):
    """Consent, supervision meetings and the learning plan of one case.

    Parameters
    ----------
    open_store
        Opens the workspace's store (a context manager), as the home page does.
    case_id
        The case shown.
    author
        Whose alias each save is recorded under (the case's presenting clinician by default).
    today
        Gives today's date (the default date of a meeting and an update); for tests.
    """

    def __init__(
        self,
        open_store: Callable[[], AbstractContextManager[Any]],
        case_id: str,
        *,
        author: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__()
        self.add_class("ck-supervision")
        self._open_store, self.case_id, self._today = open_store, case_id, today
        self.errors: list[BaseException] = []
        self.status = widgets.HTML()
        with open_store() as store:
            self.case: Case = store.load(case_id).case
        self.author = author or self.case.meta.clinician_alias
        self.children = [
            self.status,
            self._consent_section(),
            self._ask_section(),
            self._meeting_section(),
            self._learning_section(),
        ]
        self._show_case()

    # ---- plumbing ------------------------------------------------------------------------------------
    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback: any problem is shown in the panel's status line, never a traceback."""
        return guarded(callback, self.errors, lambda message: self.say(message, "problem"))

    def say(self, text: str, kind: str = "ok") -> None:
        """Show ``text`` in the panel's status line (``ok`` or ``problem``)."""
        self.status.value = status_html(text, kind)

    def _save(self, change: Callable[[Case], None], done: str) -> Case:
        """Apply ``change`` to the newest revision and save it as the next one."""
        with self._open_store() as store:
            record = store.load(self.case_id)
            case = record.case
            change(case)
            store.save(case, based_on=record.revision, author=self.author)
        self.case = case
        self._show_case()
        self.say(done, "ok")
        return case

    # ---- consent -------------------------------------------------------------------------------------
    def _consent_section(self) -> widgets.VBox:
        self.consent_status = widgets.RadioButtons(
            options=[(_(label), status) for label, status in _CONSENT_CHOICES],
            description=_("Does the client know this case is brought to consultation?"),
            style=LABEL_STYLE,
            layout=stacked("100%"),
        )
        self.consent_scope = {
            audience: widgets.Checkbox(
                description=_("Agreed to %(where)s") % {"where": _(words)}, indent=False
            )
            for audience, words in _AUDIENCE_WORDS.items()
        }
        self.consent_date = _date(_("When you asked"))
        self.consent_how = _area(_("How you asked, and what the client said"))
        self.consent_reason = _area(
            _("Why asking is not needed"),
            _("e.g. the service's intake agreement, which the client signed, says…"),
        )
        self.consent_summary = widgets.HTML()
        self.consent_button = widgets.Button(
            description=_("Save consent"), button_style="primary", layout={"width": "auto"}
        )
        self.agreed_box = widgets.VBox(
            [widgets.HBox(list(self.consent_scope.values())), self.consent_date, self.consent_how]
        )
        self.consent_status.observe(self.guard(lambda _: self._show_consent_branch()), "value")
        self.consent_button.on_click(self.guard(lambda _: self.save_consent()))
        return _section(
            _("Consent to consultation"),
            _muted(
                _(
                    "Group handouts are written only once this says the client knows (or why asking is "
                    "not needed). Supervision-only agreement allows supervision exports only."
                )
            ),
            self.consent_summary,
            self.consent_status,
            self.agreed_box,
            self.consent_reason,
            self.consent_button,
        )

    def _show_consent_branch(self) -> None:
        status = self.consent_status.value
        self.agreed_box.layout.display = None if status == ConsentStatus.CLIENT_AGREED else "none"
        self.consent_reason.layout.display = None if status == ConsentStatus.NOT_NEEDED else "none"

    def save_consent(self) -> Case | None:
        """Save the consent record as the form shows it, once it says enough to be useful."""
        status = self.consent_status.value
        scope = [a for a, box in self.consent_scope.items() if box.value]
        if status == ConsentStatus.CLIENT_AGREED and not scope:
            raise CaseValidationError(_("Tick where the client agreed the case may go, then save again."))
        if status == ConsentStatus.CLIENT_AGREED and self.consent_date.value is None:
            raise CaseValidationError(_("Add the date you asked the client, then save again."))
        if status == ConsentStatus.NOT_NEEDED and not self.consent_reason.value.strip():
            raise CaseValidationError(_("Write why asking is not needed for this case, then save again."))
        agreed = status == ConsentStatus.CLIENT_AGREED

        def change(case: Case) -> None:
            consent = case.consultation_consent
            consent.status = status
            consent.scope = scope if agreed else []
            consent.date = self.consent_date.value if agreed else None
            consent.how_asked = Entry(text=self.consent_how.value if agreed else "", voice=Voice.CLINICIAN)
            reason = self.consent_reason.value if status == ConsentStatus.NOT_NEEDED else ""
            consent.not_needed_because = Entry(text=reason, voice=Voice.CLINICIAN)

        return self._save(change, _("Consent to consultation is saved."))

    def consent_words(self) -> str:
        """The saved consent record in one plain sentence."""
        consent = self.case.consultation_consent
        if consent.status == ConsentStatus.NOT_NEEDED:
            return _("Saved: asking the client is not needed for this case.")
        if consent.status == ConsentStatus.CLIENT_AGREED:
            where = ", ".join(_(_AUDIENCE_WORDS[a]) for a in consent.scope) or _("nowhere yet")
            if consent.date:
                day = day_words(consent.date, padded=True)
                return _("Saved: the client agreed on %(day)s to %(where)s.") % {"day": day, "where": where}
            return _("Saved: the client agreed to %(where)s.") % {"where": where}
        return _("Not recorded yet: group handouts wait until it is.")

    # ---- what the presenter wants from the group -----------------------------------------------------
    def _ask_section(self) -> widgets.VBox:
        self.ask = _area(
            _("What would you like from the group?"),
            _("e.g. two or three questions to take back to the client; reactions to a plan"),
        )
        self.ask_button = widgets.Button(description=_("Save for the brief"), layout={"width": "auto"})
        self.ask_button.on_click(self.guard(lambda _: self.save_ask()))
        return _section(
            _("For the one-page brief"),
            _muted(_("The brief puts this last, after your consultation question.")),
            self.ask,
            self.ask_button,
        )

    def save_ask(self) -> Case | None:
        """Save what the presenter would like from the group."""
        text = self.ask.value

        def change(case: Case) -> None:
            case.wanted_from_group = Entry(text=text, voice=Voice.CLINICIAN)

        return self._save(change, _("Saved: the brief will say what you would like from the group."))

    # ---- a supervision meeting -----------------------------------------------------------------------
    def _meeting_section(self) -> widgets.VBox:
        from casekit.model import SupervisionTopic

        self.meeting_date = _date(_("Date of the meeting"), self._today())
        self.meeting_topics = {
            SupervisionTopic(t): widgets.Checkbox(description=SupervisionTopic(t).label, indent=False)
            for t in TOPICS
        }
        self.supervisee_notes = _area(_("The supervisee's notes, in their own words"))
        self.supervisor_notes = _area(_("The supervisor's notes"))
        self.supervisor_reflection = _area(
            _("The supervisor's own reflection"), _("What this meeting stirred in you, as the supervisor")
        )
        self.supervisee_feedback = _area(
            _("The supervisee's feedback on supervision"),
            _("Ask: how is supervision going for you? What would help more, or less?"),
        )
        self.meeting_button = widgets.Button(
            description=_("Save this meeting"), button_style="primary", layout={"width": "auto"}
        )
        self.meetings_list = widgets.HTML()
        self.meeting_button.on_click(self.guard(lambda _: self.save_meeting()))
        return _section(
            _("Write up a supervision meeting"),
            self.meetings_list,
            self.meeting_date,
            widgets.HTML("<p>" + html.escape(_("Which topics did you take up?")) + "</p>"),
            widgets.VBox(list(self.meeting_topics.values())),
            self.supervisee_notes,
            self.supervisor_notes,
            self.supervisor_reflection,
            self.supervisee_feedback,
            self.meeting_button,
        )

    def save_meeting(self) -> Case | None:
        """Add the meeting written in the form, then clear the form for the next one."""
        boxes = (self.supervisee_notes, self.supervisor_notes, self.supervisor_reflection)
        if not any(box.value.strip() for box in (*boxes, self.supervisee_feedback)):
            raise CaseValidationError(_("Write at least one note about the meeting, then save again."))
        meeting = SupervisionMeeting(
            date=self.meeting_date.value,
            topics=[topic for topic, box in self.meeting_topics.items() if box.value],
            supervisee_notes=Entry(text=self.supervisee_notes.value, voice=Voice.CLINICIAN),
            supervisor_notes=Entry(text=self.supervisor_notes.value, voice=Voice.CONSULTANT),
            supervisor_reflection=Entry(text=self.supervisor_reflection.value, voice=Voice.CONSULTANT),
            supervisee_feedback=Entry(text=self.supervisee_feedback.value, voice=Voice.CLINICIAN),
        )
        case = self._save(
            lambda c: c.supervision_meetings.append(meeting), _("The meeting is saved with the case.")
        )
        for box in (*boxes, self.supervisee_feedback):
            box.value = ""
        for check in self.meeting_topics.values():
            check.value = False
        return case

    # ---- the learning plan ---------------------------------------------------------------------------
    def _learning_section(self) -> widgets.VBox:
        self.learning_list = widgets.HTML()
        self.new_kind = widgets.Dropdown(
            description=_("Kind of learning"),
            options=[(k.label, k) for k in LearningKind],
            style=LABEL_STYLE,
        )
        self.new_what = _area(_("What you will learn, and how"))
        self.new_review = _date(_("Look at it again on"))
        self.add_button = widgets.Button(description=_("Add to the learning plan"), layout={"width": "auto"})
        self.item_choice = widgets.Dropdown(description=_("Item"), options=[], style=LABEL_STYLE)
        self.update_date = _date(_("Date"), self._today())
        self.update_text = _area(_("How it is going"))
        self.update_button = widgets.Button(description=_("Add this update"), layout={"width": "auto"})
        self.close_button = widgets.Button(description=_("Mark as done"), layout={"width": "auto"})
        self.add_button.on_click(self.guard(lambda _: self.add_learning()))
        self.update_button.on_click(self.guard(lambda _: self.add_update()))
        self.close_button.on_click(self.guard(lambda _: self.close_learning()))
        return _section(
            _("Learning plan"),
            self.learning_list,
            widgets.HTML("<h4>" + html.escape(_("Add an item")) + "</h4>"),
            self.new_kind,
            self.new_what,
            self.new_review,
            self.add_button,
            widgets.HTML("<h4>" + html.escape(_("Update an item")) + "</h4>"),
            self.item_choice,
            self.update_date,
            self.update_text,
            widgets.HBox([self.update_button, self.close_button], layout=widgets.Layout(grid_gap="12px")),
        )

    def add_learning(self) -> Case | None:
        """Add a new learning-plan item, agreed today."""
        if not self.new_what.value.strip():
            raise CaseValidationError(_("Write what you will learn, then add it again."))
        item = LearningItem(
            date=self._today(),
            kind=self.new_kind.value,
            what=Entry(text=self.new_what.value, voice=Voice.CLINICIAN),
            review=LearningReview(date=self.new_review.value),
        )
        case = self._save(lambda c: c.learning_plan.append(item), _("The item is on the learning plan."))
        self.new_what.value = ""
        self.new_review.value = None
        return case

    def _chosen_item(self, case: Case) -> LearningItem:
        chosen = next((i for i in case.learning_plan if i.id == self.item_choice.value), None)
        if chosen is None:
            raise CaseValidationError(_("Choose an item of the learning plan first."))
        return chosen

    def add_update(self) -> Case | None:
        """Add a dated update to the chosen item."""
        if self.item_choice.value is None:
            raise CaseValidationError(_("Choose an item of the learning plan first."))
        if not self.update_text.value.strip():
            raise CaseValidationError(_("Write how it is going, then add the update again."))
        update = LearningUpdate(
            date=self.update_date.value or self._today(),
            note=Entry(text=self.update_text.value, voice=Voice.CLINICIAN),
        )
        case = self._save(lambda c: self._chosen_item(c).updates.append(update), _("The update is saved."))
        self.update_text.value = ""
        return case

    def close_learning(self) -> Case | None:
        """Mark the chosen item as done (with the update written beside it, if any)."""
        if self.item_choice.value is None:
            raise CaseValidationError(_("Choose an item of the learning plan first."))
        note = self.update_text.value

        def change(case: Case) -> None:
            item = self._chosen_item(case)
            if note.strip():
                day = self.update_date.value or self._today()
                item.updates.append(LearningUpdate(date=day, note=Entry(text=note, voice=Voice.CLINICIAN)))
            item.status = LearningStatus.CLOSED

        case = self._save(change, _("The item is marked as done."))
        self.update_text.value = ""
        return case

    # ---- showing the saved case ----------------------------------------------------------------------
    def _show_case(self) -> None:
        """Show what is saved: the consent record, earlier meetings and the learning plan."""
        consent = self.case.consultation_consent
        self.consent_summary.value = f"<p><strong>{html.escape(self.consent_words())}</strong></p>"
        self.consent_status.value = consent.status
        for audience, box in self.consent_scope.items():
            box.value = audience in consent.scope
        self.consent_date.value = consent.date
        self.consent_how.value = consent.how_asked.text
        self.consent_reason.value = consent.not_needed_because.text
        self._show_consent_branch()
        self.ask.value = self.case.wanted_from_group.text
        meetings = sorted(
            (m for m in self.case.supervision_meetings if m.date), key=lambda m: m.date or dt.date.min
        )
        count = len(self.case.supervision_meetings)
        words = ngettext("%(num)d meeting written up so far", "%(num)d meetings written up so far", count) % {
            "num": count
        }
        if meetings and meetings[-1].date:
            latest = day_words(meetings[-1].date, padded=True)
            words += _("; the latest on %(day)s") % {"day": latest}
        self.meetings_list.value = f"<p class='ck-muted'>{html.escape(words)}.</p>"
        self.learning_list.value = _learning_html(self.case.learning_plan)
        self.item_choice.options = [(_item_label(i), i.id) for i in self.case.learning_plan]


def _item_label(item: LearningItem) -> str:
    text = " ".join(item.what.text.split())
    short = text if len(text) <= 50 else text[:49] + "…"
    done = " " + _("(done)") if item.status == LearningStatus.CLOSED else ""
    return f"{item.kind.label}: {short}{done}"


def _learning_html(items: list[LearningItem]) -> str:
    if not items:
        return "<p class='ck-muted'>" + html.escape(_("Nothing on the learning plan yet.")) + "</p>"
    rows = []
    for item in items:
        review = day_words(item.review.date, padded=True) if item.review.date else _("not set")
        latest = item.ordered_updates()[-1] if item.updates else None
        update = f"{day_words(latest.date, padded=True)}: {latest.note.text}" if latest else _("none yet")
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (item.kind.label, item.what.text, review, item.status.label, update)
            )
            + "</tr>"
        )
    heads = (_("Kind"), _("What"), _("Look at again"), _("Status"), _("Latest update"))
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in heads)
    caption = html.escape(_("Your learning plan"))
    return f"<table><caption>{caption}</caption><tr>{head}</tr>{''.join(rows)}</table>"


def _muted(text: str) -> widgets.HTML:
    """A quiet note under a heading."""
    return widgets.HTML(f"<p class='ck-muted'>{html.escape(text)}</p>")


class SupervisionSlot(widgets.VBox):
    """Where the home page shows the panel: a button that opens it for the chosen case.

    Parameters
    ----------
    open_store
        Opens the workspace's store, as the home page does.
    guard
        The home page's callback wrapper (problems go to its status line).
    """

    def __init__(
        self,
        open_store: Callable[[], AbstractContextManager[Any]],
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
    ) -> None:
        super().__init__()
        self._open_store = open_store
        self.case_id: str | None = None
        self.panel: SupervisionPanel | None = None
        self.open_button = widgets.Button(
            description=_("Consent, supervision and learning"),
            tooltip=_("Record consent to consultation, write up a supervision meeting, keep a learning plan"),
            layout={"width": "auto"},
        )
        self.open_button.on_click(guard(lambda _: self.toggle()))
        self.children = [self.open_button]

    def show_case(self, case_id: str | None) -> None:
        """Follow the home page's chosen case: close the panel of another case."""
        if case_id != self.case_id:
            self._close_panel()
        self.case_id = case_id

    def _close_panel(self) -> None:
        if self.panel is not None:
            close_all(self.panel)
            self.panel = None
        self.children = [self.open_button]

    def toggle(self) -> SupervisionPanel | None:
        """Open the panel for the chosen case (or close it, when it is open)."""
        if self.case_id is None or self.panel is not None:
            self._close_panel()
            return None
        self.panel = SupervisionPanel(self._open_store, self.case_id)
        self.children = [self.open_button, self.panel]
        return self.panel
