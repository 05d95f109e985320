"""What an export knows about the case it exports: the case, its scrubber and the header fields.

The exporters build one :class:`ExportContext` per notebook and hand it to casekit's preprocessors in
``resources["casekit"]``. Header fields are pseudonymous codes validated by the case model (case id,
client alias, group) and a year — never a calendar date of the client's care.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casekit.errors import ExportError

if TYPE_CHECKING:
    from casekit.model import Case

#: The key under which the context travels in nbconvert's resources.
RESOURCE_KEY = "casekit"


@dataclass
class ExportContext:
    """The case behind an export and the scrubber that cleans everything written from it.

    Parameters
    ----------
    case
        The case with its private identifiers (never written; feeds the scrubber and the final scan).
    scrubber
        A :class:`casekit.deid.Scrubber` made for this case.
    session
        The consultation session as given (an ISO date or a label); only its year is shown.
    """

    case: Case
    scrubber: Any
    session: str | None = None
    scrubbed_case: Case | None = field(default=None, init=False)
    #: Set by the de-identification preprocessor once it has run over the whole notebook.
    deidentified: bool = field(default=False, init=False)
    dropped_images: int = field(default=0, init=False)

    @classmethod
    def for_case(
        cls, case: Case, *, session: str | None = None, use_ner: bool = True, secret: bytes | None = None
    ) -> ExportContext:
        """Build the scrubber for ``case`` (its identifiers, patterns and, by default, NER)."""
        from casekit.deid import Scrubber

        kwargs: dict[str, Any] = {"use_ner": use_ner}
        if secret is not None:
            kwargs["secret"] = secret
        return cls(case=case, scrubber=Scrubber.for_case(case, **kwargs), session=session)

    def scrub(self, text: str, where: str) -> str:
        """``text`` with identifiers replaced (findings go to the scrubber's report)."""
        if not text or not text.strip():
            return text
        return self.scrubber.scrub(text, where=where).text

    def scrubbed(self) -> Case:
        """The case with every free-text field scrubbed (for plots and summaries); computed once."""
        if self.scrubbed_case is None:
            self.scrubbed_case, _report = self.scrubber.scrub_case(self.case)
        return self.scrubbed_case

    def header(self) -> dict[str, str]:
        """Case code, alias, group and session year for the summary's header (all pseudonymous)."""
        meta = self.case.meta
        return {
            "case_code": meta.case_id,
            "client_alias": meta.client_alias,
            "group": meta.group or "",
            "session": session_label(self.session),
        }


def session_label(session: str | None, today: dt.date | None = None) -> str:
    """A session shown by its year only ("Consultation session, 2026").

    A calendar date is an identifier under HIPAA Safe Harbor; the year is not.
    """
    if session:
        try:
            year = dt.date.fromisoformat(session).year
        except ValueError:
            raise ExportError(
                "session must be a date written YYYY-MM-DD (only its year is shown in the summary)"
            ) from None
        return f"Consultation session, {year}"
    return f"Prepared in {(today or dt.date.today()).year}"


def context_of(resources: Any) -> ExportContext:
    """The export context in ``resources``, or a clear error when a preprocessor runs without one."""
    ctx = resources.get(RESOURCE_KEY) if resources else None
    if not isinstance(ctx, ExportContext):
        raise ExportError(
            "casekit's export preprocessors need the case; export with --to casekit_html, casekit_pdf or "
            "casekit_md (or `casekit export`)"
        )
    return ctx
