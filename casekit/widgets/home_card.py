"""The home page's client cards: a one-time link to the client's card, and the paper feedback card.

Most clinicians never open a terminal, so what ``casekit card link`` and ``casekit feedback card`` /
``feedback enter`` do is offered here, for the case chosen on the home page:

* **The client's card**: choose the card (about the client, or feedback after a session) and its
  language (each named in itself, from :data:`casekit.i18n.CARD_LANGUAGES`), then make a one-time link
  with :class:`casekit.cardlinks.CardLinks`, exactly as ``casekit card link`` does. The panel says how
  long the link works and whether the card page (``casekit card serve``) answers at its address.
* **A paper feedback card**: print a blank card in a language (:func:`casekit.feedback_card.write_card`)
  with a download link, and type a returned card in
  (:func:`casekit.feedback_card.record_paper_card`): the client's words are saved exactly as written,
  in their language, as written by the client on a paper card. The clinic's own questionnaires (from
  the workspace's ``instruments/`` folder) are printed on the card in its language, and their answers
  or totals typed back in here (:mod:`casekit.widgets.paper_questionnaires`) are saved by the same
  function, just as ``casekit feedback enter`` saves them.

No client detail is put on a widget here: the link carries only a random token, and the card holds no
name or case code.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import socket
import urllib.parse
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.i18n import CARD_LANGUAGES, N_, current_language
from casekit.i18n import gettext as _
from casekit.widgets.fields import LABEL_STYLE, stacked
from casekit.widgets.paper_questionnaires import PaperQuestionnaires

if TYPE_CHECKING:
    from casekit.instruments import Instrument
    from casekit.model import PartialAnswers
    from casekit.workspace import Workspace

#: The client cards offered, as (what the clinician reads, card).
CARD_CHOICES = (
    (N_("About the client, in their own words"), "about"),
    (N_("Feedback after a session"), "feedback"),
)
#: How long a link may wait to be opened, as (what the clinician reads, lifetime).
LIFETIMES = (
    (N_("1 hour"), dt.timedelta(hours=1)),
    (N_("4 hours"), dt.timedelta(hours=4)),
    (N_("1 day"), dt.timedelta(days=1)),
    (N_("1 week"), dt.timedelta(days=7)),
)
#: Where ``casekit card serve`` answers unless the clinician says otherwise (its default port).
KIOSK_ADDRESS = "http://localhost:8866"
#: The ratings a returned card can carry, as (what the clinician reads, value).
RATINGS = ((N_("Left blank"), None), *((str(n), n) for n in range(1, 6)))
#: Printed cards larger than this get no download link (the panel says where the file is instead).
MAX_LINK_BYTES = 20_000_000


def kiosk_answers(address: str, timeout: float = 0.5) -> bool:
    """Whether something answers at ``address`` (the card page's host and port) right now."""
    parts = urllib.parse.urlsplit(address)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "localhost", port), timeout=timeout):
            return True
    except OSError:
        return False


def in_words(when: dt.datetime) -> str:
    """A moment in plain words on this computer's clock: "Wednesday 2 December at 14:30" (the day and
    month named by Babel from CLDR's data for the language shown)."""
    from babel import Locale
    from babel.dates import format_date

    local = when.astimezone()
    day = format_date(local, "EEEE d MMMM", locale=Locale.parse(current_language(), sep="-"))
    return _("%(day)s at %(time)s") % {"day": day, "time": f"{local:%H:%M}"}


def _translated(pairs: tuple[tuple[str, Any], ...]) -> list[tuple[str, Any]]:
    """(label, value) pairs with each label looked up in the language shown."""
    return [(_(label), value) for label, value in pairs]


def _languages(tags: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(CARD_LANGUAGES.get(tag, tag), tag) for tag in tags]


def _download(path: Path, data: bytes, mime: str, label: str) -> str:
    if len(data) > MAX_LINK_BYTES:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{html.escape(path.name)}' href='data:{mime};base64,{encoded}'>"
        f"{html.escape(label)} ({html.escape(path.name)})</a> — "
    )


def _partial_note(partial: Mapping[str, PartialAnswers]) -> str:
    """A line for each questionnaire saved as answered in part ("partial — 2 of 3 answered")."""
    from casekit.instruments import partial_words

    items = "".join(
        f"<li>{html.escape(name)}: {html.escape(partial_words(p))}</li>" for name, p in partial.items()
    )
    kept = html.escape(_("Kept as the client left them:"))
    return f"<p>{kept}</p><ul>{items}</ul>" if items else ""


