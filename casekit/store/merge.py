"""Three-way merge of two edits of one case revision: keep both where they touched different fields.

Two people start from the same revision (the *base*); one saves first (*theirs*, now the newest
revision) and the other brings an edited copy (*ours*). Compared field by field against the base, an
edit made on one side only is taken; the same edit made on both sides is taken once; different edits
of the same field are a conflict, reported by path (``goals[0].client_words``) and never settled by
picking one. Lists of items with an ``id`` (goals, missteps, ratings, ...) and the stored review
decisions are merged item by item, so two people adding or editing different items keep both.

Pure functions on JSON data (``Case.model_dump(mode="json")``); no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from casekit.errors import CasekitError, RevisionConflictError
from casekit.model import Case, validate_case
from casekit.model.io import known_field_names


class _Missing:
    """Stands for a key or list item that one version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

#: Paths casekit sets itself on every save; the newest revision's value is kept.
_SET_BY_STORE = ("meta", "updated")


class MergeConflictError(RevisionConflictError):
    """Both sides changed the same fields since the revision an edit started from.

    Attributes
    ----------
    paths
        The conflicting fields (``goals[0].client_words``), as paths in the case.
    """

    def __init__(self, case_id: str, based_on: int, head: int, paths: list[str]) -> None:
        shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        CasekitError.__init__(
            self,
            f"case {case_id}: revision {head} changed the same fields as your edit of revision {based_on} "
            f"({shown}); nothing was saved: make those edits again on revision {head}",
        )
        self.case_id = case_id
        self.based_on = based_on
        self.head = head
        self.paths = paths


def merge_json(
    base: Any, theirs: Any, ours: Any, path: str = "", label: Callable[[str], str] = str
) -> tuple[Any, list[str]]:
    """Merge two edits of ``base``; return the merged value and the paths edited differently on both.

    Parameters
    ----------
    base, theirs, ours
        JSON values (dicts, lists, scalars); :data:`MISSING` for a key or item a version lacks.
    path
        Where the values sit, for the conflict paths.
    label
        How a key is shown in a path (a case hides keys that are not its own field names).

    Returns
    -------
    tuple
        The merged value (:data:`MISSING` if both removed it), and the conflicting paths. Where a path
        conflicts, the merged value holds ``ours`` there; callers must not save it.
    """
    if _same(theirs, ours):
        return ours, []
    if _same(ours, base):
        return theirs, []
    if _same(theirs, base):
        return ours, []
    if all(isinstance(v, dict) for v in (base, theirs, ours)):
        return _merge_dicts(base, theirs, ours, path, label)
    if all(isinstance(v, list) for v in (base, theirs, ours)):
        keyed = [_keys(v) for v in (base, theirs, ours)]
        if all(k is not None for k in keyed):
            return _merge_keyed(base, theirs, ours, path, label)
    return ours, [path or "the whole case"]


def _same(a: Any, b: Any) -> bool:
    """Equal JSON values of the same types all the way down (``1 == True`` in Python; not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _merge_dicts(
    base: dict, theirs: dict, ours: dict, path: str, label: Callable[[str], str]
) -> tuple[dict, list[str]]:
    out: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        value, found = merge_json(
            base.get(key, MISSING),
            theirs.get(key, MISSING),
            ours.get(key, MISSING),
            f"{path}.{label(key)}" if path else label(key),
            label,
        )
        conflicts += found
        if value is not MISSING:
            out[key] = value
    return out, conflicts


def _item_key(item: Any) -> Hashable | None:
    """What identifies a list item across versions: its id, or a review decision's fingerprint."""
    if not isinstance(item, dict):
        return None
    if isinstance(item.get("id"), str):
        return ("id", item["id"])
    if isinstance(item.get("fingerprint"), str) and isinstance(item.get("category"), str):
        return ("decision", item["fingerprint"], item["category"])
    return None


def _keys(items: list) -> list[Hashable] | None:
    """The items' keys in order, or None if any item has none or two share one."""
    keys = [_item_key(item) for item in items]
    if any(k is None for k in keys) or len(set(keys)) != len(keys):
        return None
    return keys


def _merge_keyed(
    base: list, theirs: list, ours: list, path: str, label: Callable[[str], str]
) -> tuple[list, list[str]]:
    """Merge lists of items with ids, item by item; the order follows the side that reordered."""
    by_base = {_item_key(i): i for i in base}
    by_theirs = {_item_key(i): i for i in theirs}
    by_ours = {_item_key(i): i for i in ours}
    order, conflicts = _merged_order(list(by_base), list(by_theirs), list(by_ours), path)
    out: list[Any] = []
    for key in order:
        where = f"{path}[{len(out)}]"
        value, found = merge_json(
            by_base.get(key, MISSING), by_theirs.get(key, MISSING), by_ours.get(key, MISSING), where, label
        )
        conflicts += found
        if value is not MISSING:
            out.append(value)
    return out, conflicts


def _merged_order(
    base: list[Hashable], theirs: list[Hashable], ours: list[Hashable], path: str
) -> tuple[list[Hashable], list[str]]:
    """Every key once: in the order of the side that moved shared items (conflict if both did),
    then the other side's additions in their own order."""

    def shared_order(keys: list[Hashable]) -> list[Hashable]:
        common = set(base) & set(theirs) & set(ours)
        return [k for k in keys if k in common]

    moved_theirs = shared_order(theirs) != shared_order(base)
    moved_ours = shared_order(ours) != shared_order(base)
    both_moved = moved_theirs and moved_ours and shared_order(theirs) != shared_order(ours)
    conflicts = [f"{path} (order)"] if both_moved else []
    first, second = (theirs, ours) if moved_theirs and not moved_ours else (ours, theirs)
    order = list(first)
    order += [k for k in second if k not in order and k not in base]  # the other side's additions
    order += [k for k in base if k not in order]  # removed by the first side: gone, or a conflict
    return order, conflicts


def _field_or_hidden(key: str) -> str:
    """A case's own field names as they are; any other key (an instrument's local name, which may
    hold a name) as ``<key>``, so a conflict message never shows it."""
    return key if key in known_field_names() else "<key>"


def merge_cases(base: Case, theirs: Case, ours: Case, *, based_on: int, head: int) -> Case:
    """Merge an edit of revision ``based_on`` (``ours``) with the newest revision ``head`` (``theirs``).

    Raises
    ------
    MergeConflictError
        Naming the fields both sides changed differently; nothing is merged.
    CaseValidationError
        If the merged case is not a valid case (two edits that are each fine but not together).
    """
    data = [c.model_dump(mode="json") for c in (base, theirs, ours)]
    for version in data:  # set by the store on every save: not an edit of anyone's
        version[_SET_BY_STORE[0]][_SET_BY_STORE[1]] = theirs.model_dump(mode="json")["meta"]["updated"]
    merged, conflicts = merge_json(*data, label=_field_or_hidden)
    case_id = ours.meta.case_id
    if conflicts:
        raise MergeConflictError(case_id, based_on, head, conflicts)
    return validate_case(merged, source=f"case {case_id} (your edit merged with revision {head})")
