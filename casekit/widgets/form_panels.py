"""The panels of the formulation form, one builder per section of a case.

Each builder takes the form (as :class:`~casekit.widgets.fields.Editor`) and the case, and returns
the panel: the fields on the left, the guidance beside them (wrapping below on narrow screens).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.instruments import Instrument
from casekit.model import (
    Adaptation,
    Case,
    ClientIdentity,
    ClinicianIdentity,
    Domain,
    Entry,
    FeedbackEntry,
    FeedbackRoute,
    Goal,
    GoalStatus,
    HouseholdMember,
    LanguageUse,
    Misstep,
    NamedIdentity,
    OtherIdentifier,
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    Salience,
    Standing,
    Voice,
)
from casekit.model.case import new_entry
from casekit.plots import REPAIR_STYLE, figure_bytes, goal_progress_figure, repair_timeline_figure
from casekit.widgets import formulation_guidance as g
from casekit.widgets.alt_text import feedback_alt, goal_plot_alt, timeline_alt
from casekit.widgets.compare import comparison_html
from casekit.widgets.fields import (
    LABEL_STYLE,
    CheckField,
    ChoiceField,
    DateField,
    Editor,
    EntryField,
    ListField,
    StringListField,
    TextField,
    close_all,
    enum_options,
    score_options,
    stacked,
    today,
)
from casekit.widgets.instrument_entry import NO_INSTRUMENTS, InstrumentScoresField


class _Labels:
    """The form's field labels (:data:`~casekit.widgets.formulation_guidance.FIELD_LABELS`), each
    looked up in the message catalogues when a field is built: ``L["question"]``."""

    def __getitem__(self, key: str) -> str:
        return _(g.FIELD_LABELS[key])


L = _Labels()


def guidance_html(key: str) -> str:
    """The guidance column of a section: its purpose, reflective questions, and ADDRESSING if apt."""
    sec = g.SECTIONS[key]
    items = "".join(f"<li>{html.escape(_(q))}</li>" for q in sec.questions)
    label, head = html.escape(_("Guidance"), quote=True), html.escape(_("Questions to reflect on"))
    out = [
        f"<aside class='ck-guidance' aria-label='{label}'>",
        f"<p>{html.escape(_(sec.purpose))}</p>",
        f"<p class='ck-guidance-head'>{head}</p><ul>{items}</ul>",
    ]
    if sec.addressing:
        areas = "".join(
            f"<li><strong>{html.escape(d.label)}</strong> — {html.escape(_(q))}</li>"
            for d, q in g.ADDRESSING.items()
        )
        out.append(
            f"<details class='ck-addressing'><summary>{html.escape(_(g.ADDRESSING_TITLE))}</summary>"
            f"<p>{html.escape(_(g.ADDRESSING_INTRO))}</p><ul>{areas}</ul></details>"
        )
    out.append("</aside>")
    return "".join(out)


def panel(key: str, fields: list[widgets.Widget]) -> widgets.Box:
    """Fields on the left, guidance on the right; wraps to one column when narrow."""
    left = widgets.VBox(fields, layout=widgets.Layout(flex="3 1 32em", min_width="20em"))
    left.add_class("ck-fields")
    right = widgets.HTML(guidance_html(key), layout=widgets.Layout(flex="2 1 18em", min_width="16em"))
    box = widgets.Box([left, right], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
    box.add_class("ck-panel")
    return box


def heading(text: str, level: int = 3) -> widgets.HTML:
    """A section heading (real heading elements, so screen readers can jump between them)."""
    return widgets.HTML(f"<h{level} class='ck-heading'>{html.escape(text)}</h{level}>")


def _at(where: str, part: str) -> str:
    """Where a field sits, for the status line: "Goal 1 › agreed wording"."""
    return f"{where} › {part}"


def _entry_list(
    editor: Editor, owner: Any, attr: str, label: str, item: str, voice: Voice, where: str
) -> ListField:
    def row(entry: Entry, i: int) -> list[widgets.Widget]:
        return [EntryField(editor, entry, f"{item.capitalize()} {i + 1}", f"{where} {i + 1}", rows=2)]

    return ListField(editor, owner, attr, label, item, lambda: new_entry(voice), row, where)


# --------------------------------------------------------------------------------------------------
# Consultation question and case details


def question_panel(editor: Editor, case: Case) -> widgets.Box:
    """The consultation question, stated first, and how summaries refer to the client."""
    fields = [
        heading(_("Consultation question")),
        EntryField(
            editor,
            case.consultation_question,
            L["question"],
            _("Consultation question"),
            placeholder=_(g.PLACEHOLDERS["question"]),
            rows=4,
        ),
        heading(_("About this case"), 4),
        widgets.HTML(_about_case_html(case)),
        TextField(
            editor,
            case.meta,
            "client_alias",
            _("How summaries refer to the client (a pseudonym, never a name)"),
            _("Client alias"),
            width="28em",
        ),
    ]
    return panel("question", fields)


def _about_case_html(case: Case) -> str:
    """ "Case X, presented by Y, group Z." (the group only when there is one)."""
    meta = case.meta
    words = {
        "case": f"<strong>{html.escape(meta.case_id)}</strong>",
        "alias": html.escape(meta.clinician_alias),
        "group": html.escape(meta.group or ""),
    }
    if meta.group:
        return "<p>" + _("Case %(case)s, presented by %(alias)s, group %(group)s.") % words + "</p>"
    return "<p>" + _("Case %(case)s, presented by %(alias)s.") % words + "</p>"


# --------------------------------------------------------------------------------------------------
# Client identity


def _labelled_entry(editor: Editor, owner: Any, section: str, key: str, rows: int = 3) -> EntryField:
    """The entry ``owner.key`` under its ``section.key`` label, with the placeholder there is for it."""
    label = L[f"{section}.{key}"]
    placeholder = g.PLACEHOLDERS.get(f"{section}.{key}", "")
    placeholder = _(placeholder) if placeholder else ""
    return EntryField(editor, getattr(owner, key), label, label, placeholder=placeholder, rows=rows)


def _domain_choice(editor: Editor, owner: Any, label: str, where: str) -> ChoiceField:
    """The optional area (domain) of an identity, for the side-by-side view."""
    options = [(d.label, d) for d in Domain]
    return ChoiceField(
        editor, owner, "domain", label, where, options=options, none_label=_("Not tagged"), width="20em"
    )


def _text_pair(editor: Editor, owner: Any, where: str, *fields: tuple[str, str, str]) -> widgets.HBox:
    """Short text inputs side by side, each given as ``(attribute, label, width)``."""
    return widgets.HBox(
        [TextField(editor, owner, attr, label, where, width=width) for attr, label, width in fields]
    )


def _identity_row(editor: Editor, named: NamedIdentity, i: int) -> list[widgets.Widget]:
    where = _("Client identity %(num)d") % {"num": i + 1}
    salience = ChoiceField(
        editor, named, "salience", _("How much it matters to them"), where, options=enum_options(Salience)
    )
    return [
        EntryField(editor, named.words, _("In the client's words"), where, rows=2),
        widgets.HBox(
            [salience, _domain_choice(editor, named, _("Area (optional, for side by side)"), where)]
        ),
    ]


def _language_row(editor: Editor, lang: LanguageUse, i: int) -> list[widgets.Widget]:
    where = _("Language %(num)d") % {"num": i + 1}
    return [
        _text_pair(
            editor,
            lang,
            where,
            ("language", _("Language"), "14em"),
            ("context", _("Where or with whom"), "22em"),
        ),
        CheckField(editor, lang, "preferred_for_sessions", _("Preferred for sessions"), where),
    ]


def _identity_lists(editor: Editor, ident: ClientIdentity) -> list[widgets.Widget]:
    """The client's named identities and languages."""
    return [
        ListField(
            editor,
            ident,
            "identities",
            L["identity.identities"],
            _("identity"),
            lambda: NamedIdentity(),
            functools.partial(_identity_row, editor),
            _("Client identities"),
        ),
        ListField(
            editor,
            ident,
            "languages",
            L["identity.languages"],
            _("language"),
            lambda: LanguageUse(language=""),
            functools.partial(_language_row, editor),
            _("Languages"),
        ),
    ]


