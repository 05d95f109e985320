"""``casekit deid ...``: de-identify text from a file or standard input."""

from __future__ import annotations

import json
import sys

import click

from casekit.errors import InputFileError

MAX_INPUT = 5_000_000


@click.group()
def deid() -> None:
    """De-identify text (scrub) and review what de-identification was unsure of (review)."""


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(f"{name}: is not UTF-8 text; save it as UTF-8 and try again") from None


@deid.command("scrub")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--case", "case_id", help="Use this case's private identifiers (from the workspace store).")
@click.option("--deny-file", type=str, help="A UTF-8 file with one extra term to remove per line.")
@click.option(
    "--report", "show_report", is_flag=True, help="Print the report (JSON, no originals) to stderr."
)
@click.option(
    "--no-ner", is_flag=True, help="Skip the NER model (faster; finds only listed and patterned identifiers)."
)
@click.pass_context
def scrub(
    ctx: click.Context,
    source: str,
    case_id: str | None,
    deny_file: str | None,
    show_report: bool,
    no_ner: bool,
) -> None:
    """Print FILE (or standard input) with identifiers replaced by labels."""
    from casekit.deid import Scrubber
    from casekit.fileio import read_input_file

    if source == "-":
        text = _decode(sys.stdin.buffer.read(MAX_INPUT + 1)[:MAX_INPUT], "standard input")
        where = "stdin"
    else:
        text = _decode(read_input_file(source, max_bytes=MAX_INPUT, what="text file"), source)
        where = click.format_filename(source)
    terms: list[str] = []
    if deny_file:
        raw = _decode(read_input_file(deny_file, max_bytes=1_000_000, what="deny file"), deny_file)
        terms = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    if case_id:
        from casekit.cli import _context

        with _context.open_store(ctx) as store:
            case = store.load(case_id).case
            secret = store.fingerprint_secret(case.meta.case_id)
        scrubber = Scrubber.for_case(case, extra_terms=terms, use_ner=not no_ner, secret=secret)
    else:
        scrubber = Scrubber(extra_terms=terms, use_ner=not no_ner)
    result = scrubber.scrub(text, where=where)
    click.echo(result.text, nl=not result.text.endswith("\n"))
    if show_report:
        click.echo(json.dumps(scrubber.report.to_dict(), indent=2), err=True)


@deid.command("review")
@click.argument("case_id")
@click.option("--list", "list_only", is_flag=True, help="Only list the findings waiting for a decision.")
@click.option("--keep", "keep", type=int, multiple=True, metavar="N", help="Keep finding N as written.")
@click.option("--redact", "redact", type=int, multiple=True, metavar="N", help="Replace finding N.")
@click.option("--author", help="Your alias, recorded with the revision.")
@click.option("--no-ner", is_flag=True, help="Review without name recognition (exports use it).")
@click.pass_context
def review(
    ctx: click.Context,
    case_id: str,
    list_only: bool,
    keep: tuple[int, ...],
    redact: tuple[int, ...],
    author: str | None,
    no_ner: bool,
) -> None:
    """Decide, for each span de-identification was unsure of, whether to keep or replace it.

    Without --keep/--redact, asks about each one in turn. The spans are shown here, on your own
    screen, in their sentence; only a keyed fingerprint of each decision is stored with the case.
    Exports of the case wait until nothing is left to review.
    """
    from casekit.cli import _context
    from casekit.cli.case_commands import _author
    from casekit.deid.review import apply_decisions, pending_review

    who = _author(author)
    with _context.open_store(ctx) as store:
        record = store.load(case_id)
        secret = store.fingerprint_secret(case_id)
        items = pending_review(record.case, secret=secret, use_ner=not no_ner)
        if not items:
            click.echo(f"{case_id}: nothing to review")
            return
        decisions: dict[int, str] = {n: "keep" for n in keep} | {n: "redact" for n in redact}
        if list_only:
            for item in items:
                click.echo(item.line())
            return
        if not decisions:
            for item in items:
                click.echo(item.line())
                answer = click.prompt(
                    "  keep, redact or skip?",
                    type=click.Choice(["keep", "redact", "skip"]),
                    default="redact",
                )
                if answer != "skip":
                    decisions[item.number] = answer
        if not decisions:
            click.echo(f"{case_id}: no decisions made; {len(items)} still waiting")
            return
        updated = apply_decisions(record.case, items, decisions)
        saved = store.save(
            updated, based_on=record.revision, author=who, note=f"reviewed {len(decisions)} finding(s)"
        )
    left = len(items) - len(decisions)
    click.echo(
        f"{case_id}: {len(decisions)} decision(s) saved as revision {saved.revision}; {left} still waiting"
    )
