"""The home page's live session: start one as facilitator, or join one, by choosing from lists.

Until now a live consultation session meant opening ``notebooks/consultation-session.ipynb`` and
editing a code cell (``role = "facilitator"``, ``member_alias = ...``). Here a person chooses the
case, the day, their name in the group and their role from lists, and presses one button; the
session itself is the same :func:`casekit.widgets.session.open_session` view over the same
:class:`casekit.session.live.LiveSession`, with the case brief and the de-identification of everyone's
words prepared as the workbook prepares them (:func:`casekit.session.session_workbook.prepare`).

Names in the list are **aliases** (the names people use in the group), never accounts. The person
actually using the page is :func:`casekit.actor.current_person` (from JupyterHub or the computer's
account): it is shown, so people can see who they are signed in as, and never typed or chosen. Once
the facilitator has given this person a place in the set-up, joining picks it by their account: the
name and role are shown, not chosen, and names given to other people are not offered.

A one-page guide for the facilitator is on the panel, in plain words.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.errors import CasekitError, SessionError
from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.session.model import Member, Role
from casekit.widgets.fields import LABEL_STYLE, stacked

if TYPE_CHECKING:
    from casekit.store import CaseStore
    from casekit.store.records import CaseSummary
    from casekit.widgets.session import SessionView
    from casekit.workspace import Workspace

#: The roles offered, in the order a group meets them.
ROLES = (Role.FACILITATOR, Role.PRESENTER, Role.TIMEKEEPER, Role.NOTE_TAKER, Role.MEMBER)

#: The guide's HTML is one catalogue message: a translator keeps its tags and translates the words.
FACILITATOR_GUIDE = N_("""\
<div class="ck-guide">
<h4>Guiding a consultation session: a page for the facilitator</h4>
<p>Your job is to hold the shape of the meeting so that everyone else can think. You do not need
to know the answer to the presenter's question; nobody does yet. You keep time kind, keep the
stages in order, and make room for every voice, including the quiet ones.</p>
<p><strong>Before you start.</strong> Choose your alias and the role <em>Facilitator</em>, then start
the session. Under <em>Set-up</em>, add each person by the alias they use in the group and give them
a role: one presenter, a timekeeper, a note-taker, and members. Beside each role, choose who it is
given to from the people who have joined; only you can move the stages. You may give members a lens to
listen through: the client's, a family member's, the community's, power and systems, or the
clinician's own position. Lenses widen what the group notices; they are invitations, not scripts.</p>
<p><strong>The stages.</strong> The screen moves everyone together when you press <em>Next stage</em>.</p>
<ol>
<li><strong>The question.</strong> The presenter says what they would like from the group. Everything
else is in service of this, so let it be said first and plainly.</li>
<li><strong>A brief picture of the case.</strong> A few minutes, from the de-identified formulation: who the
client is in their own words, what matters to them, where power sits.</li>
<li><strong>Clarifying questions.</strong> Questions of fact only. If a question is really an idea in
disguise, gently ask the member to hold it for the next stage.</li>
<li><strong>Perspectives.</strong> Members offer hypotheses and ideas while the presenter listens
without answering. Ideas about the client are hypotheses to check with the client, not conclusions;
the client remains the expert on their own life and culture.</li>
<li><strong>The presenter responds.</strong> What landed, what did not, what they will take away.</li>
<li><strong>The action plan.</strong> Concrete next steps with an owner and a date to look at them again:
something to read, a training, a conversation with a community partner, a question for the client.</li>
<li><strong>A look back.</strong> A few minutes on how the session went for everyone, the presenter
first.</li>
</ol>
<p><strong>Keeping it safe.</strong> Use aliases only. If someone types or says a client's name, an
address or a workplace, pause kindly and rephrase together; the shared screen hides names it knows
about, but it cannot know everything. Identity and culture (faith, language, where someone comes
from, disability, gender, sexuality) belong in the conversation: they are what the formulation is
for.</p>
<p><strong>When things get tender.</strong> Talking about difference and power can stir up shame or
defensiveness, in the presenter and in members. Name it without blame, slow down, and remember that a
misstep the clinician names and repairs can strengthen the work with the client. Thank the presenter
for bringing the case: it took trust.</p>
</div>""")

_PANEL_CSS = """<style>
.ck-guide { max-width: 60em; line-height: 1.5; }
.ck-guide h4 { margin: 4px 0; }
.ck-guide li { margin: 3px 0; }
.ck-home .jupyter-widget-Collapse-header { color: #1f2328; background-color: #eef1f4; }
.ck-home .ck-session .ck-static [class^="ck-voice-"] { color: #1f2328; }
</style>"""


def _intro_html() -> str:
    """The panel's heading and what it is for."""
    head = _("A live consultation session")
    body = _(
        "Start a session for your group as its facilitator, or join one: choose the case, the day, your "
        "name in the group and your role. Everyone's words appear for everyone within a second or two."
    )
    return f"<h2>{html.escape(head)}</h2><p>{html.escape(body, quote=False)}</p>"


def alias_choices(cases: list[CaseSummary], members: list[str]) -> list[str]:
    """The aliases offered: the session's members first, then every presenting clinician's, once each."""
    out: dict[str, str] = {}
    for alias in [*members, *sorted({s.clinician_alias for s in cases})]:
        out.setdefault(alias.casefold(), alias)
    return list(out.values())


class SessionPanel(widgets.VBox):
    """Start (as facilitator) or join a live consultation session, with no code to edit.

    Parameters
    ----------
    workspace
        The workspace whose cases can be discussed.
    db_url
        The store URL, if not the workspace's own (a group's shared PostgreSQL store).
    guard, say
        The home page's error wrapper and status line.
    use_ner
        Look for names the case does not list when de-identifying what is shown to the group.
    view_options
        Passed to the session view (tests give a manual ``scheduler``).
    today
        The day offered for the session (default: today).
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        db_url: str | None = None,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        say: Callable[[str, str], None],
        use_ner: bool = True,
        view_options: dict[str, Any] | None = None,
        today: dt.date | None = None,
    ) -> None:
        # Over 80 lines on purpose: it builds the panel's widgets top to bottom in the order they are
        # shown, like the home page's own constructor, so the layout reads in one place.
        from casekit.actor import current_person

        self.workspace = workspace
        self._db_url, self._say, self._use_ner = db_url, say, use_ner
        self._view_options = dict(view_options or {})
        self.person = current_person()
        self.cases: list[CaseSummary] = []
        self.view: SessionView | None = None
        self._store: CaseStore | None = None
        self.case = widgets.Dropdown(
            description=_("Case"), options=[], style=LABEL_STYLE, layout=stacked("16em")
        )
        self.session_date = widgets.DatePicker(
            description=_("Session date"), value=today or dt.date.today(), style=LABEL_STYLE
        )
        self.alias = widgets.Combobox(
            description=_("Your name in the group (an alias)"),
            placeholder=_("Choose or type an alias"),
            options=[],
            ensure_option=False,
            style=LABEL_STYLE,
            layout=stacked("20em"),
        )
        self.role = widgets.Dropdown(
            description=_("Your role"),
            options=[(r.label, r) for r in ROLES],
            value=Role.MEMBER,
            style=LABEL_STYLE,
            layout=stacked("14em"),
        )
        self.names_button = widgets.Button(
            description=_("Update the list of names"),
            tooltip=_("Show the names the facilitator has added to this session since the page opened"),
            layout={"width": "auto"},
        )
        self.message = widgets.HTML()
        self.open_button = widgets.Button(button_style="primary", layout={"width": "auto"})
        self.leave_button = widgets.Button(
            description=_("Leave the session"), layout=widgets.Layout(width="auto", display="none")
        )
        signed_in = _("You are signed in as %(person)s. The group sees only the alias you choose.")
        self.signed_in = widgets.HTML(
            f"<p class='ck-muted'>{html.escape(signed_in % {'person': self.person})}</p>"
        )
        self.guide = widgets.Accordion(
            [widgets.HTML(_(FACILITATOR_GUIDE))], titles=(_("A one-page guide for the facilitator"),)
        )
        self.chooser = widgets.VBox(
            [
                widgets.HBox(
                    [self.case, self.session_date, self.alias, self.role, self.names_button],
                    layout=widgets.Layout(flex_flow="row wrap", grid_gap="12px", align_items="flex-end"),
                ),
                self.signed_in,
                self.message,
                self.open_button,
            ]
        )
        self.live = widgets.VBox()
        self.case.observe(guard(lambda _: self._session_changed()), "value")
        self.session_date.observe(guard(lambda _: self._session_changed()), "value")
        self.alias.observe(guard(lambda _: self._alias_changed()), "value")
        self.role.observe(guard(lambda _: self._label_button()), "value")
        self.names_button.on_click(guard(lambda _b: self._session_changed()))
        self.open_button.on_click(guard(lambda _b: self.start_or_join()))
        self.leave_button.on_click(guard(lambda _b: self.leave()))
        super().__init__(
            [
                widgets.HTML(_PANEL_CSS, layout=widgets.Layout(display="none")),
                widgets.HTML(_intro_html()),
                self.guide,
                self.chooser,
                self.leave_button,
                self.live,
            ]
        )
        self.add_class("ck-section")
        self._label_button()

    # ---- choosing -----------------------------------------------------------------------------------
    def refresh_choices(self, cases: list[CaseSummary]) -> None:
        """Offer ``cases`` (the home page's list) and the aliases known for the chosen session."""
        self.cases = list(cases)
        chosen = self.case.value
        ids = [s.case_id for s in self.cases]
        self.case.options = ids
        self.case.value = chosen if chosen in ids else (ids[0] if ids else None)
        self._session_changed()

    def _setup_members(self) -> list[Member]:
        """The members the facilitator has set up for the chosen session (none yet: empty)."""
        from casekit.session.log import session_record

        if not self.case.value or self.session_date.value is None:
            return []
        with self._open_live_store() as store:
            try:
                record = session_record(store, self.case.value, self.session_date.value)
            except SessionError:
                return []
        return list(record.setup.members)

    def members(self) -> dict[str, Role]:
        """The aliases and roles the facilitator has set up for the chosen session (none yet: empty),
        leaving out names the facilitator gave to other people."""
        me = self.person.username
        return {m.alias: m.role for m in self._setup_members() if m.person in (None, me)}

    def given(self) -> Member | None:
        """The place the facilitator gave this person (by their account) in the chosen session."""
        return next((m for m in self._setup_members() if m.person == self.person.username), None)

    def _session_changed(self) -> None:
        self.alias.options = alias_choices(self.cases, list(self.members()))
        given = self.given()
        self.alias.disabled = self.role.disabled = given is not None
        if given is not None:
            self.alias.value, self.role.value = given.alias, given.role
            place = _("The facilitator has given you a place in this session: %(alias)s, %(role)s.")
            words = place % {"alias": given.alias, "role": given.role.label}
            self.message.value = self._place_given = f"<p class='ck-muted'>{html.escape(words)}</p>"
        elif self.message.value and self.message.value == getattr(self, "_place_given", None):
            self.message.value = ""

    def _alias_changed(self) -> None:
        """Choosing an alias the facilitator set up chooses the role they were given."""
        role = {a.casefold(): r for a, r in self.members().items()}.get(self.alias.value.strip().casefold())
        if role is not None:
            self.role.value = role
        self._label_button()

    def _label_button(self) -> None:
        facilitator = self.role.value is Role.FACILITATOR
        self.open_button.description = _("Start the session") if facilitator else _("Join the session")
        self.open_button.tooltip = (
            _("Open the facilitator's screen: set-up, stages and the clock")
            if facilitator
            else _("Open your screen for this session")
        )

    def _open_live_store(self) -> CaseStore:
        """The store without the identifiers key: a session never needs the client's identifiers."""
        from casekit.store import CaseStore

        return CaseStore.open(self.workspace.db_url(self._db_url), key=None, create=False)

    def _checked_alias(self) -> str | None:
        from casekit.model.ids import check_alias

        try:
            return check_alias(self.alias.value)
        except ValueError:
            choose = _(
                "Choose your name in the group from the list, or type an alias: 1 to 40 letters, digits, "
                "spaces, dots, hyphens or underscores."
            )
            self.message.value = f"<div class='ck-error' role='alert'>{html.escape(choose)}</div>"
            return None

    # ---- the session --------------------------------------------------------------------------------
    def start_or_join(self) -> SessionView | None:
        """Open the chosen session in the chosen role; returns the view (None if something is missing)."""
        from casekit.session.session_workbook import prepare
        from casekit.widgets.session import open_session

        self.message.value = ""
        given = self.given()
        if given is not None:  # the facilitator's binding, not the lists, says who this person is
            self.alias.value, self.role.value = given.alias, given.role
        alias = self._checked_alias()
        case_id, day = self.case.value, self.session_date.value
        if alias is None or not case_id or day is None:
            if alias is not None:
                choose = html.escape(_("Choose a case and a day."))
                self.message.value = f"<div class='ck-error' role='alert'>{choose}</div>"
            self._say(_("The session was not opened: see the note above the button."), "problem")
            return None
        self._say(_("Opening the session on %(case)s…") % {"case": case_id}, "working")
        scrubber, brief = prepare(str(self.workspace.root), case_id, use_ner=self._use_ner)
        store = self._open_live_store()
        try:
            view = open_session(
                store,
                case_id,
                day,
                alias=alias,
                role=self.role.value,
                brief=brief,
                scrubber=scrubber,
                **self._view_options,
            )
        except CasekitError:
            store.close()
            raise
        self.leave()
        self._store, self.view = store, view
        self.live.children = (view,)
        self.chooser.layout.display = "none"
        self.leave_button.layout.display = None
        if self.role.value is Role.FACILITATOR:
            self._say(_("You are in the session on %(case)s as facilitator.") % {"case": case_id}, "ok")
        else:
            words = {"case": case_id, "alias": alias}
            self._say(_("You are in the session on %(case)s as %(alias)s.") % words, "ok")
        return view

    def leave(self) -> None:
        """Close this page's session view (the session and everything said in it stay stored)."""
        view, store, self.view, self._store = self.view, self._store, None, None
        if view is not None:
            view.close()
        if store is not None:
            store.close()
        self.live.children = ()
        self.chooser.layout.display = None
        self.leave_button.layout.display = "none"

    def close(self) -> None:
        """Leave the session and close the panel's widgets."""
        self.leave()
        super().close()