def _help_lists(editor: Editor, ident: ClientIdentity) -> list[widgets.Widget]:
    """Supports, past help-seeking and barriers to help, each in the client's words."""
    lists = [
        ("supports", _("support"), _("Support")),
        ("past_help_seeking", _("past help"), _("Past help")),
        ("barriers_to_help", _("barrier"), _("Barrier")),
    ]
    return [
        _entry_list(editor, ident, attr, L[f"identity.{attr}"], item, Voice.CLIENT, where)
        for attr, item, where in lists
    ]


def identity_panel(editor: Editor, case: Case) -> widgets.Box:
    """Client identity in the client's own words."""
    ident = case.identity

    def entry(key: str, rows: int = 3) -> EntryField:
        return _labelled_entry(editor, ident, "identity", key, rows)

    fields = [
        heading(_("Client identity, in the client's words")),
        entry("self_description", 4),
        entry("naming", 2),
        TextField(editor, ident, "pronouns", L["identity.pronouns"], _("Pronouns"), width="18em"),
        *_identity_lists(editor, ident),
        entry("intersections"),
        entry("meaning_of_culture", 2),
        entry("meaning_of_healing", 2),
        entry("meaning_of_wellbeing", 2),
        entry("meaning_of_help", 2),
        entry("explanation_of_problem"),
        *_help_lists(editor, ident),
    ]
    return panel("identity", fields)


