"""``casekit case ...``: create, list, show, check, import and export cases, and walk their history."""

from __future__ import annotations

import json
from pathlib import Path

import click

from casekit.case_overview import overview
from casekit.cli import _context
from casekit.cli.people_commands import add_case_commands
from casekit.errors import CasekitError, CaseValidationError, RevisionConflictError
from casekit.fileio import atomic_write, read_input_file
from casekit.model import Case, CaseMeta, case_to_json, parse_case_json
from casekit.model.io import MAX_CASE_BYTES

#: The top-level key of an exported file naming the revision it was exported from.
BASED_ON_KEY = "based_on_revision"
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
    _context.echo(f"revision {record.revision}, saved {record.saved_at:%Y-%m-%d %H:%M} by {record.author}")
    for line in overview(record.case).lines():
        _context.echo(line)


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
            who = f"{info.author} ({info.person})" if info.person else info.author
            if info.texts_sealed:
                who = info.person or "someone"
                note = "\t(the alias and note are private to the case's owner and supervisor)"
            _context.echo(f"{info.revision}\t{info.saved_at:%Y-%m-%d %H:%M:%S}\t{who}{extra}{note}")


@case.command("restore")
@click.argument("case_id")
@click.argument("revision", type=int)
@click.option("--author", help=AUTHOR_HELP)
@click.option(
    "--base",
    type=int,
    metavar="N",
    help="The newest revision you saw; refused if someone has saved since (default: the newest now).",
)
@click.pass_context
def restore(ctx: click.Context, case_id: str, revision: int, author: str | None, base: int | None) -> None:
    """Bring back REVISION of a case as a new revision (nothing in the history is lost)."""
    who = _author(author)
    with _context.open_store(ctx) as store:
        based_on = store.head(case_id) if base is None else base
        record = store.restore(case_id, revision, based_on=based_on, author=who)
    click.echo(
        f"{case_id}: revision {revision} restored as revision {record.revision} "
        f"(in place of revision {based_on}, which stays in the history)"
    )


class _StaleFileError(RevisionConflictError):
    """An imported file was exported from a revision someone has saved over since."""

    def __init__(self, file: Path, case_id: str, based_on: int, head: int) -> None:
        CasekitError.__init__(
            self,
            f"{file}: case {case_id} was saved as revision {head} after the revision {based_on} this file "
            f"was exported from; nothing was saved: add --merge to keep both edits where they changed "
            f"different fields, or export revision {head} and make your edits there",
        )
        self.case_id, self.based_on, self.head = case_id, based_on, head


def _file_facts(raw: bytes, file: Path, base: int | None) -> tuple[int | None, bool, bool]:
    """From an exported file: the revision it was exported from (``--base`` wins), whether it has an
    identifiers section, and whether its dates are the shifted ones."""
    data = json.loads(raw.decode("utf-8-sig"))  # already parsed and validated once
    named = data.get(BASED_ON_KEY)
    if base is None and named is not None:
        if isinstance(named, bool) or not isinstance(named, int) or named < 1:
            raise CaseValidationError(
                f"{file}: {BASED_ON_KEY} must be the whole number of the revision the file was exported "
                f"from; correct it, or remove it and give --base N",
                field=BASED_ON_KEY,
            )
        base = named
    return base, "identifiers" in data, data.get("dates_shifted") is True


@case.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="If the case exists, save the file as its new revision.")
@click.option("--merge", is_flag=True, help="If someone saved since the export, merge their edits and yours.")
@click.option(
    "--base",
    type=int,
    metavar="N",
    help="The revision the file was exported from, for files that do not say (older exports).",
)
@click.option(
    "--drop-identifiers",
    is_flag=True,
    help="Remove the case's private identifiers when the file has none (they are kept otherwise).",
)
@click.option("--author", help=AUTHOR_HELP)
@click.pass_context
def import_(
    ctx: click.Context,
    file: Path,
    replace: bool,
    merge: bool,
    base: int | None,
    drop_identifiers: bool,
    author: str | None,
) -> None:
    """Import a case from a JSON FILE (as written by `casekit case export-json`).

    With --replace, the file must say which revision it was exported from (exports do), so that an
    edit made since is never silently overwritten; --merge keeps both edits where they changed
    different fields. Identifiers the file leaves out are kept.
    """
    from casekit.errors import CaseExistsError, CaseNotFoundError, EncryptionKeyError

    raw = read_input_file(file, max_bytes=MAX_CASE_BYTES, what="case file")
    imported = parse_case_json(raw, source=str(file))
    based_on, has_identifiers, dates_shifted = _file_facts(raw, file, base)
    who = _author(author)
    case_id = imported.meta.case_id
    with _context.open_store(ctx) as store:
        try:
            head = store.head(case_id)
        except CaseNotFoundError:
            record = store.create(imported, author=who, imported=True)
            shifted = " with the moved dates of an export made without the key" if dates_shifted else ""
            click.echo(f"{case_id}: imported (revision {record.revision}){shifted}")
            return
        if not replace:
            raise CaseExistsError(
                f"{file}: case {case_id} already exists (revision {head}); add --replace to save the file "
                f"as its next revision"
            )
        if based_on is None:
            raise CaseValidationError(
                f"{file}: the file does not say which revision of case {case_id} it was exported from; "
                f"add --base N (the revision you edited; see `casekit case history {case_id}`) or export "
                f"the case again",
                field=BASED_ON_KEY,
            )
        if drop_identifiers and not store.has_key:
            raise EncryptionKeyError(
                f"case {case_id}: removing the private identifiers needs the workspace key; run where the "
                f"workspace key is, or set CASEKIT_PASSPHRASE"
            )
        keep = not has_identifiers and not drop_identifiers
        try:
            record = store.save_edit(
                imported,
                based_on=based_on,
                author=who,
                note=f"imported from {file.name}",
                merge=merge,
                keep_identifiers=keep,
                dates_shifted=dates_shifted,
                imported=True,
            )
        except RevisionConflictError as exc:
            if type(exc) is RevisionConflictError and not merge:
                raise _StaleFileError(file, case_id, exc.based_on or based_on, exc.head) from None
            raise
    how = f"merged with revision {record.revision - 1}, " if record.revision != based_on + 1 else ""
    kept = "; its private identifiers were kept (the file has none)" if keep else ""
    if drop_identifiers and not has_identifiers:
        kept = "; its private identifiers were removed"
    click.echo(f"{case_id}: {how}saved as revision {record.revision}{kept}")


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
    from casekit.store import date_shift as dates

    with _context.open_store(ctx) as store:
        record = store.load(case_id, revision)
    if include_identifiers and record.identifiers_locked:
        raise EncryptionKeyError(
            f"case {case_id}: its identifiers are locked (no key); run where the workspace key is, "
            f"or set CASEKIT_PASSPHRASE"
        )
    data = json.loads(case_to_json(record.case, include_identifiers=include_identifiers))
    data[BASED_ON_KEY] = record.revision  # `case import --replace` refuses or merges a stale file
    if record.identifiers_locked and dates.real_dates(record.case):
        data["dates_shifted"] = True  # without the key only the shifted dates are readable
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    parse_case_json(text, source=str(output))  # never write something we could not read back
    atomic_write(output, text, mode=0o600 if include_identifiers else 0o644)
    what = "with identifiers" if include_identifiers else "without identifiers"
    click.echo(f"{case_id}: revision {record.revision} written to {output} ({what})")


add_case_commands(case)  # grant, share, revoke, rotate-key, shared, holders (people access)
