"""The self-assessment form: fill in or update one systems-of-care audit without writing any code.

How it works
------------
* The form edits one :class:`~casekit.audit.assessment.SelfAssessment` (one audit date) held in a
  workspace's case store. A **new** audit starts as a copy of the newest stored audit before
  its date (ratings, notes, actions and owners), so a lead updates rather than re-types; standard
  items added to casekit since then are added, not yet rated. An **existing** audit can be opened by
  its date.
* Items are grouped by CLAS theme, one accordion panel per theme. A panel's inputs are built only
  when it is opened, so a headless run (papermill) creates a handful of widgets, not hundreds.
* Every edit is validated through the model at once; a refused value is shown under its item and
  the status line says what is not saved. Notes, actions and owners are also checked, lightly, for
  what looks like a person's name or contact details (:mod:`casekit.audit.personal`): a warning, not
  a refusal.
* Nothing is written until **Save audit**. Saving goes through
  :func:`casekit.audit.history.save_assessment` (a new revision in the store, based on the revision
  the form opened), and is refused while an item has an invalid value, or when someone else saved the
  same date since the form opened it. The status line says *saved* or *not saved* and why; after a save the
  form shows how the audit compares with the one before it.

Callbacks never raise into the void: errors are shown in the status line, without their details.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from casekit.audit import audit_guidance as g
from casekit.audit.assessment import (
    STANDARD_ITEMS,
    AssessmentItem,
    Rating,
    SelfAssessment,
    Theme,
    blank_assessment,
)
from casekit.audit.history import (
    AssessmentComparison,
    StoredAudit,
    compare_assessments,
    previous_stored_assessment,
    save_assessment,
    stored_assessment,
    stored_dates,
)
from casekit.audit.personal import PersonalDetailCheck
from casekit.errors import AuditConflictError, CasekitError
from casekit.i18n import gettext as _
from casekit.i18n import ngettext
from casekit.widgets.fields import LABEL_STYLE, close_all, form_header, guarded, stacked
from casekit.widgets.style import FORM_CSS

#: Status line words.
SAVED, NOT_SAVED = "saved", "not saved"

_AUDIT_CSS = """<style>
.ck-audit .ck-item-prompt { margin: 2px 0 4px 0; }
.ck-audit .ck-item-area { font-weight: 600; }
.ck-audit .ck-warning { color: #7a4a00; font-weight: 600; }
.ck-audit .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 8em; }
.ck-audit .ck-compare-summary { margin: 4px 0 8px 0; }
</style>"""

_OWNER_MESSAGE = (
    "write the owner as a role of up to 40 letters, digits, spaces, dots, hyphens or underscores, "
    "such as 'Intake coordinator'"
)


def _validation_message(exc: ValidationError) -> str:
    # pydantic's message only, never the rejected input.
    err = exc.errors(include_url=False, include_input=False)[0]
    return str(err.get("msg", "not valid")).removeprefix("Value error, ")


def start_from(previous: SelfAssessment | None, date: dt.date) -> SelfAssessment:
    """A new assessment dated ``date``: a copy of ``previous`` (if any), plus any new standard items.

    Parameters
    ----------
    previous
        The audit to start from, or None for a blank one.
    date
        The new audit's date.
    """
    if previous is None:
        return blank_assessment(date)
    items = [item.model_copy(deep=True) for item in previous.items]
    have = {item.id for item in items}
    items += [
        AssessmentItem(id=i, theme=t, area=a, prompt=p) for i, t, a, p in STANDARD_ITEMS if i not in have
    ]
    return SelfAssessment(date=date, items=items)


def comparison_summary(comparison: AssessmentComparison) -> str:
    """One sentence on how an audit compares with the one before it."""
    if comparison.previous_date is None:
        return _("This is the first audit stored here, so there is nothing to compare with yet.")
    improved, slipped = len(comparison.improved), len(comparison.slipped)
    actions = len(comparison.new_actions)
    items = ngettext("%(num)d item improved", "%(num)d items improved", improved) % {"num": improved}
    changed = ngettext("%(num)d action is new or changed", "%(num)d actions are new or changed", actions)
    # TRANSLATORS: e.g. "Compared with the audit of 2026-03-02: 2 items improved, 1 slipped, and ..."
    return _("Compared with the audit of %(date)s: %(items)s, %(slipped)d slipped, and %(actions)s.") % {
        "date": comparison.previous_date,
        "items": items,
        "slipped": slipped,
        "actions": changed % {"num": actions},
    }


class ItemEditor(widgets.VBox):
    """The inputs for one item: rating, notes, next step, owner (a role) and a review date."""

    def __init__(self, form: AssessmentForm, item: AssessmentItem, before: AssessmentItem | None) -> None:
        super().__init__()
        self.form, self.item = form, item
        self.add_class("ck-item")
        where = f"'{item.prompt[:40]}…'" if len(item.prompt) > 40 else f"'{item.prompt}'"
        self.where = where
        last = (
            "<div class='ck-muted'>"
            + html.escape(_("Last audit: %(rating)s") % {"rating": before.rating.label.lower()})
            + "</div>"
            if before is not None
            else ""
        )
        self.prompt = widgets.HTML(
            f"<div class='ck-item-prompt'><span class='ck-item-area'>{html.escape(item.area.label)}</span>"
            f" — {html.escape(item.prompt)}</div>{last}"
        )
        self.rating = widgets.ToggleButtons(
            options=[(r.label, r.value) for r in Rating],
            value=item.rating.value,
            description=_("Rating"),
            tooltips=[_(g.RATING_HELP[r]) for r in Rating],
            style={**LABEL_STYLE, "button_width": "auto"},
        )
        self.notes = widgets.Textarea(
            value=item.notes,
            description=_("Notes: what you saw"),
            placeholder=_(g.NOTES_HELP),
            rows=2,
            continuous_update=False,
            style=LABEL_STYLE,
            layout=stacked(),
        )
        self.action = widgets.Textarea(
            value=item.action,
            description=_("Next step"),
            placeholder=_("One concrete step, small enough to start this quarter"),
            rows=2,
            continuous_update=False,
            style=LABEL_STYLE,
            layout=stacked(),
        )
        self.owner = widgets.Text(
            value=item.owner or "",
            description=_("Owner (a role, not a name)"),
            placeholder=_("e.g. Intake coordinator"),
            tooltip=_(g.OWNER_HELP),
            continuous_update=False,
            style=LABEL_STYLE,
            layout=stacked("22em"),
        )
        self.review_by = widgets.DatePicker(
            value=item.review_by, description=_("Review by"), style=LABEL_STYLE, layout=stacked("14em")
        )
        self.message = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.rating.observe(form.guard(self._on_rating), "value")
        self.notes.observe(form.guard(self._on_text), "value")
        self.action.observe(form.guard(self._on_text), "value")
        self.owner.observe(form.guard(self._on_owner), "value")
        self.review_by.observe(form.guard(self._on_review), "value")
        self.children = [
            self.prompt,
            self.rating,
            widgets.HBox([self.notes, self.action], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.owner, self.review_by], layout=widgets.Layout(flex_flow="row wrap")),
            self.message,
        ]
        self.show_messages()

    # ---- edits --------------------------------------------------------------------------------------
    def _on_rating(self, change: dict) -> None:
        self.form.apply(self.item, "rating", Rating(change["new"]), f"{self.where} › rating")
        self.show_messages()

    def _on_text(self, change: dict) -> None:
        attr = "notes" if change["owner"] is self.notes else "action"
        label = "Notes" if attr == "notes" else "Next step"
        self.form.apply(self.item, attr, change["new"], f"{self.where} › {label.lower()}")
        self.form.check_personal(change["new"], f"{self.where} › {label.lower()}", label)
        self.show_messages()

    def _on_owner(self, change: dict) -> None:
        value = change["new"].strip() or None
        where = f"{self.where} › owner"
        self.form.apply(self.item, "owner", value, where, message=_OWNER_MESSAGE)
        self.form.check_personal(change["new"], where, "Owner")
        self.show_messages()

    def _on_review(self, change: dict) -> None:
        self.form.apply(self.item, "review_by", change["new"], f"{self.where} › review by")
        self.show_messages()

    def show_messages(self) -> None:
        """Show this item's errors (red) and warnings (amber) under it, or hide the line."""
        errors = [m for w, m in self.form.invalid.items() if w.startswith(self.where + " › ")]
        warnings = [m for w, m in self.form.warnings.items() if w.startswith(self.where + " › ")]
        parts = [f"<div class='ck-error' role='alert'>{html.escape(m)}</div>" for m in errors]
        parts += [f"<div class='ck-warning' role='note'>{html.escape(m)}</div>" for m in warnings]
        self.message.value = "".join(parts)
        self.message.layout.display = None if parts else "none"