# --------------------------------------------------------------------------------------------------
# Clinician positionality and the side-by-side view


def positionality_panel(editor: Editor, case: Case) -> widgets.Box:
    """The clinician's own identities and how they shape the work."""
    pos = case.positionality

    def own_row(own: ClinicianIdentity, i: int) -> list[widgets.Widget]:
        where = _("Your identity %(num)d") % {"num": i + 1}
        return [
            EntryField(editor, own.words, _("In your words"), where, rows=2),
            widgets.HBox(
                [
                    _domain_choice(editor, own, _("Area"), where),
                    ChoiceField(
                        editor,
                        own,
                        "standing",
                        _("Where you stand (power and privilege)"),
                        where,
                        options=enum_options(Standing),
                        width="20em",
                    ),
                ]
            ),
        ]

    def entry(key: str) -> EntryField:
        return _labelled_entry(editor, pos, "positionality", key)

    fields = [
        heading(_("Clinician positionality")),
        ListField(
            editor,
            pos,
            "identities",
            L["positionality.identities"],
            _("own identity"),
            lambda: ClinicianIdentity(),
            own_row,
            _("Your identities"),
        ),
        entry("shaping_perception"),
        entry("how_client_may_see_me"),
        _entry_list(
            editor,
            pos,
            "assumptions_to_check",
            L["positionality.assumptions_to_check"],
            _("assumption"),
            Voice.CLINICIAN,
            _("Assumption"),
        ),
        entry("countertransference"),
    ]
    return panel("positionality", fields)


class RefreshingHTML(widgets.HTML):
    """An HTML view computed from the case, refreshed on demand (side-by-side, plots)."""

    def __init__(self, render: Callable[[Case], str], case: Case, *, lazy: bool = False) -> None:
        super().__init__()
        self._render = render
        if not lazy:
            self.refresh(case)

    def refresh(self, case: Case) -> None:
        """Re-render from ``case`` (only sends an update if something changed)."""
        value = self._render(case)
        if value != self.value:
            self.value = value


def compare_panel(case: Case) -> tuple[widgets.Box, RefreshingHTML]:
    """The side-by-side view and the HTML widget to refresh."""
    view = RefreshingHTML(comparison_html, case)
    return panel("compare", [heading(_("The client's identities beside your own")), view]), view


# --------------------------------------------------------------------------------------------------
# Power


def power_panel(editor: Editor, case: Case) -> widgets.Box:
    """Power in the room and in the client's systems."""

    def row(p: PowerDynamic, i: int) -> list[widgets.Widget]:
        where = _("Power %(num)d") % {"num": i + 1}
        return [
            widgets.HBox(
                [
                    ChoiceField(
                        editor,
                        p,
                        "level",
                        _("Where it operates"),
                        where,
                        options=[
                            (_("In the room"), PowerLevel.IN_ROOM),
                            (_("In wider systems"), PowerLevel.SYSTEMIC),
                        ],
                    ),
                    TextField(editor, p, "kind", _("Short label (e.g. fees, language)"), where, width="22em"),
                ]
            ),
            EntryField(editor, p.description, _("What it is"), _at(where, _("what")), rows=2),
            EntryField(editor, p.effect, _("Its effect on the work"), _at(where, _("effect")), rows=2),
            EntryField(
                editor, p.response, _("What you are doing about it"), _at(where, _("response")), rows=2
            ),
        ]

    fields = [
        ListField(
            editor,
            case,
            "power",
            _("Power dynamics"),
            _("power dynamic"),
            lambda: PowerDynamic(),
            row,
            _("Power"),
        )
    ]
    return panel("power", fields)


