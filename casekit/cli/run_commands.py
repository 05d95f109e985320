"""``casekit run WORKBOOK``: run a workbook for one case, several, or a whole group.

An organisation-level workbook (``systems-audit``) runs once, for no case: ``casekit run systems-audit``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from casekit.cli import _context
from casekit.errors import CasekitError, WorkbookError

if TYPE_CHECKING:
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
    from casekit.workbooks import Runner, RunResult, get_workbook

    book = get_workbook(workbook)  # an unknown workbook fails before any kernel starts
    params = dict(parameters)
    settings = _context.settings(ctx)
    ws = _context.workspace(ctx)
    if not book.per_case:
        if case_ids or group:
            raise WorkbookError(
                f"{book.name} is about the whole organisation, not one case; run it without --case or "
                f"--group (`casekit run {book.name}`)"
            )
        if formats:
            _warm_name_recognition()
        with Runner(ws, kernels=1, db_url=settings.db_url, passphrase=settings.passphrase) as runner:
            result = runner.run(book.name, None, params)
        click.echo(f"organisation: {result.output} ({result.seconds:.1f} s)")
        for path in _export(result.output, formats, ws):
            click.echo(f"organisation: wrote {path}")
        return
    ids = list(case_ids)
    if group:
        with ws.open_store_with(settings) as store:
            ids += [s.case_id for s in store.list_cases(group=group)]
        if not ids:
            raise WorkbookError(f"group {group!r} has no cases; see `casekit case list`")
    if not ids:
        raise click.UsageError("give --case ID (one or more) or --group G")
    if formats:
        _warm_name_recognition()
    runner = Runner(
        ws, kernels=min(kernels, len(ids)), db_url=settings.db_url, passphrase=settings.passphrase
    )
    with runner:
        if len(ids) == 1:
            result = runner.run(workbook, ids[0], params)
            click.echo(f"{result.case_id}: {result.output} ({result.seconds:.1f} s)")
            for path in _export(result.output, formats, ws):
                click.echo(f"{result.case_id}: wrote {path}")
            return
        from tqdm import tqdm

        with tqdm(total=len(ids), unit="case", desc=workbook, file=sys.stderr) as bar:
            written: dict[str, list[Path]] = {}
            refused: list[tuple[str, CasekitError]] = []

            def done(case_id: str, outcome: RunResult | CasekitError) -> None:
                # Called here, in this thread, as each case finishes: its export overlaps with the
                # kernels still running the other cases.
                bar.update(1)
                if isinstance(outcome, CasekitError):
                    bar.write(f"{case_id}: failed: {outcome.message}", file=sys.stderr)
                    return
                try:
                    written[case_id] = _export(outcome.output, formats, ws)
                except CasekitError as exc:
                    refused.append((case_id, exc))

            batch = runner.run_many(workbook, ids, params, on_done=done)
    for item in batch.succeeded:
        click.echo(f"{item.case_id}: {item.output}")
        for path in written.get(item.case_id, []):
            click.echo(f"{item.case_id}: wrote {path}")
    for case_id, exc in refused:
        click.echo(f"{case_id}: EXPORT REFUSED: {exc.message}")
    for case_id, error in batch.failed:
        click.echo(f"{case_id}: FAILED: {error.message}")
    click.echo(batch.summary())
    if not batch.ok or refused:
        sys.exit(1)


def _warm_name_recognition() -> None:
    """Load the name recogniser in the background while the kernels run (exports need it)."""
    import threading

    from casekit.deid.ner import pipeline

    threading.Thread(target=pipeline, name="casekit-ner-warmup", daemon=True).start()


def _export(run_path: Path, formats: tuple[str, ...], ws: Workspace) -> list[Path]:
    """Export one run in each format into the workspace's exports/ folder; nothing written if refused."""
    if not formats:
        return []
    from casekit.export.api import export_run, exports_dir_for, write_exports

    exports = [export_run(run_path, fmt, workspace=ws.root) for fmt in formats]
    return write_exports(exports, exports_dir_for(ws.exports_dir, exports[0]))
