"""Which HTML tags casekit keeps, drops, and reads as blocks or inline text: the one vocabulary.

The export sanitizer (:mod:`casekit.export.sanitize`, on nh3) keeps :data:`ALLOWED_TAGS` with
:data:`ALLOWED_ATTRIBUTES` and removes :data:`DROP_WITH_CONTENT` together with everything inside;
the export's visible-text reader joins :data:`INLINE_TAGS` to the words around them; the intake-form
reader (:mod:`casekit.audit.readers`) starts a passage at each of :data:`BLOCK_TAGS` and skips what
is inside :data:`HIDDEN_TAGS`.

Constants only; no I/O.
"""

from __future__ import annotations

# Each tag is named once: the block and inline tags an export keeps, then what each list adds.
_KEPT_BLOCK = frozenset(
    {"article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure"}
    | {"footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p"}
    | {"pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"}
)
_KEPT_INLINE = frozenset(
    {"a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span"}
    | {"strong", "sub", "sup", "u"}
)

#: Tags an export keeps (without attributes unless listed in :data:`ALLOWED_ATTRIBUTES`).
ALLOWED_TAGS = _KEPT_BLOCK | _KEPT_INLINE | {"caption", "td", "th"}

#: Inline tags: their text joins the words around them ("Od<b>alys</b>" reads "Odalys").
INLINE_TAGS = _KEPT_INLINE | {"bdi", "bdo", "cite", "dfn", "samp", "var", "wbr"}

#: Block tags: each starts a new passage of an intake form ("br" and "hr" break one without nesting).
BLOCK_TAGS = _KEPT_BLOCK | {"address", "body", "fieldset", "form", "legend"}


#: Tags whose content is never text a reader sees (code, styles, templates, the document head).
HIDDEN_TAGS = frozenset({"script", "style", "template", "head", "noscript"})

#: Tags an export drops together with everything inside them: hidden content, and everything that
#: runs, fetches, embeds or takes input.
DROP_WITH_CONTENT = HIDDEN_TAGS | frozenset(
    [
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "textarea",
        "select",
        "option",
        "title",
        "base",
        "link",
        "meta",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "picture",
        "form",
        "button",
        "input",
    ]
)

#: Attributes an export keeps, per tag ("*" for all tags). ``href`` only for in-page anchors.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "lang", "dir", "role", "aria-label"}),
    "a": frozenset({"href"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "abbr": frozenset({"title"}),
    "details": frozenset({"open"}),
}

#: Attributes whose values are free text a person wrote (de-identified like any other text).
TEXT_ATTRIBUTES = frozenset({"aria-label", "title"})
