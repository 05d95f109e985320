"""What the printable feedback card says, per language.

The wording is casekit's own, written for this card (no sentence comes from a published or licensed
instrument). The card asks the two things a feedback entry records (how understood and how respected
the client felt, 1–5) and leaves room for the client's own words.

Built-in cards: English, Spanish, French. More languages can be added later from message catalogues
with :meth:`CardWording.from_mapping` and :func:`register_card`; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from casekit.errors import FeedbackCardError


@dataclass(frozen=True)
class CardWording:
    """Every piece of text on a feedback card, in one language.

    ``understood`` and ``respected`` are the two 1–5 questions; ``low`` and ``high`` label the ends of
    their scale; ``words`` invites the client's own words; ``any_language`` says they may write in
    any language; ``no_name`` asks them not to write their name.
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

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> CardWording:
        """A card's wording from a mapping of field name → text (a message catalogue, later).

        Raises
        ------
        FeedbackCardError
            If a field is missing or empty.
        """
        for f in fields(cls):
            if not str(values.get(f.name, "")).strip():
                raise FeedbackCardError(
                    f"feedback card wording for {values.get('language', '?')!r}: {f.name} is missing; "
                    f"add its text"
                )
        return cls(**{f.name: str(values[f.name]).strip() for f in fields(cls)})


ENGLISH = CardWording(
    language="en",
    language_name="English",
    title="How did today go for you?",
    intro="Your answers help your counsellor get this right for you. There are no right or wrong "
    "answers, and you can skip anything.",
    understood="How well did your counsellor follow what you were telling them today?",
    respected="How much did you feel your background, beliefs and ways of doing things were respected today?",
    low="not at all",
    high="completely",
    words="In your own words: what helped, what didn't, or what you would like done differently.",
    any_language="Write in whichever language you like.",
    no_name="Please do not write your name on this card.",
    thanks="Thank you. You can hand this card to your counsellor or leave it at the front desk.",
    session_date="Date of session",
    for_the_clinic="For the clinic",
)

SPANISH = CardWording(
    language="es",
    language_name="Español",
    title="¿Cómo le fue hoy?",
    intro="Sus respuestas ayudan a su terapeuta a acompañarle mejor. No hay respuestas correctas ni "
    "incorrectas, y puede saltarse lo que quiera.",
    understood="¿Qué tan bien siguió hoy su terapeuta lo que usted le contaba?",
    respected="¿Cuánto respeto sintió hoy hacia su historia, sus creencias y su manera de hacer las cosas?",
    low="nada",
    high="totalmente",
    words="Con sus propias palabras: qué le ayudó, qué no, o qué le gustaría que se hiciera distinto.",
    any_language="Escriba en el idioma que prefiera.",
    no_name="Por favor, no escriba su nombre en esta tarjeta.",
    thanks="Gracias. Puede entregar esta tarjeta a su terapeuta o dejarla en la recepción.",
    session_date="Fecha de la sesión",
    for_the_clinic="Para la clínica",
)

FRENCH = CardWording(
    language="fr",
    language_name="Français",
    title="Comment s'est passée la séance pour vous ?",
    intro="Vos réponses aident votre thérapeute à mieux vous accompagner. Il n'y a pas de bonne ou de "
    "mauvaise réponse, et vous pouvez passer ce que vous voulez.",
    understood="Aujourd'hui, votre thérapeute a-t-il bien suivi ce que vous lui disiez ?",
    respected="Aujourd'hui, votre histoire, vos croyances et vos façons de faire ont-elles été respectées ?",
    low="pas du tout",
    high="tout à fait",
    words="Avec vos propres mots : ce qui vous a aidé, ce qui ne vous a pas aidé, ou ce que vous "
    "aimeriez voir changer.",
    any_language="Écrivez dans la langue de votre choix.",
    no_name="Merci de ne pas écrire votre nom sur cette carte.",
    thanks="Merci. Vous pouvez remettre cette carte à votre thérapeute ou la laisser à l'accueil.",
    session_date="Date de la séance",
    for_the_clinic="Pour le centre",
)

_CARDS: dict[str, CardWording] = {c.language: c for c in (ENGLISH, SPANISH, FRENCH)}


def register_card(wording: CardWording) -> None:
    """Add (or replace) the card of ``wording.language``, e.g. from a message catalogue."""
    _CARDS[wording.language] = wording


def card_languages() -> tuple[str, ...]:
    """The languages a feedback card can be printed in."""
    return tuple(_CARDS)


def card_wording(language: str) -> CardWording:
    """The card in ``language``.

    Raises
    ------
    FeedbackCardError
        If there is no card in that language.
    """
    try:
        return _CARDS[language]
    except KeyError:
        raise FeedbackCardError(
            f"no feedback card in {language!r} yet; choose one of {', '.join(_CARDS)}"
        ) from None
