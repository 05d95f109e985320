"""A tiny stand-in for ``casekit.deid`` used only until the real package lands on main.

It knows the case's identifiers (whole values, name parts, phone digits) and flags one made-up word
as a low-confidence finding so the gate's review check can be exercised. Never imported by casekit.
"""

from __future__ import annotations

import copy
import hashlib
import re
import types
from dataclasses import dataclass, field

FLAGGED_WORD = "Quillery"  # a fictional word the stand-in treats as a possible name


@dataclass
class Hit:
    category: str
    start: int
    end: int


@dataclass
class Finding:
    fingerprint: str
    category: str
    confident: bool


@dataclass
class ScrubResult:
    text: str
    replacements: int
    findings: list


@dataclass
class Report:
    findings: list = field(default_factory=list)

    def pending(self, decisions):
        decided = {d.fingerprint for d in decisions}
        return [f for f in self.findings if not f.confident and f.fingerprint not in decided]


def _forms(ids):
    out = []
    for cat, values in (
        (
            "name",
            [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
            + [n for m in ids.household for n in (m.name, *m.other_names)],
        ),
        ("contact", [*ids.phones, *ids.emails]),
        ("place", [ids.address.street, ids.address.city, ids.address.postal_code, ids.address.county]),
        ("organisation", [*ids.employers, *ids.schools]),
        ("other", [o.value for o in ids.other]),
        ("date", [ids.date_of_birth.isoformat()] if ids.date_of_birth else []),
    ):
        for v in values:
            if not v:
                continue
            out.append((cat, v))
            if cat == "name":
                out += [(cat, p) for p in re.split(r"[\s-]+", v) if len(p) >= 3]
            if cat == "contact" and "@" not in v:
                out.append((cat, re.sub(r"\D", "", v)))
    return sorted(set(out), key=lambda cv: -len(cv[1]))


def identifier_forms(ids):
    return [v for _, v in _forms(ids)]


def scan_for_identifiers(text, ids):
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    hits = []
    for cat, v in _forms(ids):
        m = re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text, flags=re.IGNORECASE)
        if m:
            hits.append(Hit(cat, m.start(), m.end()))
    return hits


def fingerprint(text):
    return hashlib.sha256(text.casefold().encode()).hexdigest()[:16]


class Scrubber:
    def __init__(self, ids):
        self.ids = ids
        self.report = Report()

    @classmethod
    def for_case(cls, case, extra_terms=(), use_ner=True, secret=b""):
        return cls(case.identifiers)

    def scrub(self, text, where=""):
        n = 0
        for cat, v in _forms(self.ids):
            text, k = re.subn(rf"(?<!\w){re.escape(v)}(?!\w)", f"[{cat}]", text, flags=re.IGNORECASE)
            n += k
        findings = []
        if FLAGGED_WORD.casefold() in text.casefold():
            f = Finding(fingerprint(FLAGGED_WORD), "name", confident=False)
            findings.append(f)
            if f not in self.report.findings:
                self.report.findings.append(f)
        return ScrubResult(text, n, findings)

    def scrub_case(self, case):
        from casekit.model import Entry, PrivateIdentifiers

        out = copy.deepcopy(case)

        def walk(obj):
            if isinstance(obj, Entry):
                obj.text = self.scrub(obj.text).text
                return
            if isinstance(obj, list):
                for item in obj:
                    walk(item)
                return
            if hasattr(type(obj), "model_fields"):
                for name in type(obj).model_fields:
                    if name != "identifiers":
                        walk(getattr(obj, name))

        walk(out)
        out.identifiers = PrivateIdentifiers()
        return out, self.report


def module() -> types.ModuleType:
    mod = types.ModuleType("casekit.deid")
    for name in ("Scrubber", "ScrubResult", "Report", "Hit", "identifier_forms", "scan_for_identifiers"):
        setattr(mod, name, globals()[name])
    return mod
