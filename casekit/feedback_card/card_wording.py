"""What the printable feedback card says, per language: from casekit's message catalogues.

The wording is casekit's own, written for this card (no sentence comes from a published or licensed
instrument). The card asks the two things a feedback entry records (how understood and how respected
the client felt, 1–5) and leaves room for the client's own words.

Every sentence is marked with :func:`~casekit.i18n.N_` below and translated, when a card is printed,
from the catalogues in ``casekit/locale`` (``python3 dev.py catalogues`` extracts them), so the card
exists in every client card language (:data:`casekit.i18n.CARD_LANGUAGES`). A catalogue no fluent
reader has checked yet puts a quiet note on the card saying so. :func:`register_card` adds or replaces
a card from elsewhere (:meth:`CardWording.from_mapping`). Nothing here reads a file at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from casekit.errors import FeedbackCardError
from casekit.i18n import CARD_LANGUAGES, N_, translation_status, use_language
from casekit.i18n import gettext as _


@dataclass(frozen=True)
class CardWording:
    """Every piece of text on a feedback card, in one language.

    ``understood`` and ``respected`` are the two 1–5 questions; ``low`` and ``high`` label the ends of
    their scale; ``words`` invites the client's own words; ``any_language`` says they may write in
    any language; ``no_name`` asks them not to write their name; ``draft_note`` (may be empty) says
    the translation has not yet been checked by a fluent reader.
    """

    language: str
    language_name: str
    title: str
    intro: str
    understood: str
    respected: str
    low: str
    high: str
    words: str
    any_language: str
    no_name: str
    thanks: str
    session_date: str
    for_the_clinic: str
    draft_note: str = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> CardWording:
        """A card's wording from a mapping of field name → text (a message catalogue, later).

        Raises
        ------
        FeedbackCardError
            If a field (other than ``draft_note``) is missing or empty.
        """
        for f in fields(cls):
            if f.name != "draft_note" and not str(values.get(f.name, "")).strip():
                raise FeedbackCardError(
                    f"feedback card wording for {values.get('language', '?')!r}: {f.name} is missing; "
                    f"add its text"
                )
        return cls(**{f.name: str(values.get(f.name, "")).strip() for f in fields(cls)})


#: The card's sentences in English, the catalogues' source text, by field of :class:`CardWording`.
SENTENCES: dict[str, str] = {
    "title": N_("How did today go for you?"),
    "intro": N_(
        "Your answers help your counsellor get this right for you. There are no right or wrong "
        "answers, and you can skip anything."
    ),
    "understood": N_("How well did your counsellor follow what you were telling them today?"),
    "respected": N_(
        "How much did you feel your background, beliefs and ways of doing things were respected today?"
    ),
    "low": N_("not at all"),
    "high": N_("completely"),
    "words": N_("In your own words: what helped, what didn't, or what you would like done differently."),
    "any_language": N_("Write in whichever language you like."),
    "no_name": N_("Please do not write your name on this card."),
    "thanks": N_("Thank you. You can hand this card to your counsellor or leave it at the front desk."),
    "session_date": N_("Date of session"),
    "for_the_clinic": N_("For the clinic"),
}
#: The quiet note on a card whose translation no fluent reader has checked (the client card's, too).
DRAFT_NOTE = N_(
    "This translation is a first draft and has not yet been checked by a fluent reader. If anything "
    "is unclear, please ask your clinician."
)

#: Cards added with :func:`register_card`; they take the place of the catalogue's card.
_CARDS: dict[str, CardWording] = {}


def register_card(wording: CardWording) -> None:
    """Add (or replace) the card of ``wording.language``."""
    _CARDS[wording.language] = wording


def card_languages() -> tuple[str, ...]:
    """The languages a feedback card can be printed in: every client card language, and any added."""
    return tuple(dict.fromkeys([*CARD_LANGUAGES, *_CARDS]))


def _from_catalogue(language: str) -> CardWording:
    """The card in ``language``, each sentence translated by that language's catalogue."""
    with use_language(language):
        values = {name: _(msgid) for name, msgid in SENTENCES.items()}
        draft = _(DRAFT_NOTE) if translation_status(language).is_draft else ""
    return CardWording.from_mapping(
        {"language": language, "language_name": CARD_LANGUAGES[language], "draft_note": draft, **values}
    )


def card_wording(language: str) -> CardWording:
    """The card in ``language``.

    Raises
    ------
    FeedbackCardError
        If there is no card in that language.
    CatalogueError
        If that language's catalogue cannot be read.
    """
    if language in _CARDS:
        return _CARDS[language]
    if language in CARD_LANGUAGES:
        return _from_catalogue(language)
    raise FeedbackCardError(
        f"no feedback card in {language!r} yet; choose one of {', '.join(card_languages())}"
    )
