"""The workbook registry: casekit's workbooks (``notebooks/*.ipynb``), their parameters and their scope.

A workbook's parameters are what papermill's own inspection of its cell tagged ``parameters`` finds
(:meth:`papermill.translators.PythonTranslator.inspect`, as ``papermill --help-notebook`` shows them);
each default must be a Python literal. Its casekit metadata says whether it is per case (the default)
or for the whole organisation (``{"casekit": {"scope": "organisation"}}``), which parameters a user
must give (``{"casekit": {"required": [...]}}``) and its title.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import WorkbookError
from casekit.layout import NOTEBOOK_SUFFIX
from casekit.resources import notebooks_dir

if TYPE_CHECKING:
    from nbformat import NotebookNode

#: Parameters every workbook takes and the runner fills in itself.
RUNNER_PARAMETERS = ("case_id", "workspace")
#: Workbook scopes: run for one case, or once for the whole organisation.
CASE = "case"
ORGANISATION = "organisation"
#: Who an export of a run is for unless the workbook says otherwise (see Workbook.audience).
PEER_GROUP = "peer_group"


@dataclass(frozen=True)
class Workbook:
    """A workbook: its name, notebook file and the parameters its ``parameters`` cell declares.

    ``required`` lists parameters a user must give beyond the runner's own
    (:data:`RUNNER_PARAMETERS`); a notebook declares them in its metadata as
    ``{"casekit": {"required": ["name", ...]}}``. ``scope`` is :data:`CASE` (the default) or
    :data:`ORGANISATION` (``{"casekit": {"scope": "organisation"}}``). ``audience`` is who an export of
    a run is for (``{"casekit": {"audience": "supervision"}}``; a peer group by default), which the
    export gate checks against the case's consent to consultation.
    """

    name: str
    path: Path
    parameters: Mapping[str, Any]
    title: str = ""
    required: tuple[str, ...] = ()
    scope: str = CASE
    audience: str = PEER_GROUP

    @property
    def per_case(self) -> bool:
        """Whether the workbook runs for one case at a time."""
        return self.scope == CASE

    @property
    def options(self) -> tuple[str, ...]:
        """Parameters a user may give (everything but the runner's own)."""
        return tuple(n for n in self.parameters if n not in RUNNER_PARAMETERS)


def check_scope(book: Workbook, case_id: str | None, *, case_option: bool = False) -> None:
    """Refuse a case for an organisation-level workbook, and no case for a per-case one.

    Parameters
    ----------
    book
        The workbook to run.
    case_id
        The case it is to run for (None: for no case).
    case_option
        Whether the case came from the command line (``--case``/``--group``): the message then says
        to drop those options rather than the case id.

    Raises
    ------
    WorkbookError
        One line saying how to run the workbook instead.
    """
    if book.per_case and case_id is None:
        raise WorkbookError(
            f"{book.name} runs for one case at a time; give a case id (--case ID or --group G)"
        )
    if not book.per_case and case_id is not None:
        drop = "without --case or --group" if case_option else "without a case"
        raise WorkbookError(
            f"{book.name} is about the whole organisation, not one case; run it {drop} "
            f"(`casekit run {book.name}`)"
        )


def _read(path: Path) -> NotebookNode:
    """The notebook as papermill loads it (every cell with a ``tags`` list)."""
    from papermill.iorw import load_notebook_node

    try:
        return load_notebook_node(str(path))
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSON and schema errors are ValueErrors
        raise WorkbookError(
            f"{path}: not a readable notebook ({type(exc).__name__}); restore the file"
        ) from None


def _parameters_of(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Names and default values of the cell tagged ``parameters``, and the casekit metadata."""
    from papermill.translators import papermill_translators
    from papermill.utils import find_first_tagged_cell_index

    nb = _read(path)
    meta = nb.metadata.get("casekit", {})
    meta = dict(meta) if isinstance(meta, Mapping) else {}
    index = find_first_tagged_cell_index(nb, "parameters")
    if index < 0:
        raise WorkbookError(
            f"{path}: has no cell tagged 'parameters'; tag the cell that holds its parameters"
        )
    cell = nb.cells[index]
    try:
        ast.parse(cell.source)  # papermill's inspection skips what it cannot read; refuse it instead
    except SyntaxError:
        raise WorkbookError(f"{path}: the parameters cell is not valid Python; fix it") from None
    params: dict[str, Any] = {}
    for found in papermill_translators.find_translator("python3", "python").inspect(cell):
        try:
            params[found.name] = ast.literal_eval(found.default)
        except (ValueError, SyntaxError):
            raise WorkbookError(f"{path}: parameter {found.name!r} must have a literal default") from None
    return params, meta


def _workbook(path: Path) -> Workbook:
    params, meta = _parameters_of(path)
    required = tuple(str(n) for n in meta.get("required", []) if n in params and n not in RUNNER_PARAMETERS)
    scope = meta.get("scope", CASE)
    if scope not in (CASE, ORGANISATION):
        raise WorkbookError(f"{path}: metadata casekit.scope is {scope!r}; use {CASE!r} or {ORGANISATION!r}")
    if scope == ORGANISATION and "case_id" in params:
        raise WorkbookError(
            f"{path}: an organisation-level workbook takes no case_id; remove it from the parameters cell"
        )
    audience = str(meta.get("audience", PEER_GROUP))
    return Workbook(path.stem, path, params, str(meta.get("title", "")), required, scope, audience)


def registry(folder: Path | None = None) -> dict[str, Workbook]:
    """Every workbook in ``folder`` (casekit's ``notebooks/`` by default), by name.

    The name is the file name without ``.ipynb`` (``case-review``).
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    return {path.stem: _workbook(path) for path in sorted(folder.glob(f"*{NOTEBOOK_SUFFIX}"))}


def peek(name: str, folder: Path | None = None) -> Workbook:
    """The workbook called ``name`` with its title and scope but no parameters, read without papermill.

    For a command to refuse an unknown workbook or the wrong scope before it starts a kernel, without
    waiting for papermill's import (about two seconds) first; :func:`get_workbook` reads the rest.

    Raises
    ------
    WorkbookError
        If there is no such workbook, or it is not a readable notebook.
    """
    import json

    folder = Path(folder) if folder is not None else notebooks_dir()
    name = name.removesuffix(NOTEBOOK_SUFFIX)
    paths = {p.stem: p for p in sorted(folder.glob(f"*{NOTEBOOK_SUFFIX}"))}
    if name not in paths:
        raise WorkbookError(f"unknown workbook {name!r}; choose from {', '.join(paths) or '(none found)'}")
    path = paths[name]
    try:
        meta = json.loads(path.read_bytes()).get("metadata", {}).get("casekit", {})
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise WorkbookError(
            f"{path}: not a readable notebook ({type(exc).__name__}); restore the file"
        ) from None
    meta = meta if isinstance(meta, Mapping) else {}
    scope = meta.get("scope", CASE)
    if scope not in (CASE, ORGANISATION):
        raise WorkbookError(f"{path}: metadata casekit.scope is {scope!r}; use {CASE!r} or {ORGANISATION!r}")
    audience = str(meta.get("audience", PEER_GROUP))
    return Workbook(name, path, {}, str(meta.get("title", "")), (), scope, audience)


def get_workbook(name: str, folder: Path | None = None) -> Workbook:
    """The workbook called ``name``.

    Raises
    ------
    WorkbookError
        If there is no such workbook (the message lists the ones there are).
    """
    books = registry(folder)
    name = name.removesuffix(NOTEBOOK_SUFFIX)
    if name not in books:
        raise WorkbookError(f"unknown workbook {name!r}; choose from {', '.join(books) or '(none found)'}")
    return books[name]