# --------------------------------------------------------------------------------------------------
# Goals


def _png_html(png: bytes, alt: str) -> str:
    import base64

    data = base64.b64encode(png).decode("ascii")
    return (
        f"<figure class='ck-plot'><img src='data:image/png;base64,{data}' "
        f"alt='{html.escape(alt, quote=True)}'><figcaption>{html.escape(alt)}</figcaption></figure>"
    )


def goal_plot_html(case: Case) -> str:
    """The goal progress plot as an accessible image with a text caption."""
    return _png_html(figure_bytes(goal_progress_figure(case), ("png",))["png"], goal_plot_alt(case))


def timeline_html(case: Case) -> str:
    """The missteps timeline as an accessible image with a text caption."""
    return _png_html(figure_bytes(repair_timeline_figure(case), ("png",))["png"], timeline_alt(case))


#: A goal's ratings shown as editable rows until the user asks for the earlier ones (the progress
#: plot shows them all).
RECENT_RATINGS = 3


class RatingAdder(widgets.HBox):
    """Add a progress rating: pick the date and the client's score, then press "Add rating"."""

    def __init__(self, editor: Editor, ratings: ListField, where: str) -> None:
        self.editor, self.ratings = editor, ratings
        self.date = widgets.DatePicker(
            value=today(), description=_("Date of the new rating"), style=LABEL_STYLE, layout=stacked("14em")
        )
        self.score = widgets.Dropdown(
            options=[(_("Choose…"), None), *score_options(0, 10, {0: _("not at all"), 10: _("fully")})],
            value=None,
            description=_("Client's rating (0–10)"),
            style=LABEL_STYLE,
            layout=stacked("14em"),
        )
        self.button = widgets.Button(description=_("Add rating"), disabled=True)
        self.button.add_class("ck-add")
        self.score.observe(editor.guard(self._on_score), "value")
        self.date.observe(editor.guard(self._on_score), "value")
        self.button.on_click(editor.guard(self._add))
        super().__init__(
            [self.date, self.score, self.button],
            layout=widgets.Layout(align_items="flex-end", flex_flow="row wrap"),
        )
        self.add_class("ck-rating-adder")

    def _on_score(self, _: Any = None) -> None:
        self.button.disabled = self.score.value is None or self.date.value is None

    def _add(self, _: Any = None) -> None:
        if self.score.value is None or self.date.value is None:
            return
        self.ratings.append(ProgressRating(date=self.date.value, score=self.score.value))
        self.score.value = None


def goals_panel(
    editor: Editor, case: Case, on_ratings: Callable[[], None]
) -> tuple[widgets.Box, RefreshingHTML]:
    """Co-created goals with their ratings, and the progress plot."""

    def rating_row(r: ProgressRating, i: int, where: str) -> list[widgets.Widget]:
        w = _at(where, _("rating %(num)d") % {"num": i + 1})
        return [
            widgets.HBox(
                [
                    DateField(editor, r, "date", _("Date"), w),
                    ChoiceField(
                        editor,
                        r,
                        "score",
                        _("Client's rating (0–10)"),
                        w,
                        options=score_options(0, 10, {0: _("not at all"), 10: _("fully")}),
                        width="14em",
                    ),
                ]
            ),
            EntryField(editor, r.note, _("Note"), _at(w, _("note")), rows=1),
        ]

    def goal_row(goal: Goal, i: int) -> list[widgets.Widget]:
        where = _("Goal %(num)d") % {"num": i + 1}
        ratings = ListField(
            editor,
            goal,
            "ratings",
            _("Progress ratings for goal %(num)d (by the client)") % {"num": i + 1},
            _("rating"),
            lambda: ProgressRating(date=today(), score=0),
            lambda r, j: rating_row(r, j, where),
            _at(where, _("ratings")),
            heading_level=4,
            on_change=on_ratings,
            show_add=False,
            show_last=RECENT_RATINGS,
        )
        return [
            EntryField(
                editor, goal.client_words, _("In the client's words"), _at(where, _("client's words")), rows=2
            ),
            EntryField(
                editor,
                goal.clinician_framing,
                _("Your framing"),
                _at(where, _("clinician's framing")),
                rows=2,
            ),
            EntryField(
                editor, goal.agreed_wording, _("Agreed wording"), _at(where, _("agreed wording")), rows=2
            ),
            EntryField(editor, goal.values_served, _("Values it serves"), _at(where, _("values")), rows=2),
            EntryField(
                editor,
                goal.progress_signs,
                _("How progress will be noticed"),
                _at(where, _("progress signs")),
                rows=2,
            ),
            ChoiceField(editor, goal, "status", _("Status"), where, options=enum_options(GoalStatus)),
            ratings,
            RatingAdder(editor, ratings, where),
        ]

    plot = RefreshingHTML(goal_plot_html, case, lazy=True)
    fields = [
        ListField(
            editor, case, "goals", _("Co-created goals"), _("goal"), lambda: Goal(), goal_row, _("Goals")
        ),
        heading(_("Progress over time"), 4),
        plot,
    ]
    return panel("goals", fields), plot


