"""Rebuild the example DOCX and PDF intake forms from the sources kept beside this script.

Run from anywhere: ``python casekit/audit/forms/make_forms.py [OUTPUT_DIR]``. It uses python-docx
and WeasyPrint, both casekit dependencies. The generated files are committed, so running the audit
never rebuilds them.

* ``poor-intake.docx`` / ``good-intake.docx``: Word forms laid out as tables with tick boxes, the way
  many clinics build them, written with python-docx.
* ``poor-intake.pdf`` / ``good-intake.pdf``: ``poor-intake.txt`` and ``good-intake.md`` printed to PDF
  with WeasyPrint, in DejaVu Sans so the tick boxes survive in the text layer; the ``.es`` and ``.fr``
  twins (Spanish and French) are printed the same way.

Every clinic name here is made up.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

_POOR_ROWS: list[tuple[str, str]] = [
    ("Full legal name (as on insurance card)", ""),
    ("Date of birth", ""),
    ("Sex", "☐ Male   ☐ Female"),
    ("Marital status", "☐ Single   ☐ Married   ☐ Divorced"),
    ("Race (select one)", "☐ White   ☐ Black   ☐ Asian   ☐ Hispanic"),
    ("Religion", "☐ Christian   ☐ Catholic   ☐ Jewish"),
    ("Mother's maiden name", ""),
    ("Father's name", ""),
]
_POOR_PARAGRAPHS = [
    "Have you ever been treated for a mental illness, or are you mentally ill now?  ☐ Yes  ☐ No",
    "Are you a drug abuser or alcoholic?  ☐ Yes  ☐ No",
    "Please note: all sessions are conducted only in English.",
    "Fees: payment is required in full before each session.",
]

_GOOD_ROWS: list[tuple[str, str]] = [
    ("The name you would like us to use", ""),
    ("Pronouns we should use for you (or just your name)", ""),
    ("How do you describe your gender?", ""),
    (
        "Race, ethnicity or cultural background: choose all that fit",
        "☐ Black   ☐ Asian   ☐ Latina/o/e   ☐ Indigenous   ☐ White   ☐ In your own words: ____",
    ),
    ("Which language would you like to use with us?", ""),
    ("Who is your family, including chosen family?", ""),
    ("Faith, religion or spirituality, if any, in your own words", ""),
    ("Anything that would make it easier for you to take part (step-free access, large print, breaks)?", ""),
]
_GOOD_PARAGRAPHS = [
    "Every question is optional. Interpreters, including sign language, are free; you never need to "
    "bring family or friends to interpret.",
    "Our fees follow a sliding scale based on income. ☐ I would like to talk about reduced fees.",
]


def _docx(path: Path, title: str, intro: str, rows: list[tuple[str, str]], paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = _FIXED_DATE
    document.core_properties.modified = _FIXED_DATE
    document.core_properties.author = "casekit example"
    document.add_heading(title, level=1)
    document.add_paragraph(intro)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, answer in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = answer
    document.add_paragraph("")
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def _pdf(path: Path, source: Path, title: str) -> None:
    from weasyprint import HTML

    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\s*#+\s*|\*", "", line)
        lines.append(f"<p>{html.escape(line) or '&nbsp;'}</p>")
    page = (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
        "body { font-family: 'DejaVu Sans'; font-size: 9.5pt; } p { margin: 0 0 2pt 0; }"
        f"</style></head><body>{''.join(lines)}</body></html>"
    )
    HTML(string=page).write_pdf(str(path))


def main(out: Path = HERE) -> None:
    """Write the generated example forms (and the Spanish and French PDF twins) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    _docx(
        out / "poor-intake.docx",
        "Ashcombe Behavioral Health — Client Registration",
        "A fictional clinic. This form is a teaching example of what to avoid.",
        _POOR_ROWS,
        _POOR_PARAGRAPHS,
    )
    _docx(
        out / "good-intake.docx",
        "Willowmere Community Counselling — Getting to know you",
        "A fictional clinic. This form is a teaching example of a welcoming intake.",
        _GOOD_ROWS,
        _GOOD_PARAGRAPHS,
    )
    _pdf(out / "poor-intake.pdf", HERE / "poor-intake.txt", "Bridgehollow Counseling Associates intake")
    _pdf(out / "good-intake.pdf", HERE / "good-intake.md", "Willowmere Community Counselling intake")
    # The Spanish and French twins of the text forms, printed the same way.
    _pdf(out / "poor-intake.es.pdf", HERE / "poor-intake.es.txt", "Centro de Consejería Puentehondo")
    _pdf(
        out / "good-intake.es.pdf", HERE / "good-intake.es.md", "Centro Comunitario de Orientación Sauceclaro"
    )
    _pdf(out / "poor-intake.fr.pdf", HERE / "poor-intake.fr.txt", "Cabinet de conseil du Val-Creux")
    _pdf(
        out / "good-intake.fr.pdf",
        HERE / "good-intake.fr.md",
        "Centre communautaire d'écoute des Saules-Clairs",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
