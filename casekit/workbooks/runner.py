"""The runner: casekit's workbooks run for one case or many, into the workspace's ``runs/``.

Parameters are injected with papermill's Python API (:func:`papermill.parameterize_notebook`, the same
``injected-parameters`` cell the ``papermill`` command writes) and the notebook is executed on a warm
kernel from :class:`casekit.workbooks.pool.KernelPool`, which lives on an asyncio event loop in a
thread of its own so that a batch runs in parallel, one case per kernel.

Outputs go to ``runs/<case id>/<workbook>.ipynb`` (re-running replaces; see :mod:`casekit.layout`),
with provenance under the notebook's ``casekit`` metadata and no widget state
(:mod:`casekit.workbooks.output`). A value that contains one of the case's private identifiers is
refused before anything runs (:mod:`casekit.workbooks.parameters`), and a failure is told in one line
that quotes none (:mod:`casekit.workbooks.failures`).

An organisation-level workbook (the systems-of-care audit) runs once, for no case, into
``runs/organisation/<workbook>.ipynb``; it gets ``workspace`` but no ``case_id``, and its parameters
are checked against the identifiers of *every* case in the store.
"""

from __future__ import annotations

import asyncio
import copy
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import layout
from casekit.errors import CasekitError, DeidentificationError, WorkbookError
from casekit.text.words import count
from casekit.workbooks.catalog import Workbook, check_scope, get_workbook
from casekit.workbooks.pool import KernelPool, Lease

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from casekit.deid.ner import Analysis
    from casekit.workspace import Workspace


@dataclass(frozen=True)
class RunResult:
    """A finished run: where its notebook was written and how long it took.

    ``case_id`` is None for a run of an organisation-level workbook.
    """

    workbook: str
    case_id: str | None
    output: Path
    seconds: float
    #: Name recognition in the kernel that ran it, while ``on_done`` of :meth:`Runner.run_many` runs with
    #: ``lend_names`` (None otherwise, and afterwards): give it to the export's scrubber.
    names: Callable[[Sequence[str]], list[Analysis]] | None = field(default=None, compare=False, repr=False)


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
            f"{self.workbook}: {len(self.succeeded)} of {count(total, 'case')} succeeded, "
            f"{len(self.failed)} failed "
            f"({self.seconds:.1f} s)"
        )


