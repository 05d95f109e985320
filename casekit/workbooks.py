"""Run casekit's workbooks (``notebooks/*.ipynb``) for one case or many, into the workspace's ``runs/``.

Parameters are injected with papermill's Python API (:func:`papermill.parameterize_notebook`, the same
``injected-parameters`` cell the ``papermill`` command writes) and the notebook is executed with
nbclient on a kernel from a warm pool:

* kernels are started ahead of time (in parallel with everything else) and pre-import casekit, so a
  run pays neither Python's start-up nor the imports;
* after every run the kernel's namespace is reset (a new IPython session: no variables, no history,
  no open figures or widgets), and a kernel whose run failed is replaced, so nothing of one case is
  left for the next;
* kernels talk over IPC sockets, not TCP, so case content never crosses a network interface.

Outputs go to ``runs/<case id>/<workbook>.ipynb`` (re-running replaces), with provenance under the
notebook's ``casekit`` metadata (workbook, casekit version, parameters, time) and no widget state.
Parameters are ids, paths, dates and options; a value that contains one of the case's private
identifiers is refused before anything runs.

A workbook is per case unless its notebook metadata says ``{"casekit": {"scope": "organisation"}}``
(the systems-of-care audit). An organisation-level workbook runs once, for no case, into
``runs/organisation/<workbook>.ipynb`` (case ids are capitals and digits, so the folder never meets a
case's); it gets ``workspace`` but no ``case_id``, and its parameters are checked against the
identifiers of *every* case in the store.
"""

from __future__ import annotations

import ast
import asyncio
import copy
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import __version__
from casekit.errors import CasekitError, WorkbookError
from casekit.resources import notebooks_dir

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from casekit.model import PrivateIdentifiers
    from casekit.workspace import Workspace

#: Parameters every workbook takes and the runner fills in itself.
RUNNER_PARAMETERS = ("case_id", "workspace")
#: Workbook scopes: run for one case, or once for the whole organisation.
CASE = "case"
ORGANISATION = "organisation"

#: Imported by each pooled kernel before it is handed a case (code only, no case data).
# Warm kernels import what workbooks use and load the name-recognition model once, ahead of time.
_WARM_CODE = (
    "__import__('casekit.nbsupport'); __import__('casekit.render'); __import__('casekit.plots'); "
    "__import__('casekit.deid.ner').deid.ner.pipeline()"
)

_RESET_CODE = """
def __casekit_reset(cwd):
    import gc, os, sys
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:
        widgets.Widget.close_all()
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    get_ipython().reset(new_session=True)
    os.chdir(cwd)
    gc.collect()
__casekit_reset(%r)
"""

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_PLACEHOLDER = "(interactive form: see the static rendering below it)"


# ---------------------------------------------------------------------------------------------------
# Registry


@dataclass(frozen=True)
class Workbook:
    """A workbook: its name, notebook file and the parameters its ``parameters`` cell declares.

    ``required`` lists parameters a user must give beyond the runner's own
    (:data:`RUNNER_PARAMETERS`); a notebook declares them in its metadata as
    ``{"casekit": {"required": ["name", ...]}}``. ``scope`` is :data:`CASE` (the default) or
    :data:`ORGANISATION` (``{"casekit": {"scope": "organisation"}}``).
    """

    name: str
    path: Path
    parameters: Mapping[str, Any]
    title: str = ""
    required: tuple[str, ...] = ()
    scope: str = CASE

    @property
    def per_case(self) -> bool:
        """Whether the workbook runs for one case at a time."""
        return self.scope == CASE

    @property
    def options(self) -> tuple[str, ...]:
        """Parameters a user may give (everything but the runner's own)."""
        return tuple(n for n in self.parameters if n not in RUNNER_PARAMETERS)


