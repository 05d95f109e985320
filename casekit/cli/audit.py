"""``casekit audit``: the systems-of-care audit from the command line."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from casekit.audit.form import FormAudit

_WIDTH = 100


@click.group()
def audit() -> None:
    """Audit the organisation: intake forms (and, in the workbook, spaces, access and practices)."""


@audit.command("form")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
def form(paths: tuple[str, ...], as_json: bool) -> None:
    """Audit intake forms (.txt, .md, .html, .docx, .pdf) for what may keep people from being seen.

    Each finding names where it is, why it matters and a better wording. Example:
    `casekit audit form intake.docx`.
    """
    from casekit.audit.form import audit_form

    audits = [audit_form(path) for path in paths]  # any unreadable file stops before printing
    if as_json:
        rows = [{"source": a.source, **f.as_dict()} for a in audits for f in a.findings]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for number, result in enumerate(audits):
        if number:
            click.echo("")
        _print_audit(result)


def _print_audit(result: FormAudit) -> None:
    from casekit.audit.rules import all_rules

    groups = result.by_category()
    if not groups:
        click.echo(f"{result.source}: no findings. Nothing on this form stood out; a read-through with "
                   f"someone who will use it is still worth doing.")  # fmt: skip
        return
    count = len(result.findings)
    click.echo(
        f"{result.source}: {count} finding{'s' if count != 1 else ''} in {len(groups)} "
        f"area{'s' if len(groups) != 1 else ''}"
    )
    rules = all_rules()
    for category, findings in groups.items():
        title = rules[category].title if category in rules else category
        click.echo("")
        click.secho(f"{title} [{category}]", bold=True)
        for finding in findings:
            where = finding.location.label
            head = f'  {where}: "{finding.excerpt}"' if finding.excerpt else f"  {where}"
            click.echo(head)
            click.echo(_wrap("Why it matters: " + finding.message))
            click.echo(_wrap("Try instead: " + finding.suggestion))


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent="    ", subsequent_indent="      ")
