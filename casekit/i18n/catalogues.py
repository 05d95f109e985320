"""Finding, compiling and describing casekit's message catalogues (one job: catalogues on disk).

Catalogues live in ``casekit/locale/<folder>/LC_MESSAGES/casekit.po``, where the folder is the BCP-47
tag with ``_`` for ``-`` (``zh-Hans`` → ``zh_Hans``), as gettext and Babel name them. Each is compiled
in memory with Babel on first use and kept for the life of the process.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

from casekit.errors import CatalogueError

DOMAIN = "casekit"
#: The language casekit's text is written in.
SOURCE_LANGUAGE = "en"
#: The languages the client card speaks, each named in itself (as a client looks for it).
CARD_LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "zh-Hans": "简体中文",
    "vi": "Tiếng Việt",
    "ar": "العربية",
    "so": "Soomaali",
    "fr": "Français",
    "ko": "한국어",
}


def locale_dir() -> Path:
    """The folder holding the catalogues (``casekit/locale``)."""
    return Path(__file__).resolve().parent.parent / "locale"


def folder_name(tag: str) -> str:
    """The catalogue folder for a BCP-47 tag (``"zh-Hans"`` → ``"zh_Hans"``)."""
    return tag.replace("-", "_")


def catalogue_path(tag: str) -> Path:
    """Where ``tag``'s ``.po`` file lives."""
    return locale_dir() / folder_name(tag) / "LC_MESSAGES" / f"{DOMAIN}.po"


def card_language(tag: str) -> str:
    """``tag`` if the client card speaks it; otherwise a :class:`CatalogueError` naming the choices."""
    if tag not in CARD_LANGUAGES:
        raise CatalogueError(
            f"language: casekit has no client card in {tag!r}; choose one of {', '.join(CARD_LANGUAGES)}"
        )
    return tag


def text_direction(tag: str) -> str:
    """``"rtl"`` for a language written right to left (Arabic), else ``"ltr"``, as Babel's CLDR data says."""
    from babel import Locale

    return "rtl" if Locale.parse(tag, sep="-").text_direction == "rtl" else "ltr"


@functools.cache
def translations(tag: str) -> _gettext.NullTranslations:
    """``tag``'s catalogue, compiled in memory from its ``.po`` file the first time it is asked for.

    Raises
    ------
    CatalogueError
        If the language has no catalogue or its ``.po`` file cannot be read.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalogue_path(card_language(tag))
    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=folder_name(tag), domain=DOMAIN)
    except (OSError, ValueError) as exc:
        raise CatalogueError(
            f"{path}: the {tag} catalogue cannot be read ({exc}); restore it from git"
        ) from None
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class TranslationStatus:
    """Whether a catalogue is a draft or was reviewed by a fluent clinician, by whom and when.

    Read from ``status.toml`` beside the catalogue (``state = "draft"`` or ``"reviewed"``,
    ``reviewer``, ``reviewed_on`` as YYYY-MM-DD, ``drafted_by``); English, the language casekit is
    written in, is ``"source"``.
    """

    language: str
    state: str
    drafted_by: str = ""
    reviewer: str = ""
    reviewed_on: dt.date | None = None

    @property
    def is_draft(self) -> bool:
        """Whether no fluent reviewer has checked this translation yet."""
        return self.state == "draft"


def translation_status(tag: str) -> TranslationStatus:
    """The review status of ``tag``'s catalogue.

    Raises
    ------
    CatalogueError
        If ``status.toml`` is missing or unreadable, or says "reviewed" without a reviewer and a date.
    """
    path = catalogue_path(card_language(tag)).parent.parent / "status.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(
            f"{path}: cannot be read ({exc}); it says whether the translation is a draft"
        ) from None
    state = data.get("state", "draft")
    reviewed_on = data.get("reviewed_on") or None
    if state not in {"draft", "reviewed", "source"}:
        raise CatalogueError(f'{path}: state is {state!r}; write state = "draft" or state = "reviewed"')
    if state == "reviewed" and (not data.get("reviewer") or not isinstance(reviewed_on, dt.date)):
        raise CatalogueError(f"{path}: a reviewed translation needs reviewer and reviewed_on (YYYY-MM-DD)")
    return TranslationStatus(
        tag, state, str(data.get("drafted_by", "")), str(data.get("reviewer", "")), reviewed_on
    )