def _parameters_of(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Names and default values assigned in the cell tagged ``parameters``, and the casekit metadata."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkbookError(
            f"{path}: not a readable notebook ({type(exc).__name__}); restore the file"
        ) from None
    meta = data.get("metadata", {}).get("casekit", {})
    meta = meta if isinstance(meta, dict) else {}
    for cell in data.get("cells", []):
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell.get("source", ""))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            raise WorkbookError(f"{path}: the parameters cell is not valid Python; fix it") from None
        params: dict[str, Any] = {}
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                try:
                    params[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    raise WorkbookError(
                        f"{path}: parameter {node.targets[0].id!r} must have a literal default"
                    ) from None
        return params, meta
    raise WorkbookError(f"{path}: has no cell tagged 'parameters'; tag the cell that holds its parameters")


def registry(folder: Path | None = None) -> dict[str, Workbook]:
    """Every workbook in ``folder`` (casekit's ``notebooks/`` by default), by name.

    The name is the file name without ``.ipynb`` (``case-review``).
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    out: dict[str, Workbook] = {}
    for path in sorted(folder.glob("*.ipynb")):
        params, meta = _parameters_of(path)
        required = tuple(
            str(n) for n in meta.get("required", []) if n in params and n not in RUNNER_PARAMETERS
        )
        scope = meta.get("scope", CASE)
        if scope not in (CASE, ORGANISATION):
            raise WorkbookError(
                f"{path}: metadata casekit.scope is {scope!r}; use {CASE!r} or {ORGANISATION!r}"
            )
        if scope == ORGANISATION and "case_id" in params:
            raise WorkbookError(
                f"{path}: an organisation-level workbook takes no case_id; remove it from the parameters cell"
            )
        out[path.stem] = Workbook(path.stem, path, params, str(meta.get("title", "")), required, scope)
    return out


def get_workbook(name: str, folder: Path | None = None) -> Workbook:
    """The workbook called ``name``.

    Raises
    ------
    WorkbookError
        If there is no such workbook (the message lists the ones there are).
    """
    books = registry(folder)
    name = name.removesuffix(".ipynb")
    if name not in books:
        raise WorkbookError(f"unknown workbook {name!r}; choose from {', '.join(books) or '(none found)'}")
    return books[name]


# ---------------------------------------------------------------------------------------------------
# Parameters

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


# ---------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RunResult:
    """A finished run: where its notebook was written and how long it took.

    ``case_id`` is None for a run of an organisation-level workbook.
    """

    workbook: str
    case_id: str | None
    output: Path
    seconds: float


@dataclass
class BatchResult:
    """What a batch did: runs that succeeded and cases that failed (with a one-line error each)."""

    workbook: str
    succeeded: list[RunResult] = field(default_factory=list)
    failed: list[tuple[str, CasekitError]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether every case succeeded."""
        return not self.failed

    def summary(self) -> str:
        """One line: how many succeeded and failed, and how long it took."""
        total = len(self.succeeded) + len(self.failed)
        return (
            f"{self.workbook}: {len(self.succeeded)} of {total} case(s) succeeded, {len(self.failed)} failed "
            f"({self.seconds:.1f} s)"
        )


def output_path(workspace: Workspace, workbook: str, case_id: str | None) -> Path:
    """Where a run of ``workbook`` is written: ``runs/<case id>/<workbook>.ipynb``.

    A run for no case (an organisation-level workbook) goes to ``runs/organisation/<workbook>.ipynb``;
    re-running replaces it, as for a case (the audits it reads keep their own dated history).
    """
    return workspace.runs_dir / (case_id or ORGANISATION) / f"{workbook}.ipynb"


# ---------------------------------------------------------------------------------------------------
# The kernel pool


@dataclass(eq=False)
class _Kernel:
    km: Any
    kc: Any
    uses: int = 0


def _kernel_env() -> dict[str, str]:
    """The kernel's environment: ours, plus this casekit's source folder on the path if it is a checkout.

    A kernel must import the same casekit as the runner; in a source checkout (tests, development)
    the editable install may point elsewhere. ``CASEKIT_HEADLESS`` tells workbooks nobody is
    watching (see :func:`casekit.nbsupport.headless`).
    """
    env = dict(os.environ)
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    env.setdefault("MPLBACKEND", "agg")
    # Nobody watches these kernels: workbooks show static renderings instead of live forms.
    from casekit.nbsupport import HEADLESS_ENV

    env[HEADLESS_ENV] = "1"
    return env


class _KernelPool:
    """Pre-started kernels, reset between runs and replaced after a failure or ``max_uses`` runs."""

    def __init__(self, size: int, kernel_name: str, cwd: Path, startup_timeout: float, max_uses: int) -> None:
        self.size = size
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.max_uses = max_uses
        self._ready: asyncio.Queue[_Kernel | BaseException] = asyncio.Queue()
        self._all: set[_Kernel] = set()
        self._tasks: set[asyncio.Task] = set()
        self._env = _kernel_env()
        # IPC sockets live in a private folder (0700); an absolute path, because kernel and client
        # run in different working directories. Short, because socket paths are limited to ~100 bytes.
        self._sockets = Path(tempfile.mkdtemp(prefix="ck-"))
        self._started = 0

    def fill(self) -> None:
        """Start kernels until ``size`` are running or starting."""
        while len(self._all) + len(self._tasks) < self.size:
            task = asyncio.ensure_future(self._start_one())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _start_one(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self._started += 1
        km = AsyncKernelManager(
            kernel_name=self.kernel_name, transport="ipc", ip=str(self._sockets / f"k{self._started}")
        )
        try:
            await km.start_kernel(cwd=str(self.cwd), env=self._env)
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=self.startup_timeout)
            await _silent(kc, _WARM_CODE, self.startup_timeout)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for a kernel
            await _shutdown(km, None)
            await self._ready.put(exc)
            return
        kernel = _Kernel(km, kc)
        self._all.add(kernel)
        await self._ready.put(kernel)

    async def acquire(self) -> _Kernel:
        """A clean kernel (waits for one to start or be released)."""
        self.fill()
        item = await self._ready.get()
        if isinstance(item, BaseException):
            raise WorkbookError(
                f"the {self.kernel_name!r} kernel did not start ({type(item).__name__}); check that "
                f"ipykernel is installed (`jupyter kernelspec list`)"
            )
        return item

    async def release(self, kernel: _Kernel, *, healthy: bool) -> None:
        """Reset a kernel and put it back, or replace it."""
        kernel.uses += 1
        if healthy and kernel.uses < self.max_uses:
            try:
                await _silent(kernel.kc, _RESET_CODE % str(self.cwd), 60)
            except (RuntimeError, TimeoutError, WorkbookError):
                healthy = False
            else:
                await self._ready.put(kernel)
                return
        self._all.discard(kernel)
        await _shutdown(kernel.km, kernel.kc)
        self.fill()

    async def close(self) -> None:
        """Shut every kernel down, including those still starting."""
        self.size = 0
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=self.startup_timeout)
        kernels = list(self._all)
        self._all.clear()
        await asyncio.gather(*(_shutdown(k.km, k.kc) for k in kernels), return_exceptions=True)
        shutil.rmtree(self._sockets, ignore_errors=True)


