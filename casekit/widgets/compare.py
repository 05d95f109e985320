"""The identities the client names beside the clinician's own, by area, with where power differs.

Pure functions (no ipywidgets): the form shows :func:`comparison_html`, a static rendering can use it
too. It reads only the case body, never the private identifiers. The notes are prompts to reflect
on, never a score: only the clinician's own standing is recorded, the client's is theirs to describe.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.model import Case, ClinicianIdentity, Domain, NamedIdentity, Salience, Standing

_SALIENCE = {
    Salience.CENTRAL: N_("central to them"),
    Salience.IMPORTANT: N_("important"),
    Salience.SOMETIMES: N_("matters sometimes"),
    Salience.BACKGROUND: N_("in the background"),
}
_STANDING = {
    Standing.PRIVILEGED: N_("you hold privilege here"),
    Standing.MARGINALISED: N_("you are marginalised here"),
    Standing.MIXED: N_("mixed"),
    Standing.UNSURE: N_("unsure"),
}


@dataclass
class ComparisonRow:
    """One area of identity: what the client named, what the clinician named, and a prompt."""

    domain: Domain
    client: list[tuple[str, Salience]] = field(default_factory=list)
    clinician: list[tuple[str, Standing]] = field(default_factory=list)

    @property
    def prompt(self) -> str:
        """A short reflective prompt about power and privilege in this area."""
        standings = {s for _, s in self.clinician}
        if self.client and not self.clinician:
            return _("The client names this; you have not described where you stand here.")
        if self.clinician and not self.client:
            return _("You named this; the client has not (yet). Is it in the room anyway?")
        if Standing.PRIVILEGED in standings:
            return _(
                "You may hold privilege here that the client does not: notice what you take for granted "
                "and what the client may not say."
            )
        if Standing.MARGINALISED in standings:
            return _(
                "You may share something of the client's experience, or not: check before assuming "
                "you understand."
            )
        return _("Reflect on where you stand here, and how the client might see it.")

    @property
    def power_differs(self) -> bool:
        """Whether the clinician marked privilege (or mixed standing) in an area the client names."""
        return bool(self.client) and any(
            s in (Standing.PRIVILEGED, Standing.MIXED) for _, s in self.clinician
        )


@dataclass
class Comparison:
    """All areas that either side named, in ADDRESSING order, plus untagged identities."""

    rows: list[ComparisonRow]
    client_untagged: list[str]
    clinician_untagged: list[str]


def _place(
    identities: Iterable[NamedIdentity | ClinicianIdentity],
    rows: dict[Domain, ComparisonRow],
    side: str,
    detail: Callable[[Any], Salience | Standing],
) -> list[str]:
    """Add each tagged identity's words and ``detail`` to its area's row on ``side``.

    Returns the words of the identities with no area, for the "not tagged" line.
    """
    untagged: list[str] = []
    for item in identities:
        words = item.words.text.strip()
        if item.domain is None:
            if words:
                untagged.append(words)
            continue
        getattr(rows[item.domain], side).append((words, detail(item)))
    return untagged


def compare_identities(case: Case) -> Comparison:
    """Group the client's named identities and the clinician's own by area (domain tag)."""
    rows = {d: ComparisonRow(d) for d in Domain}
    client_untagged = _place(case.identity.identities, rows, "client", lambda n: n.salience)
    clinician_untagged = _place(case.positionality.identities, rows, "clinician", lambda o: o.standing)
    kept = [r for r in rows.values() if r.client or r.clinician]
    return Comparison(kept, client_untagged, clinician_untagged)


def _cell(items: list[str]) -> str:
    if not items:
        return '<span class="ck-muted">—</span>'
    return "<br>".join(items)


def comparison_html(case: Case) -> str:
    """The side-by-side view as an accessible HTML table (with a caption and header cells)."""
    comp = compare_identities(case)
    if not comp.rows and not comp.client_untagged and not comp.clinician_untagged:
        nothing = _(
            "Nothing to compare yet. Add the identities the client names (Client identity) and your own "
            "(Clinician positionality), and tag each with an area."
        )
        return f"<p class='ck-muted'>{html.escape(nothing)}</p>"
    caption = _("Identities by area: the client's words beside your own")
    heads = [_("Area"), _("The client names"), _("You name"), _("Power and privilege")]
    out = [
        "<table class='ck-compare'>",
        f"<caption>{html.escape(caption, quote=False)}</caption>",
        "<thead><tr>"
        + "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in heads)
        + "</tr></thead><tbody>",
    ]
    no_words = _("(no words yet)")
    for row in comp.rows:
        client = [
            f"“{html.escape(w or no_words)}” <span class='ck-muted'>({html.escape(_(_SALIENCE[s]))})</span>"
            for w, s in row.client
        ]
        mine = [
            f"{html.escape(w or no_words)} <span class='ck-muted'>({html.escape(_(_STANDING[s]))})</span>"
            for w, s in row.clinician
        ]
        cls = " class='ck-differs'" if row.power_differs else ""
        out.append(
            f"<tr{cls}><th scope='row'>{html.escape(row.domain.label)}</th><td>{_cell(client)}</td>"
            f"<td>{_cell(mine)}</td><td>{html.escape(row.prompt)}</td></tr>"
        )
    out.append("</tbody></table>")
    if comp.client_untagged or comp.clinician_untagged:
        untagged = _("Not yet tagged with an area (tag them to place them above):")
        out.append(f"<p class='ck-muted'>{html.escape(untagged)}</p><ul>")
        they, you = _("The client: “%(words)s”"), _("You: %(words)s")
        out += [f"<li>{html.escape(they % {'words': w})}</li>" for w in comp.client_untagged]
        out += [f"<li>{html.escape(you % {'words': w})}</li>" for w in comp.clinician_untagged]
        out.append("</ul>")
    return "".join(out)
