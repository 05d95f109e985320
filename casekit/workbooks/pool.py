"""A pool of warm Jupyter kernels, on an asyncio event loop, that executes parameterised notebooks.

* kernels are started ahead of time (in parallel with everything else) and pre-import casekit, so a
  run pays neither Python's start-up nor the imports;
* after every run the kernel's namespace is reset (a new IPython session: no variables, no history,
  no open figures or widgets), and a kernel whose run failed is replaced, so nothing of one case is
  left for the next;
* kernels talk over IPC sockets, not TCP, so case content never crosses a network interface.

Notebooks are executed by nbclient on a pooled kernel. nbclient's supported way to run on a kernel
it does not own is its ``km`` argument; it then asks :meth:`NotebookClient.async_start_new_kernel_client`
for a client. :class:`_PooledClient` overrides that one method to hand over the pool's client, which is
already connected and has answered (so a run pays no new handshake), instead of the runner setting the
client's attribute from outside.
"""

from __future__ import annotations

import asyncio
import functools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import WorkbookError

if TYPE_CHECKING:
    from nbformat import NotebookNode

#: Imported by each pooled kernel before it is handed a case (code only, no case data).
# Warm kernels import what workbooks use and load the name-recognition model once, ahead of time.
_WARM_CODE = (
    "__import__('casekit.nbsupport'); __import__('casekit.render'); __import__('casekit.plots'); "
    "__import__('casekit.deid.ner').deid.ner.pipeline()"
)
#: What a kernel of a one-off command imports first: casekit only. The run follows at once, so warming
#: gains nothing there, and a workbook that draws no plot, or finds its case's de-identification kept,
#: would pay for matplotlib and the name model for nothing.
_LIGHT_WARM_CODE = "__import__('casekit.nbsupport')"
#: A one-off command's kernel for a case that has nothing kept (its first run): it will need the name
#: model, so it loads it while the command is still opening the store and reading the workbook.
_NAMES_WARM_CODE = "__import__('casekit.nbsupport'); __import__('casekit.deid.ner').deid.ner.pipeline()"

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


#: :data:`casekit.nbsupport.HEADLESS_ENV`, spelled here: importing nbsupport pulls in the case model
#: (about a second), which would delay the kernel's launch.
HEADLESS_ENV = "CASEKIT_HEADLESS"


@dataclass(eq=False)
class _Kernel:
    km: Any
    kc: Any
    uses: int = 0


@dataclass(eq=False)
class Lease:
    """A kernel kept after its run for the command's export (see :meth:`KernelPool.execute_held`)."""

    kernel: _Kernel
    #: Whether the kernel may be reset and reused once given back (else it is replaced).
    reusable: bool


#: What a lent kernel evaluates for name recognition; ``%r`` is base64 text (no quoting to go wrong).
_NAMES_EXPR = "__import__('casekit.deid.ner', fromlist=['analyse_wire']).analyse_wire(%r)"


