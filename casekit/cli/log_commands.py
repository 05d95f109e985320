"""``casekit log ...``: check, show and export the access log (for the privacy lead)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from casekit.cli import _context
from casekit.errors import ConfigError


@click.group()
def log() -> None:
    """The access log: who opened, changed, exported or shared which case (verify, show, export)."""


_ANCHOR_FILE = click.Path(dir_okay=False, path_type=Path)


@log.command("verify")
@click.option(
    "--anchor",
    type=_ANCHOR_FILE,
    help="Also check against an anchor the privacy lead exported earlier (`casekit log export --anchor`).",
)
@click.pass_context
def verify(ctx: click.Context, anchor: Path | None) -> None:
    """Recompute the log's hash chain, and check no entry you (or the anchor) saw was cut off its end;
    exit code 9, naming the first bad entry or the entries cut, if it was tampered with."""
    from casekit.store import log_witness

    with _context.open_store(ctx) as store:
        holder = store.access.holder if store.access is not None else None
        home = holder.home if holder is not None else None
        check = log_witness.verify_all(store, home=home, anchor=anchor)
    click.echo(f"access log: {check.entries} entries, unbroken; newest entry's hash {check.head_hash}")
    if anchor is not None:
        click.echo(f"every entry up to the anchor in {anchor} is there, unchanged")


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since {value!r}: give a date as YYYY-MM-DD") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


_FILTERS = [
    click.option("--case", "case_id", help="Only entries about this case id."),
    click.option("--person", help="Only entries by this person (their user name on the server)."),
    click.option("--since", help="Only entries on or after this date (YYYY-MM-DD, UTC)."),
]


def _filters(command: click.Command) -> click.Command:
    for option in reversed(_FILTERS):
        command = option(command)
    return command


@log.command("show")
@_filters
@click.pass_context
def show(ctx: click.Context, case_id: str | None, person: str | None, since: str | None) -> None:
    """List entries, oldest first: number, time (UTC), person, server, action, case, revision, detail."""
    from casekit.store import access_log

    with _context.open_store(ctx) as store:
        found = access_log.entries(store, case_id=case_id, person=person, since=_since(since))
    for e in found:
        revision = "-" if e.revision is None else str(e.revision)
        _context.echo(
            f"{e.seq}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.person}\t{e.server}\t{e.action}\t"
            f"{e.case_id or '-'}\t{revision}\t{e.detail}"
        )


@log.command("export")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path), help="Write CSV here.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False, path_type=Path), help="Write JSON here.")
@click.option(
    "--anchor",
    "anchor_file",
    type=_ANCHOR_FILE,
    help="Also write an anchor here (the newest entry's number and hash), to keep away from the server.",
)
@_filters
@click.pass_context
def export(
    ctx: click.Context,
    csv_file: Path | None,
    json_file: Path | None,
    anchor_file: Path | None,
    case_id: str | None,
    person: str | None,
    since: str | None,
) -> None:
    """Write the log (or the entries asked for) to a CSV or JSON file, or an anchor; the export is
    itself logged."""
    from casekit.fileio import atomic_write
    from casekit.store import access_log, log_witness

    if csv_file is not None and json_file is not None:
        raise click.UsageError("give one of --csv FILE or --json FILE, not both")
    if csv_file is None and json_file is None:
        if anchor_file is None:
            raise click.UsageError("give one of --csv FILE, --json FILE or --anchor FILE")
        with _context.open_store(ctx) as store:
            mark = log_witness.write_anchor(store, anchor_file)
            access_log.record(store, "log-exported", detail=f"anchor,entries={mark.seq}")
        click.echo(f"wrote an anchor at entry {mark.seq} to {anchor_file}; keep it off this server")
        return
    with _context.open_store(ctx) as store:
        if anchor_file is not None:
            mark = log_witness.write_anchor(store, anchor_file)
            click.echo(f"wrote an anchor at entry {mark.seq} to {anchor_file}; keep it off this server")
        found = access_log.entries(store, case_id=case_id, person=person, since=_since(since))
        if csv_file is not None:
            path, fmt, content = csv_file, "csv", access_log.to_csv(found)
        else:
            path, fmt, content = json_file, "json", access_log.to_json(found)
        written = atomic_write(path, content, mode=0o640)
        access_log.record(store, "log-exported", case_id=case_id, detail=f"{fmt},entries={len(found)}")
    click.echo(f"wrote {len(found)} entries to {written}")
