"""``casekit feedback``: print paper feedback cards, and type a filled-in card back in."""

from __future__ import annotations

import datetime as dt

import click

from casekit.cli import _context
from casekit.errors import FeedbackCardError

_WORDS_PROMPT = "The client's own words, exactly as written on the card (press Enter if none)"


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip() or not rest.strip():
            raise FeedbackCardError(f'{option}: write it as NAME=VALUE, e.g. {option} "Session Check=9"')
        out[name.strip()] = rest.strip()
    return out


def _answers(values: tuple[str, ...]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, items in _pairs(values, "--answers").items():
        try:
            out[name] = {k.strip(): int(v) for k, v in (item.split(":", 1) for item in items.split(","))}
        except ValueError:
            raise FeedbackCardError(
                f'--answers: write each item as id:point, e.g. --answers "{name}=q1:4,q2:1"'
            ) from None
    return out


def _totals(values: tuple[str, ...]) -> dict[str, float]:
    try:
        return {name: float(total) for name, total in _pairs(values, "--total").items()}
    except ValueError:
        raise FeedbackCardError(
            '--total: the total must be a number, e.g. --total "Session Check=9"'
        ) from None


@click.group()
def feedback() -> None:
    """Paper feedback cards: print one per language, and type the client's answers back in."""


@feedback.command("card")
@click.option(
    "--language",
    "-l",
    default="en",
    show_default=True,
    help="The card's language: en, es, zh-Hans, vi, ar, so, fr or ko.",
)
@click.option("--to", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True)
@click.option(
    "--with-questionnaires", is_flag=True, help="Add the clinic's own questionnaires in that language."
)
@click.pass_context
def card(ctx: click.Context, language: str, fmt: str, with_questionnaires: bool) -> None:
    """Print a blank feedback card for clients to fill in on paper (no client details on it)."""
    from casekit.feedback_card import write_card
    from casekit.instruments import load_instruments

    ws = _context.workspace(ctx)
    extra = list(load_instruments(ws).values()) if with_questionnaires else []
    click.echo(str(write_card(ws.exports_dir, language, fmt, instruments=extra)))


@feedback.command("enter")
@click.argument("case_id")
@click.option("--date", "day", required=True, help="The session date on the card (YYYY-MM-DD).")
@click.option("--language", "-l", required=True, help="The language the client wrote in (en, es, fr, ...).")
@click.option("--understood", type=click.IntRange(1, 5), help="The box ticked for question 1 (1–5).")
@click.option("--respected", type=click.IntRange(1, 5), help="The box ticked for question 2 (1–5).")
@click.option("--answers", multiple=True, help='A questionnaire\'s items: "NAME=item:point,item:point".')
@click.option("--total", multiple=True, help='A questionnaire total worked out by hand: "NAME=TOTAL".')
@click.option(
    "--words-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the client's words from a file (- for standard input).",
)
@click.option("--author", help="Your alias, recorded with the revision (never your client's name).")
@click.pass_context
def enter(
    ctx: click.Context,
    case_id: str,
    day: str,
    language: str,
    understood: int | None,
    respected: int | None,
    answers: tuple[str, ...],
    total: tuple[str, ...],
    words_file: click.utils.LazyFile | None,
    author: str | None,
) -> None:
    """Type in a filled-in paper card: saved as the client's own words, written by them on paper.

    The words are asked for here (or read with --words-file), never taken as an option, so they stay
    out of your shell's history.
    """
    from casekit.feedback_card import PaperCard, record_paper_card
    from casekit.instruments import load_instruments

    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        raise FeedbackCardError(f"--date: {day!r} is not a date; write it as YYYY-MM-DD") from None
    words = words_file.read() if words_file else click.prompt(_WORDS_PROMPT, default="", show_default=False)
    paper = PaperCard(
        date=when,
        language=language,
        understood=understood,
        respected=respected,
        words=words,
        answers=_answers(answers),
        totals=_totals(total),
    )
    instruments = load_instruments(_context.workspace(ctx)) if (answers or total) else {}
    with _context.open_store(ctx) as store:
        record = record_paper_card(store, case_id, paper, author=author, instruments=instruments)
    click.echo(f"{case_id}: the card's answers were saved as revision {record.revision}.")
    from casekit.instruments import partial_words

    for name, part in record.case.feedback[-1].instrument_partial.items():
        click.echo(f"{name}: {partial_words(part)}.")
