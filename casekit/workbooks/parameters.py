"""A user's workbook parameters: checked against the workbook, converted, and screened for identifiers.

Parameters are ids, paths, dates and options. Text from the command line is converted to the type of
the parameter's default; a value that contains one of the case's private identifiers (any case's, for
an organisation-level workbook) is refused before anything runs, naming the parameter, never the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from casekit.errors import WorkbookError
from casekit.workbooks.catalog import RUNNER_PARAMETERS, Workbook

if TYPE_CHECKING:
    from casekit.model import PrivateIdentifiers
    from casekit.store.records import CaseRecord

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def _coerce(name: str, value: Any, default: Any) -> Any:
    if not isinstance(value, str) or default is None or isinstance(default, str):
        return value
    text = value.strip()
    try:
        if isinstance(default, bool):
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise ValueError(text)
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
        if isinstance(default, list):
            # From the command line: one value, or several separated by commas ("a.docx,b.pdf").
            return [part.strip() for part in text.split(",") if part.strip()]
    except ValueError:
        raise WorkbookError(
            f"parameter {name!r} must be {type(default).__name__} like {default!r}; got a different value"
        ) from None
    return value


def validate_parameters(
    workbook: Workbook,
    parameters: Mapping[str, Any] | None,
    *,
    identifiers: PrivateIdentifiers | Iterable[PrivateIdentifiers] | None = None,
) -> dict[str, Any]:
    """Check and convert a user's parameters for a workbook.

    Parameters
    ----------
    workbook
        The workbook to run.
    parameters
        Name → value (strings from the command line are converted to the default's type).
    identifiers
        The case's private identifiers (or, for an organisation-level workbook, every case's); any
        parameter value containing one of them (or a simple variant) is refused.

    Raises
    ------
    WorkbookError
        On an unknown parameter (naming it and listing the valid ones), a missing required one, a
        value of the wrong type, or a value that contains an identifier of the case (the message
        names the parameter and the kind of identifier, never the value).
    """
    given = dict(parameters or {})
    for name in given:
        if name not in workbook.parameters or name in RUNNER_PARAMETERS:
            valid = ", ".join(workbook.options) or "(none)"
            raise WorkbookError(f"{workbook.name}: unknown parameter {name!r}; valid parameters: {valid}")
    missing = [n for n in workbook.required if given.get(n) in (None, "")]
    if missing:
        raise WorkbookError(
            f"{workbook.name}: parameter {missing[0]!r} is required; pass -p {missing[0]} VALUE"
        )
    out = {n: _coerce(n, v, workbook.parameters[n]) for n, v in given.items()}
    if identifiers is not None:
        from casekit.deid import scan_for_identifiers
        from casekit.model import PrivateIdentifiers as _Identifiers

        whose = "the client's" if isinstance(identifiers, _Identifiers) else "a client's"
        sets = identifiers if isinstance(identifiers, _Identifiers) else list(identifiers)
        for name, value in out.items():
            hits = scan_for_identifiers(str(value), sets)
            if hits:
                raise WorkbookError(
                    f"{workbook.name}: parameter {name!r} contains {whose} {hits[0].category}; "
                    f"parameters may hold only ids, paths, dates and options"
                )
    return out


def case_parameters(
    book: Workbook, case_id: str, record: CaseRecord, workspace: str, parameters: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Every parameter of a per-case run: the runner's own (``case_id``, ``workspace``) and the user's.

    Raises
    ------
    WorkbookError
        If the user's parameters are bad (see :func:`validate_parameters`), or hold text while the
        case's identifiers are locked (they could not be checked).
    """
    extra = {k: v for k, v in (parameters or {}).items() if v not in (None, "")}
    if record.identifiers_locked and any(isinstance(v, str) for v in extra.values()):
        raise WorkbookError(
            f"{book.name}: case {case_id}'s identifiers are locked, so text parameters cannot "
            f"be checked against them; unlock the store (key file or CASEKIT_PASSPHRASE)"
        )
    params = validate_parameters(book, parameters, identifiers=record.case.identifiers)
    return {"case_id": case_id, "workspace": workspace, **params}


def organisation_parameters(
    book: Workbook, records: list[CaseRecord], workspace: str, parameters: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Every parameter of an organisation-level run, checked against every case's identifiers.

    Raises
    ------
    WorkbookError
        If the user's parameters are bad, or hold anything but numbers and truth values while some
        case's identifiers are locked.
    """
    extra = {k: v for k, v in (parameters or {}).items() if v not in (None, "", [])}
    if any(r.identifiers_locked for r in records) and any(not _is_plain(v) for v in extra.values()):
        raise WorkbookError(
            f"{book.name}: the cases' identifiers are locked, so text parameters cannot be checked "
            f"against them; unlock the store (key file or CASEKIT_PASSPHRASE)"
        )
    params = validate_parameters(book, parameters, identifiers=[r.case.identifiers for r in records])
    return {"workspace": workspace, **params}


def _is_plain(value: Any) -> bool:
    """Whether a parameter value is a number or a truth value (nothing an identifier could hide in)."""
    return isinstance(value, bool | int | float)
