"""The one-line summary of a form's audit ("18 findings in 10 areas", or that nothing stood out), in
the form's language.

The words come from casekit's message catalogues (:mod:`casekit.i18n`), with each language's own
plural rules, so a Spanish or French form's report opens in Spanish or French. A language without a
catalogue gets the English line. This module does no I/O.
"""

from __future__ import annotations

from casekit.i18n import CARD_LANGUAGES, SOURCE_LANGUAGE, ngettext, use_language
from casekit.i18n import gettext as _


def findings_summary(findings: int, areas: int, language: str = SOURCE_LANGUAGE) -> str:
    """How many findings an audit has, in how many areas, in ``language`` (English if no catalogue).

    Examples
    --------
    >>> findings_summary(18, 10, "fr")
    '18 constats dans 10 domaines'
    """
    with use_language(language if language in CARD_LANGUAGES else SOURCE_LANGUAGE):
        found = ngettext("%(num)d finding", "%(num)d findings", findings) % {"num": findings}
        where = ngettext("%(num)d area", "%(num)d areas", areas) % {"num": areas}
        # TRANSLATORS: e.g. "18 findings in 10 areas"; reorder the two parts as the language needs.
        return _("%(findings)s in %(areas)s") % {"findings": found, "areas": where}


def _language(language: str) -> str:
    return language if language in CARD_LANGUAGES else SOURCE_LANGUAGE


def no_findings(language: str = SOURCE_LANGUAGE) -> str:
    """The line a report opens with when nothing on the form stood out, in ``language``.

    Examples
    --------
    >>> no_findings("es")
    'Sin hallazgos: nada de este formulario llamó la atención.'
    """
    with use_language(_language(language)):
        return _("No findings: nothing on this form stood out.")


def no_findings_line(form: str, language: str = SOURCE_LANGUAGE) -> str:
    """The one line ``casekit audit form`` prints for a form with no findings, in ``language``."""
    with use_language(_language(language)):
        # TRANSLATORS: %(form)s is the form's file name, e.g. "intake.pdf".
        message = _(
            "%(form)s: no findings. Nothing on this form stood out; a read-through with someone who will "
            "use it is still worth doing."
        )
        return message % {"form": form}
