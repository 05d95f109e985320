"""The printable feedback card: a self-contained HTML page, and a PDF of it by the export route's
WeasyPrint printer (:func:`casekit.export.pdf.html_to_pdf`).

The card holds nothing about any client: no name, no case id. The clinic may add its own licensed
questionnaires in the card's language (their wording and licence notice as the clinic supplied
them); casekit prints them only for the clinic that holds them.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path

from casekit import layout
from casekit.errors import FeedbackCardError
from casekit.feedback_card.card_wording import CardWording, card_wording
from casekit.fileio import atomic_write, ensure_folder
from casekit.i18n import text_direction
from casekit.instruments import Instrument

#: Shown small in the corner, so a card typed back in later says which layout it was.
CARD_VERSION = 1

_CSS = """
@page { size: A5; margin: 10mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11.5pt; color: #111;
       line-height: 1.4; max-width: 40em; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 0.3em; }
h2 { font-size: 13pt; margin: 1em 0 0.3em; }
.intro, .note { margin: 0.3em 0; }
.question { margin: 0.9em 0 0.2em; font-weight: bold; }
.scale { display: flex; align-items: center; gap: 0.6em; margin: 0.2em 0; }
.scale .end { font-size: 10pt; color: #333; }
.box { display: inline-block; width: 1.7em; height: 1.7em; border: 2px solid #111; text-align: center;
       line-height: 1.7em; font-weight: bold; }
.lines div { border-bottom: 1px solid #444; height: 1.8em; }
.clinic { margin-top: 1em; border-top: 2px dashed #555; padding-top: 0.4em; font-size: 10pt; }
.licence { font-size: 9pt; color: #333; }
.version { font-size: 8pt; color: #555; text-align: end; }
.draft { font-size: 8.5pt; color: #555; margin: 0.2em 0 0.5em; }
"""


def _scale(low_label: str, high_label: str, lowest: int, highest: int) -> str:
    boxes = "".join(f"<span class='box'>{n}</span>" for n in range(lowest, highest + 1))
    return (
        f"<div class='scale'><span class='end'>{html.escape(low_label)}</span>{boxes}"
        f"<span class='end'>{html.escape(high_label)}</span></div>"
    )


def _instrument_section(instrument: Instrument) -> str:
    scale = instrument.scale
    low = scale.labels.get(scale.min, str(scale.min))
    high = scale.labels.get(scale.max, str(scale.max))
    items = "".join(
        f"<p class='question'>{n}. {html.escape(item.text)}</p>{_scale(low, high, scale.min, scale.max)}"
        for n, item in enumerate(instrument.items, start=1)
    )
    return (
        f"<section><h2>{html.escape(instrument.name)}</h2>{items}"
        f"<p class='licence'>{html.escape(instrument.licence.notice)} "
        f"({html.escape(instrument.licence.holder)})</p></section>"
    )


def _direction(language: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic), else ``"ltr"`` (also when Babel has no
    data for a language a clinic added)."""
    from babel.core import UnknownLocaleError

    try:
        return text_direction(language)
    except (UnknownLocaleError, ValueError):
        return "ltr"


def card_html(language: str = "en", *, instruments: Iterable[Instrument] = ()) -> str:
    """The feedback card in ``language`` as one HTML page, ready to print.

    Parameters
    ----------
    language
        A language with card wording (:func:`casekit.feedback_card.card_wording.card_languages`).
    instruments
        The clinic's own questionnaires to add; only those written in ``language`` are printed.

    Raises
    ------
    FeedbackCardError
        If there is no card in that language.
    """
    w: CardWording = card_wording(language)
    extra = "".join(_instrument_section(i) for i in instruments if i.language == language)
    lines = "<div class='lines'>" + "<div></div>" * 4 + "</div>"
    draft = f"<p class='draft'>{html.escape(w.draft_note)}</p>" if w.draft_note else ""
    body = (
        f"<h1>{html.escape(w.title)}</h1>"
        f"<p class='intro'>{html.escape(w.intro)}</p>{draft}"
        f"<p class='question'>1. {html.escape(w.understood)}</p>{_scale(w.low, w.high, 1, 5)}"
        f"<p class='question'>2. {html.escape(w.respected)}</p>{_scale(w.low, w.high, 1, 5)}"
        f"<p class='question'>3. {html.escape(w.words)}</p>"
        f"<p class='note'>{html.escape(w.any_language)}</p>{lines}"
        f"{extra}"
        f"<p class='note'><strong>{html.escape(w.no_name)}</strong></p>"
        f"<p class='note'>{html.escape(w.thanks)}</p>"
        f"<div class='clinic'>{html.escape(w.for_the_clinic)} — {html.escape(w.session_date)}: "
        f"______________</div>"
        f"<p class='version'>casekit · {html.escape(w.language_name)} ({w.language}) · v{CARD_VERSION}</p>"
    )
    return (
        f"<!DOCTYPE html><html lang='{html.escape(w.language)}' dir='{_direction(w.language)}'>"
        f"<head><meta charset='utf-8'>"
        f"<title>{html.escape(w.title)}</title><style>{_CSS}</style></head><body>{body}</body></html>"
    )


def card_pdf(language: str = "en", *, instruments: Iterable[Instrument] = ()) -> bytes:
    """The feedback card in ``language`` printed to PDF (A5) by the export route's printer.

    Raises
    ------
    FeedbackCardError
        If there is no card in that language.
    ExportError
        If WeasyPrint is not installed.
    """
    from casekit.export.pdf import html_to_pdf

    return html_to_pdf(card_html(language, instruments=instruments))


def write_card(
    exports: str | os.PathLike[str],
    language: str = "en",
    fmt: str = "pdf",
    *,
    instruments: Iterable[Instrument] = (),
) -> Path:
    """Write the card to ``exports/feedback-cards/feedback-card-<language>.<fmt>`` and return the path.

    Raises
    ------
    FeedbackCardError
        If there is no card in that language or ``fmt`` is neither ``pdf`` nor ``html``.
    """
    if fmt not in ("pdf", "html"):
        raise FeedbackCardError(f"a feedback card prints as pdf or html, not {fmt!r}")
    data: bytes | str = (
        card_pdf(language, instruments=instruments)
        if fmt == "pdf"
        else card_html(language, instruments=instruments)
    )
    path = layout.feedback_card_path(exports, language, fmt)
    ensure_folder(path.parent)
    return atomic_write(path, data)
