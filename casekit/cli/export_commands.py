"""``casekit export``: de-identified consultation summaries for the group (HTML, PDF, markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from casekit.cli import _context
from casekit.errors import ExportError


@click.command()
@click.argument("run", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--case", "case_id", help="Export this case's consultation summary (rendered from the store).")
@click.option("--group", help="Export a packet: one summary per case of this group and an index page.")
@click.option("--session", help="The consultation session date, YYYY-MM-DD (the summary shows its year).")
@click.option(
    "--to", "fmt", type=click.Choice(["html", "pdf", "md"]), default="html", show_default=True, help="Format."
)
@click.option(
    "--handout",
    type=click.Choice(["summary", "brief"]),
    default="summary",
    show_default=True,
    help="With --case: the full summary, or the one-page brief.",
)
@click.option(
    "--for",
    "audience",
    type=click.Choice(["group", "supervision", "teaching"]),
    default="group",
    show_default=True,
    help="With --case: who it is for; the case's consent to consultation must cover it.",
)
@click.option(
    "-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (default: the workspace's exports/ folder).",
)  # fmt: skip
@click.pass_context
def export(
    ctx: click.Context,
    run: Path | None,
    case_id: str | None,
    group: str | None,
    session: str | None,
    fmt: str,
    handout: str,
    audience: str,
    out_dir: Path | None,
) -> None:
    """Write a de-identified summary: of a workbook RUN, of one --case, or a --group packet.

    Every summary is scrubbed, checked for unreviewed findings and scanned for the case's identifiers
    before anything is written; if a check fails, nothing is written. There is no way to skip them.
    A case export also needs the case's consent to consultation to cover who it is for (--for); a
    --group packet holds each case's summary and one-page brief, for the group.
    """
    from casekit.export import api
    from casekit.store import access_log

    ctx.with_resource(access_log.one_action())  # reading each case is part of exporting it
    chosen = [x for x in (run, case_id, group) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of RUN.ipynb, --case ID or --group G")
    if group and not session:
        raise click.UsageError("a --group packet needs --session DATE")
    if not case_id and (handout != "summary" or audience != "group"):
        raise click.UsageError("--handout and --for go with --case ID")
    if run is not None:
        exports = [api.export_run(run, fmt, workspace=_explicit_workspace(ctx), session=session)]
        target = out_dir or api.exports_dir_for(_exports_dir(ctx), exports[0])
    else:
        with _context.open_store(ctx) as store:
            ids = [case_id] if case_id else [s.case_id for s in store.list_cases(group=group)]
            if not ids:
                raise ExportError(f"group {group}: no cases in this workspace; check the group name")
            cases = [_load(store, i) for i in ids]
            secrets = {i: store.fingerprint_secret(i) for i in ids}
            records = {i: api.session_record_for(store, i, session) for i in ids}
        ws = _context.workspace(ctx)
        if case_id:
            exports = [
                api.export_case(
                    cases[0],
                    fmt,
                    session=session,
                    secret=secrets[case_id],
                    session_record=records[case_id],
                    keep_list=ws.keep_list(),
                    handout=handout,
                    audience="peer_group" if audience == "group" else audience,
                )
            ]
            target = out_dir or ws.exports_dir
        else:
            exports = api.group_packet(
                cases,
                fmt,
                group=str(group),
                session=session,
                secrets=secrets,
                session_records=records,
                keep_list=ws.keep_list(),
            )
            target = out_dir or api.packet_dir(ws.exports_dir, str(group), session)
    with _store_for(ctx, run) as store:
        paths = api.write_exports(exports, target, store=store)
    for path in paths:
        click.echo(f"wrote {path}")
        _echo_risk(path)


def _echo_risk(path: Path) -> None:
    """Say so (on stderr) when the receipt beside ``path`` warns that several details combine."""
    import json

    from casekit.deid.risk import Assessment
    from casekit.export.receipt import receipt_name

    receipt = json.loads((path.parent / receipt_name(path.name)).read_text(encoding="utf-8"))
    if receipt.get("combination_warning"):
        message = Assessment(receipt["details_that_remain"], True).message()
        click.echo(f"{path.name}: {message}", err=True)


def _load(store: object, case_id: str) -> object:
    record = store.load(case_id)  # type: ignore[attr-defined]
    if record.identifiers_locked or not store.has_key:  # type: ignore[attr-defined]
        raise ExportError(
            f"case {case_id}: its private identifiers are locked, so the export cannot be checked; "
            f"make the workspace key available (or set CASEKIT_PASSPHRASE) and export again"
        )
    return record.case


def _store_for(ctx: click.Context, run: Path | None) -> Any:
    """The store whose access log records the export: a run's own workspace's, else the command's."""
    if run is None:
        return _context.open_store(ctx)
    from casekit.export.locate import find_workspace

    ws = find_workspace(explicit=_explicit_workspace(ctx), notebook_dir=run.parent)
    return ws.open_store_with(_context.settings(ctx))


def _explicit_workspace(ctx: click.Context) -> str | None:
    obj = ctx.find_root().obj or {}
    return obj.get("workspace")


def _exports_dir(ctx: click.Context) -> Path:
    return _context.workspace(ctx).exports_dir
