"""The client card: a page the client fills in themselves, in their own language, on a kiosk.

The card shows the client nothing of their case: only its own questions, in the language of the link
(the client may switch to another). What the client writes is saved exactly as written, marked as
their own writing with its language, as a new revision of the case (:mod:`casekit.card_entries`).
Once sent, the card locks: its inputs are emptied and closed, and only a thank-you remains.

A feedback card also offers the clinic's own licensed instruments whose wording is in the card's
language (:func:`casekit.instruments.in_language`): each item is answered on the instrument's scale,
shown with its licence notice exactly as the clinic supplied it. casekit ships no such wording. If
the client began an instrument but left some of its items empty, the card says so (in their language)
the first time they press send; pressing it again sends the answers as they are, kept as partial.

Every string a client sees is marked with :func:`~casekit.i18n.N_` here and translated when shown,
from the catalogues in ``casekit/locale`` (``python3 dev.py catalogues`` extracts them). A catalogue
that no fluent reviewer has checked yet shows a quiet note saying so.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from casekit.card_entries import CardAnswers, unanswered
from casekit.i18n import (
    CARD_LANGUAGES,
    N_,
    ngettext,
    text_direction,
    translation_status,
    use_language,
)
from casekit.i18n import gettext as _
from casekit.instruments import Instrument, in_language
from casekit.widgets.fields import close_all

#: The Voila workbook that serves the card (``notebooks/client-card.ipynb``).
NOTEBOOK_NAME = "client-card.ipynb"

TITLES = {"about": N_("About you, in your own words"), "feedback": N_("After today's session")}
INTROS = {
    "about": N_(
        "This page is just for you. Write as much or as little as you like, in whatever words feel "
        "right. Your clinician will read your answers exactly as you write them. Any question can be "
        "left empty."
    ),
    "feedback": N_(
        "Your clinician would like to know how today went for you. Your answers are read exactly as you "
        "write them. Any question can be left empty."
    ),
}
LANGUAGE = N_("Language")
SEND = N_("Send to my clinician")
NOTHING_WRITTEN = N_("Please answer at least one question before sending.")
NOT_SENT = N_("Your answers could not be sent. Please let your clinician know.")
THANKS = N_("Thank you. Your clinician will read what you wrote. You can hand the device back now.")
DRAFT_NOTE = N_(
    "This translation is a first draft and has not yet been checked by a fluent reader. If anything "
    "is unclear, please ask your clinician."
)
NO_ANSWER = N_("No answer")
SEND_AS_IT_IS = N_("You can add answers now, or press the button again to send what you have.")
SCALE = (N_("Not at all"), N_("A little"), N_("Somewhat"), N_("Mostly"), N_("Completely"))
#: Shown, in every card language at once, for a link that is unknown, used or expired.
NOTHING_HERE = N_("This link has already been used or has expired. Please ask your clinician for a new one.")


def answered(n: int) -> str:
    """The line saying how many questions were answered, in the current language's plural rules."""
    return ngettext("You answered %(num)d question.", "You answered %(num)d questions.", n) % {"num": n}


def left_empty(name: str, n: int) -> str:
    """The line saying ``n`` questions of the instrument ``name`` have no answer yet (plural rules)."""
    return ngettext(
        "%(num)d question in “%(name)s” has no answer yet.",
        "%(num)d questions in “%(name)s” have no answer yet.",
        n,
    ) % {"num": n, "name": name}


@dataclass(frozen=True)
class Prompt:
    """One question on a card: its key in :class:`CardAnswers`, its text, and the kind of answer."""

    key: str
    text: str
    kind: str = "text"  # "text", "short" (one line) or "scale" (1–5)


PROMPTS: dict[str, tuple[Prompt, ...]] = {
    "about": (
        Prompt("self_description", N_("How would you describe yourself to someone who wants to know you?")),
        Prompt("name_used", N_("What name would you like us to use for you?"), "short"),
        Prompt(
            "naming",
            N_(
                "How would you like us to speak to you? For example, with a title, by your first name, "
                "or with certain pronouns."
            ),
        ),
        Prompt(
            "meaning_of_culture",
            N_("What parts of your culture, faith, family or community are important for us to understand?"),
        ),
        Prompt("meaning_of_healing", N_("What would healing, or feeling better, look like for you?")),
        Prompt("supports", N_("Who or what helps you when life is hard?")),
    ),
    "feedback": (
        Prompt("felt_understood", N_("How much did you feel understood today?"), "scale"),
        Prompt("felt_respected", N_("How much did you feel respected today?"), "scale"),
        Prompt("comments", N_("What would you like your clinician to keep doing, or to do differently?")),
    ),
}


def client_strings() -> list[str]:
    """Every message a client card can show (singular forms), for the catalogue tests."""
    fixed = [LANGUAGE, SEND, NOTHING_WRITTEN, NOT_SENT, THANKS, DRAFT_NOTE, NO_ANSWER, NOTHING_HERE]
    fixed.append(SEND_AS_IT_IS)
    prompts = [prompt.text for card in PROMPTS.values() for prompt in card]
    return [*TITLES.values(), *INTROS.values(), *fixed, *SCALE, *prompts]