def _kernel_env() -> dict[str, str]:
    """The kernel's environment: ours, plus this casekit's source folder on the path if it is a checkout.

    A kernel must import the same casekit as the runner; in a source checkout (tests, development)
    the editable install may point elsewhere. ``CASEKIT_HEADLESS`` tells workbooks nobody is
    watching (see :func:`casekit.nbsupport.headless`).
    """
    env = dict(os.environ)
    root = Path(__file__).resolve().parents[2]  # casekit/workbooks/pool.py -> the checkout
    if (root / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    env.setdefault("MPLBACKEND", "agg")
    # Nobody watches these kernels: workbooks show static renderings instead of live forms.
    env[HEADLESS_ENV] = "1"
    return env


class KernelPool:
    """Pre-started kernels, reset between runs and replaced after a failure or ``max_uses`` runs.

    Every method runs on one asyncio event loop (the runner's).
    """

    def __init__(
        self,
        size: int,
        kernel_name: str,
        cwd: Path,
        startup_timeout: float,
        max_uses: int,
        *,
        keep_warm: bool = True,
        warm_names: bool = False,
    ) -> None:
        self.size = size
        self.keep_warm = keep_warm
        self._warm_code = _WARM_CODE if keep_warm else _NAMES_WARM_CODE if warm_names else _LIGHT_WARM_CODE
        self._waiting = 0
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.max_uses = max_uses
        self._ready: asyncio.Queue[_Kernel | BaseException] = asyncio.Queue()
        self._all: set[_Kernel] = set()
        self._tasks: set[asyncio.Task] = set()
        self._closing: set[asyncio.Future] = set()
        self._env = _kernel_env()
        # IPC sockets live in a private folder (0700); an absolute path, because kernel and client
        # run in different working directories. Short, because socket paths are limited to ~100 bytes.
        self._sockets = Path(tempfile.mkdtemp(prefix="ck-"))
        self._started = 0

    @property
    def started(self) -> int:
        """How many kernels this pool has started so far (replacements included)."""
        return self._started

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
            await _silent(kc, self._warm_code, self.startup_timeout)
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
        self._waiting += 1
        try:
            item = await self._ready.get()
        finally:
            self._waiting -= 1
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
        # Shut it down behind: the run's result (and its export) need not wait for the process to end.
        closing = asyncio.ensure_future(_shutdown(kernel.km, kernel.kc))
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)
        if self.keep_warm or self._waiting:
            # Without keep_warm (a one-off command), a replacement starts only for a run that waits:
            # a kernel booted after the last run would only be shut down again.
            self.fill()

    async def execute(self, nb: NotebookNode, *, timeout: float) -> BaseException | None:
        """Execute ``nb`` in place on a pooled kernel; the failure, if a cell failed (else None).

        Raises
        ------
        WorkbookError
            If no kernel could be started.
        """
        failure, lease = await self.execute_held(nb, timeout=timeout)
        if lease is not None:
            await self.give_back(lease)
        return failure

    async def execute_held(
        self, nb: NotebookNode, *, timeout: float
    ) -> tuple[BaseException | None, Lease | None]:
        """As :meth:`execute`, but a kernel whose run succeeded is kept: its :class:`Lease` is returned.

        The kernel still holds what the run loaded (the name model above all), which the command's
        export then uses through :meth:`analyse`. Give it back with :meth:`give_back`. A failed run's
        kernel is replaced at once (and no lease returned).
        """
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        from casekit.workbooks.output import shows_widgets

        kernel = await self.acquire()
        failure: BaseException | None = None
        try:
            client = _client_class()(
                nb,
                kernel,
                kernel_name=self.kernel_name,
                timeout=timeout,
                startup_timeout=self.startup_timeout,
                store_widget_state=False,
                record_timing=False,
            )
            await client.async_execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as exc:
            failure = exc
        except BaseException:
            await self.release(kernel, healthy=False)
            raise
        if failure is not None:
            await self.release(kernel, healthy=False)
            return failure, None
        # A kernel that has shown live widgets is replaced rather than reset: reusing one was seen
        # to lose the next run's display output now and then (kernels that showed none are fine).
        return None, Lease(kernel, reusable=not shows_widgets(nb))

    async def analyse(self, lease: Lease, payload: str, *, timeout: float) -> str:
        """Name recognition in the lent kernel: :func:`casekit.deid.ner.analyse_wire` of ``payload``.

        Evaluated silently (no output, no history, no execution count), so the texts leave no trace in
        the kernel's session.

        Raises
        ------
        WorkbookError
            If the kernel fails or answers with something that is not an encoded answer.
        """
        import ast

        reply = await _ask(lease.kernel.kc, "", timeout, expressions={"names": _NAMES_EXPR % payload})
        answer = reply.get("user_expressions", {}).get("names", {})
        if answer.get("status") != "ok":
            lease.reusable = False
            raise WorkbookError(f"name recognition in the kernel failed ({answer.get('ename', 'error')})")
        try:
            value = ast.literal_eval(answer["data"]["text/plain"])
        except (KeyError, TypeError, ValueError, SyntaxError):
            value = None
        if not isinstance(value, str):
            lease.reusable = False
            raise WorkbookError("name recognition in the kernel gave no readable answer")
        return value

    async def give_back(self, lease: Lease) -> None:
        """Return a lent kernel to the pool (reset for the next run, or replaced)."""
        await self.release(lease.kernel, healthy=lease.reusable)

    async def close(self) -> None:
        """Shut every kernel down, including those still starting."""
        self.size = 0
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=self.startup_timeout)
        kernels = list(self._all)
        self._all.clear()
        closing = [*self._closing, *(_shutdown(k.km, k.kc) for k in kernels)]
        await asyncio.gather(*closing, return_exceptions=True)
        shutil.rmtree(self._sockets, ignore_errors=True)


@functools.cache
def _client_class() -> type:
    """nbclient's NotebookClient, taking its kernel client from the pool (built on first use: nbclient is slow
    to import)."""
    from nbclient import NotebookClient
    from nbclient.util import run_hook

    class _PooledClient(NotebookClient):
        """A NotebookClient that runs on a pooled kernel through the pool's ready client.

        nbclient calls :meth:`async_start_new_kernel_client` when it has no client; the base method
        makes and connects a new one from ``km``, this one hands over the pool's. As with any ``km``
        given from outside, nbclient neither stops the client nor shuts the kernel down afterwards.
        """

        def __init__(self, nb: NotebookNode, kernel: _Kernel, **options: Any) -> None:
            super().__init__(nb, km=kernel.km, **options)
            self._pooled = kernel.kc

        async def async_start_new_kernel_client(self) -> Any:
            self.kc = self._pooled
            self.kc.allow_stdin = False
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return self.kc

    return _PooledClient


async def _silent(kc: Any, code: str, timeout: float) -> None:
    """Run code without output or history and wait for its reply; raise if it failed."""
    await _ask(kc, code, timeout)


async def _ask(
    kc: Any, code: str, timeout: float, *, expressions: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run code (and evaluate ``expressions``) silently; the reply's content. Raise if the code failed."""
    msg_id = kc.execute(code, silent=True, store_history=False, user_expressions=expressions or {})
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
    return reply["content"]


async def _shutdown(km: Any, kc: Any) -> None:
    if kc is not None:
        kc.stop_channels()
    if km.has_kernel:
        await km.shutdown_kernel(now=True)
