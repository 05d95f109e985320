"""Record a total from one of the clinic's own instruments with a feedback entry.

The clinician picks the instrument, then either chooses the client's answer to each item (casekit
scores them, turning reverse-scored items round) or types a total worked out on paper. The total is
saved in the feedback entry under the instrument's name; the item answers are not kept.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets

from casekit.errors import InstrumentError
from casekit.i18n import N_
from casekit.instruments import Instrument, Score, check_total, partial_words, score
from casekit.model import FeedbackEntry
from casekit.widgets.fields import LABEL_STYLE, Editor, Field, close_all, score_options, stacked

#: The two ways to enter a total.
BY_ITEM, BY_TOTAL = "Answer each question", "Type the total"

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
            out += f" (of {low:g}–{high:g})"
        if band:
            out += f" — {html.escape(band.label)}"
        parts.append(f"<li>{out}</li>")
    for name, part in entry.instrument_partial.items():
        parts.append(f"<li>{html.escape(name)}: <strong>{html.escape(partial_words(part))}</strong></li>")
    return f"<p class='ck-muted'>Questionnaire totals</p><ul>{''.join(parts)}</ul>"


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
            description="Questionnaire",
            style=LABEL_STYLE,
            layout=stacked("22em"),
        )
        self.mode = widgets.ToggleButtons(options=[BY_ITEM, BY_TOTAL], description="How", style=LABEL_STYLE)
        # Unbounded on purpose: a bounded box would silently clamp a mistyped total instead of saying so.
        self.total = widgets.FloatText(description="Total", style=LABEL_STYLE, layout=stacked("10em"))
        self.items = widgets.VBox()
        self.record = widgets.Button(description="Record total", tooltip="Save this total with the feedback")
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
            rows += [widgets.HTML(f"<p class='ck-muted'>A total from {low:g} to {high:g}.</p>"), self.total]
        else:
            scale = instrument.scale
            for n, item in enumerate(instrument.items, start=1):
                answer = widgets.Dropdown(
                    options=[("Not answered", None), *score_options(scale.min, scale.max, scale.labels)],
                    value=None,
                    description=f"Answer to question {n}",
                    style=LABEL_STYLE,
                    layout=stacked("16em"),
                )
                self.answers[item.id] = answer
                rows += [widgets.HTML(f"<p>{n}. {html.escape(item.text)}</p>"), answer]
        self.items.children = rows
        for widget in old:
            if widget is not self.total:
                close_all(widget)

    def scored(self) -> Score:
        """The total the inputs give now.

        Raises
        ------
        InstrumentError
            If a question is unanswered or the typed total is outside the possible range.
        """
        if self.mode.value == BY_TOTAL:
            return check_total(self.instrument, self.total.value)
        answers = {k: w.value for k, w in self.answers.items() if w.value is not None}
        return score(self.instrument, answers)

    def _on_record(self, _: Any) -> None:
        try:
            result = self.scored()
        except InstrumentError as exc:
            self.show_error(exc.message)
            return
        totals = {**self.entry.instrument_scores, self.instrument.name: result.total}
        if self.commit(self.entry, "instrument_scores", totals):
            self.totals.value = totals_html(self.entry, self.instruments)
            if self.on_recorded is not None:
                self.on_recorded()
