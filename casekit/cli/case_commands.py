"""``casekit case ...``: create, list, show, check, import and export cases, and walk their history."""

from __future__ import annotations

import json
from pathlib import Path

import click

from casekit.case_overview import overview
from casekit.cli import _context
from casekit.errors import CaseValidationError
from casekit.fileio import atomic_write, read_input_file
from casekit.model import Case, CaseMeta, case_to_json, parse_case_json
from casekit.model.io import MAX_CASE_BYTES

AUTHOR_HELP = "Your alias, recorded with the revision (never your client's name)."


def _author(value: str | None) -> str:
    from casekit.model.ids import check_alias

    try:
        return check_alias(value or "casekit")
    except ValueError as exc:
        raise CaseValidationError(f"--author: {exc}", field="author") from None


@click.group()
def case() -> None:
    """Work with cases: new, list, show, validate, history, restore, import, export-json."""


@case.command("new")
@click.argument("case_id")
@click.option("--clinician", "clinician_alias", required=True, help="The presenting clinician's alias.")
@click.option("--group", help="The consultation group's alias.")
@click.pass_context
def new(ctx: click.Context, case_id: str, clinician_alias: str, group: str | None) -> None:
    """Start a new, empty case with the pseudonymous code CASE_ID (e.g. CK-0412)."""
    from pydantic import ValidationError

    from casekit.model.io import validation_message

    try:
        meta = CaseMeta(case_id=case_id, clinician_alias=clinician_alias, group=group)
    except ValidationError as exc:
        field, text = validation_message(exc, "new case")
        raise CaseValidationError(text, field=field) from None
    with _context.open_store(ctx) as store:
        record = store.create(Case(meta=meta), author=meta.clinician_alias)
    click.echo(f"{record.case.meta.case_id}: created (revision {record.revision})")


@case.command("list")
@click.option("--group", help="Only cases of this group.")
@click.pass_context
def list_(ctx: click.Context, group: str | None) -> None:
    """List cases, one a line, case id first."""
    with _context.open_store(ctx) as store:
        for s in store.list_cases(group=group):
            updated = s.updated.strftime("%Y-%m-%d %H:%M")
            click.echo(
                f"{s.case_id}\trevision {s.head_revision}\t{s.group or '-'}\t{s.clinician_alias}\t"
                f"updated {updated}"
            )


@case.command("show")
@click.argument("case_id")
@click.option("--revision", type=int, help="Show this revision instead of the newest.")
@click.option("--json", "as_json", is_flag=True, help="Print the case as JSON (without identifiers).")
@click.pass_context
def show(ctx: click.Context, case_id: str, revision: int | None, as_json: bool) -> None:
    """Show a case's overview, or the whole case as JSON with --json (identifiers never shown)."""
    with _context.open_store(ctx) as store:
        record = store.load(case_id, revision)
    if as_json:
        click.echo(case_to_json(record.case), nl=False)
        return
    click.echo(f"revision {record.revision}, saved {record.saved_at:%Y-%m-%d %H:%M} by {record.author}")
    for line in overview(record.case).lines():
        click.echo(line)


@case.command("validate")
@click.argument("target", required=False)
@click.option("--all", "all_", is_flag=True, help="Check every case in the store.")
@click.pass_context
def validate(ctx: click.Context, target: str | None, all_: bool) -> None:
    """Check a case file (TARGET ending in .json), a stored case (TARGET is a case id), or --all."""
    if target and target.endswith(".json"):
        parse_case_json(read_input_file(target, max_bytes=MAX_CASE_BYTES, what="case file"), source=target)
        click.echo(f"{target}: valid")
        return
    if not target and not all_:
        raise click.UsageError("give a case id, a .json case file, or --all")
    with _context.open_store(ctx) as store:
        ids = [s.case_id for s in store.list_cases()] if all_ else [target]
        for case_id in ids:
            record = store.load(case_id)
            click.echo(f"{case_id}: valid (revision {record.revision})")


@case.command("history")
@click.argument("case_id")
@click.pass_context
def history(ctx: click.Context, case_id: str) -> None:
    """List every saved revision of a case, newest last."""
    with _context.open_store(ctx) as store:
        for info in store.history(case_id):
            extra = f"\trestored from {info.restored_from}" if info.restored_from else ""
            note = f"\t{info.note}" if info.note else ""
            click.echo(f"{info.revision}\t{info.saved_at:%Y-%m-%d %H:%M:%S}\t{info.author}{extra}{note}")


@case.command("restore")
@click.argument("case_id")
@click.argument("revision", type=int)
@click.option("--author", help=AUTHOR_HELP)
@click.pass_context
def restore(ctx: click.Context, case_id: str, revision: int, author: str | None) -> None:
    """Bring back REVISION of a case as a new revision (nothing in the history is lost)."""
    who = _author(author)
    with _context.open_store(ctx) as store:
        record = store.restore(case_id, revision, based_on=store.head(case_id), author=who)
    click.echo(f"{case_id}: revision {revision} restored as revision {record.revision}")


@case.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="If the case exists, save the file as its new revision.")
@click.option("--author", help=AUTHOR_HELP)
@click.pass_context
def import_(ctx: click.Context, file: Path, replace: bool, author: str | None) -> None:
    """Import a case from a JSON FILE (as written by `casekit case export-json`)."""
    from casekit.errors import CaseExistsError, CaseNotFoundError

    raw = read_input_file(file, max_bytes=MAX_CASE_BYTES, what="case file")
    imported = parse_case_json(raw, source=str(file))
    who = _author(author)
    case_id = imported.meta.case_id
    with _context.open_store(ctx) as store:
        try:
            head = store.head(case_id)
        except CaseNotFoundError:
            record = store.create(imported, author=who)
            click.echo(f"{case_id}: imported (revision {record.revision})")
            return
        if not replace:
            raise CaseExistsError(
                f"{file}: case {case_id} already exists (revision {head}); add --replace to save the file "
                f"as its next revision"
            )
        record = store.save(imported, based_on=head, author=who, note=f"imported from {file.name}")
    click.echo(f"{case_id}: saved as revision {record.revision}")


@case.command("export-json")
@click.argument("case_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--revision", type=int, help="Export this revision instead of the newest.")
@click.option(
    "--include-identifiers",
    is_flag=True,
    help="Also write the client's identifying details (the file is then readable by you only).",
)
@click.pass_context
def export_json(
    ctx: click.Context, case_id: str, output: Path, revision: int | None, include_identifiers: bool
) -> None:
    """Write a case to a JSON file; identifying details are left out unless you ask for them."""
    from casekit.errors import EncryptionKeyError

    with _context.open_store(ctx) as store:
        record = store.load(case_id, revision)
    if include_identifiers and record.identifiers_locked:
        raise EncryptionKeyError(
            f"case {case_id}: its identifiers are locked (no key); run where the workspace key is, "
            f"or set CASEKIT_PASSPHRASE"
        )
    text = case_to_json(record.case, include_identifiers=include_identifiers)
    json.loads(text)  # never write something we could not read back
    atomic_write(output, text, mode=0o600 if include_identifiers else 0o644)
    what = "with identifiers" if include_identifiers else "without identifiers"
    click.echo(f"{case_id}: revision {record.revision} written to {output} ({what})")
