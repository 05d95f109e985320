"""Benchmark: de-identifying an organisation-level audit against the identifiers of 6 to 50 cases.

Run: ``python bench/bench_org_scrub.py``. Two ways to scrub text that may mention any client of the
organisation, printed side by side with the per-case scrubber the case exports use:

* one scrubber with every case's identifier forms in one matcher (``Scrubber.for_cases``, what the
  organisation export uses): one NER pass, one regular-expression pass;
* one scrubber per case applied in sequence (NER on the first only, patterns and the case's forms on
  each);

and two ways to run the gate's final scan (one pass over every case's forms, or one pass per case).
The text is the example audit as the workbook renders it; the cases are casekit's fictional examples,
copied under new ids with their names shuffled between them up to the count wanted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's casekit, not an installed one

from casekit.audit import audit_workbook as workbook
from casekit.audit.examples import example_assessments_dir
from casekit.audit.form_audit import audit_form
from casekit.audit.history import compare_assessments, list_assessments, load_assessment
from casekit.deid import Scrubber, scan_for_identifiers
from casekit.examples import load_examples
from casekit.model import Case


def cases(count: int) -> list[Case]:
    """``count`` fictional cases: the examples, then copies with other cases' given names and surnames."""
    base = load_examples()
    out: list[Case] = []
    for n in range(count):
        case = base[n % len(base)].model_copy(deep=True)
        case.meta.case_id = f"BN-{n:04d}"
        if n >= len(base):
            given = base[(n // len(base)) % len(base)].identifiers.legal_name.split()[0]
            surname = case.identifiers.legal_name.split()[-1]
            case.identifiers.legal_name = f"{given} {surname}"
        out.append(case)
    return out


def audit_text() -> list[str]:
    """The blocks of text the systems-audit workbook shows for the example audits and forms."""
    stored = list_assessments(example_assessments_dir())
    before, current = (load_assessment(p) for _d, p in stored[-2:])
    blocks = [workbook.form_audit_markdown(audit_form(p)) for p in workbook.default_form_paths()]
    blocks += [
        workbook.assessment_markdown(current),
        workbook.comparison_markdown(compare_assessments(before, current)),
    ]
    return [part for block in blocks for part in block.split("\n\n") if part.strip()]


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def main() -> None:
    texts = audit_text()
    chars = sum(len(t) for t in texts)
    Scrubber(use_ner=True).scrub("Warm the model up, Ms Example.")  # NER start-up is not what we measure
    print(f"audit text: {len(texts)} blocks, {chars} characters")
    print(
        f"{'cases':>5}  {'one scrubber, all cases':>24}  {'a scrubber per case':>20}  "
        f"{'gate: one pass':>15}  {'gate: pass per case':>20}"
    )
    for count in (1, 6, 20, 50):
        group = cases(count)

        def combined(group: list[Case] = group) -> list[str]:
            scrubber = Scrubber.for_cases(group)
            return [scrubber.scrub(t, where="audit").text for t in texts]

        def sequence(group: list[Case] = group) -> list[str]:
            scrubbers = [Scrubber.for_case(c, use_ner=i == 0) for i, c in enumerate(group)]
            out = []
            for text in texts:
                for scrubber in scrubbers:
                    text = scrubber.scrub(text, where="audit").text
                out.append(text)
            return out

        joined = "\n\n".join(texts)
        one, _ = timed(combined)
        each, _ = timed(sequence)
        every = [c.identifiers for c in group]
        scan_one, _ = timed(lambda: scan_for_identifiers(joined, every))  # noqa: B023 - called at once
        scan_each, _ = timed(lambda: [scan_for_identifiers(joined, ids) for ids in every])  # noqa: B023
        print(f"{count:>5}  {one:>22.2f} s  {each:>18.2f} s  {scan_one:>13.3f} s  {scan_each:>18.3f} s")


if __name__ == "__main__":
    main()
