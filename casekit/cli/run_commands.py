"""``casekit run WORKBOOK``: run a workbook for one case, several, or a whole group.

An organisation-level workbook (``systems-audit``) runs once, for no case: ``casekit run systems-audit``.

Exit codes: 0 when every run (and export) succeeded; 1 when a run failed or an export was refused;
5 when a case workbook is asked for without the workspace key (key file or ``CASEKIT_PASSPHRASE``):
its notebook is shown to the group, and without the key the client's identifiers cannot be found and
removed from it, so nothing is run.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from casekit.cli import _context
from casekit.errors import CasekitError, EncryptionKeyError, WorkbookError

if TYPE_CHECKING:
    from casekit.workbooks import BatchResult, Runner, RunResult
    from casekit.workspace import Workspace


@click.command()
@click.argument("workbook")
@click.option("--case", "case_ids", multiple=True, help="A case id (repeat for several cases).")
@click.option("--group", help="Run for every case of this group.")
@click.option(
    "-p",
    "--parameter",
    "parameters",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="A workbook parameter (ids, paths, dates and options only).",
)
@click.option("--kernels", type=click.IntRange(1, 8), default=2, show_default=True, help="Parallel kernels.")
@click.option(
    "--export",
    "formats",
    type=click.Choice(["html", "pdf", "md"]),
    multiple=True,
    help="Also write each run's de-identified summary into exports/ (repeat for several formats).",
)
@click.pass_context
def run(
    ctx: click.Context,
    workbook: str,
    case_ids: tuple[str, ...],
    group: str | None,
    parameters: tuple[tuple[str, str], ...],
    kernels: int,
    formats: tuple[str, ...],
) -> None:
    """Run WORKBOOK (e.g. case-review, supervision) into the workspace's runs/ folder.

    Case workbooks need --case or --group. An organisation-level workbook (systems-audit) runs once,
    without a case, into runs/organisation/.

    With --export, each finished run is also exported (de-identified, through the export gate) into
    the workspace's exports/ folder (exports/organisation/ for an organisation-level run).
    """
    # jsonschema (imported by nbformat) builds a grammar for the optional rfc3987_syntax package at
    # import time, about a second here; nbformat's notebook schema uses no format it checks. This
    # process only reads and writes notebooks, so skip it (a no-op if it is already imported).
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from casekit.workbooks import check_scope, peek

    # An unknown workbook fails before any kernel starts; its parameters are read by the runner,
    # while the kernel boots (reading them imports papermill, about two seconds).
    book = peek(workbook)
    params = dict(parameters)
    if not book.per_case:
        # The one scope check: a case (or group) given to an organisation-level workbook is refused.
        check_scope(book, next(iter(case_ids), group), case_option=True)
        _run_organisation(ctx, book.name, params, formats)
        return
    with ExitStack() as stack:
        runner, first = None, False
        if case_ids and not group:
            # The cases are known: their kernels boot while the store is opened and the key checked.
            # Nothing runs before the check passes (a refusal shuts them down unused).
            # A case run for the first time will need the name model: its kernel loads it meanwhile.
            first = not _all_scrubs_kept(_context.workspace(ctx), list(case_ids))
            runner = stack.enter_context(_runner(ctx, min(kernels, len(case_ids)), warm_names=first))
        ids = _case_ids(ctx, book.name, case_ids, group)
        if not ids:
            raise click.UsageError("give --case ID (one or more) or --group G")
        # Kernels that load the name model lend it to the exports: this process then loads none.
        lend = runner is not None and first and len(ids) <= kernels
        if formats and not _all_kept(_context.workspace(ctx), ids):
            _warm_name_recognition(runner, formats, model=not lend)
        _run_cases(ctx, book.name, ids, params, kernels, formats, runner, lend=lend)


def _case_ids(ctx: click.Context, workbook: str, case_ids: tuple[str, ...], group: str | None) -> list[str]:
    """The cases given with --case, then every case of --group (refused if the group has none).

    Refused first, with exit code 5, when the store is open without its key (see :func:`_require_key`).
    """
    ids = list(case_ids)
    with _context.workspace(ctx).open_store_with(_context.settings(ctx)) as store:
        _require_key(store, workbook)
        if group:
            ids += [s.case_id for s in store.list_cases(group=group)]
    if group and not ids:
        raise WorkbookError(f"group {group!r} has no cases; see `casekit case list`")
    return ids


def _runner(ctx: click.Context, kernels: int, *, warm_names: bool = False) -> Runner:
    from casekit.workbooks import Runner

    settings = _context.settings(ctx)
    return Runner(
        _context.workspace(ctx),
        kernels=kernels,
        db_url=settings.db_url,
        passphrase=settings.passphrase,
        keep_warm=False,  # the command ends after its runs: no kernel is started that nothing will use
        warm_names=warm_names,
    )


def _run_organisation(
    ctx: click.Context, workbook: str, params: dict[str, str], formats: tuple[str, ...]
) -> None:
    """Run an organisation-level workbook once, for no case, and export it if asked."""
    ws = _context.workspace(ctx)
    if formats:
        _warm_name_recognition()
    with _runner(ctx, 1) as runner:
        result = runner.run(workbook, None, params)
    click.echo(f"organisation: {result.output} ({result.seconds:.1f} s)")
    for path in _export(result.output, formats, ws):
        click.echo(f"organisation: wrote {path}")


def _run_cases(
    ctx: click.Context,
    workbook: str,
    ids: list[str],
    params: dict[str, str],
    kernels: int,
    formats: tuple[str, ...],
    started: Runner | None = None,
    *,
    lend: bool = False,
) -> None:
    """Run a per-case workbook for the cases through the runner's one batch path, exporting each as it ends.

    One case reports as before a batch existed: its run (with the time it took), or its error in one
    line; several show a progress bar and end with a summary. ``started`` is a runner already started
    for them (closed by its owner), else one is started here. With ``lend``, each export's name
    recognition runs in the kernel that ran its case (which has the model loaded).
    """
    ws = _context.workspace(ctx)
    written: dict[str, list[Path]] = {}
    refused: dict[str, CasekitError] = {}
    owned = _runner(ctx, min(kernels, len(ids))) if started is None else nullcontext(started)
    with owned as runner, _progress(workbook, len(ids)) as bar:

        def done(case_id: str, outcome: RunResult | CasekitError) -> None:
            # Called here, in this thread, as each case finishes: its export overlaps with the
            # kernels still running the other cases.
            if bar is not None:
                bar.update(1)
            if isinstance(outcome, CasekitError):
                if bar is not None:
                    bar.write(f"{case_id}: failed: {outcome.message}", file=sys.stderr)
                return
            try:
                written[case_id] = _export(outcome.output, formats, ws, names=outcome.names)
            except CasekitError as exc:
                refused[case_id] = exc

        batch = runner.run_many(workbook, ids, params, on_done=done, lend_names=lend and bool(formats))
    if len(ids) == 1:
        _report_one(batch, written, refused)
        return
    for item in batch.succeeded:
        click.echo(f"{item.case_id}: {item.output}")
        for path in written.get(item.case_id or "", []):
            click.echo(f"{item.case_id}: wrote {path}")
    for case_id, exc in refused.items():
        click.echo(f"{case_id}: EXPORT REFUSED: {exc.message}")
    for case_id, error in batch.failed:
        click.echo(f"{case_id}: FAILED: {error.message}")
    click.echo(batch.summary())
    if not batch.ok or refused:
        sys.exit(1)


def _progress(workbook: str, total: int) -> AbstractContextManager[Any]:
    """A progress bar on stderr for a batch of several cases; none for one case."""
    if total == 1:
        return nullcontext()
    from tqdm import tqdm

    return tqdm(total=total, unit="case", desc=workbook, file=sys.stderr)


def _report_one(batch: BatchResult, written: dict[str, list[Path]], refused: dict[str, CasekitError]) -> None:
    """The run of one case: its notebook and exports, or its error (raised, so it ends the command)."""
    if batch.failed:
        raise batch.failed[0][1]
    (result,) = batch.succeeded
    click.echo(f"{result.case_id}: {result.output} ({result.seconds:.1f} s)")
    if result.case_id in refused:
        raise refused[result.case_id]
    for path in written.get(result.case_id or "", []):
        click.echo(f"{result.case_id}: wrote {path}")


def _all_kept(ws: Workspace, ids: list[str]) -> bool:
    """Whether every case has an export kept from before (then an unchanged run needs no name model).

    A guess made before the runs: a kept export of an older revision does not serve, and that export
    then loads the model itself, only later.
    """
    from casekit.export.cache import has_kept

    return all(has_kept(ws.private_dir, case_id) for case_id in ids)


def _all_scrubs_kept(ws: Workspace, ids: list[str]) -> bool:
    """Whether every case has de-identification results kept from an earlier run (a guess, as above).

    Asked before the kernels start, so it reads the folder without importing :mod:`casekit.kept` (which
    brings in the scrubber and the case model, a second or more).
    """
    from casekit.layout import kept_deid_dir

    def kept(case_id: str) -> bool:
        try:
            return any((kept_deid_dir(ws.private_dir) / case_id).iterdir())
        except OSError:
            return False

    return all(kept(case_id) for case_id in ids)


def _warm_name_recognition(
    runner: Runner | None = None, formats: tuple[str, ...] = (), *, model: bool = True
) -> None:
    """Get the export's de-identification ready in the background while the kernels run.

    The name recogniser (unless ``model`` is false: the kernels lend theirs), then what every scrub
    and final scan builds once per process (the word lists, the compiled patterns, the risk words,
    the code hash a kept export is keyed by), so the export after the run finds them made. Given the
    runner, also the exporters (nbconvert), once the runner's own imports of the notebook stack are
    done (two threads must not import it at once).
    """
    import threading

    def warm() -> None:
        _warm_export_deid(model=model)
        if runner is not None:
            from casekit.export.api import warm_exporter

            runner.imported()
            for fmt in formats:
                warm_exporter(fmt)

    threading.Thread(target=warm, name="casekit-ner-warmup", daemon=True).start()


def _warm_export_deid(*, model: bool = True) -> None:
    from casekit.deid import Scrubber, risk
    from casekit.deid.ner import pipeline
    from casekit.export.cache import code_fingerprint
    from casekit.model.case import PrivateIdentifiers

    if model:
        pipeline()
    # A fictional sentence in two scripts: patterns, word lists and look-alike letters all load.
    Scrubber(PrivateIdentifiers(), use_ner=False).scrub("Quillon V\u0430sterby, 555-0142, Hope.", check=False)
    risk.assess_text("A teacher in her 40s.")
    code_fingerprint()


def _export(run_path: Path, formats: tuple[str, ...], ws: Workspace, *, names: Any = None) -> list[Path]:
    """Export one run in each format into the workspace's exports/ folder; nothing written if refused.

    ``names``: name recognition lent by the run's kernel (see :meth:`Runner.run_many`), or None.
    """
    if not formats:
        return []
    from casekit.export.api import export_run, exports_dir_for, write_exports

    exports = [export_run(run_path, fmt, workspace=ws.root, names=names) for fmt in formats]
    with ws.open_store() as store:
        return write_exports(exports, exports_dir_for(ws.exports_dir, exports[0]), store=store)


def _require_key(store: object, workbook: str) -> None:
    """Refuse a case workbook when the store is open without its key (exit code 5).

    A case workbook's notebook is meant for the group's screen; without the key the scrubber would
    have no identifiers to look for, and the notebook would show whatever a clinician typed.
    """
    if not getattr(store, "has_key", False):
        raise EncryptionKeyError(
            f"{workbook}: the workspace key is not here, so the client's identifiers cannot be removed "
            f"from a notebook the group will see; nothing was run; run where the workspace key file is, "
            f"or set CASEKIT_PASSPHRASE"
        )