def output_path(workspace: Workspace, workbook: str, case_id: str | None) -> Path:
    """Where a run of ``workbook`` is written (see :func:`casekit.layout.run_path`)."""
    return layout.run_path(workspace.root, workbook, case_id)


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
    keep_warm
        Replace a kernel that cannot be reused (it failed, showed live widgets, or reached
        ``max_runs_per_kernel``) at once, so the next run finds a warm one. A one-off command passes
        False: a replacement then starts only for a run that is waiting for it.
    warm_names
        Without ``keep_warm``: load the name model in each kernel as it starts (a one-off command
        passes True for cases with nothing kept, whose runs will need it).
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
        keep_warm: bool = True,
        warm_names: bool = False,
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
        self._keep_warm = keep_warm
        self._warm_names = warm_names
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pool: KernelPool | None = None
        self._templates: dict[Path, NotebookNode] = {}
        self._imports: threading.Thread | None = None

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
        self._pool = KernelPool(
            self.kernels,
            self.kernel_name,
            self.workspace.root,
            self._startup_timeout,
            self._max_uses,
            keep_warm=self._keep_warm,
            warm_names=self._warm_names,
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

    def _started(self) -> None:
        """Start (if need be), and wait until the execution stack is imported.

        The registry reads workbooks with papermill, which is not safe to import from two threads at
        once (its modules import each other): this thread waits for the import thread instead.
        """
        self.start()
        if self._imports is not None:
            self._imports.join()

    def imported(self) -> None:
        """Wait until the runner's thread has imported the notebook stack (nbformat, nbclient, papermill).

        After it, another thread may import what shares those modules (nbconvert's exporters).
        """
        if self._imports is not None:
            self._imports.join()

    @property
    def kernels_started(self) -> int:
        """How many kernels this runner has started so far (replacements included)."""
        return self._pool.started if self._pool is not None else 0

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
        self._started()
        book = get_workbook(workbook, self.notebooks)
        check_scope(book, case_id)
        if case_id is None:
            params = self._prepare_organisation(book, parameters)
        else:
            ((case_id, params),) = self._prepare(book, [case_id], parameters)
        ran, _lease = self._call(self._run_one(book, case_id, params)).result()
        return ran

    def run_many(
        self,
        workbook: str,
        case_ids: Iterable[str],
        parameters: Mapping[str, Any] | None = None,
        *,
        on_done: Callable[[str, RunResult | CasekitError], None] | None = None,
        lend_names: bool = False,
    ) -> BatchResult:
        """Run one workbook for many cases, in parallel on the pool's kernels.

        A case that fails (bad parameters, missing, a failing cell) is recorded in the result and the
        others go on. ``on_done`` is called in this thread after each case, e.g. to move a progress bar.

        With ``lend_names``, when every case has a kernel of its own, each run's kernel is kept while
        its ``on_done`` runs, and the result's ``names`` does name recognition in it: an export made
        there uses the model the kernel loaded for the run, and this process loads none.
        """
        self._started()
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
        # A kernel is lent only where no other case waits for it: the export must not hold up a run.
        hold = lend_names and on_done is not None and len(prepared) <= self.kernels
        futures = {case_id: self._call(self._run_one(book, case_id, p, hold=hold)) for case_id, p in prepared}
        pending = dict(futures)
        while pending:
            for case_id, fut in list(pending.items()):
                if not fut.done():
                    continue
                del pending[case_id]
                lease = None
                try:
                    ran, lease = fut.result()
                    outcome: RunResult | CasekitError = ran
                    result.succeeded.append(ran)
                except CasekitError as exc:
                    outcome = exc
                    result.failed.append((case_id, exc))
                try:
                    if on_done:
                        on_done(case_id, outcome if lease is None else self._lent(outcome, lease))
                finally:
                    if lease is not None:
                        self._call(self._pool_of().give_back(lease)).result()
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
        from casekit.workbooks.parameters import case_parameters

        root = str(self.workspace.root)
        with self.workspace.open_store(db_url=self._db_url, passphrase=self._passphrase) as store:
            return [(c, case_parameters(book, c, store.load(c), root, parameters)) for c in case_ids]

    def _prepare_organisation(self, book: Workbook, parameters: Mapping[str, Any] | None) -> dict[str, Any]:
        """Validate an organisation-level workbook's parameters against every case's identifiers."""
        from casekit.workbooks.parameters import organisation_parameters

        with self.workspace.open_store(db_url=self._db_url, passphrase=self._passphrase) as store:
            records = [store.load(s.case_id) for s in store.list_cases()]
        return organisation_parameters(book, records, str(self.workspace.root), parameters)

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

    def _pool_of(self) -> KernelPool:
        assert self._pool is not None
        return self._pool

    def _lent(self, ran: Any, lease: Lease) -> RunResult:
        """``ran`` with name recognition in the lent kernel (this process's own model if it fails)."""
        from dataclasses import replace

        def names(texts: Sequence[str]) -> list[Analysis]:
            from casekit.deid import ner

            try:
                coro = self._pool_of().analyse(lease, ner.texts_to_wire(texts), timeout=self._startup_timeout)
                return ner.analyses_from_wire(self._call(coro).result(), len(texts))
            except (WorkbookError, DeidentificationError, TimeoutError, RuntimeError):
                return ner.analyse_many(texts)

        return replace(ran, names=names)

    async def _run_one(
        self, book: Workbook, case_id: str | None, params: dict[str, Any], *, hold: bool = False
    ) -> tuple[RunResult, Lease | None]:
        from papermill.parameterize import parameterize_notebook

        from casekit.workbooks import output

        assert self._pool is not None
        started = time.monotonic()
        nb = parameterize_notebook(
            self._template(book), params, kernel_name=self.kernel_name, language="python"
        )
        nb.metadata.papermill["input_path"] = str(book.path)
        target = output_path(self.workspace, book.name, case_id)
        nb.metadata.papermill["output_path"] = str(target)
        if hold:
            failure, lease = await self._pool.execute_held(nb, timeout=self.timeout)
        else:
            failure, lease = await self._pool.execute(nb, timeout=self.timeout), None
        output.tidy(nb)
        output.provenance(nb, book, params, ok=failure is None)
        if failure is not None:
            from casekit.workbooks.failures import describe_failure, identifiers_for

            identifiers = identifiers_for(self.workspace, case_id, self._db_url, self._passphrase)
            error = describe_failure(book, case_id, nb, failure, identifiers)
            output.write(nb, target)
            raise WorkbookError(f"{error}; the notebook was saved to {target}")
        try:
            output.write(nb, target)
        except BaseException:
            if lease is not None:
                await self._pool.give_back(lease)
            raise
        return RunResult(book.name, case_id, target, time.monotonic() - started), lease


def _import_execution_stack() -> None:
    import nbclient  # noqa: F401
    import papermill.parameterize  # noqa: F401


def _wait_any(futures: list[Future]) -> None:
    from concurrent.futures import FIRST_COMPLETED, wait

    wait(futures, return_when=FIRST_COMPLETED)


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
