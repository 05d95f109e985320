"""The plain label of whose words an entry holds and how they were obtained.

One owner for the wording, used by the form and by every export: only an entry marked word for word
(or written by the client on their card) is ever labelled as the client's own words.
"""

from __future__ import annotations

from casekit.i18n import N_, current_language
from casekit.i18n import gettext as _
from casekit.model import Entry, Obtained, Voice

_CLIENT_LABELS = {
    Obtained.VERBATIM: N_("Client's words"),  # Voice.CLIENT's label
    Obtained.PARAPHRASE: N_("Client, paraphrased"),
    Obtained.INTERPRETER: N_("Client, through an interpreter"),
    None: N_("Client (not marked as word for word)"),
}

#: The label of an entry the client wrote themselves, on their client card.
CLIENT_WRITTEN = N_("Client's own writing")


def language_name(tag: str) -> str:
    """The name of a BCP-47 language tag in the language text is shown in (English: "ar" → "Arabic"), or
    the tag if Babel does not know it.

    Parameters
    ----------
    tag
        A language tag such as ``"vi"`` or ``"zh-Hans"``.
    """
    from babel import Locale, UnknownLocaleError

    try:
        shown_in = Locale.parse(current_language(), sep="-")
        return Locale.parse(tag, sep="-").get_display_name(shown_in) or tag
    except (ValueError, UnknownLocaleError):
        return tag


def provenance(entry: Entry) -> str:
    """Whose words ``entry`` holds and how they were obtained, in plain words.

    Examples
    --------
    >>> provenance(Entry(voice=Voice.CLIENT, obtained=Obtained.PARAPHRASE))
    'Client, paraphrased'
    >>> provenance(Entry(voice=Voice.CLIENT, obtained=Obtained.VERBATIM, language="vi"))
    "Client's words, in Vietnamese"
    """
    if entry.voice is not Voice.CLIENT:
        return entry.voice.label
    label = _(CLIENT_WRITTEN if entry.client_written else _CLIENT_LABELS[entry.obtained])
    if not entry.language:
        return label
    # TRANSLATORS: e.g. "Client's words, in Vietnamese"
    return _("%(label)s, in %(language)s") % {"label": label, "language": language_name(entry.language)}
