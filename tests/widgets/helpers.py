"""Finding widgets inside a form the way a user would: by their visible label."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets

from casekit.widgets.formulation_form import TABS, CaseForm

CASE_ID = "CK-0101"


def descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """The widget and everything inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from descendants(child)


def find(root: widgets.Widget, kind: type, description: str, *, nth: int = 0) -> Any:
    """The ``nth`` widget of ``kind`` whose description is ``description``."""
    hits = [
        w for w in descendants(root) if isinstance(w, kind) and getattr(w, "description", None) == description
    ]
    if len(hits) <= nth:
        raise LookupError(f"no {kind.__name__} labelled {description!r} (found {len(hits)})")
    return hits[nth]


def tab(form: CaseForm, key: str) -> widgets.Widget:
    """The panel of a tab by its key ('goals', 'identity', ...), selecting it like a user would."""
    index = [k for k, _ in TABS].index(key)
    form.tabs.selected_index = index
    return form.tabs.children[index]
