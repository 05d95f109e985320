"""The clinic's questionnaires on a returned paper card, typed in on the home page.

A paper feedback card can carry the clinic's own licensed questionnaires
(:mod:`casekit.instruments`). When the card comes back, the clinician types in, for each questionnaire
the client filled in, either the point ticked for each question or the total the client (or the
clinic) worked out on the card. What is typed here becomes the ``answers`` and ``totals`` of a
:class:`casekit.feedback_card.PaperCard`, saved by :func:`casekit.feedback_card.record_paper_card`,
exactly as ``casekit feedback enter`` saves them: this module only collects what was typed.

The questionnaires' wording is the clinic's, shown with its licence notice; casekit ships none.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets

from casekit.i18n import CARD_LANGUAGES, N_
from casekit.i18n import gettext as _
from casekit.instruments import Instrument
from casekit.widgets.fields import LABEL_STYLE, answer_menu, close_all, stacked

#: How a questionnaire came back on the card, as (what the clinician reads, value).
MODES = (
    (N_("Not filled in"), "none"),
    (N_("The answer to each question"), "items"),
    (N_("A total worked out on the card"), "total"),
)
NO_QUESTIONNAIRES = N_(
    "Your clinic's own questionnaires can be typed in here too, once their wording has been added to "
    "this workspace (ask whoever set casekit up for your clinic)."
)


class PaperQuestionnaire(widgets.VBox):
    """One questionnaire on a returned card: not filled in, answered question by question, or totalled."""

    def __init__(self, instrument: Instrument) -> None:
        super().__init__()
        self.instrument = instrument
        language = CARD_LANGUAGES.get(instrument.language, instrument.language)
        self.mode = widgets.RadioButtons(
            options=[(_(label), mode) for label, mode in MODES], value="none", description=_("On the card")
        )
        self.mode.style = dict(LABEL_STYLE)
        scale = instrument.scale
        self.answers: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for n, item in enumerate(instrument.items, start=1):
            menu = answer_menu(n, scale, _("Left blank"))
            self.answers[item.id] = menu
            text = widgets.HTML(
                f"<p lang='{html.escape(instrument.language)}'>{n}. {html.escape(item.text)}</p>"
            )
            rows += [text, menu]
        self.items = widgets.VBox(rows)
        low, high = instrument.total_range
        # Unbounded on purpose: a bounded box would silently clamp a mistyped total instead of saying so.
        self.total = widgets.FloatText(
            value=low,
            description=_("Total (%(low)s to %(high)s)") % {"low": f"{low:g}", "high": f"{high:g}"},
            style=LABEL_STYLE,
            layout=stacked("12em"),
        )
        self.children = [
            widgets.HTML(
                f"<h5>{html.escape(instrument.name)} <span class='ck-muted'>({html.escape(language)})</span>"
                f"</h5><p class='ck-muted'>{html.escape(instrument.licence.notice)} "
                f"({html.escape(instrument.licence.holder)})</p>"
            ),
            self.mode,
            self.items,
            self.total,
        ]
        self.mode.observe(lambda _: self._show(), "value")
        self._show()

    def _show(self) -> None:
        self.items.layout.display = None if self.mode.value == "items" else "none"
        self.total.layout.display = None if self.mode.value == "total" else "none"

    def given(self) -> dict[str, int]:
        """The points typed in, by item id (questions left blank are left out)."""
        return {item: menu.value for item, menu in self.answers.items() if menu.value is not None}

    def clear(self) -> None:
        """Back to "not filled in", with every answer blank, for the next card."""
        self.mode.value = "none"
        for menu in self.answers.values():
            menu.value = None
        self.total.value = self.instrument.total_range[0]


class PaperQuestionnaires(widgets.VBox):
    """Every questionnaire of the workspace, to type in from a returned card.

    Parameters
    ----------
    instruments
        The workspace's questionnaires by name (:func:`casekit.instruments.load_instruments`).
    """

    def __init__(self, instruments: Mapping[str, Instrument]) -> None:
        super().__init__()
        self.parts: dict[str, PaperQuestionnaire] = {}
        self.show(instruments)

    def show(self, instruments: Mapping[str, Instrument]) -> None:
        """Show these questionnaires (what was typed for one still here is kept)."""
        old = self.parts
        self.parts = {
            name: old.pop(name) if name in old and old[name].instrument == i else PaperQuestionnaire(i)
            for name, i in instruments.items()
        }
        for part in old.values():
            close_all(part)
        if not self.parts:
            self.children = [widgets.HTML(f"<p class='ck-muted'>{html.escape(_(NO_QUESTIONNAIRES))}</p>")]
            return
        lead = _(
            "If the card came back with your clinic's questionnaires filled in, type them in here "
            "as well: the answer ticked for each question, or the total written on the card."
        )
        self.children = [
            widgets.HTML(f"<p>{html.escape(lead, quote=False)}</p>"),
            *self.parts.values(),
        ]

    @property
    def instruments(self) -> dict[str, Instrument]:
        """The questionnaires shown, by name."""
        return {name: part.instrument for name, part in self.parts.items()}

    def answers(self) -> dict[str, dict[str, int]]:
        """Questionnaire name → item id → point, for those typed in question by question."""
        return {name: p.given() for name, p in self.parts.items() if p.mode.value == "items"}

    def totals(self) -> dict[str, float]:
        """Questionnaire name → the total written on the card, for those typed in as a total."""
        return {name: float(p.total.value) for name, p in self.parts.items() if p.mode.value == "total"}

    def clear(self) -> None:
        """Empty every questionnaire for the next card."""
        for part in self.parts.values():
            part.clear()
