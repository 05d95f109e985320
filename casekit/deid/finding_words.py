"""How a de-identification finding is said to a clinician, in the language shown.

A finding's category ("street_address") and reason are stored and reported in English (the scrub
report, the access log and the CLI read them as written). :func:`category_words` and
:func:`reason_words` word them for a person, through the message catalogues, when a review is shown.
No I/O.
"""

from __future__ import annotations

import re
from functools import cache

from casekit.i18n import N_, SOURCE_LANGUAGE, current_language
from casekit.i18n import gettext as _

#: Each category a finding can carry, in plain words ("it may be a street address").
CATEGORY_WORDS: dict[str, str] = {
    "date": N_("date"),
    "date_of_birth": N_("date of birth"),
    "phone": N_("phone"),
    "email": N_("email"),
    "url": N_("web address"),
    "ip_address": N_("IP address"),
    "ssn": N_("social security number"),
    "id_number": N_("ID number"),
    "street_address": N_("street address"),
    "postal_code": N_("postal code"),
    "age_over_89": N_("age over 89"),
    "person": N_("person"),
    "name": N_("name"),
    "client_name": N_("client name"),
    "household_name": N_("household name"),
    "organisation": N_("organisation"),
    "employer": N_("employer"),
    "school": N_("school"),
    "social_handle": N_("social handle"),
    "place": N_("place"),
    "city": N_("city"),
    "county": N_("county"),
    "other_identifier": N_("other identifier"),
    "extra_term": N_("extra term"),
    "other_language": N_("other language"),
}

#: What the presenter is asked about an entry written in another language (the English is also what
#: :attr:`casekit.deid.languages.OtherLanguageText.reason` stores).
OTHER_LANGUAGE_REASON = N_("written in %(language)s: please read it for names")
_REASON = re.compile(
    "^" + re.escape(OTHER_LANGUAGE_REASON).replace(re.escape("%(language)s"), "(?P<language>.+)") + "$"
)


def category_words(category: str) -> str:
    """A finding's category in plain words, in the language shown ("street address").

    A category casekit does not know is shown with its underscores as spaces.
    """
    known = CATEGORY_WORDS.get(category)
    return _(known) if known else category.replace("_", " ")


@cache
def _english_names() -> dict[str, str]:
    """English language name → its tag, from Babel's CLDR data ("Somali" → "so")."""
    from babel import Locale

    return {name: tag for tag, name in Locale("en").languages.items()}


def _language_in_shown(english_name: str) -> str:
    """A language named in English, named again in the language shown (CLDR's name; the English one
    when CLDR has none)."""
    from babel import Locale, UnknownLocaleError

    tag = _english_names().get(english_name)
    if tag is None:
        return english_name
    try:
        shown = Locale.parse(current_language(), sep="-")
    except (ValueError, UnknownLocaleError):
        return english_name
    return shown.languages.get(tag, english_name)


def reason_words(reason: str) -> str:
    """A finding's stored reason as a person reads it in the language shown.

    The other-language reason ("written in Somali: please read it for names") is worded again from
    the catalogues, the language named in the language shown; any other reason is shown as stored.
    """
    found = _REASON.match(reason)
    if found is None or current_language() == SOURCE_LANGUAGE:
        return reason
    return _(OTHER_LANGUAGE_REASON) % {"language": _language_in_shown(found["language"])}
