"""A pseudo-language for finding text that bypasses the message catalogues.

:func:`pseudo_catalogue` writes a catalogue in which every message of ``casekit.pot`` reads "⟦…⟧"
around its English, under :data:`PSEUDO`, a tag casekit does not ship (English itself is the source
text and is never looked up). A page rendered under it shows every catalogued word inside ⟦⟧;
:func:`stray_words` finds the words left outside: text typed into the code without going through
``_()``/``N_()``, or looked up too early (at import).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import ipywidgets as widgets
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from casekit.i18n import catalogues
from casekit.i18n.catalogues import folder_name, locale_dir

OPEN, CLOSE = "⟦", "⟧"
#: The pseudo-language's tag: British English, which casekit does not ship, so its dates and plural
#: rule are English ones Babel knows.
PSEUDO = "en-GB"
#: Words allowed outside the catalogues, each for a reason that holds in every language:
#: "casekit" is the product's name, and ADDRESSING is Hays' framework's name (an acronym).
ALLOWED = frozenset({"casekit", "ADDRESSING"})
#: Dates are written by Babel from CLDR's data for the language (casekit.i18n.day_words), so the
#: month names come from there, not from casekit's catalogues.
MONTHS = frozenset(Locale.parse(PSEUDO, sep="-").months["format"]["abbreviated"].values())

_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]+")
_HIDDEN = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_SPOKEN_ATTRS = re.compile(r"""\b(?:aria-label|title|alt|placeholder)\s*=\s*(['"])(.*?)\1""", re.S)
_TAG = re.compile(r"<[^>]+>")


def pseudo_catalogue(folder: Path) -> Path:
    """Write the pseudo catalogue (every msgid as "⟦msgid⟧") as ``folder``'s :data:`PSEUDO` catalogue."""
    template = read_po((locale_dir() / "casekit.pot").open("rb"))
    pseudo = Catalog(locale=folder_name(PSEUDO), domain=catalogues.DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string = tuple(f"{OPEN}{form}{CLOSE}" for form in message.id)
        else:
            string = f"{OPEN}{message.id}{CLOSE}"
        pseudo.add(message.id, string, flags=message.flags)
    target = folder / folder_name(PSEUDO) / "LC_MESSAGES" / f"{catalogues.DOMAIN}.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, pseudo)
    (target.parent.parent / "status.toml").write_text('state = "draft"\n', encoding="utf-8")
    return target


def _descendants(widget: widgets.Widget, skip: tuple[widgets.Widget, ...]) -> Iterator[widgets.Widget]:
    if any(widget is other for other in skip):
        return
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _descendants(child, skip)


def _html_texts(value: str) -> list[str]:
    """What a reader meets in an HTML fragment: its text and the attributes read aloud."""
    value = _HIDDEN.sub(" ", value)
    spoken = [html.unescape(m.group(2)) for m in _SPOKEN_ATTRS.finditer(value)]
    return [html.unescape(_TAG.sub(" ", value)), *spoken]


def visible_texts(root: widgets.Widget, skip: tuple[widgets.Widget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person sees or hears in the widget tree under ``root``.

    Descriptions, tooltips, placeholders, tab titles, option labels and the value of every display
    widget (HTML, Label). The value of an input (Text, Textarea) is what the user typed: left out.
    The subtrees in ``skip`` are not looked at.
    """
    for widget in _descendants(root, skip):
        kind = type(widget).__name__
        for attr in ("description", "tooltip", "placeholder"):
            text = getattr(widget, attr, None)
            if isinstance(text, str) and text:
                yield f"{kind}.{attr}", html.unescape(_TAG.sub(" ", text))
        for title in getattr(widget, "titles", ()) or ():
            yield f"{kind}.titles", title
        for label in getattr(widget, "_options_labels", ()) or ():
            yield f"{kind}.options", label
        if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label) and widget.value:
            for text in _html_texts(widget.value):
                yield f"{kind}.value", text


def stray_words(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """(where, word, text) for every word outside ⟦⟧ that is not ``data``, a number or allowed.

    ``data`` is what the page shows of the case itself (the client's and clinician's entries, ids,
    aliases): it is removed from each text before the words are looked at, longest first.
    """
    known = sorted({d for d in data if d and d.strip()}, key=len, reverse=True)
    found = []
    for where, text in texts:
        rest = text
        while True:
            stripped = _INNERMOST.sub(" ", rest)
            if stripped == rest:
                break
            rest = stripped
        for item in known:
            rest = rest.replace(item, " ")
        found += [(where, word, text) for word in _WORD.findall(rest) if word not in ALLOWED | MONTHS]
    return found


_STORED_VALUE = re.compile(r"[a-z_]+")


def case_strings(value: object) -> Iterator[str]:
    """Every string a person wrote in a model dump (``model_dump(mode="json")``): the case's own data,
    shown back to them. Field names and stored choice values ("client", "set_aside") are not data:
    a page showing them would be showing code, so they are left for :func:`stray_words` to find."""
    if isinstance(value, str):
        if not _STORED_VALUE.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from case_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from case_strings(item)
