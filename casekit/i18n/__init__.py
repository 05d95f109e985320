"""Message catalogues: the words casekit shows a client, in the client's language.

casekit's own text is written in English and marked for translation with :func:`N_` (where the text is
defined) or :func:`gettext` / :func:`_` and :func:`ngettext` (where it is shown). ``pybabel extract``
(``python3 dev.py catalogues``) collects the marked text into ``casekit/locale/casekit.pot`` and
updates every language's ``casekit/locale/<lang>/LC_MESSAGES/casekit.po``.

The ``.po`` files are the only copy kept: casekit compiles a catalogue in memory with Babel the first
time a language is asked for (:func:`translations`), so no compiled ``.mo`` file can fall out of date
with its ``.po``. Nothing is read at import; the language is chosen when text is shown
(:func:`use_language`).

Each language folder has a ``status.toml`` beside its catalogue saying whether the translation is a
draft or was reviewed by a fluent clinician (who, and when): see :func:`translation_status`.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from casekit.i18n.catalogues import (
    CARD_LANGUAGES,
    SOURCE_LANGUAGE,
    TranslationStatus,
    card_language,
    text_direction,
    translation_status,
    translations,
)

__all__ = [
    "CARD_LANGUAGES",
    "N_",
    "SOURCE_LANGUAGE",
    "TranslationStatus",
    "_",
    "card_language",
    "current_language",
    "day_words",
    "gettext",
    "ngettext",
    "text_direction",
    "translation_status",
    "translations",
    "use_language",
]

_language: contextvars.ContextVar[str] = contextvars.ContextVar("casekit_language", default=SOURCE_LANGUAGE)


def N_(message: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark ``message`` for extraction where it is defined; translate it later, where it is shown."""
    return message


def current_language() -> str:
    """The BCP-47 tag of the language text is shown in now (English unless :func:`use_language` says)."""
    return _language.get()


@contextlib.contextmanager
def use_language(tag: str) -> Iterator[str]:
    """Show text in ``tag``'s language inside the ``with`` block.

    Parameters
    ----------
    tag
        One of :data:`CARD_LANGUAGES` (``"ar"``, ``"vi"``, ``"zh-Hans"`` …).

    Raises
    ------
    casekit.errors.CatalogueError
        If casekit has no catalogue for that language.
    """
    token = _language.set(card_language(tag))
    try:
        yield tag
    finally:
        _language.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language (English, the source text, is shown as written: no
    catalogue is read for it, so English pages and exports pay nothing for translations)."""
    tag = current_language()
    return message if tag == SOURCE_LANGUAGE else translations(tag).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural ``message`` for ``n``, in the current language's own plural rules."""
    tag = current_language()
    if tag == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return translations(tag).ngettext(singular, plural, n)


_ = gettext


def day_words(when: dt.date, *, padded: bool = False) -> str:
    """``when`` as a day in words in the current language ("2 Mar 2026"; "02 Mar 2026" if ``padded``).

    The month's name comes from Babel's CLDR data for the language, not from casekit's catalogues.
    """
    from babel import Locale
    from babel.dates import format_date

    return format_date(
        when, "dd MMM y" if padded else "d MMM y", locale=Locale.parse(current_language(), sep="-")
    )
