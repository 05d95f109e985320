"""The case formulation form: every section of a case, autosaved to the store as new revisions.

How saving works
----------------
* Every edit is validated through the pydantic model at once; a refused value is shown under its
  field and the status says what is not saved.
* Valid edits are saved by a debounce: ``delay`` seconds after the last edit, and at most
  ``max_wait`` seconds after the first unsaved one, as a new revision
  (``store.save(case, based_on=revision, author=author)``).
* If someone else saved first, the store refuses (:class:`~casekit.errors.RevisionConflictError`).
  The form keeps everything typed, stops autosaving and offers two choices: load the newer version
  (the user's own version stays available to bring back) or keep the user's own as a new revision on
  top. Nothing is overwritten silently.
* Every ``poll_interval`` seconds the form looks at the store's newest revision; if someone else saved
  and nothing is pending here, it loads their version, so two people on one case see each other's
  edits.
* Timers come from a :class:`~casekit.widgets.scheduler.Scheduler`: the kernel's event loop in
  JupyterLab and Voila, a manual clock in tests.

Errors in callbacks are shown in the status area, never raised into the void and never with their
details (an exception's text could quote a private identifier).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import traitlets
from pydantic import ValidationError

from casekit.errors import CasekitError, RevisionConflictError
from casekit.i18n import N_, ngettext
from casekit.i18n import gettext as _
from casekit.model import Case
from casekit.widgets import form_panels as sections
from casekit.widgets.fields import close_all, form_header, guarded
from casekit.widgets.scheduler import LoopScheduler, Scheduler, Timer
from casekit.widgets.style import FORM_CSS

if TYPE_CHECKING:
    from casekit.instruments import Instrument
    from casekit.store import CaseRecord, CaseStore


class SaveStatus(StrEnum):
    """What the status line says about saving."""

    SAVED = "saved"
    PENDING = "not saved"
    SAVING = "saving"
    INVALID = "invalid"
    CONFLICT = "conflict"
    ERROR = "error"


#: Tab titles, in order. The consultation question comes first: it frames everything else.
TABS: tuple[tuple[str, str], ...] = (
    ("question", N_("Consultation question")),
    ("identity", N_("Client identity")),
    ("positionality", N_("Clinician positionality")),
    ("compare", N_("Side by side")),
    ("power", N_("Power dynamics")),
    ("goals", N_("Co-created goals")),
    ("adaptations", N_("Adaptations")),
    ("missteps", N_("Missteps and repair")),
    ("feedback", N_("Client feedback")),
    ("identifiers", N_("Private identifiers")),
)


#: Tabs whose panel is one call ``builder(editor, case)``.
_PANELS: dict[str, Callable[[Any, Case], widgets.Widget]] = {
    "question": sections.question_panel,
    "identity": sections.identity_panel,
    "positionality": sections.positionality_panel,
    "power": sections.power_panel,
    "adaptations": sections.adaptations_panel,
}


def _validation_message(exc: ValidationError) -> str:
    # Only pydantic's message and location, never the rejected input (it could be an identifier).
    err = exc.errors(include_url=False, include_input=False)[0]
    msg = str(err.get("msg", "not valid"))
    return msg.removeprefix("Value error, ")


class CaseForm(widgets.VBox):
    """An editable formulation of one case, bound to the store.

    Parameters
    ----------
    store
        An open :class:`~casekit.store.CaseStore` (the form does not close it unless ``owns_store``).
    case_id
        The case to edit; its newest revision is loaded.
    author
        Alias recorded with each revision (default: the case's presenter alias).
    scheduler
        Timers for autosave and polling (default: the running event loop).
    delay, max_wait
        Autosave debounce: save ``delay`` s after the last edit, at most ``max_wait`` s after the first.
    poll_interval
        How often to look for newer revisions saved by someone else (None: never).
    owns_store
        Close the store when the form is closed.
    instruments
        The clinic's own questionnaires by name (:func:`casekit.instruments.load_instruments`), whose
        totals the feedback tab can score and record.
    """

    #: The working copy being edited (slot trait; assigning a new case rebuilds the panels).
    case = traitlets.Instance(Case, allow_none=True)
    #: The stored revision the working copy is based on.
    revision = traitlets.Int(0)
    #: What the status line says (a :class:`SaveStatus` value).
    save_status = traitlets.Unicode(SaveStatus.SAVED.value)

    def __init__(
        self,
        store: CaseStore,
        case_id: str,
        *,
        author: str | None = None,
        scheduler: Scheduler | None = None,
        delay: float = 0.8,
        max_wait: float = 3.0,
        poll_interval: float | None = 2.0,
        owns_store: bool = False,
        instruments: Mapping[str, Instrument] | None = None,
    ) -> None:
        super().__init__()
        self.instruments = dict(instruments or {})
        self.add_class("ck-form")
        self.store = store
        self.case_id = case_id
        self.scheduler = scheduler or LoopScheduler()
        self.delay, self.max_wait, self.poll_interval = delay, max_wait, poll_interval
        self.owns_store = owns_store
        #: Exceptions caught in callbacks (for debugging in the kernel; never displayed).
        self.errors: list[BaseException] = []
        self.invalid: dict[str, str] = {}
        self.conflict_head: int | None = None
        #: The user's own version after they chose to load someone else's (can be brought back).
        self.set_aside: Case | None = None
        self._dirty = False
        self._first_unsaved: float | None = None
        self._due = 0.0
        self._save_timer: Timer | None = None
        self._poll_timer: Timer | None = None
        self._closed = False
        self._identifiers_locked = False
        self._plots: dict[str, sections.RefreshingHTML] = {}
        self._panels: dict[str, widgets.Widget] = {}
        self._note = ""

        record = store.load(case_id)
        self.author = author or record.case.meta.clinician_alias

        # Fixed parts (built once); the panels are rebuilt by _update().
        self.style = widgets.HTML(FORM_CSS, layout=widgets.Layout(display="none"))
        self.title = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("ck-status")
        self.save_button = widgets.Button(description=_("Save now"), tooltip=_("Save a revision now"))
        self.save_button.on_click(self.guard(lambda _: self.save_now()))
        self.conflict_box = widgets.VBox(layout=widgets.Layout(display="none"))
        self.conflict_box.add_class("ck-conflict")
        # One fixed container per tab: a rebuild swaps what is inside them, never the Tab's own
        # children (Lumino's tab panel can lose its page when those are replaced, as seen in Voila).
        self._slots = {key: widgets.VBox() for key, _ in TABS}
        # Shown in a tab for the moment between a click on it and its panel arriving.
        opening = html.escape(_("Opening…"))
        self._opening = widgets.HTML(f"<p class='ck-opening' role='status'>{opening}</p>")
        self.tabs = widgets.Tab(
            children=list(self._slots.values()), titles=[_(title) for _key, title in TABS], selected_index=0
        )
        self.tabs.observe(self.guard(self._on_tab), "selected_index")
        header = form_header(self.title, self.status, self.save_button)
        self.children = [self.style, header, self.conflict_box, self.tabs]

        self._load_record(record)
        self.observe(self._on_slot, names=["case"])
        self._update()
        self._schedule_poll()

    # ---- display ----------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<casekit case formulation form: {self.case_id}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The live widget, plus a static de-identified rendering and a plain-text line.

        The static copy is what survives a papermill run or an export, where live widgets do not. It
        is casekit's ordinary formulation rendering of a scrubbed copy of the case (the case's own
        identifiers and identifier patterns removed; exports add name recognition on top).
        """
        data = super()._repr_mimebundle_(**kwargs)
        if data is None:
            return None
        from casekit.deid import Scrubber
        from casekit.render import render_formulation

        clean, _report = Scrubber.for_case(self.case, use_ner=False).scrub_case(self.case)
        static = render_formulation(clean)
        data["text/plain"] = repr(self)
        data["text/html"] = static.html
        data["text/markdown"] = static.markdown
        return data

    # ---- the single refresh -----------------------------------------------------------------------
    def _on_slot(self, change: dict) -> None:
        self._update()

    def _update(self) -> None:
        """Drop every built panel, rebuild the visible one from ``self.case``, refresh the header.

        Panels are built lazily, when their tab is first shown: the whole form is about 1,300
        widgets (three comm messages each), and a burst that size can overflow the kernel's IOPub
        queue (ZeroMQ's high-water mark), silently dropping widgets or the cell's own output. One tab
        at a time stays well under it, and opening the form is faster.
        """
        old_panels = list(self._panels.values())
        self._built_for = self.case
        self._panels.clear()
        self._plots.clear()
        for slot in self._slots.values():
            slot.children = [self._opening]
        for panel in old_panels:
            close_all(panel)
        self._refresh_visible()
        self.title.value = (
            "<h2 class='ck-title'>"
            + html.escape(_("Case %(case)s — formulation") % {"case": self.case.meta.case_id})
            + "</h2>"
        )
        self._show_status()

    def panel(self, key: str) -> widgets.Widget:
        """The panel of tab ``key`` ('goals', 'identity', ...), built now if it is not built yet."""
        built = self._panels.get(key)
        if built is not None:
            return built
        case = self.case
        view = None
        if key == "compare":
            built, view = sections.compare_panel(case)
        elif key == "goals":
            built, view = sections.goals_panel(self, case, on_ratings=self._refresh_visible)
        elif key == "missteps":
            built, view = sections.missteps_panel(self, case)
        elif key == "feedback":
            built, view = sections.feedback_panel(self, case, self.instruments)
        elif key == "identifiers":
            built = sections.IdentifiersPanel(self, case, locked=self._identifiers_locked)
        else:
            built = _PANELS[key](self, case)
        if view is not None:
            self._plots[key] = view
        self._panels[key] = built
        self._slots[key].children = [built]
        return built

    @property
    def identifiers_panel(self) -> sections.IdentifiersPanel:
        """The private identifiers panel (built on first use; its inputs stay closed until shown)."""
        return self.panel("identifiers")

    # ---- status -----------------------------------------------------------------------------------
    def _set_status(self, status: SaveStatus, note: str = "") -> None:
        self.save_status = status.value
        self._note = note
        self._show_status()

    def _show_status(self) -> None:
        status = SaveStatus(self.save_status)
        text = {
            SaveStatus.SAVED: _("Saved (revision %(num)d)") % {"num": self.revision},
            SaveStatus.PENDING: _("Not saved yet — saving in a moment"),
            SaveStatus.SAVING: _("Saving…"),
            SaveStatus.INVALID: _("Not saved: a field needs attention"),
            SaveStatus.CONFLICT: _("Conflict: someone else saved a newer version"),
            SaveStatus.ERROR: _("Not saved"),
        }[status]
        detail = self._note
        if self.invalid and status is not SaveStatus.CONFLICT:
            where, msg = next(iter(self.invalid.items()))
            others = len(self.invalid) - 1
            more = (
                ngettext(" (and %(num)d more)", " (and %(num)d more)", others) % {"num": others}
                if others
                else ""
            )
            detail = f"{where}: {msg}{more}"
            if status is SaveStatus.SAVED:
                text = _("Not saved: a field needs attention")
                status = SaveStatus.INVALID
        extra = f"<span class='ck-status-detail'>{html.escape(detail)}</span>" if detail else ""
        css = f"ck-badge-status ck-status-{status.value.replace(' ', '-')}"
        self.status.value = (
            f"<div role='status' aria-live='polite' class='{css}'>"
            f"<strong>{html.escape(text)}</strong>{extra}</div>"
        )

    # ---- the editor interface used by fields ------------------------------------------------------
    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: any exception is shown in the status area, never lost or raised."""
        return guarded(callback, self.errors, lambda message: self._set_status(SaveStatus.ERROR, message))

    def apply(self, target: Any, attr: str, value: Any, where: str) -> str | None:
        """Validate and set ``target.attr``; record the change for autosave. Returns an error or None."""
        try:
            setattr(target, attr, value)
        except ValidationError as exc:
            message = _validation_message(exc)
            self.invalid[where] = message
            self._show_status()
            return message
        self.invalid.pop(where, None)
        self.changed()
        return None

    # ---- autosave ---------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Whether there are edits not yet stored."""
        return self._dirty

    def changed(self) -> None:
        """Note that the working copy changed; save after the debounce."""
        self._dirty = True
        now = self.scheduler.now()
        if self._first_unsaved is None:
            self._first_unsaved = now
        self._due = min(now + self.delay, self._first_unsaved + self.max_wait)
        if self.conflict_head is not None:
            self._show_status()
            return
        self._set_status(SaveStatus.PENDING)
        if self._save_timer is None:
            self._save_timer = self.scheduler.call_later(self._due - now, self.guard(self._on_save_timer))

    def _on_save_timer(self) -> None:
        self._save_timer = None
        if self._closed or not self._dirty:
            return
        now = self.scheduler.now()
        if now < self._due - 1e-9:
            self._save_timer = self.scheduler.call_later(self._due - now, self.guard(self._on_save_timer))
            return
        self.save_now()

    def save_now(self) -> bool:
        """Save the working copy as a new revision now. Returns whether a revision was stored."""
        if self._save_timer is not None:
            self._save_timer.cancel()
            self._save_timer = None
        if self.conflict_head is not None:
            self._show_status()
            return False
        if not self._dirty:
            self._set_status(SaveStatus.SAVED)
            return False
        return self._store(based_on=self.revision)

    def _store(self, *, based_on: int) -> bool:
        snapshot = self.case.model_copy(deep=True)
        try:
            Case.model_validate(snapshot.model_dump())
        except ValidationError as exc:
            self._set_status(
                SaveStatus.ERROR,
                _("the case as a whole: %(problem)s") % {"problem": _validation_message(exc)},
            )
            return False
        self._set_status(SaveStatus.SAVING)
        try:
            record = self.store.save(snapshot, based_on=based_on, author=self.author)
        except RevisionConflictError as exc:
            self._enter_conflict(exc.head)
            return False
        except CasekitError as exc:
            self.errors.append(exc)
            self._set_status(SaveStatus.ERROR, exc.message)
            return False
        self.revision = record.revision
        self._dirty = False
        self._first_unsaved = None
        self._set_status(SaveStatus.SAVED)
        self._refresh_visible()
        return True

    # ---- conflict ---------------------------------------------------------------------------------
    def _enter_conflict(self, head: int) -> None:
        self.conflict_head = head
        who = ""
        try:
            newer = self.store.load(self.case_id)
            who = _(" by %(alias)s") % {"alias": newer.author} if newer.author else ""
            head = newer.revision
            self.conflict_head = head
        except CasekitError as exc:
            self.errors.append(exc)
        load = widgets.Button(
            description=_("Load their version (revision %(num)d)") % {"num": head}, layout={"width": "auto"}
        )
        keep = widgets.Button(
            description=_("Keep mine as a new revision"),
            button_style="warning",
            layout={"width": "auto"},
        )
        load.on_click(self.guard(lambda _: self.load_newer()))
        keep.on_click(self.guard(lambda _: self.keep_mine()))
        saved = _("Someone else saved revision %(head)d%(who)s after you started from revision %(mine)d.")
        message = widgets.HTML(
            "<div role='alert'><strong>"
            + html.escape(saved % {"head": head, "who": who, "mine": self.revision})
            + "</strong> "
            + html.escape(_("Your edits are kept here and nothing has been overwritten."))
            + " "
            + html.escape(_("Choose which version to continue from."))
            + "</div>"
        )
        self._set_conflict_box([message, widgets.HBox([load, keep])])
        self._set_status(
            SaveStatus.CONFLICT,
            _("revision %(head)d is newer than yours (%(mine)d)") % {"head": head, "mine": self.revision},
        )

    def _set_conflict_box(self, children: list[widgets.Widget]) -> None:
        for child in self.conflict_box.children:
            close_all(child)
        self.conflict_box.children = children
        self.conflict_box.layout.display = None if children else "none"

    def load_newer(self) -> None:
        """Resolve a conflict by loading the newest stored revision; the user's version is set aside."""
        mine = self.case.model_copy(deep=True) if self._dirty else None
        record = self.store.load(self.case_id)
        self.conflict_head = None
        self._load_record(record)
        self.set_aside = mine
        if mine is not None:
            back = widgets.Button(description=_("Bring my version back"), layout={"width": "auto"})
            back.on_click(self.guard(lambda _: self.bring_back()))
            self._set_conflict_box(
                [
                    widgets.HTML(
                        "<div role='status'>"
                        + html.escape(
                            _("Loaded revision %(num)d. Your own version is kept until you close this form.")
                            % {"num": record.revision}
                        )
                        + "</div>"
                    ),
                    back,
                ]
            )
        else:
            self._set_conflict_box([])

    def keep_mine(self) -> bool:
        """Resolve a conflict by saving the user's version as a new revision on top of the newest."""
        head = self.store.head(self.case_id)
        self.conflict_head = None
        self._set_conflict_box([])
        self._dirty = True
        return self._store(based_on=head)

    def bring_back(self) -> None:
        """Undo "load their version": put the user's own version back and save it on top."""
        if self.set_aside is None:
            return
        mine, self.set_aside = self.set_aside, None
        self._set_conflict_box([])
        self._replace_case(mine)
        self._dirty = True
        self._store(based_on=self.store.head(self.case_id))

    # ---- loading and polling ----------------------------------------------------------------------
    def _load_record(self, record: CaseRecord) -> None:
        self.revision = record.revision
        self._identifiers_locked = bool(getattr(record, "identifiers_locked", False))
        self._dirty = False
        self._first_unsaved = None
        self.invalid.clear()
        self.save_status = SaveStatus.SAVED.value
        self._note = ""
        if self.case is None or record.case != self.case:
            self._replace_case(record.case)
        else:
            self._show_status()

    def _replace_case(self, case: Case) -> None:
        # traitlets stays silent when the new value == the old one (pydantic compares by value), but
        # the widgets must be bound to the very object being saved, so rebuild in that case too.
        self.case = case
        built_for = getattr(self, "_built_for", None)
        if built_for is not None and built_for is not case:
            self._update()

    def reload(self) -> bool:
        """Load the newest revision if it is newer than ours and nothing is pending. Returns if it did."""
        if self._dirty or self.conflict_head is not None:
            return False
        head = self.store.head(self.case_id)
        if head <= self.revision:
            return False
        record = self.store.load(self.case_id)
        self._load_record(record)
        self._set_status(
            SaveStatus.SAVED,
            _("loaded revision %(num)d by %(alias)s") % {"num": record.revision, "alias": record.author},
        )
        return True

    def _schedule_poll(self) -> None:
        if self.poll_interval and not self._closed:
            self._poll_timer = self.scheduler.call_later(self.poll_interval, self.guard(self._on_poll))

    def _on_poll(self) -> None:
        self._poll_timer = None
        if self._closed:
            return
        try:
            self.reload()
        finally:
            self._schedule_poll()

    # ---- plots and views --------------------------------------------------------------------------
    def _on_tab(self, change: dict) -> None:
        self._refresh_visible()

    def _refresh_visible(self) -> None:
        index = self.tabs.selected_index
        if index is None:
            return
        key = TABS[index][0]
        self.panel(key)
        view = self._plots.get(key)
        if view is not None:
            view.refresh(self.case)

    # ---- closing ----------------------------------------------------------------------------------
    def close(self) -> None:
        """Save what is pending, stop the timers, close every widget (and the store if owned)."""
        if self._closed:
            return
        if self._dirty and self.conflict_head is None:
            self.guard(self.save_now)()
        self._closed = True
        for timer in (self._save_timer, self._poll_timer):
            if timer is not None:
                timer.cancel()
        for child in self.children:
            close_all(child)
        super().close()
        if self.owns_store:
            self.store.close()


def open_form(
    case_id: str,
    workspace: str | None = None,
    *,
    author: str | None = None,
    instruments: Mapping[str, Instrument] | None = None,
    **options: Any,
) -> CaseForm:
    """Open the form for ``case_id`` in a workspace (the one a notebook parameter names).

    The store URL and passphrase come from the workspace and the environment (``CASEKIT_DB_URL``,
    ``CASEKIT_PASSPHRASE``), never from notebook parameters. The clinic's questionnaires are read from
    the workspace unless ``instruments`` are given.
    """
    from casekit.instruments import load_instruments
    from casekit.settings import resolve
    from casekit.workspace import Workspace

    settings = resolve(workspace=workspace)
    ws = Workspace.find(settings.workspace)
    known = load_instruments(ws) if instruments is None else instruments
    store = ws.open_store_with(settings)
    try:
        return CaseForm(store, case_id, author=author, owns_store=True, instruments=known, **options)
    except BaseException:
        store.close()
        raise
