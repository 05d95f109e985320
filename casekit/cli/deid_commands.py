"""``casekit deid ...``: de-identify text from a file or standard input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from casekit.errors import InputFileError
from casekit.fileio import atomic_write, ensure_folder, read_input_file
from casekit.text.words import count

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
@click.argument("sources", nargs=-1, metavar="[FILE...|-]")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each scrubbed file into this folder (created if missing) instead of beside its input.",
)
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
    sources: tuple[str, ...],
    output_dir: Path | None,
    case_id: str | None,
    deny_file: str | None,
    show_report: bool,
    no_ner: bool,
) -> None:
    """Replace identifiers with labels in FILE, several files, or standard input (-, the default).

    One file or standard input is printed. Several files are scrubbed in one run, so the name model
    loads once and batches are quick: each FILE is written beside itself as NAME.deid.EXT (or into
    the folder given with -o), the same person gets the same label in every file of the run, and one
    line per file says where its output went.

    Every file is read and scrubbed before anything is written: a file that cannot be read stops the
    run with one line naming it, and no output is ever half-written. Input is never cut short;
    standard input over 5,000,000 bytes is refused (split it into files and scrub them together).
    """
    from casekit.deid import Scrubber

    sources = sources or ("-",)
    if "-" in sources and (len(sources) > 1 or output_dir is not None):
        raise InputFileError(
            "standard input (-) is scrubbed on its own and printed; give files instead to use several or -o"
        )
    texts = [_read_source(source) for source in sources]
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
    if len(sources) == 1 and output_dir is None:
        result = scrubber.scrub(texts[0][1], where=texts[0][0])
        click.echo(result.text, nl=not result.text.endswith("\n"))
    else:
        targets = _output_paths([Path(s) for s in sources], output_dir)
        results = scrubber.scrub_many(texts)
        if output_dir is not None:
            ensure_folder(output_dir)
        for source, target, result in zip(sources, targets, results, strict=True):
            atomic_write(target, result.text)
            click.echo(f"{click.format_filename(source)} -> {click.format_filename(target)}")
    if show_report:
        click.echo(json.dumps(scrubber.report.to_dict(), indent=2), err=True)


def _read_source(source: str) -> tuple[str, str]:
    """(where, text) of one input: a file, or standard input refused rather than cut when too long."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT + 1)
        if len(data) > MAX_INPUT:
            raise InputFileError(
                f"standard input: more than the {MAX_INPUT:,} bytes it may be; nothing was scrubbed "
                f"(split the text into files and scrub them together)"
            )
        return "stdin", _decode(data, "standard input")
    return click.format_filename(source), _decode(
        read_input_file(source, max_bytes=MAX_INPUT, what="text file"), source
    )


def _output_paths(sources: list[Path], output_dir: Path | None) -> list[Path]:
    """NAME.deid.EXT beside each input or in ``output_dir``; refuses clashes and overwriting an input."""
    targets = [(output_dir or p.parent) / f"{p.stem}.deid{p.suffix}" for p in sources]
    inputs = {p.resolve() for p in sources}
    seen: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        key = target.resolve()
        if key in inputs:
            raise InputFileError(f"{target}: is one of the inputs; rename it or choose another -o folder")
        if key in seen:
            raise InputFileError(
                f"{source}: would be written to {target} as {seen[key]} would; scrub them separately"
            )
        seen[key] = source
    return targets


@deid.command("review")
@click.argument("case_id")
@click.option("--list", "list_only", is_flag=True, help="Only list the findings waiting for a decision.")
@click.option("--keep", "keep", type=int, multiple=True, metavar="N", help="Keep finding N as written.")
@click.option(
    "--keep-everywhere",
    "everywhere",
    type=int,
    multiple=True,
    metavar="N",
    help="Keep finding N as written in this and every other case (adds it to the workspace keep-list).",
)
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
    everywhere: tuple[int, ...],
    redact: tuple[int, ...],
    author: str | None,
    no_ner: bool,
    risks: bool = False,
) -> None:
    """Decide, for each span de-identification was unsure of, whether to keep or replace it.

    Without --keep/--keep-everywhere/--redact, shows each one in its sentence, as written and as it
    would be exported, and asks. The spans are shown here, on your own screen; only a keyed
    fingerprint of each decision is stored with the case. A word kept for every case (a faith, a
    trade, a place someone comes from) goes on the workspace keep-list and is not asked about again.
    Exports of the case wait until nothing is left to review.
    """
    import shutil

    from casekit.cli import _context
    from casekit.cli.case_commands import _author
    from casekit.deid.review import EVERYWHERE
    from casekit.deid.review_save import load_review, save_review

    who = _author(author)
    ws = _context.workspace(ctx)
    if risks:
        review_risks(ctx, case_id, (), who)
        return
    with _context.open_store(ctx) as store:
        record, items = load_review(store, ws, case_id, use_ner=not no_ner)
        if not items:
            click.echo(f"{case_id}: nothing to review")
            return
        decisions: dict[int, str] = (
            {n: "keep" for n in keep} | {n: EVERYWHERE for n in everywhere} | {n: "redact" for n in redact}
        )
        if list_only:
            for item in items:
                _context.echo(item.line())
            return
        if not decisions:
            width = min(shutil.get_terminal_size((100, 24)).columns, 140)
            for item in items:
                _context.echo(f"{item.number}. {item.finding.where}: {item.finding.reason or 'unsure'}")
                for row in item.side_by_side(width):
                    _context.echo(row)
                answer = click.prompt(
                    "  keep, keep for every case (everywhere), redact or skip?",
                    type=click.Choice(["keep", EVERYWHERE, "redact", "skip"]),
                    default=item.suggestion,
                )
                if answer != "skip":
                    decisions[item.number] = answer
        if not decisions:
            click.echo(f"{case_id}: no decisions made; {len(items)} still waiting")
            return
        saved = save_review(store, ws, record, items, decisions, author=who)
    click.echo(saved.summary())
    if saved.kept_everywhere:
        click.echo(f"kept for every case from now on: {', '.join(saved.kept_everywhere)}")


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
    from casekit.cli.case_commands import _author

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
            case, based_on=record.revision, author=who, note=f"generalised {count(len(generalise), 'detail')}"
        )
    click.echo(
        f"{case_id}: {count(len(generalise), 'detail')} made more general, saved as revision {saved.revision}"
    )


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a detail number; list them with --risks") from None
