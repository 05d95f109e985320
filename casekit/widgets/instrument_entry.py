"""Record a total from one of the clinic's own instruments with a feedback entry.

The clinician picks the instrument, then either chooses the client's answer to each item (casekit
scores them, turning reverse-scored items round) or types a total worked out on paper. The total is
saved in the feedback entry under the instrument's name; the item answers are not kept. A
questionnaire the client answered only in part is kept as the card and paper paths keep it
(:func:`casekit.instruments.feedback_scores`): the answers given, with a total only where the
questionnaire's own rule allows one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from casekit.errors import InstrumentError
from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.instruments import Instrument, check_total, feedback_scores, partial_words
from casekit.model import FeedbackEntry, PartialAnswers
from casekit.widgets.fields import LABEL_STYLE, Editor, Field, answer_menu, close_all, stacked

#: The two ways to enter a total (the values kept by the toggle; shown through the catalogues).
BY_ITEM, BY_TOTAL = N_("Answer each question"), N_("Type the total")

NO_INSTRUMENTS = N_(
    "Your clinic's own questionnaires can be scored here once their wording has been added to this "
    "workspace (ask whoever set casekit up for your clinic)."
)


def totals_html(entry: FeedbackEntry, instruments: Mapping[str, Instrument]) -> str:
    """The totals recorded with a feedback entry, each with its band when the clinic's file has one,
    and any questionnaire answered only in part, said plainly ("partial — 2 of 3 answered")."""
    if not entry.instrument_scores and not entry.instrument_partial:
        return ""
    parts = []
    for name, total in entry.instrument_scores.items():
        known = instruments.get(name)
        band = known.band(total) if known else None
        out = f"{html.escape(name)}: <strong>{total:g}</strong>"
        if known:
            low, high = known.total_range
            out += " " + html.escape(_("(of %(low)s–%(high)s)") % {"low": f"{low:g}", "high": f"{high:g}"})
        if band:
            out += f" — {html.escape(band.label)}"
        parts.append(f"<li>{out}</li>")
    for name, part in entry.instrument_partial.items():
        parts.append(f"<li>{html.escape(name)}: <strong>{html.escape(partial_words(part))}</strong></li>")
    heading = html.escape(_("Questionnaire totals"))
    return f"<p class='ck-muted'>{heading}</p><ul>{''.join(parts)}</ul>"


class InstrumentScoresField(Field):
    """Enter a total for one of the clinic's instruments: item by item, or the total directly.

    Parameters
    ----------
    editor
        The form.
    entry
        The feedback entry the total belongs to.
    instruments
        The workspace's instruments by name (:func:`casekit.instruments.load_instruments`).
    where
        Where the field is, for error messages ("Feedback 2").
    on_recorded
        Called after a total was recorded (the form refreshes its plot).
    """

    def __init__(
        self,
        editor: Editor,
        entry: FeedbackEntry,
        instruments: Mapping[str, Instrument],
        where: str,
        *,
        on_recorded: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(editor, f"{where} › questionnaire")
        self.entry, self.instruments = entry, dict(instruments)
        self.on_recorded = on_recorded
        self.totals = widgets.HTML(totals_html(entry, self.instruments))
        if not self.instruments:
            self.children = [self.totals]  # the panel says once how questionnaires arrive
            return
        self.choice = widgets.Dropdown(
            options=list(self.instruments),
            description=_("Questionnaire"),
            style=LABEL_STYLE,
            layout=stacked("22em"),
        )
        self.mode = widgets.ToggleButtons(
            options=[(_(BY_ITEM), BY_ITEM), (_(BY_TOTAL), BY_TOTAL)], description=_("How"), style=LABEL_STYLE
        )
        # Unbounded on purpose: a bounded box would silently clamp a mistyped total instead of saying so.
        self.total = widgets.FloatText(description=_("Total"), style=LABEL_STYLE, layout=stacked("10em"))
        self.items = widgets.VBox()
        self.record = widgets.Button(
            description=_("Record total"),
            tooltip=_("Save this total, or the answers given so far, with the feedback"),
        )
        self.record.on_click(editor.guard(self._on_record))
        self.choice.observe(editor.guard(lambda _: self._show()), "value")
        self.mode.observe(editor.guard(lambda _: self._show()), "value")
        self.answers: dict[str, widgets.Dropdown] = {}
        self.children = [self.totals, widgets.HBox([self.choice, self.mode]), self.items, self.record]
        self._show()

    @property
    def instrument(self) -> Instrument:
        """The instrument chosen."""
        return self.instruments[self.choice.value]

    def _show(self) -> None:
        """Show the chosen instrument's items (or the total box) under its licence notice."""
        instrument = self.instrument
        old = list(self.items.children)
        self.answers = {}
        notice = widgets.HTML(
            f"<p class='ck-muted'>{html.escape(instrument.licence.notice)} "
            f"({html.escape(instrument.licence.holder)})</p>"
        )
        rows: list[widgets.Widget] = [notice]
        if self.mode.value == BY_TOTAL:
            low, high = instrument.total_range
            self.total.value = low
            between = _("A total from %(low)s to %(high)s.") % {"low": f"{low:g}", "high": f"{high:g}"}
            rows += [widgets.HTML(f"<p class='ck-muted'>{html.escape(between)}</p>"), self.total]
        else:
            scale = instrument.scale
            for n, item in enumerate(instrument.items, start=1):
                answer = answer_menu(n, scale, _("Not answered"))
                self.answers[item.id] = answer
                rows += [widgets.HTML(f"<p>{n}. {html.escape(item.text)}</p>"), answer]
        self.items.children = rows
        for widget in old:
            if widget is not self.total:
                close_all(widget)

    def recorded(self) -> tuple[dict[str, float], dict[str, PartialAnswers]]:
        """The entry's totals and part-answered questionnaires once the inputs now are recorded.

        Answers given item by item go through :func:`casekit.instruments.feedback_scores`, as the
        card's and the paper card's do: a questionnaire answered in part is kept as such (no total
        unless its own rule gives one), and replaces any earlier result for it, full or partial.

        Raises
        ------
        InstrumentError
            If no question has an answer, or the typed total is outside the possible range.
        """
        name = self.instrument.name
        totals = {k: v for k, v in self.entry.instrument_scores.items() if k != name}
        partial = {k: v for k, v in self.entry.instrument_partial.items() if k != name}
        if self.mode.value == BY_TOTAL:
            totals[name] = check_total(self.instrument, self.total.value).total
            return totals, partial
        answers = {k: w.value for k, w in self.answers.items()}
        full, part = feedback_scores({name: self.instrument}, {name: answers})
        if not full and not part:
            raise InstrumentError(
                _("Choose the client's answer to at least one question, or type the total.")
            )
        return {**totals, **full}, {**partial, **part}

    def _on_record(self, _click: Any) -> None:
        try:
            totals, partial = self.recorded()
        except InstrumentError as exc:
            self.show_error(exc.message)
            return
        if self.commit(self.entry, "instrument_scores", totals) and self.commit(
            self.entry, "instrument_partial", partial
        ):
            self.totals.value = totals_html(self.entry, self.instruments)
            if self.on_recorded is not None:
                self.on_recorded()
