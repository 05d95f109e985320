"""The printable feedback card, per language, for clinics that work on paper, and typing its answers
back in as the client's own words.

* :func:`card_html`, :func:`card_pdf`, :func:`write_card` — the card, ready to print;
* :func:`card_languages`, :func:`card_wording`, :func:`register_card` — its wording per language;
* :class:`PaperCard`, :func:`paper_feedback`, :func:`record_paper_card` — a filled-in card, typed in.
"""

from casekit.feedback_card.card_wording import CardWording, card_languages, card_wording, register_card
from casekit.feedback_card.page import CARD_VERSION, card_html, card_pdf, write_card
from casekit.feedback_card.typed_back import PaperCard, paper_feedback, record_paper_card

__all__ = [
    "CARD_VERSION",
    "CardWording",
    "PaperCard",
    "card_html",
    "card_languages",
    "card_pdf",
    "card_wording",
    "paper_feedback",
    "record_paper_card",
    "register_card",
    "write_card",
]
