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
@click.option("--risks", is_flag=True, help="List details that together could point to the client.")
@click.pass_context
def review(
    ctx: click.Context,
    case_id: str,
    list_only: bool,
    keep: tuple[int, ...],
    redact: tuple[int, ...],
    author: str | None,
    no_ner: bool,
    risks: bool = False,
) -> None:
    """Decide, for each span de-identification was unsure of, whether to keep or replace it.

    Without --keep/--redact, asks about each one in turn. The spans are shown here, on your own
    screen, in their sentence; only a keyed fingerprint of each decision is stored with the case.
    Exports of the case wait until nothing is left to review.
    """
    from casekit.cli import _context
    from casekit.cli.case import _author
    from casekit.deid.review import apply_decisions, pending_review

    who = _author(author)
    if risks:
        review_risks(ctx, case_id, (), who)
        return
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


@deid.command("risks")
@click.argument("case_id")
@click.option(
    "--generalise",
    "generalise",
    nargs=2,
    multiple=True,
    metavar="N WORDS",
    help="Replace detail N by more general words, e.g. --generalise 2 'a driver'.",
)
@click.option("--author", help="Your alias, recorded with the revision.")
@click.pass_context
def risks_command(
    ctx: click.Context, case_id: str, generalise: tuple[tuple[str, str], ...], author: str | None
) -> None:
    """List details that could together point to the client, and make one more general.

    Occupation, origin, year of arrival, a less common language, a small community, age, a title or
    role, religion: each is part of who the client is and stays unless you choose otherwise. When
    three or more kinds come together, a warning suggests making one of them more general.
    """
    from casekit.cli.case import _author

    review_risks(ctx, case_id, generalise, _author(author))


def review_risks(ctx: click.Context, case_id: str, generalise: tuple[tuple[str, str], ...], who: str) -> None:
    """The review's risk sub-step: list the case's quasi-identifiers, or generalise the ones given.

    Shared by ``casekit deid review --risks`` and ``casekit deid risks`` (a step a reworked review can
    call). Phrases are shown on the presenter's own screen only; each generalisation is saved as a new
    revision with a decision recorded like the review's (a fingerprint, never the text).
    """
    from casekit.cli import _context
    from casekit.deid import risk

    with _context.open_store(ctx) as store:
        record = store.load(case_id)
        if not generalise:
            lines = risk.review_lines(record.case)
            for line in lines or [f"{case_id}: no details found that could together point to the client"]:
                click.echo(line)
            return
        secret = store.fingerprint_secret(case_id)
        case = record.case
        # Highest number first, so each change leaves the earlier numbers where they were listed.
        for number, words in sorted(generalise, key=lambda g: -_number(g[0])):
            case = risk.generalise(case, _number(number), words, secret=secret)
        saved = store.save(
            case, based_on=record.revision, author=who, note=f"generalised {len(generalise)} detail(s)"
        )
    click.echo(
        f"{case_id}: {len(generalise)} detail(s) made more general, saved as revision {saved.revision}"
    )


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a detail number; list them with --risks") from None
