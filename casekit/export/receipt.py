"""The receipt written beside every export: what de-identification did, in counts, never in text.

A receipt (``NAME.EXT.receipt.json`` beside ``NAME.EXT``) says, for the presenter and the group:

* ``removed``: how many spans of each kind were replaced (names, phones, dates, ...);
* ``kept``: spans de-identification was unsure of and that were kept, by kind, with whose decision;
* ``generalised``: quasi-identifiers the presenter made more general, by kind;
* ``details_that_remain``: the quasi-identifiers still in the export, by kind and count
  (:mod:`casekit.deid.risk`), and ``combination_warning`` when several kinds come together;
* ``reviewer``: the presenter's alias (a pseudonymous code), and ``sha256`` of the exported file.

It holds no original text: kinds, counts, aliases and a hash only. It still passes the same final
scan as the export (:func:`casekit.export.gate.scan_output`) before it is written.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from casekit.text.words import count

if TYPE_CHECKING:
    from casekit.export.context import ExportContext

#: Appended to an export's file name to name its receipt.
SUFFIX = ".receipt.json"
#: Version of the receipt's layout.
RECEIPT_VERSION = 1


def receipt_name(filename: str) -> str:
    """The receipt's file name for an export written as ``filename``."""
    return f"{filename}{SUFFIX}"


def build(filename: str, fmt: str, data: bytes, ctx: ExportContext | None = None) -> dict[str, Any]:
    """The receipt of one export as a JSON-ready dict (kinds, counts, aliases and a hash only).

    Parameters
    ----------
    filename
        The export's file name.
    fmt
        ``html``, ``pdf`` or ``md``.
    data
        The exported bytes (hashed, and read for the quasi-identifiers that remain).
    ctx
        The export's context (its scrubber's report and the case's decisions); ``None`` for a page
        made from no case text, such as a packet's index.
    """
    from casekit.deid import risk
    from casekit.export.gate import texts_to_scan

    remaining = risk.assess_text(texts_to_scan(data, fmt)[-1])
    out: dict[str, Any] = {
        "receipt_version": RECEIPT_VERSION,
        "export": filename,
        "format": fmt,
        "sha256": hashlib.sha256(data).hexdigest(),
        "scope": ctx.scope if ctx is not None else "index",
        "case": ctx.case.meta.case_id if ctx is not None and ctx.case is not None else None,
        "reviewer": None,
        "removed": {},
        "kept": [],
        "generalised": {},
        "details_that_remain": remaining.counts,
        "combination_warning": remaining.warn,
        "combination_threshold": risk.COMBINATION_THRESHOLD,
    }
    if ctx is not None:
        out.update(_decisions(ctx))
    out["in_words"] = in_words(out)
    return out


def _decisions(ctx: ExportContext) -> dict[str, Any]:
    """Removed, kept and generalised counts from the scrub and the case's stored decisions."""
    from casekit.deid.risk import DECISION_PREFIX

    report = ctx.scrubber.report
    reviewer = ctx.case.meta.clinician_alias if ctx.case is not None else None
    kept = Counter((f.category, f.status) for f in report.findings if f.applied == "kept")
    decided_by = {"keep": f"the presenter's review ({reviewer})" if reviewer else "a review"}
    generalised: Counter[str] = Counter()
    if ctx.case is not None:
        for d in ctx.case.deid_decisions:
            if d.category.startswith(DECISION_PREFIX):
                generalised[d.category.removeprefix(DECISION_PREFIX)] += 1
    return {
        "reviewer": reviewer,
        "removed": report.counts(),
        "kept": [
            {"kind": category, "count": n, "decided_by": decided_by.get(status, status)}
            for (category, status), n in sorted(kept.items())
        ],
        "generalised": dict(sorted(generalised.items())),
    }


def in_words(receipt: dict[str, Any]) -> list[str]:
    """The receipt in a few plain sentences (for a person reading the file)."""
    from casekit.deid.risk import KIND_WORDS, Assessment

    removed = receipt["removed"]
    lines = [
        f"Removed {count(sum(removed.values()), 'identifying detail')}"
        + (": " + ", ".join(count(n, k.replace("_", " ")) for k, n in removed.items()) if removed else "")
        + "."
    ]
    for item in receipt["kept"]:
        lines.append(
            f"Kept {count(item['count'], item['kind'].replace('_', ' ') + ' span')}, "
            f"decided by {item['decided_by']}."
        )
    for kind, n in receipt["generalised"].items():
        lines.append(f"Made {count(n, KIND_WORDS.get(kind, kind) + ' detail')} more general.")
    remain = receipt["details_that_remain"]
    if remain:
        lines.append(
            "Details that remain and could narrow down who this is: "
            + ", ".join(f"{KIND_WORDS[k]} ({n})" for k, n in remain.items())
            + "."
        )
    if receipt["combination_warning"]:
        lines.append(Assessment(dict(remain), True).message())
    lines.append(f"The exported file's SHA-256 is {receipt['sha256']}.")
    return lines


def to_bytes(receipt: dict[str, Any]) -> bytes:
    """The receipt as the UTF-8 JSON written to disk."""
    return (json.dumps(receipt, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
