"""The home page (``notebooks/home.ipynb``, served by ``casekit app``): the whole workflow, no code.

What it shows
-------------
* The workspace's cases, found by part of a case code or a clinician's alias and narrowed to one
  group, each with the date it last changed (a date, never a time).
* For the chosen case: a link that opens its formulation form (the live copy ``casekit open`` writes,
  prepared by the same function), a button that runs its case review through
  :class:`casekit.workbooks.Runner`, and a button that exports a de-identified handout (HTML or PDF)
  through :mod:`casekit.export.api`, with a download link and where it was saved. The export gate is
  never skipped: when it stops because some words still need a decision, the page says so plainly.
* **New case**: a suggested next pseudonymous code (:func:`casekit.model.ids.suggest_case_id`), checked
  as it is typed, the presenting clinician's alias, an optional group, and a reminder that names go
  only into the private identifiers.

Errors are shown in the status line in plain words (a :class:`~casekit.errors.CasekitError`'s
message), never as a traceback: every callback goes through :func:`casekit.widgets.fields.guarded`.
:func:`build_notebook` writes the notebook; ``python -m casekit.widgets.home`` rewrites the committed
file, and a test checks the two agree.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from nbformat import NotebookNode

from casekit import layout
from casekit.errors import CasekitError, ConsentError, ExportGateError
from casekit.i18n import N_, day_words, ngettext
from casekit.i18n import gettext as _
from casekit.resources import widget_workbook, write_workbook
from casekit.widgets.fields import LABEL_STYLE, guarded, stacked, status_html
from casekit.widgets.home_supervision import AUDIENCES, HANDOUTS, SupervisionSlot
from casekit.widgets.style import FORM_CSS

if TYPE_CHECKING:
    from casekit.store.records import CaseSummary
    from casekit.workspace import Workspace

NOTEBOOK_NAME = "home.ipynb"
#: Dropdown values of the group filter that are not a group's name.
ALL_GROUPS, NO_GROUP = "\x00all", "\x00none"
#: Handouts larger than this get no download link (the page says where the file is instead).
MAX_LINK_BYTES = 20_000_000
#: The handout formats offered, as (label, format).
FORMATS = ((N_("Web page (HTML)"), "html"), (N_("PDF"), "pdf"))

_HOME_CSS = """<style>
.ck-home .ck-section { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px;
  margin: 10px 0; background: #fbfcfd; }
.ck-home h2, .ck-home h3 { margin: 4px 0 6px 0; }
.ck-home .ck-status { padding: 4px 10px; border-radius: 6px; }
.ck-home .ck-status-ok { background: #e6f4ea; color: #0d5223; }
.ck-home .ck-status-working { background: #fff8c5; color: #5c4300; }
.ck-home .ck-status-problem { background: #fde8e8; color: #8a1c1c; }
.ck-home .ck-reminder { background: #fff8ec; border-left: 4px solid #b35900; padding: 6px 12px;
  color: #5c2e00; }
.ck-home select { font-size: 14px; }
.ck-home a { color: #0b4fa3; text-decoration: underline; }
</style>"""

#: The notebook's opening cell (Markdown): its heading and what the page is for, both catalogued so a
#: workbook built under :func:`casekit.i18n.use_language` opens in that language.
_INTRO_HEADING = N_("Your cases")
_INTRO = N_(
    """\
Everything for your cases is on this page. Choose a case to open its formulation, run a case review,
check what de-identification was unsure of, record the client's consent to consultation, keep notes
from supervision and your learning plan, give the client a card to write on in their own language,
or make a de-identified handout (the full summary or a one-page brief) for your group or your
supervisor. **A live consultation session** starts or joins a
meeting, with a short guide for the facilitator. To start a new case, scroll to **New case**."""
)

_PARAMETERS = """\
# Parameters: a path only (never a name or other identifier).
workspace = ""  # the casekit workspace folder; "" uses $CASEKIT_WORKSPACE or the current folder"""

_PAGE = """\
from casekit.widgets.home import show_home

home = show_home(workspace)
home"""


def build_notebook() -> NotebookNode:
    """The home workbook as a notebook node (its code hidden; no outputs, no widget state), its
    opening cell in the language shown."""
    intro = f"# {_(_INTRO_HEADING)}\n\n{_(_INTRO)}"
    return widget_workbook("home", _PARAMETERS, _PAGE, intro=intro)


def write_notebook(path: Path) -> Path:
    """Write the workbook to ``path`` (atomically)."""
    return write_workbook(path, build_notebook())


@dataclass(frozen=True)
class Handout:
    """A handout written to the workspace's exports folder."""

    path: Path
    data: bytes
    fmt: str


def changed_on(updated: dt.datetime) -> str:
    """The day a case last changed, in words ("12 Jan 2026"): a date, never a time."""
    return day_words(updated)


def case_label(summary: CaseSummary) -> str:
    """One line of the case list: code, group, clinician and the day it last changed."""
    group = summary.group or _("no group")
    changed = _("changed %(day)s") % {"day": changed_on(summary.updated)}
    return f"{summary.case_id} · {group} · {summary.clinician_alias} · {changed}"


def matches(summary: CaseSummary, text: str, group: str) -> bool:
    """Whether a case is shown for the search ``text`` and the group filter ``group``."""
    if group == NO_GROUP and summary.group is not None:
        return False
    if group not in (ALL_GROUPS, NO_GROUP) and summary.group != group:
        return False
    needle = text.strip().casefold()
    return not needle or needle in summary.case_id.casefold() or needle in summary.clinician_alias.casefold()


class HomePage(widgets.VBox):
    """The home page of one workspace: cases, their actions, and a new case.

    Parameters
    ----------
    workspace
        The workspace whose cases are shown.
    db_url, passphrase
        Store URL and identifiers passphrase, if not the workspace's own (see :mod:`casekit.settings`).
    use_ner
        Look for names the case does not list when exporting (the usual, thorough check).
    review
        Runs the case review for a case id and returns where the run was saved (default: a
        :class:`casekit.workbooks.Runner` with one kernel).
    session_options
        Passed to the live session panel (:class:`casekit.widgets.home_session.SessionPanel`).
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        db_url: str | None = None,
        passphrase: str | None = None,
        use_ner: bool = True,
        review: Callable[[str], Path] | None = None,
        session_options: dict[str, Any] | None = None,
    ) -> None:
        # Over 80 lines on purpose: it builds the page's widgets top to bottom in the order they are
        # shown, so the layout reads in one place (each widget is a few plain lines).
        super().__init__()
        self.add_class("ck-form")
        self.add_class("ck-home")
        self.workspace = workspace
        self._db_url, self._passphrase, self._use_ner = db_url, passphrase, use_ner
        self._review = review or self._run_review
        #: Exceptions caught in callbacks (for debugging in the kernel; never displayed).
        self.errors: list[BaseException] = []
        self.cases: list[CaseSummary] = []
        self._current: str | None = None  # the case whose actions are shown
        self._links: dict[str, str] = {}  # case id -> link to its prepared formulation page

        self.status = widgets.HTML()
        self.status.add_class("ck-status")
        # ---- find a case
        self.search = widgets.Text(
            description=_("Find a case"),
            placeholder=_("Part of a case code or a clinician's alias"),
            continuous_update=True,
            style=LABEL_STYLE,
            layout=stacked("22em"),
        )
        self.group_filter = widgets.Dropdown(
            description=_("Group"), options=[], style=LABEL_STYLE, layout=stacked("16em")
        )
        self.case_list = widgets.Select(
            description=_("Cases"), options=[], rows=8, style=LABEL_STYLE, layout=stacked("100%")
        )
        self.shown = widgets.HTML()
        # ---- the chosen case
        self.case_heading = widgets.HTML()
        self.formulation_link = widgets.HTML()
        self.review_button = widgets.Button(
            description=_("Run a case review"),
            tooltip=_("Goal progress, feedback and what changed since last time, for your group"),
            layout={"width": "auto"},
        )
        self.review_result = widgets.HTML()
        self.handout_format = widgets.RadioButtons(
            options=[(_(label), fmt) for label, fmt in FORMATS],
            value="html",
            description=_("Handout as"),
            style=LABEL_STYLE,
        )
        self.export_button = widgets.Button(
            description=_("Export a handout"),
            button_style="primary",
            tooltip=_("A de-identified summary of the case for your group"),
            layout={"width": "auto"},
        )
        self.export_result = widgets.HTML()
        from casekit.widgets.home_review import ReviewPanel  # the in-browser de-identification review

        self.review_panel = ReviewPanel(
            workspace, self._store, guard=self.guard, say=self.say, use_ner=use_ner
        )
        self.handout_kind = widgets.RadioButtons(
            options=[(_(label), kind) for label, kind in HANDOUTS],
            description=_("Handout"),
            style=LABEL_STYLE,
        )
        self.handout_for = widgets.Dropdown(
            options=[(_(label), who) for label, who in AUDIENCES], description=_("For"), style=LABEL_STYLE
        )
        self.supervision = SupervisionSlot(self._store, self.guard)
        from casekit.widgets.home_card import CardPanel  # the client's card and the paper card

        self.cards = CardPanel(workspace, self._store, guard=self.guard, say=self.say)
        self.case_panel = widgets.VBox(
            [
                self.case_heading,
                self.formulation_link,
                widgets.HBox([self.review_button], layout=widgets.Layout(margin="6px 0")),
                self.review_result,
                widgets.HBox(
                    [self.handout_kind, self.handout_format, self.handout_for, self.export_button],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="12px"),
                ),
                self.export_result,
                self.review_panel,
                self.supervision,
                self.cards,
            ]
        )
        self.case_panel.add_class("ck-section")
        # ---- new case
        self.new_id = widgets.Text(
            description=_("Case code"),
            placeholder=_("e.g. CK-0412"),
            continuous_update=True,
            style=LABEL_STYLE,
            layout=stacked("14em"),
        )
        self.new_id_message = widgets.HTML()
        self.new_clinician = widgets.Text(
            description=_("Your alias (presenting clinician)"),
            placeholder=_("e.g. Presenter A"),
            continuous_update=True,
            style=LABEL_STYLE,
            layout=stacked("22em"),
        )
        self.new_clinician_message = widgets.HTML()
        self.new_group = widgets.Combobox(
            description=_("Group (optional)"),
            placeholder=_("e.g. north-team"),
            options=[],
            ensure_option=False,
            style=LABEL_STYLE,
            layout=stacked("16em"),
        )
        self.new_group_message = widgets.HTML()
        self.new_summary = widgets.HTML()
        self.create_button = widgets.Button(
            description=_("Create case"),
            button_style="primary",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        new_case = widgets.VBox(
            [
                widgets.HTML("<h2>" + html.escape(_("New case")) + "</h2>"),
                widgets.HTML(_names_reminder()),
                widgets.HBox(
                    [
                        widgets.VBox([self.new_id, self.new_id_message]),
                        widgets.VBox([self.new_clinician, self.new_clinician_message]),
                        widgets.VBox([self.new_group, self.new_group_message]),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap", grid_gap="12px"),
                ),
                self.new_summary,
                self.create_button,
            ]
        )
        new_case.add_class("ck-section")
        find = widgets.VBox(
            [
                widgets.HTML("<h2>" + html.escape(_("Find a case")) + "</h2>"),
                widgets.HBox(
                    [self.search, self.group_filter],
                    layout=widgets.Layout(flex_flow="row wrap", grid_gap="12px"),
                ),
                self.case_list,
                self.shown,
            ]
        )
        find.add_class("ck-section")

        self.search.observe(self.guard(lambda _: self.refresh_list()), "value")
        self.group_filter.observe(self.guard(lambda _: self.refresh_list()), "value")
        self.case_list.observe(self.guard(lambda _: self.show_case()), "value")
        self.review_button.on_click(self.guard(lambda _: self.run_review()))
        self.export_button.on_click(self.guard(lambda _: self.export_handout()))
        self.new_id.observe(self.guard(lambda _: self.check_new_id()), "value")
        self.new_clinician.observe(self.guard(lambda _: self.check_new_clinician()), "value")
        self.new_group.observe(self.guard(lambda _: self.summarise_new_case()), "value")
        self.create_button.on_click(self.guard(lambda _: self.create_case()))

        from casekit.widgets.home_session import SessionPanel  # start or join a live session

        self.session_panel = SessionPanel(
            workspace,
            db_url=db_url,
            guard=self.guard,
            say=self.say,
            use_ner=use_ner,
            **(session_options or {}),
        )
        from casekit.widgets.home_people import PeopleSlot  # people, keys and sharing (people access)

        self.people = PeopleSlot(self._store, self.guard, keep_list=workspace.keep_list, use_ner=use_ner)
        self.children = [
            widgets.HTML(FORM_CSS + _HOME_CSS, layout=widgets.Layout(display="none")),
            self.status,
            find,
            self.case_panel,
            self.session_panel,
            self.people,
            new_case,
        ]
        self.reload()
        self.say(_("Ready. Choose a case from the list, or start a new one below."), "ok")

    # ---- display -------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<casekit home page: {len(self.cases)} cases>"

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: any exception is shown in the status line, never a traceback."""
        return guarded(callback, self.errors, lambda message: self.say(message, "problem"))

    def say(self, text: str, kind: str = "ok") -> None:
        """Show ``text`` in the status line; ``kind`` is ``ok``, ``working`` or ``problem``."""
        self.status.value = status_html(text, kind)

    # ---- the store -----------------------------------------------------------------------------------
    def _store(self) -> Any:
        return self.workspace.open_store(db_url=self._db_url, passphrase=self._passphrase)

    def reload(self) -> None:
        """Read the case list from the store again and refresh the filters and the suggestion."""
        with self._store() as store:
            self.cases = store.list_cases()
        groups = sorted({s.group for s in self.cases if s.group})
        chosen = self.group_filter.value
        options = [(_("All groups"), ALL_GROUPS), *[(g, g) for g in groups]]
        if any(s.group is None for s in self.cases):
            options.append((_("No group"), NO_GROUP))
        self.group_filter.options = options
        self.group_filter.value = chosen if chosen in dict(options).values() else ALL_GROUPS
        self.new_group.options = groups
        self.session_panel.refresh_choices(self.cases)
        self.refresh_list()
        self.suggest()

    def visible_cases(self) -> list[CaseSummary]:
        """The cases the search and group filter let through, in case-code order."""
        return [s for s in self.cases if matches(s, self.search.value, self.group_filter.value)]

    def refresh_list(self) -> None:
        """Show the cases that match the search and the group filter."""
        shown = self.visible_cases()
        chosen = self.case_list.value
        self.case_list.options = [(case_label(s), s.case_id) for s in shown]
        ids = [s.case_id for s in shown]
        self.case_list.value = chosen if chosen in ids else None
        total = len(self.cases)
        if not total:
            self.shown.value = (
                "<p class='ck-muted'>"
                + html.escape(_("There are no cases here yet: start one below."))
                + "</p>"
            )
        else:
            counted = ngettext(
                "Showing %(shown)d of %(num)d case.", "Showing %(shown)d of %(num)d cases.", total
            )
            self.shown.value = (
                f"<p class='ck-muted'>{html.escape(counted % {'shown': len(shown), 'num': total})}</p>"
            )
        self.show_case()

    # ---- the chosen case -----------------------------------------------------------------------------
    def show_case(self) -> None:
        """Show the chosen case's actions (and prepare its formulation page), or hide them."""
        case_id = self.case_list.value
        if case_id == self._current:  # the same case, still chosen (the list was only narrowed)
            return
        self._current = case_id
        self.supervision.show_case(case_id)
        self.cards.show_case(case_id)
        self.people.show_case(case_id)
        self.review_result.value = self.export_result.value = ""
        if not case_id:
            self.case_panel.layout.display = "none"
            return
        summary = next(s for s in self.cases if s.case_id == case_id)
        self.review_panel.show(case_id, summary.clinician_alias)
        self.case_panel.layout.display = None
        presented = _("Presented by %(alias)s, %(group)s; last changed %(day)s.") % {
            "alias": summary.clinician_alias,
            "group": summary.group or _("no group"),
            "day": changed_on(summary.updated),
        }
        self.case_heading.value = (
            f"<h3>{html.escape(case_id)}</h3><p class='ck-muted'>{html.escape(presented)}</p>"
        )
        if case_id not in self._links:
            self._links[case_id] = self.prepare_formulation(case_id)
        link = self._links[case_id]
        opens = _("Open the formulation form for %(case)s") % {"case": case_id}
        how = _("(opens in a new tab; it saves as you type)")
        self.formulation_link.value = (
            f"<p><a href='{html.escape(link)}' target='_blank' rel='noopener'>{html.escape(opens)}</a> "
            f"{html.escape(how)}.</p>"
        )

    def prepare_formulation(self, case_id: str) -> str:
        """Write the case's live formulation page (as ``casekit open`` does); return its link.

        The link is relative to this page, so it works both in the app (Voila) and in JupyterLab.
        """
        from casekit.workbooks.live_copy import prepare_formulation

        target = prepare_formulation(self.workspace, case_id)
        here = layout.home_path(self.workspace.root).parent
        return Path(os.path.relpath(target, here)).as_posix()

    def run_review(self) -> Path | None:
        """Run the chosen case's review; show where it was saved. Returns that path."""
        case_id = self.case_list.value
        if not case_id:
            self.say(_("Choose a case first."), "problem")
            return None
        self.say(
            _("Running the case review for %(case)s; this can take a minute…") % {"case": case_id}, "working"
        )
        self.review_button.disabled = True
        try:
            path = self._review(case_id)
        finally:
            self.review_button.disabled = False
        where = self._where(path)
        saved = _("The case review is ready. It was saved in your workspace as %(path)s.")
        self.review_result.value = (
            "<p>" + html.escape(saved) % {"path": f"<strong>{html.escape(where)}</strong>"} + "</p>"
        )
        self.say(_("The case review for %(case)s is ready.") % {"case": case_id}, "ok")
        return path

    def _run_review(self, case_id: str) -> Path:
        from casekit.workbooks import Runner

        with Runner(self.workspace, kernels=1, db_url=self._db_url, passphrase=self._passphrase) as runner:
            return runner.run("case-review", case_id).output

    def export_handout(self) -> Handout | None:
        """Export the chosen case's de-identified handout; show a download link and where it went."""
        case_id = self.case_list.value
        if not case_id:
            self.say(_("Choose a case first."), "problem")
            return None
        fmt = self.handout_format.value
        self.say(_("Checking and writing the handout for %(case)s…") % {"case": case_id}, "working")
        self.export_button.disabled = True
        try:
            handout = self._export(case_id, fmt)
        except ConsentError as exc:
            self.export_result.value = _gate_message(case_id, exc)
            self.say(
                _("The handout for %(case)s was not written: consent to consultation comes first.")
                % {"case": case_id},
                "problem",
            )
            return None
        except ExportGateError as exc:
            self.export_result.value = _gate_message(case_id, exc)
            self.say(
                _("The handout for %(case)s was not written: it needs your review first.")
                % {"case": case_id},
                "problem",
            )
            return None
        finally:
            self.export_button.disabled = False
        where = self._where(handout.path)
        link = ""
        if len(handout.data) <= MAX_LINK_BYTES:
            mime = "application/pdf" if fmt == "pdf" else "text/html"
            data = base64.b64encode(handout.data).decode("ascii")
            download = _("Download the handout (%(file)s)") % {"file": handout.path.name}
            link = (
                f"<a download='{html.escape(handout.path.name)}' href='data:{mime};base64,{data}'>"
                f"{html.escape(download)}</a> — "
            )
        saved = _(
            "saved in your workspace as %(path)s. It has been checked for the client's identifying details; "
            "a receipt of what was removed is beside it."
        )
        where_html = f"<strong>{html.escape(where)}</strong>"
        self.export_result.value = (
            f"<p>{link}" + html.escape(saved, quote=False) % {"path": where_html} + "</p>"
        )
        self.say(_("The handout for %(case)s is ready.") % {"case": case_id}, "ok")
        return handout

    def _export(self, case_id: str, fmt: str) -> Handout:
        from casekit.errors import ExportError
        from casekit.export import api

        with self._store() as store:
            record = store.load(case_id)
            if record.identifiers_locked or not store.has_key:
                raise ExportError(
                    _(
                        "The handout for %(case)s cannot be checked because this workspace's key is not "
                        "here; open the page where the key is kept, then export again (nothing was written)."
                    )
                    % {"case": case_id}
                )
            secret = store.fingerprint_secret(case_id)
        export = api.export_case(
            record.case,
            fmt,
            use_ner=self._use_ner,
            secret=secret,
            handout=self.handout_kind.value,
            audience=self.handout_for.value,
        )
        with self._store() as store:
            (path,) = api.write_exports([export], self.workspace.exports_dir, store=store)
        return Handout(path, export.data, fmt)

    def _where(self, path: Path) -> str:
        try:
            return Path(path).relative_to(self.workspace.root).as_posix()
        except ValueError:
            return str(path)

    # ---- new case ------------------------------------------------------------------------------------
    def suggest(self) -> None:
        """Put the next free case code into the new case's code box."""
        from casekit.model.ids import suggest_case_id

        self.new_id.value = suggest_case_id([s.case_id for s in self.cases])

    def check_new_id(self) -> str | None:
        """Check the new case's code as it is typed; show what is wrong under it. Returns the problem."""
        from casekit.model.ids import check_case_id

        value = self.new_id.value.strip()
        problem = None
        try:
            check_case_id(value)
        except ValueError:
            problem = _(
                "Use a made-up code of capital letters, digits and hyphens with at least one digit, "
                "3 to 24 characters long, such as CK-0412."
            )
        else:
            if any(s.case_id == value for s in self.cases):
                problem = _("%(case)s is already a case here; choose another code.") % {"case": value}
        _show(self.new_id_message, problem)
        self.summarise_new_case()
        return problem

    def check_new_clinician(self) -> str | None:
        """Check the clinician's alias; show what is wrong under it. Returns the problem."""
        from casekit.model.ids import check_alias

        problem = None
        try:
            check_alias(self.new_clinician.value)
        except ValueError:
            problem = _(
                "Write your alias: 1 to 40 letters, digits, spaces, dots, hyphens or underscores, "
                "such as Presenter A."
            )
        _show(self.new_clinician_message, problem)
        self.summarise_new_case()
        return problem

    def summarise_new_case(self) -> None:
        """Say in one sentence what "Create case" will create (or nothing while a box needs changing)."""
        code, alias = self.new_id.value.strip(), self.new_clinician.value.strip()
        if not alias or self.new_id_message.value or self.new_clinician_message.value:
            self.new_summary.value = ""
            return
        group = self.new_group.value.strip()
        words = {"case": code, "alias": alias, "group": group}
        if group:
            summary = _("Create case %(case)s, presented by %(alias)s, in the group %(group)s.") % words
        else:
            summary = _("Create case %(case)s, presented by %(alias)s, with no group.") % words
        self.new_summary.value = f"<p class='ck-muted'>{html.escape(summary)}</p>"

    def _check_new_group(self) -> str | None:
        from casekit.model.ids import check_alias

        problem = None
        if self.new_group.value.strip():
            try:
                check_alias(self.new_group.value)
            except ValueError:
                problem = _("A group name is up to 40 letters, digits, spaces, dots, hyphens or underscores.")
        _show(self.new_group_message, problem)
        return problem

    def create_case(self) -> str | None:
        """Create the new case if its code, alias and group are fine; returns its code, or None."""
        checks = (self.check_new_id(), self.check_new_clinician(), self._check_new_group())
        if any(checks):
            self.say(_("The new case was not created: see the note under the box to change."), "problem")
            return None
        from casekit.model import Case, CaseMeta

        case_id = self.new_id.value.strip()
        meta = CaseMeta(
            case_id=case_id,
            clinician_alias=self.new_clinician.value.strip(),
            group=self.new_group.value.strip() or None,
        )
        with self._store() as store:
            store.create(Case(meta=meta), author=meta.clinician_alias)
        self.reload()
        self.search.value = ""
        self.group_filter.value = ALL_GROUPS
        self.case_list.value = case_id
        self.say(
            _("%(case)s is created. Open its formulation form below to start filling it in.")
            % {"case": case_id},
            "ok",
        )
        return case_id


def _show(target: widgets.HTML, problem: str | None) -> None:
    target.value = f"<div class='ck-error' role='alert'>{html.escape(problem)}</div>" if problem else ""


def _names_reminder() -> str:
    """The new case's reminder that names go only into the private identifiers."""
    head = _("Names stay private.")
    body = _(
        "The case code is a made-up code, never the client's name or initials. Once the case is "
        "created, put the client's name and contact details only in its %(tab)s tab, which is kept "
        "encrypted and never exported."
    )
    tab = "<em>" + html.escape(_("Private identifiers")) + "</em>"
    return (
        f"<p class='ck-reminder'><strong>{html.escape(head)}</strong> "
        + html.escape(body, quote=False) % {"tab": tab}
        + "</p>"
    )


def _gate_message(case_id: str, exc: CasekitError) -> str:
    """What to say when the export gate stops a handout, in plain words."""
    if "not been reviewed" not in exc.message:
        return f"<div class='ck-reminder' role='alert'><p>{html.escape(exc.message)}</p></div>"
    first = _("This handout needs your review first.")
    few = _(
        "A few words in %(case)s might identify the client, and casekit will not guess: for each one, "
        "you decide whether it stays or is hidden. Nothing was written."
    )
    how = _(
        "How to review: press %(button)s below. Each word is shown in its sentence, on your own screen "
        "only; make your choices, save them, then export again."
    )
    button = "<em>" + html.escape(_("Review words that might identify the client")) + "</em>"
    return (
        f"<div class='ck-reminder' role='alert'><p><strong>{html.escape(first)}</strong> "
        + html.escape(few, quote=False) % {"case": html.escape(case_id)}
        + "</p><p>"
        + html.escape(how, quote=False) % {"button": button}
        + "</p></div>"
    )


def show_home(workspace: str = "", **options: Any) -> Any:
    """The home page of ``workspace`` (or of ``$CASEKIT_WORKSPACE``), or a short message if it cannot open.

    A headless run (casekit's runner sets ``CASEKIT_HEADLESS``) gets only a line saying where the page
    is opened: nobody could use its buttons there.
    """
    from casekit.nbsupport import headless
    from casekit.settings import resolve
    from casekit.widgets.formulation_workbook import _Message
    from casekit.workspace import Workspace

    if headless():  # a run with nobody watching (casekit's runner): no live page to build
        return _Message(_("The home page is for your browser: open it with casekit app."))
    try:
        settings = resolve(workspace=workspace or None)
        ws = Workspace.find(settings.workspace)
        return HomePage(ws, db_url=settings.db_url, passphrase=settings.passphrase, **options)
    except CasekitError as exc:
        return _Message(_("The home page could not open: %(problem)s") % {"problem": exc.message})


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``notebooks/home.ipynb`` (or the path given)."""
    from casekit.resources import rewrite_workbook

    return rewrite_workbook(NOTEBOOK_NAME, write_notebook, argv)


if __name__ == "__main__":
    raise SystemExit(main())
