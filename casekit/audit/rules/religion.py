"""Rules on how a form asks about religion, faith and spiritual life."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casekit.audit.document import FormDocument
from casekit.audit.rules.base import (
    Finding,
    Rule,
    answers_open,
    field_window,
    labelled_fields,
    register,
    window_options,
)

_LABEL = re.compile(
    r"\b(religion|religious (?:affiliation|preference|background)|faith|denomination)\b(?=\s*(?:[:(|☐○]|$))",
    re.IGNORECASE,
)
_ASSUMED = re.compile(
    r"\b(?:which|what) church\b|\bchurch (?:you attend|attended|affiliation|name|member\w*)\b|"
    r"\bname of (?:your )?(?:church|pastor|parish|minister)\b|\b(?:pastor|minister)(?:'s|’s)? name\b|"
    r"\bchristian name\b|\bbaptism(?:al)? (?:date|name)\b|\bdenomination\b",
    re.IGNORECASE,
)


@register
class ReligionAssumed(Rule):
    """Religion presumed (a church, a Christian name) or limited to a few listed faiths."""

    category = "religion-assumed"
    title = "Religion presumed or limited to a few faiths"

    def check(self, doc: FormDocument) -> Iterator[Finding]:
        reported: set[int] = set()
        for i, passage in enumerate(doc.passages):
            if _ASSUMED.search(passage.text):
                reported.add(i)
                yield self.finding(
                    passage,
                    "The question takes one religion for granted (a church, a pastor, a Christian "
                    "name). People of other faiths, or of none, read that the clinic was not "
                    "expecting them.",
                    "Ask 'Is faith, religion or spirituality part of your life? If you like, tell us "
                    "about it in your own words, including any community or leader who supports "
                    "you: ____'.",
                )
        for index, match in labelled_fields(doc, _LABEL):
            if index in reported:
                continue
            window = field_window(doc, index)
            raw = window_options(window, match.end())
            if len(raw) >= 2 and not answers_open(window, match.end(), raw):
                yield self.finding(
                    window,
                    "Religion is a short fixed list. Anyone whose faith is not listed, or who has no "
                    "religion or a spiritual practice of their own, has no honest answer.",
                    "Make it open: 'Faith, religion or spirituality, if any, in your own words: ____', "
                    "with 'none' and 'prefer not to say' welcome.",
                )