#: The plural messages a client card can show, as (singular, plural).
CLIENT_PLURALS = (
    ("You answered %(num)d question.", "You answered %(num)d questions."),
    (
        "%(num)d question in “%(name)s” has no answer yet.",
        "%(num)d questions in “%(name)s” have no answer yet.",
    ),
)

CARD_CSS = """<style>
.ck-card { max-width: 46em; margin: 0 auto; font-size: 17px; line-height: 1.5; color: #1f2933; }
.ck-card.ck-rtl { direction: rtl; unicode-bidi: isolate; text-align: right; }
.ck-card .widget-label { white-space: normal; font-weight: 600; height: auto; line-height: 1.4;
  text-align: start !important; }
.ck-card textarea, .ck-card input, .ck-card select { font-size: 17px; }
.ck-card .ck-draft, .ck-card .ck-licence { color: #4a5560; font-size: 14px; }
.ck-card .ck-problem { color: #8a1c1c; }
.ck-card .ck-notice { color: #7a4b00; }
.ck-card :focus-visible { outline: 3px solid #1a56db !important; outline-offset: 2px; }
.ck-card button { font-size: 17px; }
</style>"""


def _tagged(element: str, language: str, text: str, css: str = "") -> str:
    """``text`` (escaped) in an HTML element that says its language and direction."""
    attrs = f"lang='{language}' dir='{text_direction(language)}'" + (f" class='{css}'" if css else "")
    return f"<{element} {attrs}>{html.escape(text)}</{element}>"


def _stacked() -> widgets.Layout:
    return widgets.Layout(flex_flow="column", align_items="stretch", width="100%")