# --------------------------------------------------------------------------------------------------
# Adaptations, missteps, feedback


def adaptations_panel(editor: Editor, case: Case) -> widgets.Box:
    """How the work was fitted to the client's context."""

    def row(a: Adaptation, i: int) -> list[widgets.Widget]:
        where = _("Adaptation %(num)d") % {"num": i + 1}
        return [
            EntryField(editor, a.what, _("What you changed"), _at(where, _("what")), rows=2),
            EntryField(editor, a.why, _("Why"), _at(where, _("why")), rows=2),
            EntryField(
                editor, a.client_response, _("How the client responded"), _at(where, _("response")), rows=2
            ),
        ]

    return panel(
        "adaptations",
        [
            ListField(
                editor,
                case,
                "adaptations",
                _("Adaptations"),
                _("adaptation"),
                lambda: Adaptation(),
                row,
                _("Adaptations"),
            )
        ],
    )


def missteps_panel(editor: Editor, case: Case) -> tuple[widgets.Box, RefreshingHTML]:
    """Missteps and ruptures, their repair, and the timeline."""

    def row(m: Misstep, i: int) -> list[widgets.Widget]:
        where = _("Misstep %(num)d") % {"num": i + 1}
        return [
            widgets.HBox(
                [
                    DateField(editor, m, "date", _("Date (optional)"), where),
                    ChoiceField(
                        editor,
                        m,
                        "status",
                        _("Where the repair stands"),
                        where,
                        options=[(_(REPAIR_STYLE[s][2]), s) for s in RepairStatus],
                        width="20em",
                    ),
                ]
            ),
            EntryField(editor, m.what_happened, _("What happened"), _at(where, _("what happened")), rows=2),
            EntryField(
                editor, m.impact, _("Its impact, as the client described it"), _at(where, _("impact")), rows=2
            ),
            EntryField(
                editor,
                m.acknowledgement,
                _("How you acknowledged it"),
                _at(where, _("acknowledgement")),
                rows=2,
            ),
            EntryField(
                editor, m.repair, _("Repair (apology, what changed)"), _at(where, _("repair")), rows=2
            ),
            EntryField(editor, m.follow_up, _("Follow-up"), _at(where, _("follow-up")), rows=2),
        ]

    plot = RefreshingHTML(timeline_html, case, lazy=True)
    fields = [
        ListField(
            editor,
            case,
            "missteps",
            _("Missteps and repair"),
            _("misstep"),
            lambda: Misstep(),
            row,
            _("Missteps"),
        ),
        heading(_("Timeline"), 4),
        plot,
    ]
    return panel("missteps", fields), plot


def feedback_panel(
    editor: Editor, case: Case, instruments: Mapping[str, Instrument] | None = None
) -> tuple[widgets.Box, RefreshingHTML]:
    """The client's feedback, session by session, with totals of the clinic's own questionnaires,
    and the plot of it all beside the client's words (and the HTML widget to refresh)."""
    plot = RefreshingHTML(functools.partial(feedback_plot_html, instruments=instruments), case, lazy=True)
    row = functools.partial(_feedback_row, editor, case, instruments or {}, plot)
    box = panel(
        "feedback",
        [
            ListField(
                editor,
                case,
                "feedback",
                _("Client feedback"),
                _("feedback entry"),
                lambda: FeedbackEntry(date=today()),
                row,
                _("Feedback"),
            ),
            *(
                []
                if instruments
                else [widgets.HTML(f"<p class='ck-muted'>{html.escape(_(NO_INSTRUMENTS))}</p>")]
            ),
            heading(_("Feedback over time"), 4),
            plot,
        ],
    )
    return box, plot


