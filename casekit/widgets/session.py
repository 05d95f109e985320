"""The live consultation session in a notebook: a facilitator's view and a member's view.

Both views hold a :class:`~casekit.session.live.LiveSession` and tick every half second (the
countdown). On SQLite each tick polls the store for everyone else's events. On a shared PostgreSQL
store the session's listener pushes them instead: its thread hands each notice to the kernel's loop
(``call_soon_threadsafe``) and the view reads at once, with a safety-net read every few seconds (one
kernel with several browsers, or one server per member, work the same way). Push needs a scheduler
that can be woken from another thread (the kernel's loop); with a manual clock, as in tests, the view
polls. Every write goes to the store at once. A view never sleeps and never blocks the kernel.

Every input has a visible label (ipywidgets 8 renders ``description`` as a ``<label>`` tied to the
input) and every action is a button, so the views work from the keyboard. Errors show in the view's
status line; a callback never raises into the void.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.errors import CasekitError, ResidualIdentifierError
from casekit.i18n import gettext as _
from casekit.session.live import FALLBACK_SECONDS, LiveSession
from casekit.session.model import (
    ActionKind,
    Contribution,
    ContributionKind,
    Lens,
    Member,
    Role,
    StageKind,
)
from casekit.session.render import esc, relative
from casekit.store import CaseStore
from casekit.widgets.scheduler import LoopScheduler, Scheduler, Timer

if TYPE_CHECKING:
    from casekit.deid import Scrubber

#: Seconds between polls of the store (members see each other within about this long).
POLL_SECONDS = 0.5
LABELS = {"description_width": "initial"}

SESSION_CSS = """<style>
.ck-session { max-width: 72em; font-size: 14px; line-height: 1.45; }
.ck-session .widget-label { font-weight: 600; }
.ck-session .widget-hbox { flex-wrap: wrap; }
.ck-session :focus-visible { outline: 3px solid #1a56db !important; outline-offset: 2px; }
.ck-session .ck-stages ol { padding-left: 1.6em; margin: 4px 0; }
.ck-session .ck-stages li { margin: 2px 0; padding: 2px 6px; border-radius: 4px; }
.ck-session .ck-stages li[aria-current="step"] { background: #e8f0fe; border-left: 5px solid #1a56db;
  font-weight: 700; }
.ck-session .ck-now { font-size: 1.2em; margin: 6px 0; }
.ck-session .ck-timer { font-variant-numeric: tabular-nums; font-size: 1.3em; font-weight: 700; }
.ck-session .ck-timer.ck-over { color: #b42318; }
.ck-session .ck-feed h4 { margin: 10px 0 2px 0; }
.ck-session .ck-feed ul { margin: 2px 0 6px 0; padding-left: 1.2em; }
.ck-session .ck-muted { color: #57606a; }
.ck-session .ck-error { color: #b42318; font-weight: 600; }
.ck-session .ck-brief { background: #f4f7fb; border-left: 4px solid #7b9cc4; padding: 4px 12px; }
</style>"""


class _KernelLoop(LoopScheduler):
    """Callbacks on the kernel's running asyncio loop (same thread as widget events).

    Outside a running loop it uses the thread's current event loop (not a new one, as
    :class:`~casekit.widgets.scheduler.LoopScheduler` would), so the view ticks when that loop runs.
    """

    def __init__(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.get_event_loop_policy().get_event_loop()
        super().__init__(loop)

    def call_soon_threadsafe(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the loop soon; safe to call from another thread (the listener's)."""
        self.loop.call_soon_threadsafe(callback)


def _button(label: str, tooltip: str, style: str = "") -> widgets.Button:
    return widgets.Button(description=label, tooltip=tooltip, button_style=style, layout={"width": "auto"})


class SessionView(widgets.VBox):
    """What both views share: the header, the stage list, the countdown, the feed and polling.

    Parameters
    ----------
    session
        The person's handle on the session.
    scheduler
        Calls the view back to poll; the kernel's loop by default.
    poll_seconds
        How often to tick the countdown (and, without push, read new events).
    fallback_seconds
        With push, how often to read anyway, in case a notice was lost.
    brief
        The case brief (HTML, already de-identified and escaped) shown during the presentation; the
        view never reads the case itself.
    scrubber
        The case's :class:`~casekit.deid.Scrubber`. When given, the feed shows everyone's words
        de-identified (a name typed into a contribution is not put on the shared screen); each text
        is scrubbed once.
    """

    def __init__(
        self,
        session: LiveSession,
        *,
        scheduler: Scheduler | None = None,
        poll_seconds: float = POLL_SECONDS,
        fallback_seconds: float = FALLBACK_SECONDS,
        brief: str = "",
        scrubber: Scrubber | None = None,
    ) -> None:
        self.session = session
        self._shown = _Deidentified(scrubber)
        self.scheduler = scheduler or _KernelLoop()
        self.poll_seconds = poll_seconds
        self._timer: Timer | None = None
        self._closed = False
        self._brief = brief
        self.css = widgets.HTML(SESSION_CSS)
        self.header = widgets.HTML()
        self.stages = widgets.HTML()
        self.stages.add_class("ck-stages")
        self.now_html = widgets.HTML()
        self.now_html.add_class("ck-now")
        self.timer = widgets.HTML()
        self.brief = widgets.HTML(layout={"display": "none"})
        self.brief.add_class("ck-brief")
        self.feed = widgets.HTML()
        self.feed.add_class("ck-feed")
        self.status = widgets.HTML()
        super().__init__()
        self.add_class("ck-session")
        self.fallback_seconds = fallback_seconds
        self._noticed = threading.Event()
        self._last_read = self.scheduler.now()
        self._wake = getattr(self.scheduler, "call_soon_threadsafe", None)
        self._pushed = self._wake is not None and session.watch(self._notified)
        self._schedule()

    # ---- polling ----------------------------------------------------------------------------------
    def _schedule(self) -> None:
        if not self._closed:
            self._timer = self.scheduler.call_later(self.poll_seconds, self.poll)

    def poll(self) -> None:
        """Read new events if due, refresh the view, and schedule the next tick (errors go to the status
        line). Without push every tick reads; with push, only after a notice or the fallback time."""
        try:
            self._read()
        finally:
            self._schedule()

    def _read(self) -> None:
        now = self.scheduler.now()
        due = not self._pushed or self._noticed.is_set() or now - self._last_read >= self.fallback_seconds
        try:
            if due:
                self._noticed.clear()
                self._last_read = now
                if self.session.refresh():
                    self._update()
                    return
            self._tick()
        except CasekitError as exc:
            self.say(str(exc), error=True)

    def _notified(self) -> None:
        """On the listener's thread: flag a read and hand it to the kernel's loop (never read here)."""
        self._noticed.set()
        if self._wake is not None:
            self._wake(self._on_notice)

    def _on_notice(self) -> None:
        if not self._closed and self._noticed.is_set():
            self._read()

    def close(self) -> None:
        """Stop polling and listening, and close the widgets."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
        self.session.close()
        _close_all(self)

    # ---- refreshing -------------------------------------------------------------------------------
    def say(self, message: str, *, error: bool = False) -> None:
        """Show a message in the status line (errors are announced to screen readers)."""
        if error:
            self.status.value = f'<span class="ck-error" role="alert">{html.escape(message)}</span>'
        else:
            self.status.value = f'<span class="ck-muted" role="status">{html.escape(message)}</span>'

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a button callback: a casekit error is shown in the status line, and the view refreshed."""

        def run(*args: Any) -> None:
            try:
                callback(*args)
            except CasekitError as exc:
                self.say(str(exc), error=True)
            self._update()

        return run

    def _tick(self) -> None:
        machine = self.session.machine
        over = " ck-over" if machine.overrun else ""
        started = self.session.record.current.started is not None
        note = "" if started else ' <span class="ck-muted">' + esc(_("(not started)")) + "</span>"
        left = esc(_("Time left in this stage:"))
        self.timer.value = (
            f'<span class="ck-muted">{left}</span> '
            f'<span class="ck-timer{over}" role="timer">{esc(machine.countdown())}</span>{note}'
        )

    def _update(self) -> None:
        """Redraw everything from the session record (the one refresh method)."""
        s = self.session
        record = s.record
        role = s.role.label.lower()
        title = _("Consultation session — case %(case)s") % {"case": s.case_id}
        you = _("You are %(alias)s") % {"alias": s.me.alias}
        self.header.value = (
            f"<h3>{esc(title)}</h3>"
            f'<p class="ck-muted">{esc(you)} ({esc(role)}'
            + (f", {esc(s.lens.label.lower())}" if s.lens is not Lens.NONE else "")
            + ")</p>"
        )
        items = []
        for i, stage in enumerate(record.stages):
            current = ' aria-current="step"' if i == record.current.index else ""
            minutes = esc(_("(%(num)d min)") % {"num": stage.minutes})
            items.append(f"<li{current}>{esc(_(stage.title))} <span class='ck-muted'>{minutes}</span></li>")
        self.stages.value = "<strong>" + esc(_("Stages")) + "</strong><ol>" + "".join(items) + "</ol>"
        stage = record.stages[record.current.index]
        now = _("Now: %(stage)s") % {"stage": _(stage.title)}
        which = _("(stage %(num)d of %(all)d)") % {"num": record.current.index + 1, "all": len(record.stages)}
        self.now_html.value = (
            f'<div class="ck-current-stage" data-stage="{esc(stage.kind.value)}">'
            f"<strong>{esc(now)}</strong> "
            f'<span class="ck-muted">{esc(which)}</span></div>'
            f"<div>{esc(_(stage.purpose))}</div>"
        )
        if stage.kind is StageKind.PRESENTATION:
            self.brief.value = self._case_brief()
            self.brief.layout.display = None
        else:
            self.brief.layout.display = "none"
        self.feed.value = feed_html(s, self._shown)
        self._tick()

    def _case_brief(self) -> str:
        if not self._brief:
            outline = esc(_("The presenter outlines the case from the formulation."))
            return f'<span class="ck-muted">{outline}</span>'
        return "<strong>" + esc(_("From the formulation (de-identified)")) + "</strong>" + self._brief


class _Deidentified:
    """Texts as the group may see them: scrubbed by the case's scrubber (once each), or as typed."""

    def __init__(self, scrubber: Scrubber | None) -> None:
        self.scrubber = scrubber
        self._seen: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if self.scrubber is None or not text.strip():
            return text
        shown = self._seen.get(text)
        if shown is None:
            try:
                shown = self.scrubber.scrub(text, "session contribution").text
            except ResidualIdentifierError:
                shown = _("(withheld: these words may still identify the client)")
            self._seen[text] = shown
        return shown


def feed_html(session: LiveSession, shown: Callable[[str], str] = str) -> str:
    """Every contribution so far, grouped by stage, newest stage last (escaped).

    ``shown`` turns what people typed into what the group sees (the view passes the case's
    de-identification).
    """
    record = session.record
    out = ['<div aria-live="polite"><strong>' + esc(_("Contributions")) + "</strong>"]
    any_ = False
    for stage in record.stages:
        items = record.under(stage.kind)
        if not items:
            continue
        any_ = True
        out.append(f"<h4>{esc(_(stage.title))}</h4><ul>")
        for c in items:
            out.append(_contribution_li(c, shown))
        out.append("</ul>")
    if not any_:
        out.append('<p class="ck-muted">' + esc(_("Nothing yet.")) + "</p>")
    if record.actions:
        out.append("<h4>" + esc(_("Action plan")) + "</h4><ul>")
        for a in record.actions:
            review = relative(a.review_date, record.setup.session_date) if a.review_date else ""
            when = _("; review %(when)s") % {"when": review} if a.review_date else ""
            done = " " + esc(_("(done)")) if a.done else ""
            out.append(
                f"<li><strong>{esc(a.kind.label)}</strong>: {esc(shown(a.text.text))} "
                f'<span class="ck-muted">({esc(shown(a.owner))}{esc(when)}){done}</span></li>'
            )
        out.append("</ul>")
    if record.follow_up:
        follow = _("Follow-up: %(when)s.") % {"when": relative(record.follow_up, record.setup.session_date)}
        out.append(f"<p>{esc(follow)}</p>")
    out.append("</div>")
    return "".join(out)


def _contribution_li(c: Contribution, shown: Callable[[str], str] = str) -> str:
    who = c.alias + ("" if c.lens is Lens.NONE else f", {c.lens.label.lower()}")
    return (
        f'<li class="ck-contribution" data-kind="{esc(c.kind.value)}"><strong>{esc(c.kind.label)}</strong> '
        f'<span class="ck-muted">({esc(who)}; {esc(c.text.voice.label.lower())})</span>: '
        f"{esc(shown(c.text.text))}</li>"
    )


class ContributionForm(widgets.VBox):
    """Add a question, perspective, resource, caution, response or note under the current stage.

    A contribution gets its id when it is first sent; if storing it fails, pressing *Add* again sends
    the same contribution (the store keeps one copy), until the words are changed.
    """

    def __init__(self, view: SessionView) -> None:
        self.view = view
        s = view.session
        self.kind = widgets.Dropdown(
            options=[(k.label, k) for k in ContributionKind],
            value=ContributionKind.QUESTION,
            description=_("Kind"),
            style=LABELS,
        )
        self.lens = widgets.Dropdown(
            options=[(lens.label, lens) for lens in Lens], value=s.lens, description=_("Lens"), style=LABELS
        )
        self.hypothesis = widgets.Checkbox(
            value=False, description=_("A hypothesis to check with the client"), indent=False, style=LABELS
        )
        self.text = widgets.Textarea(
            description=_("Your contribution"),
            placeholder=_("Type here, then press Add"),
            style=LABELS,
            layout={"width": "100%", "height": "5em", "flex_flow": "column"},
        )
        self.add = _button(_("Add"), _("Add this contribution under the current stage"), "primary")
        self.add.on_click(view.guard(self._add))
        self._pending: Contribution | None = None
        self.text.observe(self._edited, names="value")
        super().__init__(
            [
                widgets.HTML("<strong>" + esc(_("Add a contribution")) + "</strong>"),
                widgets.HBox([self.kind, self.lens]),
                self.hypothesis,
                self.text,
                self.add,
            ]
        )

    def _edited(self, change: dict[str, Any]) -> None:
        if self._pending is not None and change["new"] != self._pending.text.text:
            self._pending = None

    def suggest(self, stage: StageKind, role: Role) -> None:
        """Pick the kind that fits the stage (the person may change it)."""
        if stage is StageKind.CLARIFYING:
            self.kind.value = ContributionKind.QUESTION
        elif stage is StageKind.PERSPECTIVES and self.kind.value is ContributionKind.QUESTION:
            self.kind.value = ContributionKind.PERSPECTIVE
        elif stage is StageKind.RESPONSE and role is Role.PRESENTER:
            self.kind.value = ContributionKind.RESPONSE
        elif stage is StageKind.REVIEW:
            self.kind.value = ContributionKind.NOTE

    def _add(self, _button: Any = None) -> None:
        s = self.view.session
        if self._pending is None or self._pending.stage is not s.stage:
            self._pending = s.contribution(
                self.kind.value, self.text.value, lens=self.lens.value, hypothesis=self.hypothesis.value
            )
        s.add(self._pending)
        self._pending = None
        self.text.value = ""
        self.hypothesis.value = False
        self.view.say(_("Added."))


class ActionForm(widgets.VBox):
    """Add an action item: what kind of step, what, who does it, and when to look at it again."""

    def __init__(self, view: SessionView) -> None:
        self.view = view
        self.kind = widgets.Dropdown(
            options=[(k.label, k) for k in ActionKind],
            value=ActionKind.READING,
            description=_("Kind of step"),
            style=LABELS,
        )
        self.text = widgets.Textarea(
            description=_("The step"),
            style=LABELS,
            layout={"width": "100%", "height": "4em", "flex_flow": "column"},
        )
        self.owner = widgets.Combobox(
            description=_("Who does it (alias)"), options=[], ensure_option=False, style=LABELS
        )
        self.review = widgets.DatePicker(description=_("Review date"), style=LABELS)
        self.add = _button(_("Add action item"), _("Add this step to the action plan"))
        self.add.on_click(view.guard(self._add))
        super().__init__(
            [
                widgets.HTML("<strong>" + esc(_("Action plan")) + "</strong>"),
                self.kind,
                self.text,
                widgets.HBox([self.owner, self.review]),
                self.add,
            ]
        )

    def refresh_owners(self) -> None:
        """Offer the session's members as owners."""
        self.owner.options = tuple(m.alias for m in self.view.session.record.setup.members)

    def _add(self, _button: Any = None) -> None:
        self.view.session.add_action(
            self.kind.value, self.text.value, owner=self.owner.value, review_date=self.review.value
        )
        self.text.value = ""
        self.view.say(_("Action item added."))


class MemberView(SessionView):
    """A member's (or the presenter's, timekeeper's, note-taker's) page: the current stage and its
    countdown, a form to add a contribution, the action plan form, and everyone's contributions."""

    def __init__(self, session: LiveSession, **options: Any) -> None:
        super().__init__(session, **options)
        session.join()
        self.form = ContributionForm(self)
        self.actions = ActionForm(self)
        self._last_stage: StageKind | None = None
        self._last_lens = session.lens
        self.children = [
            self.css,
            self.header,
            self.now_html,
            self.timer,
            self.brief,
            self.form,
            self.status,
            self.feed,
            self.stages,
            self.actions,
        ]
        self._update()

    def _update(self) -> None:
        super()._update()
        if self.session.stage is not self._last_stage:
            self._last_stage = self.session.stage
            self.form.suggest(self.session.stage, self.session.role)
        if self.session.lens is not self._last_lens:  # the facilitator assigned a lens
            self._last_lens = self.form.lens.value = self.session.lens
        self.actions.layout.display = None if self.session.stage is StageKind.ACTION_PLAN else "none"
        self.actions.refresh_owners()


class MemberRow(widgets.HBox):
    """One member in the set-up: alias, role and lens, each labelled."""

    def __init__(self, member: Member | None = None) -> None:
        m = member or Member(alias="Member", role=Role.MEMBER)
        self.alias = widgets.Text(value=m.alias if member else "", description=_("Alias"), style=LABELS)
        self.role = widgets.Dropdown(
            options=[(r.label, r) for r in Role], value=m.role, description=_("Role"), style=LABELS
        )
        self.lens = widgets.Dropdown(
            options=[(lens.label, lens) for lens in Lens], value=m.lens, description=_("Lens"), style=LABELS
        )
        self.person = widgets.Dropdown(description=_("Given to"), style=LABELS)
        self.offer([m.person] if m.person else [], m.person)
        super().__init__([self.alias, self.role, self.lens, self.person])

    def offer(self, people: list[str], chosen: str | None = None) -> None:
        """Offer these accounts (the people present) for the role, keeping the one chosen."""
        keep = chosen if chosen is not None else self.person.value
        names = list(dict.fromkeys([*people, *([keep] if keep else [])]))
        options = [(_("Not given to anyone yet"), None), *((n, n) for n in names)]
        if list(self.person.options) != options:
            self.person.options = options
        self.person.value = keep

    def member(self) -> dict[str, Any]:
        """The member this row describes (the session validates it)."""
        row = {"alias": self.alias.value.strip(), "role": self.role.value, "lens": self.lens.value}
        return {**row, "person": self.person.value} if self.person.value else row


class FacilitatorView(SessionView):
    """The facilitator's page: set-up, the stage list with the current stage highlighted, the countdown,
    back and next, stage lengths, the follow-up date, and everyone's contributions."""

    def __init__(self, session: LiveSession, **options: Any) -> None:
        super().__init__(session, **options)
        self.rows = widgets.VBox()
        self.add_row = _button(_("Add a member"), _("Add a row for one more member"))
        self.add_row.on_click(self.guard(lambda _b: self._add_row()))
        self.save_setup = _button(
            _("Save set-up"), _("Save the members, roles and lenses for everyone"), "primary"
        )
        self.save_setup.on_click(self.guard(self._save_setup))
        self.setup = widgets.Accordion(
            [widgets.VBox([self.rows, widgets.HBox([self.add_row, self.save_setup])])],
            titles=(_("Set-up: members, roles and lenses"),),
        )
        self.start = _button(_("Start the clock"), _("Start this stage's countdown now"))
        self.back = _button(_("Back"), _("Go back to the previous stage"))
        self.next = _button(_("Next stage"), _("Move everyone to the next stage"), "primary")
        self.start.on_click(self.guard(lambda _b: session.start()))
        self.back.on_click(self.guard(lambda _b: session.back()))
        self.next.on_click(self.guard(lambda _b: session.advance()))
        self.minutes = {
            spec.kind: widgets.BoundedIntText(
                value=spec.minutes,
                min=1,
                max=90,
                description=_("Minutes: %(stage)s") % {"stage": _(spec.title)},
                style=LABELS,
                continuous_update=False,
            )
            for spec in session.record.stages
        }
        for kind, box in self.minutes.items():
            box.observe(self._length_changed(kind), names="value")
        self.lengths = widgets.Accordion(
            [widgets.VBox(list(self.minutes.values()))], titles=(_("Stage lengths"),)
        )
        self.follow_up = widgets.DatePicker(description=_("Follow-up date"), style=LABELS)
        self.save_follow_up = _button(_("Set follow-up"), _("Save the follow-up date for everyone"))
        self.save_follow_up.on_click(self.guard(lambda _b: session.set_follow_up(self.follow_up.value)))
        self.form = ContributionForm(self)
        self.actions = ActionForm(self)
        self._syncing = False
        for member in session.record.setup.members or [session.me]:
            self._add_row(member)
        if not session.record.setup.members:
            self.setup.selected_index = 0
        self.children = [
            self.css,
            self.header,
            self.setup,
            self.stages,
            self.now_html,
            self.timer,
            widgets.HBox([self.back, self.start, self.next]),
            self.status,
            self.brief,
            self.lengths,
            self.feed,
            self.form,
            self.actions,
            widgets.HBox([self.follow_up, self.save_follow_up]),
        ]
        self._update()

    def _add_row(self, member: Member | None = None) -> None:
        row = MemberRow(member)
        row.offer(self.session.people())
        self.rows.children = (*self.rows.children, row)

    def _save_setup(self, _button: Any = None) -> None:
        self.session.set_up([row.member() for row in self.rows.children if row.alias.value.strip()])
        self.say(_("Set-up saved."))

    def _length_changed(self, kind: StageKind) -> Callable[[dict[str, Any]], None]:
        def changed(change: dict[str, Any]) -> None:
            if self._syncing:
                return
            self.guard(lambda: self.session.set_minutes(kind, int(change["new"])))()

        return changed

    def _update(self) -> None:
        super()._update()
        self._syncing = True
        try:
            for spec in self.session.record.stages:
                box = self.minutes.get(spec.kind)
                if box is not None and box.value != spec.minutes:
                    box.value = spec.minutes
        finally:
            self._syncing = False
        self.back.disabled = self.session.machine.is_first
        self.next.disabled = self.session.machine.is_last
        self.actions.refresh_owners()
        present = tuple(self.session.present)
        if present != getattr(self, "_present_seen", ()):  # someone joined: offer them for a role
            self._present_seen, people = present, self.session.people()
            for row in self.rows.children:
                row.offer(people)
        if self.session.record.follow_up and self.follow_up.value is None:
            self.follow_up.value = self.session.record.follow_up


def open_session(
    store: CaseStore,
    case_id: str,
    session_date: dt.date | str,
    *,
    alias: str,
    role: Role | str = Role.MEMBER,
    **options: Any,
) -> SessionView:
    """The right view for ``role``: the facilitator's, or a member's.

    Parameters
    ----------
    store
        The open store the group shares.
    case_id, session_date
        Which session (a date or ``YYYY-MM-DD``).
    alias, role
        Who opens it.
    **options
        Passed to the view (``scheduler``, ``poll_seconds``, ``fallback_seconds``, ``brief``,
        ``scrubber``).
    """
    from casekit.errors import SessionError

    if isinstance(session_date, str):
        try:
            session_date = dt.date.fromisoformat(session_date)
        except ValueError:
            raise SessionError(f"session_date: '{session_date}' is not a date; write YYYY-MM-DD") from None
    session = LiveSession(store, case_id, session_date, alias=alias, role=role)
    if session.steers:  # the role the set-up gives this person's account, not the one asked for
        return FacilitatorView(session, **options)
    return MemberView(session, **options)


def _close_all(widget: widgets.Widget) -> None:
    for child in getattr(widget, "children", ()) or ():
        _close_all(child)
    widgets.Widget.close(widget)