class ClientCard(widgets.VBox):
    """One card for one client, in one language, that sends its answers once and then locks.

    Parameters
    ----------
    card
        ``"about"`` (how the client describes themselves) or ``"feedback"`` (after a session).
    language
        The language to start in (one of :data:`~casekit.i18n.CARD_LANGUAGES`).
    send
        Called once with the answers; raises a :class:`~casekit.errors.CasekitError` if they could not
        be saved (the card then stays open and says so).
    instruments
        The clinic's own instruments by name (a feedback card offers those in its current language).
    """

    def __init__(
        self,
        card: str,
        language: str,
        send: Callable[[CardAnswers], None],
        instruments: Mapping[str, Instrument] | None = None,
    ) -> None:
        super().__init__()
        self.card, self.language, self._deliver = card, language, send
        self.instruments = dict(instruments or {}) if card == "feedback" else {}
        self.locked = False
        #: The empty items the client was last told about (pressing send again with these sends).
        self.told_unanswered: dict[str, int] = {}
        self.language_menu = widgets.Dropdown(
            options=[(name, tag) for tag, name in CARD_LANGUAGES.items()],
            value=language,
            style={"description_width": "initial"},
        )
        self.heading = widgets.HTML()
        self.intro = widgets.HTML()
        self.draft = widgets.HTML()
        self.inputs: dict[str, widgets.Widget] = {p.key: self._input(p) for p in PROMPTS[card]}
        #: instrument name → item id → its answer menu; and each instrument's part of the card.
        self.item_inputs: dict[str, dict[str, widgets.Dropdown]] = {}
        self.instrument_parts: dict[str, widgets.VBox] = {
            name: self._instrument_part(instrument) for name, instrument in self.instruments.items()
        }
        self.send_button = widgets.Button(button_style="primary")
        self.status = widgets.HTML()
        self.language_menu.observe(self._on_language, "value")
        self.send_button.on_click(self._on_send)
        self.children = [
            widgets.HTML(CARD_CSS),
            self.language_menu,
            self.heading,
            self.intro,
            self.draft,
            *self.inputs.values(),
            *self.instrument_parts.values(),
            self.send_button,
            self.status,
        ]
        self.add_class("ck-card")
        self.show_language(language)

    def _input(self, prompt: Prompt) -> widgets.Widget:
        style = {"description_width": "initial"}
        # What is typed reaches the kernel when the box loses focus, which the browser does before the
        # click on Send. Sent keystroke by keystroke, the last ones can be held back in the page while
        # an earlier one is still being handled, and the click would overtake them: words would be lost.
        if prompt.kind == "short":
            return widgets.Text(continuous_update=False, style=style, layout=_stacked())
        if prompt.kind == "scale":
            return widgets.Dropdown(options=[("", None)], value=None, style=style, layout=_stacked())
        return widgets.Textarea(rows=4, continuous_update=False, style=style, layout=_stacked())

    def _instrument_part(self, instrument: Instrument) -> widgets.VBox:
        """An instrument's items, each with a menu of its scale, and its licence notice, all in the
        instrument's own wording (as the clinic supplied it)."""
        tag, style = instrument.language, {"description_width": "initial"}
        menus = {
            item.id: widgets.Dropdown(
                options=[("", None)], value=None, description=item.text, style=style, layout=_stacked()
            )
            for item in instrument.items
        }
        self.item_inputs[instrument.name] = menus
        notice = f"{instrument.licence.notice} ({instrument.licence.holder})"
        heading = widgets.HTML(_tagged("h2", tag, instrument.name))
        return widgets.VBox(
            [heading, *menus.values(), widgets.HTML(_tagged("p", tag, notice, "ck-licence"))],
            layout=_stacked(),
        )

    def _offered(self) -> dict[str, Instrument]:
        """The instruments offered now: those whose wording is in the card's current language."""
        return in_language(self.instruments, self.language)

    def _show_instruments(self) -> None:
        offered = self._offered()
        for name, part in self.instrument_parts.items():
            part.layout.display = None if name in offered else "none"
            scale = self.instruments[name].scale
            points = [(f"{p} – {scale.labels[p]}" if p in scale.labels else str(p), p) for p in scale.points]
            for menu in self.item_inputs[name].values():
                chosen = menu.value
                menu.options = [(_(NO_ANSWER), None), *points]
                menu.value = chosen

    def show_language(self, language: str) -> None:
        """Show every word of the card in ``language`` (what the client typed stays as it is)."""
        self.language = language
        with use_language(language):
            direction = text_direction(language)
            (self.add_class if direction == "rtl" else self.remove_class)("ck-rtl")
            self.language_menu.description = _(LANGUAGE)
            self.heading.value = _tagged("h1", language, _(TITLES[self.card]))
            self.intro.value = _tagged("p", language, _(INTROS[self.card]))
            draft = translation_status(language).is_draft
            self.draft.value = _tagged("p", language, _(DRAFT_NOTE), "ck-draft") if draft else ""
            for prompt in PROMPTS[self.card]:
                field = self.inputs[prompt.key]
                field.description = _(prompt.text)
                if prompt.kind == "scale":
                    chosen = field.value
                    field.options = [
                        (_(NO_ANSWER), None),
                        *[(f"{i} – {_(w)}", i) for i, w in enumerate(SCALE, 1)],
                    ]
                    field.value = chosen
            self._show_instruments()
            self.send_button.description = _(SEND)

    def _on_language(self, change: dict) -> None:
        if not self.locked:
            self.show_language(change["new"])

    def answers(self) -> CardAnswers:
        """What the client has written so far, in the card's current language."""
        out = CardAnswers(self.language)
        for prompt in PROMPTS[self.card]:
            value = self.inputs[prompt.key].value
            if prompt.kind == "scale":
                out.ratings[prompt.key] = value
            else:
                out.texts[prompt.key] = value
        for name in self._offered():
            out.instruments[name] = {item: menu.value for item, menu in self.item_inputs[name].items()}
        return out

    def _say(self, message: str, kind: str = "problem") -> None:
        role = "alert" if kind == "problem" else "status"
        self.status.value = _tagged("p", self.language, message, f"ck-{kind}").replace(
            "<p ", f"<p role='{role}' ", 1
        )

    def _on_send(self, _button: Any = None) -> None:
        self.send()

    def send(self) -> bool:
        """Send the answers once and lock the card; say what went wrong instead if they were not saved."""
        from casekit.errors import CasekitError

        if self.locked:
            return False
        answers = self.answers()
        with use_language(self.language):
            if not answers.count():
                self._say(_(NOTHING_WRITTEN))
                return False
            gaps = unanswered(answers, self._offered())
            if gaps and gaps != self.told_unanswered:
                self.told_unanswered = gaps
                lines = [left_empty(name, n) for name, n in gaps.items()]
                self._say(" ".join([*lines, _(SEND_AS_IT_IS)]), "notice")
                return False
            try:
                self._deliver(answers)
            except CasekitError:
                self._say(_(NOT_SENT))
                return False
            self.lock(f"{_(THANKS)} {answered(answers.count())}")
        return True

    def lock(self, message: str) -> None:
        """Empty and close every input, leaving only ``message``: nothing typed stays on the device."""
        self.locked = True
        menus = [menu for items in self.item_inputs.values() for menu in items.values()]
        for field in [*self.inputs.values(), *menus, self.language_menu, self.send_button]:
            if hasattr(field, "value") and not isinstance(field, widgets.Dropdown):
                field.value = ""
            field.close()
        for part in self.instrument_parts.values():
            close_all(part)  # the boxes holding the menus go too, so no open widget points at a closed one
        self.status.value = _tagged("p", self.language, message).replace("<p ", "<p role='status' ", 1)
        self.children = [self.children[0], self.heading, self.status]


def nothing_here() -> widgets.HTML:
    """What an unknown, used or expired link shows: a short note, in every card language, and nothing else."""
    notes = []
    for tag in CARD_LANGUAGES:
        with use_language(tag):
            notes.append(_tagged("p", tag, _(NOTHING_HERE)))
    page = widgets.HTML(CARD_CSS + "".join(notes))
    page.add_class("ck-card")
    return page


def token_from_query(query: str | None = None) -> str:
    """The ``token`` of the page's address (Voila gives the kernel its query string), or ``""``."""
    query = os.environ.get("QUERY_STRING", "") if query is None else query
    values = urllib.parse.parse_qs(query).get("token", [])
    return values[0] if len(values) == 1 else ""