class AssessmentForm(widgets.VBox):
    """An editable self-assessment for one audit date, saved to a workspace's case store.

    Parameters
    ----------
    workspace
        The workspace folder (or its ``audits/`` folder, or a Workspace).
    date
        The audit to open or start; default today. A stored date is opened; any other date starts a
        new audit from the newest stored audit before it.
    use_ner
        Use the name recogniser in the personal-detail check (patterns are always used).
    today
        Returns today's date (a fixed day in tests). Audits may not be dated after it.
    """

    def __init__(
        self,
        workspace: str | Path,
        *,
        date: dt.date | None = None,
        use_ner: bool = True,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        # Over 80 lines on purpose: it builds the form's widgets top to bottom in the order they are
        # shown, so the layout reads in one place (each widget is a few plain lines).
        super().__init__()
        self.add_class("ck-form")
        self.add_class("ck-audit")
        self.workspace = workspace
        self.today = today
        self.checker = PersonalDetailCheck(use_ner=use_ner)
        #: Exceptions caught in callbacks (for debugging in the kernel; never displayed).
        self.errors: list[BaseException] = []
        self.invalid: dict[str, str] = {}
        self.warnings: dict[str, str] = {}
        self.assessment: SelfAssessment = blank_assessment(today())
        self.previous: SelfAssessment | None = None
        self.dirty = False
        #: The stored revision the form's audit started from (0: not stored yet).
        self._base = 0
        self._editors: dict[Theme, list[ItemEditor]] = {}
        self._status, self._detail = NOT_SAVED, ""
        self._leave_warned = False
        self._edited = False

        self.title = widgets.HTML()
        self.origin = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("ck-status")
        self.save_button = widgets.Button(
            description=_("Save audit"),
            button_style="primary",
            tooltip=_("Write this audit to the audits folder"),
        )
        self.save_button.on_click(self.guard(lambda _: self.save()))
        self.stored_dates = widgets.Dropdown(
            options=[], description=_("Stored audits"), style=LABEL_STYLE, layout=widgets.Layout(width="auto")
        )
        self.open_button = widgets.Button(description=_("Open this audit"), layout={"width": "auto"})
        self.open_button.on_click(self.guard(lambda _: self._open_chosen()))
        self.new_date = widgets.DatePicker(
            value=today(),
            description=_("New audit dated"),
            style=LABEL_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        self.new_button = widgets.Button(
            description=_("Start new audit"),
            tooltip=_("Starts from a copy of the newest earlier audit, so you only update what changed"),
            layout={"width": "auto"},
        )
        self.new_button.on_click(self.guard(lambda _: self._start_chosen()))
        self.summary = widgets.HTML()
        self.summary.add_class("ck-compare-summary")
        roles = html.escape(_("Owners are roles."))
        intro = widgets.HTML(
            f"<div class='ck-guidance'><p>{html.escape(_(g.FORM_INTRO))}</p>"
            f"<p><strong>{roles}</strong> {html.escape(_(g.OWNER_HELP))}</p></div>"
        )
        # One fixed container per theme; a panel's inputs are built when it is first opened. The
        # themes are chosen with buttons (real <button>s, reachable by keyboard: the headers of
        # ipywidgets' Accordion are not), and the chosen theme's container is shown below them.
        self._slots = {theme: widgets.VBox() for theme in Theme}
        self.themes = widgets.ToggleButtons(
            options=[(t.label, t) for t in Theme],
            index=None,
            description=_("Theme"),
            tooltips=[_("Open the items under %(theme)s") % {"theme": t.label} for t in Theme],
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.themes.add_class("ck-themes")
        self.theme_panel = widgets.VBox()
        self.themes.observe(self.guard(self._on_panel), "index")
        header = form_header(self.title, self.status, self.save_button)
        chooser = widgets.HBox(
            [self.stored_dates, self.open_button, self.new_date, self.new_button],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="8px"),
        )
        self.children = [
            widgets.HTML(FORM_CSS + _AUDIT_CSS, layout=widgets.Layout(display="none")),
            header,
            self.origin,
            chooser,
            intro,
            self.summary,
            self.themes,
            self.theme_panel,
        ]
        day = date or today()
        if day > today():
            self.load(today())
            self._set_status(NOT_SAVED, f"{day} is after today, so today's audit is open instead")
        else:
            self.load(day)

    # ---- display -------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<casekit self-assessment form: audit of {self.assessment.date}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The live form, with a one-line text fallback (the workbook shows the static table itself)."""
        data = super()._repr_mimebundle_(**kwargs)
        if data is None:
            return None
        data["text/plain"] = (
            "(interactive self-assessment form: the static table above shows the stored audit)"
        )
        return data

    # ---- callbacks -----------------------------------------------------------------------------------
    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: any exception is shown in the status line, never lost or raised."""
        return guarded(callback, self.errors, lambda message: self._set_status(NOT_SAVED, message))

    def apply(self, item: AssessmentItem, attr: str, value: Any, where: str, *, message: str = "") -> bool:
        """Validate and set ``item.attr``; record an inline error if refused. Returns whether it took."""
        self._edited = True
        try:
            setattr(item, attr, value)
        except ValidationError as exc:
            self.invalid[where] = message or _validation_message(exc)
            self._set_status(NOT_SAVED, "an item needs attention")
            return False
        self.invalid.pop(where, None)
        self.dirty = True
        self._set_status(NOT_SAVED, "changes not saved yet")
        return True

    def check_personal(self, text: str, where: str, field: str) -> None:
        """Warn (inline, without blocking) when ``text`` looks like it holds a name or contact detail."""
        warning = self.checker.warning(text, field)
        if warning:
            self.warnings[where] = warning
        else:
            self.warnings.pop(where, None)

    # ---- loading -------------------------------------------------------------------------------------
    def load(self, date: dt.date) -> bool:
        """Open the audit stored for ``date``, or start a new one from the newest earlier audit.

        Returns whether an audit was loaded (a new audit may not be dated after today).
        """
        stored = stored_assessment(self.workspace, date)
        if stored is not None:
            self._open(stored)
            return True
        if date > self.today():
            self._set_status(NOT_SAVED, f"{date} is after today; date an audit on the day it is done")
            return False
        before = previous_stored_assessment(self.workspace, date)
        previous = before.assessment if before else None
        self._replace(start_from(previous, date), previous, base=0)
        self.dirty = True
        started = f"a copy of the audit of {previous.date}" if previous else "a blank audit"
        self.origin.value = (
            f"<p class='ck-muted'>New audit, started from {started}. Update what has changed, then save.</p>"
        )
        self._set_status(NOT_SAVED, "a new audit is saved only when you press Save audit")
        return True

    def _open(self, stored: StoredAudit) -> None:
        current = stored.assessment
        before = previous_stored_assessment(self.workspace, current.date)
        previous = before.assessment if before else None
        self._replace(current, previous, base=stored.revision)
        self.dirty = False
        self.origin.value = "<p class='ck-muted'>Opened the stored audit of this date.</p>"
        self._set_status(SAVED, f"as stored (version {stored.revision})")

    def _open_chosen(self) -> None:
        if self.stored_dates.value and self._may_leave():
            self.load(dt.date.fromisoformat(self.stored_dates.value))

    def _may_leave(self) -> bool:
        """Whether to open another audit now: unsaved edits need a second press (or a save) first."""
        if not self._edited or self._leave_warned:
            self._leave_warned = False
            return True
        self._leave_warned = True
        self._set_status(
            NOT_SAVED, "this audit has unsaved changes: press Save audit, or press again to leave them"
        )
        return False

    def _start_chosen(self) -> None:
        day = self.new_date.value
        if day is None:
            self._set_status(NOT_SAVED, "choose the new audit's date first")
            return
        if not self._may_leave():
            return
        if day in stored_dates(self.workspace):
            self.load(day)
            self._set_status(SAVED, f"an audit of {day} is already stored; it is open so you can update it")
            return
        self.load(day)

    def _replace(self, current: SelfAssessment, previous: SelfAssessment | None, *, base: int) -> None:
        self.assessment, self.previous, self._base = current, previous, base
        self._edited = False
        self.invalid.clear()
        self.warnings.clear()
        for theme, slot in self._slots.items():
            for child in slot.children:
                close_all(child)
            slot.children = []
            self._editors.pop(theme, None)
        title = _("Self-assessment — audit of %(date)s") % {"date": current.date.isoformat()}
        self.title.value = f"<h2 class='ck-title'>{html.escape(title)}</h2>"
        self._refresh_dates()
        self._refresh_summary()
        self._build_open_panel()

    def _refresh_dates(self) -> None:
        dates = [day.isoformat() for day in reversed(stored_dates(self.workspace))]
        self.stored_dates.options = dates
        chosen = self.assessment.date.isoformat()
        self.stored_dates.value = chosen if chosen in dates else (dates[0] if dates else None)

    def _refresh_summary(self) -> None:
        self.summary.value = f"<p>{html.escape(comparison_summary(self.comparison()))}</p>"

    # ---- panels --------------------------------------------------------------------------------------
    def _on_panel(self, change: dict) -> None:
        self._build_open_panel()

    def _build_open_panel(self) -> None:
        theme = self.themes.value
        if theme is None:
            self.theme_panel.children = []
            return
        if theme not in self._editors:
            self.build_panel(theme)
        self.theme_panel.children = [self._slots[theme]]

    def build_panel(self, theme: Theme) -> list[ItemEditor]:
        """Build (once) the inputs of one theme's panel; returns its item editors."""
        if theme in self._editors:
            return self._editors[theme]
        before = {i.id: i for i in self.previous.items} if self.previous else {}
        editors = [
            ItemEditor(self, item, before.get(item.id))
            for item in self.assessment.items
            if item.theme == theme
        ]
        self._editors[theme] = editors
        lines = [f"<div class='ck-guidance'><p>{html.escape(_(g.THEME_INTRO[theme]))}</p><ul>"]
        for area in dict.fromkeys(e.item.area for e in editors):
            lines.append(
                f"<li><strong>{html.escape(area.label)}:</strong> {html.escape(_(g.AREA_PROMPTS[area]))}</li>"
            )
        lines.append("</ul></div>")
        self._slots[theme].children = [widgets.HTML("".join(lines)), *editors]
        return editors

    def editors(self, theme: Theme) -> list[ItemEditor]:
        """The item editors of a theme, opening its panel the way a user would."""
        self.themes.value = theme
        return self.build_panel(theme)

    # ---- saving --------------------------------------------------------------------------------------
    def comparison(self) -> AssessmentComparison:
        """This audit (as it stands in the form) beside the stored audit before it."""
        return compare_assessments(self.previous, self.assessment)

    def save(self) -> bool:
        """Store the audit as a new revision. Returns whether it was stored.

        Refused (nothing written, the status says why) while an item has an invalid value, when the
        audit as a whole does not validate, or when someone saved this date since it was opened here.
        """
        if self.invalid:
            where, msg = next(iter(self.invalid.items()))
            more = f" (and {len(self.invalid) - 1} more)" if len(self.invalid) > 1 else ""
            self._set_status(NOT_SAVED, f"{where}: {msg}{more}")
            return False
        try:
            snapshot = SelfAssessment.model_validate(self.assessment.model_dump())
        except ValidationError as exc:
            self._set_status(NOT_SAVED, f"the audit as a whole: {_validation_message(exc)}")
            return False
        if snapshot.date > self.today():
            self._set_status(
                NOT_SAVED, f"{snapshot.date} is after today; date an audit on the day it is done"
            )
            return False
        try:
            written = save_assessment(snapshot, self.workspace, based_on=self._base)
        except AuditConflictError:
            self._set_status(
                NOT_SAVED,
                f"the audit of {snapshot.date} was saved elsewhere after you opened it; your edits are "
                f"still here: note them, open the stored audit, and add them there",
            )
            return False
        self._base = written.revision
        self.dirty = self._edited = False
        self._refresh_dates()
        self._refresh_summary()
        self.origin.value = "<p class='ck-muted'>Saved. You can keep editing and save again.</p>"
        self._set_status(SAVED, f"the audit of {snapshot.date}, version {written.revision}")
        return True

    # ---- status --------------------------------------------------------------------------------------
    @property
    def save_status(self) -> str:
        """``saved`` or ``not saved``."""
        return self._status

    @property
    def status_detail(self) -> str:
        """Why, in one line."""
        return self._detail

    def _set_status(self, status: str, detail: str = "") -> None:
        self._status, self._detail = status, detail
        css = "ck-status-saved" if status == SAVED else "ck-status-error"
        text = html.escape(_("Saved") if status == SAVED else _("Not saved"))
        extra = f"<span class='ck-status-detail'>{html.escape(detail)}</span>" if detail else ""
        self.status.value = (
            f"<div role='status' aria-live='polite' class='ck-badge-status {css}'>"
            f"<strong>{text}</strong>{extra}</div>"
        )

    def close(self) -> None:
        """Close every widget of the form (unsaved edits are not written)."""
        for child in self.children:
            close_all(child)
        super().close()


def open_assessment_form(
    workspace: str | Path, audit_date: str | dt.date | None = None, **options: Any
) -> AssessmentForm:
    """The self-assessment form for a workspace's audits.

    Parameters
    ----------
    workspace
        The casekit workspace folder.
    audit_date
        ``YYYY-MM-DD`` of the audit to open or start; ``""``/None for today.
    options
        Passed to :class:`AssessmentForm`.

    Raises
    ------
    CasekitError
        When the folder is not a casekit workspace or the date is not a date.
    """
    from casekit.errors import AuditError
    from casekit.workspace import Workspace

    ws = Workspace.find(workspace)
    day: dt.date | None
    if isinstance(audit_date, dt.date):
        day = audit_date
    elif audit_date:
        try:
            day = dt.date.fromisoformat(str(audit_date))
        except ValueError:
            raise AuditError(f"audit_date {audit_date!r} is not a date; write it as YYYY-MM-DD") from None
    else:
        day = None
    return AssessmentForm(ws.root, date=day, **options)


class _Message:
    """A short message shown in place of the form (HTML and plain text)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f"<div role='note' style='padding:8px;border:2px solid #7b9cc4'>{html.escape(self.text)}</div>"

    def __repr__(self) -> str:
        return self.text


def show_assessment_form(workspace: str, audit_date: str = "", **options: Any) -> Any:
    """What the workbook shows in section 2: the live form, or a one-line message saying what to do.

    In a headless run (casekit's runner sets ``CASEKIT_HEADLESS``) nobody can fill in a form, so
    nothing is shown: the static table the workbook displays above is the whole of section 2.
    """
    from casekit.nbsupport import headless

    if headless():
        return None
    if not workspace:
        return _Message(
            "To fill in or update an audit, open this workbook with `casekit audit open`, or set "
            "`workspace` to your casekit workspace folder. The table above is read-only."
        )
    try:
        return open_assessment_form(workspace, audit_date, **options)
    except CasekitError as exc:
        return _Message(f"The self-assessment form could not open: {exc.message}")
