"""What an export knows about what it exports: the case (or cases), the scrubber and the header fields.

The exporters build one :class:`ExportContext` per notebook and hand it to casekit's preprocessors in
``resources["casekit"]``. Header fields are pseudonymous codes validated by the case model (case id,
client alias, group) and a year — never a calendar date of the client's care.

Two scopes:

* ``case`` (:meth:`ExportContext.for_case`): a workbook run or summary of one case; its identifiers
  feed the scrubber and the final scan, and its presenter's review decisions apply.
* ``organisation`` (:meth:`ExportContext.for_organisation`): a run about the organisation (the
  systems-of-care audit) that is about no one case but could mention any client; the identifiers of
  *every* case in the workspace's store feed one scrubber and the final scan. There is no presenter to
  review unsure spans, so they are redacted, never kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casekit.errors import ExportError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from casekit.deid import Finding
    from casekit.model import Case

#: The key under which the context travels in nbconvert's resources.
RESOURCE_KEY = "casekit"
#: Export scopes: one case, or the whole organisation (every case's identifiers).
CASE = "case"
ORGANISATION = "organisation"
#: Who a case export is for unless said otherwise: the presenter's peer consultation group.
PEER_GROUP = "peer_group"
#: The handouts of a case: the full consultation summary, or the one-page brief.
SUMMARY, BRIEF = "summary", "brief"


@dataclass
class ExportContext:
    """The case behind an export and the scrubber that cleans everything written from it.

    Parameters
    ----------
    case
        The case with its private identifiers (never written; feeds the scrubber and the final scan);
        ``None`` for an organisation-level export.
    scrubber
        A :class:`casekit.deid.Scrubber` made for this case (or for all of ``cases``).
    session
        The consultation session as given (an ISO date or a label); only its year is shown.
    scope
        :data:`CASE` or :data:`ORGANISATION`.
    cases
        Every case whose identifiers the final scan looks for (``(case,)`` for a case export).
    title
        An organisation export's heading ("Systems-of-care audit").
    audience
        Who a case export is for (a :class:`~casekit.model.ConsultationAudience` value; a peer group
        unless said otherwise); the gate checks the case's consent covers it.
    handout
        :data:`SUMMARY` (the full consultation summary) or :data:`BRIEF` (the one-page brief).
    """

    case: Case | None
    scrubber: Any
    session: str | None = None
    scope: str = CASE
    cases: tuple[Case, ...] = ()
    title: str = ""
    audience: str = PEER_GROUP
    handout: str = SUMMARY
    scrubbed_case: Case | None = field(default=None, init=False)
    #: Set by the de-identification preprocessor once it has run over the whole notebook.
    deidentified: bool = field(default=False, init=False)
    dropped_images: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if self.scope not in (CASE, ORGANISATION):
            raise ExportError(f"export scope {self.scope!r} is unknown; use {CASE!r} or {ORGANISATION!r}")
        if self.scope == CASE:
            if self.case is None:
                raise ExportError("a case export needs its case; use ExportContext.for_case")
            self.cases = self.cases or (self.case,)

    @classmethod
    def for_case(
        cls,
        case: Case,
        *,
        session: str | None = None,
        use_ner: bool = True,
        secret: bytes | None = None,
        keep_list: Iterable[str] = (),
        audience: str = PEER_GROUP,
        handout: str = SUMMARY,
    ) -> ExportContext:
        """Build the scrubber for ``case`` (its identifiers, patterns and, by default, NER).

        ``keep_list`` is the workspace's keep-list (:meth:`casekit.workspace.Workspace.keep_list`);
        ``audience`` and ``handout`` are as in the class.
        """
        from casekit.deid import Scrubber

        kwargs: dict[str, Any] = {"use_ner": use_ner, "keep_list": list(keep_list)}
        if secret is not None:
            kwargs["secret"] = secret
        scrubber = Scrubber.for_case(case, **kwargs)
        return cls(case=case, scrubber=scrubber, session=session, audience=audience, handout=handout)

    @classmethod
    def for_organisation(
        cls,
        cases: Iterable[Case],
        *,
        title: str = "Systems-of-care audit",
        session: str | None = None,
        use_ner: bool = True,
        allowed_terms: Iterable[str] = (),
        keep_list: Iterable[str] = (),
    ) -> ExportContext:
        """An organisation-level export: one scrubber (and one final scan) for every case's identifiers.

        Parameters
        ----------
        cases
            Every case in the workspace's store, with identifiers opened.
        title
            The heading of the export.
        session
            A date (YYYY-MM-DD) whose year the header shows; today's year when omitted.
        allowed_terms
            The workbook's own wording, which name recognition leaves alone (see
            :class:`casekit.deid.Scrubber`); any case's identifier is still found inside it.
        """
        from casekit.deid import Scrubber

        cases = tuple(cases)
        return cls(
            case=None,
            scrubber=Scrubber.for_cases(
                cases, use_ner=use_ner, allowed_terms=allowed_terms, keep_list=keep_list
            ),
            session=session,
            scope=ORGANISATION,
            cases=cases,
            title=title,
        )

    @property
    def subject(self) -> str:
        """What the export is about, for one-line messages ("case CK-0101", "the organisation audit")."""
        if self.case is not None:
            return f"case {self.case.meta.case_id}"
        return f"the organisation's {self.title.lower() or 'export'}"

    @property
    def name(self) -> str:
        """The stem of the export's file name (``CK-0101`` or ``organisation``)."""
        return self.case.meta.case_id if self.case is not None else ORGANISATION

    def pending(self) -> list[Finding]:
        """Unsure findings that still need a decision before the export may be written.

        A case export waits for its presenter's review. An organisation export has no presenter: its
        unsure spans were redacted (the safe choice), so only one that was somehow kept would wait.
        """
        if self.case is not None:
            return self.scrubber.report.pending(self.case.deid_decisions)
        return [f for f in self.scrubber.report.pending() if f.applied != "redacted"]

    def scrub(self, text: str, where: str) -> str:
        """``text`` with identifiers replaced (findings go to the scrubber's report)."""
        if not text or not text.strip():
            return text
        return self.scrubber.scrub(text, where=where).text

    def scrubbed(self) -> Case:
        """The case with every free-text field scrubbed (for plots and summaries); computed once."""
        if self.case is None:
            raise ExportError("an organisation export has no case to draw; only its own plots are re-drawn")
        if self.scrubbed_case is None:
            self.scrubbed_case, _report = self.scrubber.scrub_case(self.case)
        return self.scrubbed_case

    def header(self) -> dict[str, str]:
        """Case code, alias, group and session year for the summary's header (all pseudonymous).

        An organisation export's header has its title, the scope and the year only.
        """
        if self.case is None:
            return {
                "scope": ORGANISATION,
                "title": self.title,
                "session": year_label(self.session),
                "footer": footer_notice(None),
            }
        meta = self.case.meta
        return {
            "scope": CASE,
            "case_code": meta.case_id,
            "client_alias": meta.client_alias,
            "group": meta.group or "",
            "session": session_label(self.session),
            "audience": self.audience,
            "handout": self.handout,
            "footer": footer_notice(self.audience),
        }


def footer_notice(audience: str | None) -> str:
    """The notice at the foot of every printed page: who the export is for, in plain words.

    ``audience`` is a :class:`~casekit.model.ConsultationAudience` value, worded as the consent gate
    words it (:data:`casekit.export.gate.AUDIENCE_WORDS`); ``None`` is an organisation export.

    Examples
    --------
    >>> footer_notice("supervision")
    'Confidential · de-identified · for supervision only'
    """
    from casekit.export.gate import AUDIENCE_WORDS

    words = "the organisation's own staff" if audience is None else AUDIENCE_WORDS[audience]
    return f"Confidential · de-identified · for {words} only"


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


def year_label(day: str | None, today: dt.date | None = None) -> str:
    """An organisation export's date line: the year only ("Prepared in 2026")."""
    if day:
        try:
            return f"Prepared in {dt.date.fromisoformat(day).year}"
        except ValueError:
            raise ExportError("the audit date must be written YYYY-MM-DD (only its year is shown)") from None
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