def _feedback_row(
    editor: Editor,
    case: Case,
    instruments: Mapping[str, Instrument],
    plot: RefreshingHTML,
    f: FeedbackEntry,
    i: int,
) -> list[widgets.Widget]:
    """One feedback entry's fields: the date and ratings, the client's comments, how and in which
    language they were given, and the questionnaire totals."""
    words = {1: _("not at all"), 5: _("completely")}
    where = _("Feedback %(num)d") % {"num": i + 1}
    parts: list[widgets.Widget] = [
        widgets.HBox(
            [
                DateField(editor, f, "date", _("Session date"), where),
                ChoiceField(
                    editor,
                    f,
                    "felt_understood",
                    _("Felt understood (1–5)"),
                    where,
                    options=score_options(1, 5, words),
                    none_label=_("Not asked"),
                ),
                ChoiceField(
                    editor,
                    f,
                    "felt_respected",
                    _("Felt respected (1–5)"),
                    where,
                    options=score_options(1, 5, words),
                    none_label=_("Not asked"),
                ),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        ),
        EntryField(editor, f.comments, _("The client's comments"), _at(where, _("comments")), rows=2),
        widgets.HBox(
            [
                ChoiceField(
                    editor,
                    f,
                    "given",
                    _("How the client gave it"),
                    where,
                    options=enum_options(FeedbackRoute),
                    none_label=_("Not recorded"),
                    width="24em",
                ),
                TextField(
                    editor,
                    f.comments,
                    "language",
                    _("Language of their words"),
                    where,
                    placeholder=_("for example es, fr, vi"),
                    width="16em",
                ),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        ),
    ]
    parts.append(InstrumentScoresField(editor, f, instruments, where, on_recorded=lambda: plot.refresh(case)))
    return parts


def feedback_plot_html(case: Case, instruments: Mapping[str, Instrument] | None = None) -> str:
    """The feedback plot (ratings, questionnaire totals, the client's words) with a text caption."""
    from casekit.plots import feedback_figure

    ranges = {name: i.total_range for name, i in (instruments or {}).items()}
    return _png_html(figure_bytes(feedback_figure(case, ranges=ranges), ("png",))["png"], feedback_alt(case))


# --------------------------------------------------------------------------------------------------
# Private identifiers (built only on request, closed again when hidden)


class IdentifiersPanel(widgets.VBox):
    """The private identifiers, behind a button.

    Their input widgets exist only while the user has them open: a headless run (papermill,
    nbclient), which saves every live widget's state into the notebook, never sees an identifier,
    and hiding the panel closes the widgets so their values leave the page.
    """

    def __init__(self, editor: Editor, case: Case, *, locked: bool = False) -> None:
        super().__init__()
        self.editor, self.case, self.locked = editor, case, locked
        notice = widgets.HTML(
            f"<div class='ck-private-notice' role='note'><strong>{html.escape(_(g.IDENTIFIERS_NOTICE))}"
            f"</strong></div>"
        )
        self.body = widgets.VBox()
        self.toggle = widgets.ToggleButton(
            value=False, description=_("Show private identifiers"), disabled=locked
        )
        self.toggle.observe(editor.guard(self._on_toggle), "value")
        parts: list[widgets.Widget] = [notice]
        if locked:
            parts.append(widgets.HTML(f"<p>{html.escape(_(g.IDENTIFIERS_LOCKED))}</p>"))
        parts += [self.toggle, self.body]
        self.children = [panel("identifiers", parts)]
        self.add_class("ck-private")

    @property
    def is_open(self) -> bool:
        """Whether the identifier inputs exist right now."""
        return bool(self.body.children)

    def _on_toggle(self, change: dict) -> None:
        if change["new"]:
            self.show()
        else:
            self.hide()

    def show(self) -> None:
        """Build the identifier inputs."""
        if self.locked or self.is_open:
            return
        self.body.children = identifier_fields(self.editor, self.case.identifiers)
        self.toggle.description = _("Hide private identifiers")
        self.toggle.value = True

    def hide(self) -> None:
        """Close the identifier inputs (their values leave the page)."""
        for child in self.body.children:
            close_all(child)
        self.body.children = []
        self.toggle.description = _("Show private identifiers")
        self.toggle.value = False


_PRIVATE = N_("Private identifiers")


def _household_row(editor: Editor, member: HouseholdMember, i: int) -> list[widgets.Widget]:
    where = _at(_(_PRIVATE), _("household member %(num)d") % {"num": i + 1})
    return [
        _text_pair(
            editor,
            member,
            where,
            ("relation", _("Relation to the client"), "16em"),
            ("name", _("Name"), "22em"),
        ),
        StringListField(editor, member, "other_names", _("Other names"), _("other name"), where),
    ]


def _other_row(editor: Editor, item: OtherIdentifier, i: int) -> list[widgets.Widget]:
    where = _at(_(_PRIVATE), _("other identifier %(num)d") % {"num": i + 1})
    return [
        _text_pair(
            editor,
            item,
            where,
            ("kind", _("Kind (e.g. record number)"), "18em"),
            ("value", _("Value"), "22em"),
        )
    ]


def _name_fields(editor: Editor, ids: PrivateIdentifiers) -> list[widgets.Widget]:
    """Names: legal, used, other names and scripts, and the household's."""
    w = _(_PRIVATE)
    return [
        heading(_("Names"), 4),
        widgets.HBox(
            [
                TextField(editor, ids, "legal_name", _("Legal name"), _at(w, _("legal name")), width="22em"),
                TextField(editor, ids, "name_used", _("Name used"), _at(w, _("name used")), width="18em"),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        ),
        StringListField(editor, ids, "other_names", _("Other names and nicknames"), _("other name"), w),
        StringListField(editor, ids, "names_in_other_scripts", _("Names in other scripts"), _("name"), w),
        ListField(
            editor,
            ids,
            "household",
            _("Family and household"),
            _("household member"),
            lambda: HouseholdMember(relation=""),
            functools.partial(_household_row, editor),
            _at(w, _("household")),
            heading_level=4,
        ),
    ]


def _birth_and_address_fields(editor: Editor, ids: PrivateIdentifiers) -> list[widgets.Widget]:
    """Date of birth and the parts of the address."""
    w, a = _(_PRIVATE), ids.address
    return [
        heading(_("Date of birth and address"), 4),
        DateField(editor, ids, "date_of_birth", _("Date of birth"), _at(w, _("date of birth"))),
        widgets.HBox(
            [
                TextField(editor, a, "street", _("Street"), _at(w, _("street")), width="22em"),
                TextField(editor, a, "unit", _("Unit"), _at(w, _("unit")), width="8em"),
                TextField(editor, a, "city", _("City or town"), _at(w, _("city")), width="16em"),
                TextField(editor, a, "county", _("County"), _at(w, _("county")), width="14em"),
                TextField(editor, a, "region", _("State or region"), _at(w, _("region")), width="14em"),
                TextField(editor, a, "postal_code", _("Postal code"), _at(w, _("postal code")), width="10em"),
                TextField(editor, a, "country", _("Country"), _at(w, _("country")), width="14em"),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        ),
    ]


def _contact_fields(editor: Editor, ids: PrivateIdentifiers) -> list[widgets.Widget]:
    """Phones, emails, employers, schools and any other identifying detail."""
    w = _(_PRIVATE)
    return [
        heading(_("Contacts, work and school"), 4),
        StringListField(editor, ids, "phones", _("Phone numbers"), _("phone"), _at(w, _("phones"))),
        StringListField(editor, ids, "emails", _("Email addresses"), _("email"), _at(w, _("emails"))),
        StringListField(editor, ids, "employers", _("Employers"), _("employer"), _at(w, _("employers"))),
        StringListField(editor, ids, "schools", _("Schools"), _("school"), _at(w, _("schools"))),
        ListField(
            editor,
            ids,
            "other",
            _("Other identifying details"),
            _("identifier"),
            lambda: OtherIdentifier(kind="", value=""),
            functools.partial(_other_row, editor),
            _at(w, _("other")),
            heading_level=4,
        ),
    ]


def identifier_fields(editor: Editor, ids: PrivateIdentifiers) -> list[widgets.Widget]:
    """The inputs for every identifier kind."""
    return [
        *_name_fields(editor, ids),
        *_birth_and_address_fields(editor, ids),
        *_contact_fields(editor, ids),
    ]