class CardPanel(widgets.VBox):
    """The chosen case's client card link, and the paper feedback card (print one, type one in).

    Parameters
    ----------
    workspace
        The workspace (its private folder keeps the links; its exports folder the printed cards).
    open_store
        Opens the workspace's store, as the home page does.
    guard, say
        The home page's callback wrapper and status line.
    clock
        Returns the current UTC time (tests pass their own; the links use the same clock).
    kiosk_check
        Says whether the card page answers at an address (default: :func:`kiosk_answers`).
    """

    def __init__(
        self,
        workspace: Workspace,
        open_store: Callable[[], AbstractContextManager[Any]],
        *,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        say: Callable[[str, str], None],
        clock: Callable[[], dt.datetime] | None = None,
        kiosk_check: Callable[[str], bool] = kiosk_answers,
    ) -> None:
        # Over 80 lines on purpose: it builds the panel's widgets top to bottom in the order they are
        # shown, like the home page's own constructor, so the layout reads in one place.
        from casekit.feedback_card import card_languages

        super().__init__()
        self.workspace, self._open_store, self._say = workspace, open_store, say
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
        self._kiosk_check = kiosk_check
        self.case_id: str | None = None
        # ---- the client's card
        self.card = widgets.RadioButtons(
            options=_translated(CARD_CHOICES), description=_("Card"), style=LABEL_STYLE
        )
        self.card_language = widgets.Dropdown(
            options=_languages(list(CARD_LANGUAGES)), description=_("In"), style=LABEL_STYLE
        )
        self.lifetime = widgets.Dropdown(
            options=_translated(LIFETIMES),
            value=dt.timedelta(days=1),
            description=_("Works for"),
            style=LABEL_STYLE,
        )
        self.address = widgets.Text(
            value=KIOSK_ADDRESS,
            description=_("Card page address"),
            style=LABEL_STYLE,
            layout=stacked("20em"),
        )
        self.link_button = widgets.Button(
            description=_("Make a one-time link"), button_style="primary", layout={"width": "auto"}
        )
        self.link_result = widgets.HTML()
        self.kiosk_status = widgets.HTML()
        # ---- the paper card
        self.print_language = widgets.Dropdown(
            options=_languages(card_languages()), description=_("Card in"), style=LABEL_STYLE
        )
        self.print_format = widgets.RadioButtons(
            options=[(_("A web page (HTML)"), "html"), (_("A PDF"), "pdf")], value="pdf", description=_("As")
        )
        self.print_questionnaires = widgets.Checkbox(
            value=True, description=_("Add our clinic's questionnaires in that language"), indent=False
        )
        self.print_button = widgets.Button(description=_("Print a feedback card"), layout={"width": "auto"})
        self.print_result = widgets.HTML()
        self.paper_date = widgets.DatePicker(description=_("Session date on the card"), style=LABEL_STYLE)
        self.paper_understood = widgets.Dropdown(
            options=_translated(RATINGS), description=_("Felt understood (1–5)"), style=LABEL_STYLE
        )
        self.paper_respected = widgets.Dropdown(
            options=_translated(RATINGS), description=_("Felt respected (1–5)"), style=LABEL_STYLE
        )
        self.paper_language = widgets.Dropdown(
            options=_languages(list(CARD_LANGUAGES)), description=_("Written in"), style=LABEL_STYLE
        )
        self.paper_words = widgets.Textarea(
            description=_("The client's words, exactly as written"),
            placeholder=_("Copy what the client wrote, word for word, in the language they wrote it in"),
            style=LABEL_STYLE,
            layout=stacked("100%"),
        )
        self.paper_questionnaires = PaperQuestionnaires({})
        self.paper_button = widgets.Button(
            description=_("Save the returned card"), button_style="primary", layout={"width": "auto"}
        )
        self.paper_result = widgets.HTML()
        self.load_questionnaires()

        row = widgets.Layout(flex_flow="row wrap", grid_gap="12px", align_items="flex-end")
        card_lead = _(
            "The client fills in their card themselves, on a tablet or their own phone, in the "
            "language they choose. Make a link here and open it on their device: it opens once, "
            "shows only that card, and what they send is saved in the case in their own words."
        )
        paper_lead = _(
            "For clients who would rather write on paper: print a blank card (it has no name "
            "or case code on it), and type in what comes back."
        )
        type_in = _("Type in a returned card")
        client_card = widgets.VBox(
            [
                widgets.HTML(f"<p>{html.escape(card_lead, quote=False)}</p>"),
                widgets.HBox([self.card, self.card_language, self.lifetime], layout=row),
                widgets.HBox([self.address, self.link_button], layout=row),
                self.kiosk_status,
                self.link_result,
            ]
        )
        paper = widgets.VBox(
            [
                widgets.HTML(f"<p>{html.escape(paper_lead, quote=False)}</p>"),
                widgets.HBox([self.print_language, self.print_format, self.print_button], layout=row),
                self.print_questionnaires,
                self.print_result,
                widgets.HTML(f"<h4>{html.escape(type_in)}</h4>"),
                widgets.HBox(
                    [self.paper_date, self.paper_understood, self.paper_respected, self.paper_language],
                    layout=row,
                ),
                self.paper_words,
                self.paper_questionnaires,
                self.paper_button,
                self.paper_result,
            ]
        )
        self.sections = widgets.Accordion(
            [client_card, paper], titles=(_("The client's card"), _("A paper feedback card"))
        )
        self.sections.selected_index = None
        self.children = [self.sections]
        self.link_button.on_click(guard(lambda _: self.make_link()))
        self.print_button.on_click(guard(lambda _: self.print_card()))
        self.paper_button.on_click(guard(lambda _: self.save_paper_card()))
        self.sections.observe(guard(lambda _: self.check_kiosk()), "selected_index")

    # ---- the clinic's questionnaires ---------------------------------------------------------------------
    def load_questionnaires(self) -> dict[str, Instrument]:
        """Read the workspace's questionnaires again and offer them for typing in; returns them.

        A questionnaire file that cannot be read is named in the panel (and on the status line), and
        the panel goes on without questionnaires rather than failing.
        """
        from casekit.errors import InstrumentError
        from casekit.instruments import load_instruments

        try:
            found = load_instruments(self.workspace)
        except InstrumentError as exc:
            self.paper_questionnaires.show({})
            unread = _("Your clinic's questionnaires could not be read: %(why)s") % {"why": exc.message}
            self.paper_result.value = (
                f"<div class='ck-error' role='alert'>{html.escape(unread, quote=False)}</div>"
            )
            return {}
        self.paper_questionnaires.show(found)
        return found

    # ---- following the home page ---------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        """Follow the home page's chosen case: forget what was shown for another one."""
        if case_id != self.case_id:
            self.link_result.value = self.print_result.value = self.paper_result.value = ""
            self.paper_words.value = ""
            self.paper_questionnaires.clear()
        self.case_id = case_id

    def _chosen(self) -> str | None:
        if not self.case_id:
            self._say(_("Choose a case first."), "problem")
        return self.case_id

    # ---- the client's card ---------------------------------------------------------------------------
    def check_kiosk(self) -> bool:
        """Say in plain words whether the card page answers at its address; returns whether it does."""
        address = self.address.value.strip() or KIOSK_ADDRESS
        up = self._kiosk_check(address)
        if up:
            running = _("The card page is running at %(address)s.") % {"address": address}
            self.kiosk_status.value = f"<p class='ck-muted'>{html.escape(running, quote=False)}</p>"
        else:
            heading = html.escape(_("The card page is not running yet."))
            ask = _(
                "A link opens only while it runs. Ask whoever looks after casekit here to start it (it "
                "is the command %(command)s, left running on the computer the client's device can "
                "reach), then write its address above."
            )
            ask = html.escape(ask, quote=False) % {"command": "<em>casekit card serve</em>"}
            self.kiosk_status.value = (
                f"<div class='ck-reminder'><p><strong>{heading}</strong> {ask}</p></div>"
            )
        return up

    def make_link(self) -> str | None:
        """Make a one-time link to the chosen case's card (as ``casekit card link``); return it."""
        from casekit.cardlinks import CardLinks

        case_id = self._chosen()
        if not case_id:
            return None
        lifetime: dt.timedelta = self.lifetime.value
        with self._open_store() as store:
            store.head(case_id)  # refuses a case that is no longer here, in plain words
        links = CardLinks(self.workspace.private_dir, clock=self._clock)
        expires = self._clock() + lifetime
        token = links.issue(
            case_id, card=self.card.value, language=self.card_language.value, lifetime=lifetime
        )
        address = (self.address.value.strip() or KIOSK_ADDRESS).rstrip("/")
        link = f"{address}/?token={token}"
        which = _(dict((v, k) for k, v in CARD_CHOICES)[self.card.value]).lower()
        language = CARD_LANGUAGES[self.card_language.value]
        here = html.escape(
            _("Here is the link to the card %(card)s, in %(language)s. Open it on the client's device:"),
            quote=False,
        )
        until = html.escape(
            _(
                "It opens once, and only until %(until)s (%(lifetime)s from now). Once opened, or after "
                "that, it opens nothing. It is shown only here; nobody can look it up again."
            ),
            quote=False,
        )
        when = {
            "until": html.escape(in_words(expires)),
            "lifetime": html.escape(self._lifetime_words(lifetime)),
        }
        self.link_result.value = (
            f"<p>{here % {'card': f'<em>{html.escape(which)}</em>', 'language': html.escape(language)}}</p>"
            f"<p><a href='{html.escape(link)}' target='_blank' rel='noopener'>{html.escape(link)}</a></p>"
            f"<p class='ck-muted'>{until % when}</p>"
        )
        self.check_kiosk()
        ready = _("A one-time link to the client's card for %(case)s is ready.")
        self._say(ready % {"case": case_id}, "ok")
        return link

    @staticmethod
    def _lifetime_words(lifetime: dt.timedelta) -> str:
        label = dict((v, k) for k, v in LIFETIMES).get(lifetime)
        return _(label) if label else str(lifetime)

    # ---- the paper card ------------------------------------------------------------------------------
    def print_card(self) -> Path:
        """Write a blank feedback card in the chosen language; show a download link. Returns its path."""
        from casekit.feedback_card import write_card

        fmt = self.print_format.value
        extra = list(self.load_questionnaires().values()) if self.print_questionnaires.value else []
        self._say(_("Making the feedback card…"), "working")
        path = write_card(self.workspace.exports_dir, self.print_language.value, fmt, instruments=extra)
        mime = "application/pdf" if fmt == "pdf" else "text/html"
        link = _download(path, path.read_bytes(), mime, _("Download the card"))
        try:
            where = path.relative_to(self.workspace.root).as_posix()
        except ValueError:
            where = str(path)
        saved = html.escape(
            _(
                "saved in your workspace as %(where)s. It carries no name or case code, so you can print "
                "as many as you like."
            ),
            quote=False,
        )
        self.print_result.value = (
            f"<p>{link}{saved % {'where': f'<strong>{html.escape(where)}</strong>'}}</p>"
        )
        self._say(_("The feedback card is ready to print."), "ok")
        return path

    def save_paper_card(self) -> int | None:
        """Save the returned card typed in above as the client's own words; returns the new revision."""
        from casekit.feedback_card import PaperCard, record_paper_card

        case_id = self._chosen()
        if not case_id:
            return None
        if self.paper_date.value is None:
            choose = html.escape(_("Choose the session date written on the card."))
            self.paper_result.value = f"<div class='ck-error' role='alert'>{choose}</div>"
            self._say(_("The card was not saved: it needs the session date."), "problem")
            return None
        paper = PaperCard(
            date=self.paper_date.value,
            language=self.paper_language.value,
            understood=self.paper_understood.value,
            respected=self.paper_respected.value,
            words=self.paper_words.value,
            answers=self.paper_questionnaires.answers(),
            totals=self.paper_questionnaires.totals(),
        )
        with self._open_store() as store:
            record = record_paper_card(
                store, case_id, paper, instruments=self.paper_questionnaires.instruments
            )
        self.paper_words.value = ""
        self.paper_questionnaires.clear()
        self.paper_understood.value = self.paper_respected.value = None
        saved = _(
            "The card is saved in %(case)s's feedback, in the client's own words, as they wrote them "
            "on paper."
        ) % {"case": case_id}
        self.paper_result.value = f"<p>{html.escape(saved, quote=False)}</p>" + _partial_note(
            record.case.feedback[-1].instrument_partial
        )
        self._say(_("The returned card is saved in %(case)s.") % {"case": case_id}, "ok")
        return record.revision