async def _silent(kc: Any, code: str, timeout: float) -> None:
    """Run code without output or history and wait for its reply; raise if it failed."""
    msg_id = kc.execute(code, silent=True, store_history=False)
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("kernel did not answer")
        reply = await kc.get_shell_msg(timeout=remaining)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"].get("status") != "ok":
        raise WorkbookError(f"kernel set-up failed ({reply['content'].get('ename', 'error')})")


async def _shutdown(km: Any, kc: Any) -> None:
    if kc is not None:
        kc.stop_channels()
    if km.has_kernel:
        await km.shutdown_kernel(now=True)


# ---------------------------------------------------------------------------------------------------
# The runner


class Runner:
    """Runs workbooks for cases of one workspace on a pool of warm kernels.

    Use it as a context manager; kernels start in the background as soon as it is entered, and stay
    warm for every :meth:`run` and :meth:`run_many` until it is closed.

    Parameters
    ----------
    workspace
        The workspace whose store holds the cases and whose ``runs/`` receives the notebooks.
    kernels
        How many kernels to keep (runs in a batch go in parallel, one per kernel).
    db_url, passphrase
        Store URL and identifiers passphrase, if not the workspace's own (see :mod:`casekit.settings`).
    timeout
        Seconds a single cell may run.
    max_runs_per_kernel
        A kernel is replaced by a fresh one after this many runs.
    notebooks
        The folder of workbooks (casekit's own by default).
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        kernels: int = 2,
        db_url: str | None = None,
        passphrase: str | None = None,
        kernel_name: str = "python3",
        timeout: float = 300,
        startup_timeout: float = 60,
        max_runs_per_kernel: int = 50,
        notebooks: Path | None = None,
    ) -> None:
        if kernels < 1:
            raise WorkbookError("kernels must be 1 or more")
        self.workspace = workspace
        self.kernels = kernels
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.notebooks = notebooks
        self._db_url = db_url
        self._passphrase = passphrase
        self._startup_timeout = startup_timeout
        self._max_uses = max_runs_per_kernel
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pool: _KernelPool | None = None
        self._templates: dict[Path, NotebookNode] = {}

    # ---- life cycle ---------------------------------------------------------------------------------
    def start(self) -> Runner:
        """Start the event loop thread and the kernels (returns at once; kernels warm up behind)."""
        if self._loop is not None:
            return self
        # nbformat/nbclient/papermill take 1-2 s to import: do it while the kernels boot. jupyter_client
        # first, here, so the two threads never import it at the same time.
        import jupyter_client.manager  # noqa: F401

        self._imports = threading.Thread(target=_import_execution_stack, name="casekit-imports", daemon=True)
        self._imports.start()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="casekit-kernels", daemon=True)
        self._thread.start()
        self._pool = _KernelPool(
            self.kernels, self.kernel_name, self.workspace.root, self._startup_timeout, self._max_uses
        )
        self._call(self._fill()).result()
        return self

    async def _fill(self) -> None:
        assert self._pool is not None
        self._pool.fill()

    def close(self) -> None:
        """Shut the kernels down and stop the loop."""
        if self._loop is None:
            return
        if self._pool is not None:
            self._call(self._pool.close()).result(timeout=60)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._loop.close()
        self._loop = self._thread = self._pool = None

    def __enter__(self) -> Runner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, coro: Any) -> Future:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    # ---- public API ---------------------------------------------------------------------------------
    def run(
        self, workbook: str, case_id: str | None = None, parameters: Mapping[str, Any] | None = None
    ) -> RunResult:
        """Run one workbook for one case, or an organisation-level workbook (``case_id=None``) once.

        Raises
        ------
        WorkbookError
            On bad parameters, when a cell fails (the message names the workbook, the cell, the
            exception type and the last line of its message), or when a case is given to an
            organisation-level workbook or none to a per-case one.
        CaseNotFoundError
            If the case does not exist.
        """
        self.start()
        book = get_workbook(workbook, self.notebooks)
        check_scope(book, case_id)
        if case_id is None:
            params = self._prepare_organisation(book, parameters)
        else:
            ((case_id, params),) = self._prepare(book, [case_id], parameters)
        return self._call(self._run_one(book, case_id, params)).result()

    def run_many(
        self,
        workbook: str,
        case_ids: Iterable[str],
        parameters: Mapping[str, Any] | None = None,
        *,
        on_done: Callable[[str, RunResult | CasekitError], None] | None = None,
    ) -> BatchResult:
        """Run one workbook for many cases, in parallel on the pool's kernels.

        A case that fails (bad parameters, missing, a failing cell) is recorded in the result and the
        others go on. ``on_done`` is called in this thread after each case, e.g. to move a progress bar.
        """
        self.start()
        started = time.monotonic()
        book = get_workbook(workbook, self.notebooks)
        if not book.per_case:
            raise WorkbookError(
                f"{book.name} is an organisation-level workbook; run it once with Runner.run({book.name!r}), "
                f"not for cases"
            )
        ids = list(dict.fromkeys(case_ids))
        result = BatchResult(book.name)
        prepared: list[tuple[str, dict[str, Any]]] = []
        for case_id in ids:
            try:
                prepared += self._prepare(book, [case_id], parameters)
            except CasekitError as exc:
                result.failed.append((case_id, exc))
                if on_done:
                    on_done(case_id, exc)
        futures = {case_id: self._call(self._run_one(book, case_id, p)) for case_id, p in prepared}
        pending = dict(futures)
        while pending:
            for case_id, fut in list(pending.items()):
                if not fut.done():
                    continue
                del pending[case_id]
                try:
                    outcome: RunResult | CasekitError = fut.result()
                    result.succeeded.append(outcome)
                except CasekitError as exc:
                    outcome = exc
                    result.failed.append((case_id, exc))
                if on_done:
                    on_done(case_id, outcome)
            if pending:
                _wait_any(list(pending.values()))
        order = {c: i for i, c in enumerate(ids)}
        result.succeeded.sort(key=lambda r: order[r.case_id])
        result.failed.sort(key=lambda f: order[f[0]])
        result.seconds = time.monotonic() - started
        return result

    # ---- internals ----------------------------------------------------------------------------------
    def _prepare(
        self, book: Workbook, case_ids: list[str], parameters: Mapping[str, Any] | None
    ) -> list[tuple[str, dict[str, Any]]]:
        """Load each case (with its identifiers) and validate the parameters against it."""
        out = []
        with self.workspace.open_store(db_url=self._db_url, passphrase=self._passphrase) as store:
            for case_id in case_ids:
                record = store.load(case_id)
                extra = {k: v for k, v in (parameters or {}).items() if v not in (None, "")}
                if record.identifiers_locked and any(isinstance(v, str) for v in extra.values()):
                    raise WorkbookError(
                        f"{book.name}: case {case_id}'s identifiers are locked, so text parameters cannot "
                        f"be checked against them; unlock the store (key file or CASEKIT_PASSPHRASE)"
                    )
                params = validate_parameters(book, parameters, identifiers=record.case.identifiers)
                full = {"case_id": case_id, "workspace": str(self.workspace.root), **params}
                out.append((case_id, full))
        return out

    def _prepare_organisation(self, book: Workbook, parameters: Mapping[str, Any] | None) -> dict[str, Any]:
        """Validate an organisation-level workbook's parameters against every case's identifiers."""
        with self.workspace.open_store(db_url=self._db_url, passphrase=self._passphrase) as store:
            records = [store.load(s.case_id) for s in store.list_cases()]
        extra = {k: v for k, v in (parameters or {}).items() if v not in (None, "", [])}
        if any(r.identifiers_locked for r in records) and any(not _is_plain(v) for v in extra.values()):
            raise WorkbookError(
                f"{book.name}: the cases' identifiers are locked, so text parameters cannot be checked "
                f"against them; unlock the store (key file or CASEKIT_PASSPHRASE)"
            )
        params = validate_parameters(book, parameters, identifiers=[r.case.identifiers for r in records])
        return {"workspace": str(self.workspace.root), **params}

    def _template(self, book: Workbook) -> NotebookNode:
        import nbformat

        if book.path not in self._templates:
            nb = nbformat.read(book.path, as_version=4)
            for cell in nb.cells:
                # papermill expects every cell to carry a tags list, as its own loader ensures.
                cell.metadata.setdefault("tags", [])
            nb.metadata.setdefault("papermill", {})
            self._templates[book.path] = nb
        return copy.deepcopy(self._templates[book.path])

    async def _run_one(self, book: Workbook, case_id: str | None, params: dict[str, Any]) -> RunResult:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
        from papermill.parameterize import parameterize_notebook

        assert self._pool is not None
        started = time.monotonic()
        nb = parameterize_notebook(
            self._template(book), params, kernel_name=self.kernel_name, language="python"
        )
        nb.metadata.papermill["input_path"] = str(book.path)
        target = output_path(self.workspace, book.name, case_id)
        nb.metadata.papermill["output_path"] = str(target)
        kernel = await self._pool.acquire()
        failure: BaseException | None = None
        try:
            client = NotebookClient(
                nb,
                km=kernel.km,
                kernel_name=self.kernel_name,
                timeout=self.timeout,
                startup_timeout=self._startup_timeout,
                store_widget_state=False,
                record_timing=False,
            )
            client.kc = kernel.kc
            await client.async_execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as exc:
            failure = exc
        finally:
            # A kernel that has shown live widgets is replaced rather than reset: reusing one was seen
            # to lose the next run's display output now and then (kernels that showed none are fine).
            reusable = failure is None and not _shows_widgets(nb)
            await self._pool.release(kernel, healthy=reusable)
        _tidy(nb)
        _provenance(nb, book, params, ok=failure is None)
        if failure is not None:
            error = _describe_failure(
                book, case_id, nb, failure, self.workspace, self._db_url, self._passphrase
            )
            _write(nb, target)
            raise WorkbookError(f"{error}; the notebook was saved to {target}")
        _write(nb, target)
        return RunResult(book.name, case_id, target, time.monotonic() - started)


def check_scope(book: Workbook, case_id: str | None) -> None:
    """Refuse a case for an organisation-level workbook, and no case for a per-case one.

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
        raise WorkbookError(
            f"{book.name} is about the whole organisation, not one case; run it without a case "
            f"(`casekit run {book.name}`)"
        )


