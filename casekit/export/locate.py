"""Finding the case behind a workbook run: its id from the notebook, its workspace from the context.

An export needs the case for its list of identifiers (the deny-list the final scan looks for). The
notebook names the case in ``metadata.casekit.case_id``; it never names the workspace (no paths in a
notebook's metadata). The workspace is, in order:

1. the one given explicitly (``casekit export --workspace``, or the exporter's ``workspace`` option);
2. ``$CASEKIT_WORKSPACE``;
3. the nearest folder above the notebook holding ``casekit.toml`` (a run lives in
   ``WORKSPACE/runs/CASE/WORKBOOK.ipynb``);
4. the current folder (a Jupyter server started in the workspace).

An organisation-level run (``metadata.casekit.scope == "organisation"``, e.g. the systems-of-care
audit in ``runs/organisation/``) names no case: its export is checked against the identifiers of
*every* case in the workspace's store (:func:`load_all_cases`).

Decision: if no workspace holds the case, the export is refused. Patterns and NER alone would still
scrub, but only the case's own identifier list can prove that a name did not get through, and a
summary that cannot be checked must not leave the machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import ExportError, WorkspaceError
from casekit.model.ids import check_case_id

if TYPE_CHECKING:
    from casekit.export.context import ExportContext
    from casekit.model import Case
    from casekit.workspace import Workspace

_HOW = "set CASEKIT_WORKSPACE=DIR (or pass --workspace DIR), or keep the run under WORKSPACE/runs/CASE/"


def _casekit_metadata(nb: Any) -> Mapping[str, Any]:
    meta = nb.get("metadata", {}).get("casekit") or {}
    return meta if isinstance(meta, Mapping) else {}


def scope_of(nb: Any) -> str:
    """``"organisation"`` for a run of an organisation-level workbook, else ``"case"``."""
    from casekit.export.context import CASE, ORGANISATION

    return ORGANISATION if _casekit_metadata(nb).get("scope") == ORGANISATION else CASE


def case_id_of(nb: Any) -> str:
    """The case id a notebook names in ``metadata.casekit`` (``case_id`` or ``parameters.case_id``).

    Raises
    ------
    ExportError
        If the notebook names no valid case id.
    """
    meta = _casekit_metadata(nb)
    params = meta.get("parameters") if isinstance(meta.get("parameters"), Mapping) else {}
    # casekit.workbooks records the case under parameters; a built summary names it directly.
    case_id = meta.get("case_id") or params.get("case_id")
    if not isinstance(case_id, str) or not case_id:
        raise ExportError(
            "this notebook does not say which case it belongs to (casekit's workbooks record it); "
            "export a notebook run by casekit, or name the case with `casekit export --case ID`"
        )
    try:
        return check_case_id(case_id)
    except ValueError:
        raise ExportError(
            "the case code recorded in this notebook is not a valid case code; "
            "run the workbook again from casekit"
        ) from None


def candidate_roots(
    *,
    explicit: str | os.PathLike[str] | None = None,
    notebook_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> list[Path]:
    """The folders to try as the workspace, in order (see the module docstring)."""
    env = os.environ if environ is None else environ
    out: list[Path] = []
    if explicit:
        return [Path(explicit).expanduser()]
    if env.get("CASEKIT_WORKSPACE"):
        out.append(Path(env["CASEKIT_WORKSPACE"]).expanduser())
    if notebook_dir:
        here = Path(notebook_dir).expanduser().resolve()
        out += [here, *here.parents]
    out.append(cwd or Path.cwd())
    return out


def find_workspace(
    *,
    explicit: str | os.PathLike[str] | None = None,
    notebook_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Workspace:
    """The workspace an export reads its case from.

    Raises
    ------
    ExportError
        If none of the candidate folders is a casekit workspace.
    """
    from casekit.workspace import CONFIG_NAME, Workspace

    for root in candidate_roots(explicit=explicit, notebook_dir=notebook_dir, environ=environ, cwd=cwd):
        if (root / CONFIG_NAME).is_file():
            try:
                return Workspace.find(root)
            except WorkspaceError:
                continue
    raise ExportError(f"cannot find the casekit workspace this notebook belongs to; {_HOW}")


def load_case(ws: Workspace, case_id: str, *, environ: Mapping[str, str] | None = None) -> tuple[Case, bytes]:
    """Load the newest revision of ``case_id`` with its private identifiers opened.

    Returns the case and its fingerprint secret (from the store key), which matches the presenter's
    stored review decisions to what de-identification flags again at export time.

    Raises
    ------
    ExportError
        If the identifiers cannot be opened (an export cannot be checked without them).
    CaseNotFoundError
        If the workspace's store has no such case.
    """
    case, _revision, secret = load_case_revision(ws, case_id, environ=environ)
    return case, secret


def load_case_revision(
    ws: Workspace, case_id: str, *, environ: Mapping[str, str] | None = None
) -> tuple[Case, int, bytes]:
    """As :func:`load_case`, with the revision number loaded (the case, its revision, its secret).

    Raises
    ------
    ExportError
        If the identifiers cannot be opened (an export cannot be checked without them).
    CaseNotFoundError
        If the workspace's store has no such case.
    """
    from casekit.settings import resolve

    env = os.environ if environ is None else environ
    settings = resolve(workspace=ws.root, environ=env)
    with ws.open_store_with(settings) as store:
        record = store.load(case_id)
        locked = record.identifiers_locked or not store.has_key
        if locked:
            raise ExportError(
                f"case {case_id}: its private identifiers are locked, so the export cannot be checked "
                f"against them; make the workspace key available (or set CASEKIT_PASSPHRASE) and export again"
            )
        return record.case, record.revision, store.fingerprint_secret(case_id)


def load_all_cases(ws: Workspace, *, environ: Mapping[str, str] | None = None) -> list[Case]:
    """The newest revision of every case in the workspace's store, with private identifiers opened.

    Raises
    ------
    ExportError
        If the identifiers cannot be opened (an organisation export is checked against every case's).
    """
    from casekit.settings import resolve

    env = os.environ if environ is None else environ
    settings = resolve(workspace=ws.root, environ=env)
    with ws.open_store_with(settings) as store:
        records = [store.load(s.case_id) for s in store.list_cases()]
        if not store.has_key or any(r.identifiers_locked for r in records):
            raise ExportError(
                "the workspace's private identifiers are locked, so the organisation export cannot be "
                "checked against them; make the workspace key available (or set CASEKIT_PASSPHRASE) "
                "and export again"
            )
    return [r.case for r in records]


def context_for_run(nb: Any, ws: Workspace, *, session: str | None = None) -> ExportContext:
    """The export context of a workbook run: its case's, or every case's for an organisation run.

    ``session`` overrides the date the run's parameters give (``session_date`` for a case run,
    ``audit_date`` for an organisation run); only its year is shown.
    """
    from casekit.export.context import ORGANISATION, ExportContext

    meta = _casekit_metadata(nb)
    params = meta.get("parameters") if isinstance(meta.get("parameters"), Mapping) else {}
    if scope_of(nb) == ORGANISATION:
        day = session or _text(params.get("audit_date"))
        workbook = _text(meta.get("workbook"))
        title = _workbook_title(workbook)
        allowed = _OWN_WORDING[workbook]() if workbook in _OWN_WORDING else []
        return ExportContext.for_organisation(
            load_all_cases(ws), title=title, session=day, allowed_terms=allowed, keep_list=ws.keep_list()
        )
    case_id = case_id_of(nb)
    audience = run_audience(nb)
    case, secret = load_case(ws, case_id)
    return ExportContext.for_case(
        case, session=session or run_session(nb), secret=secret, keep_list=ws.keep_list(), audience=audience
    )


def run_session(nb: Any) -> str | None:
    """The session date a case run's parameters give (``session_date``), if any."""
    meta = _casekit_metadata(nb)
    params = meta.get("parameters") if isinstance(meta.get("parameters"), Mapping) else {}
    return _text(params.get("session_date"))


def _audit_wording() -> list[str]:
    from casekit.audit.audit_workbook import own_wording

    return own_wording()


#: Organisation-level workbooks whose own wording name recognition leaves alone in an export.
_OWN_WORDING: dict[str, Callable[[], list[str]]] = {"systems-audit": _audit_wording}


def _workbook_title(name: str | None) -> str:
    """The title casekit's own registry gives the workbook (never the text a notebook claims)."""
    from casekit.errors import WorkbookError
    from casekit.workbooks import get_workbook

    try:
        return (get_workbook(name).title or "Organisation export") if name else "Organisation export"
    except WorkbookError:
        return "Organisation export"


def run_audience(nb: Any) -> str:
    """Who an export of a workbook run is for: what the registry says of the workbook the run names."""
    return workbook_audience(_text(_casekit_metadata(nb).get("workbook")))


def workbook_audience(name: str | None) -> str:
    """Who an export of a run of ``name`` is for, as casekit's own registry says (a peer group unless
    the workbook says otherwise; never what a notebook claims about itself)."""
    from casekit.errors import WorkbookError
    from casekit.workbooks.catalog import PEER_GROUP, peek

    try:
        return peek(name).audience if name else PEER_GROUP
    except WorkbookError:
        return PEER_GROUP


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