def _is_plain(value: Any) -> bool:
    """Whether a parameter value is a number or a truth value (nothing an identifier could hide in)."""
    return isinstance(value, bool | int | float)


def _import_execution_stack() -> None:
    import nbclient  # noqa: F401
    import papermill.parameterize  # noqa: F401


def _wait_any(futures: list[Future]) -> None:
    from concurrent.futures import FIRST_COMPLETED, wait

    wait(futures, return_when=FIRST_COMPLETED)


def _shows_widgets(nb: NotebookNode) -> bool:
    """Whether any output of the executed notebook is a live widget view."""
    return any(
        _WIDGET_VIEW in output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", [])
    )


def _tidy(nb: NotebookNode) -> None:
    """Drop widget state and the text fallbacks of widget outputs (both can hold case data)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and _WIDGET_VIEW in data:
                data["text/plain"] = _WIDGET_PLACEHOLDER


def _provenance(nb: NotebookNode, book: Workbook, params: dict[str, Any], *, ok: bool) -> None:
    nb.metadata["casekit"] = {
        "workbook": book.name,
        "title": book.title,
        "scope": book.scope,
        "casekit_version": __version__,
        "parameters": params,
        "executed_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "status": "ok" if ok else "failed",
    }


def _write(nb: NotebookNode, target: Path) -> None:
    import nbformat

    from casekit.fileio import atomic_write

    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, nbformat.writes(nb), mode=0o600)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if ln.strip()]
    line = lines[-1] if lines else ""
    return line if len(line) <= 200 else line[:199] + "…"


def _describe_failure(
    book: Workbook,
    case_id: str | None,
    nb: NotebookNode,
    failure: BaseException,
    workspace: Workspace,
    db_url: str | None,
    passphrase: str | None,
) -> str:
    """One line naming the workbook, the cell, the exception and its message's last line.

    Any message that quotes an identifier of the case (of any case, for an organisation-level run)
    is withheld, and error outputs saved in the notebook are scrubbed the same way.
    """
    from casekit.deid import scan_for_identifiers

    with workspace.open_store(db_url=db_url, passphrase=passphrase) as store:
        ids = [case_id] if case_id is not None else [s.case_id for s in store.list_cases()]
        identifiers = [store.load(i).case.identifiers for i in ids]

    def find(text: str) -> bool:
        return bool(scan_for_identifiers(text, identifiers))

    where, ename, evalue = "", type(failure).__name__, str(failure)
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        err = errors[0]
        where = f" at cell {index + 1} (In [{cell.get('execution_count') or ' '}])"
        ename, evalue = err.get("ename", ename), err.get("evalue", "")
        for out in errors:
            if find(out.get("evalue", "")) or any(find(t) for t in out.get("traceback", [])):
                out["evalue"] = "(withheld: the message quoted private case data)"
                out["traceback"] = [f"{out.get('ename', 'Error')}: {out['evalue']}"]
        break
    message = _last_line(evalue)
    if find(message):
        message = "(message withheld: it quoted private case data)"
    subject = f"for case {case_id}" if case_id is not None else "for the organisation"
    head = f"{book.name} {subject} failed{where}: {ename}"
    return f"{head}: {message}" if message else head


# ---------------------------------------------------------------------------------------------------
# One-call helpers


def run_workbook(
    workspace: Workspace,
    workbook: str,
    case_id: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    **runner_options: Any,
) -> RunResult:
    """Run one workbook for one case (or an organisation-level one for none) with a kernel started for it.

    Keep a :class:`Runner` open instead when running several, so kernels stay warm.
    """
    with Runner(workspace, kernels=1, **runner_options) as runner:
        return runner.run(workbook, case_id, parameters)


def run_batch(
    workspace: Workspace,
    workbook: str,
    case_ids: Iterable[str],
    parameters: Mapping[str, Any] | None = None,
    *,
    kernels: int = 2,
    on_done: Callable[[str, RunResult | CasekitError], None] | None = None,
    **runner_options: Any,
) -> BatchResult:
    """Run one workbook for many cases in parallel kernels; failures are collected, not raised."""
    ids = list(case_ids)
    with Runner(workspace, kernels=max(1, min(kernels, len(ids) or 1)), **runner_options) as runner:
        return runner.run_many(workbook, ids, parameters, on_done=on_done)
