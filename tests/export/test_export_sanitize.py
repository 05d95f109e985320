"""Does the HTML/markdown cleaning keep text and drop everything that could run or fetch?"""

from __future__ import annotations

from casekit.export.sanitize import clean_html, html_to_text, neutralise_markdown
from casekit.text.escape import escape_markdown


def test_clean_html_drops_scripts_handlers_images_and_outside_links():
    """Are scripts (with their content), handlers, images, styles and outside links removed?"""
    dirty = (
        '<p onclick="x()" style="color:red">Hi <b>there</b></p><script>steal()</script>'
        '<img src=x onerror="x()"><a href="https://x.org">link</a><a href="#s">in page</a>'
        "<svg><text>svg text</text></svg><style>p{}</style><iframe src=//x></iframe>"
        "<table><tr><td colspan=2>c"
    )
    clean = clean_html(dirty)
    assert clean.startswith("<p>Hi <b>there</b></p>")
    for gone in ("script", "steal", "onclick", "onerror", "<img", "https://", "svg text", "style", "iframe"):
        assert gone not in clean, gone
    assert "<a>link</a>" in clean and '<a href="#s">in page</a>' in clean
    # An unclosed table is closed; the parser (nh3's html5ever, like a browser) adds its tbody.
    assert clean.endswith('<td colspan="2">c</td></tr></tbody></table>')


def test_clean_html_filters_every_text_node_and_label():
    """Does the text filter (the scrubber) see every text node and aria-label?"""
    seen: list[str] = []
    clean_html('<p aria-label="label A">one<i>two</i></p>three', lambda t: seen.append(t) or t.upper())
    assert seen == ["label A", "one", "two", "three"]


def test_escaped_text_stays_text():
    """Does escaped `<script>` in text stay escaped after cleaning?"""
    assert clean_html("<p>&lt;script&gt;x&lt;/script&gt;</p>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_markdown_is_neutralised():
    """Does markdown lose raw HTML, images, outside links and reference definitions, keeping text?"""
    md = "<img src=x onerror=1> ![pic](http://x/a.png) [site](https://x.org) [top](#top)\n\n[r]: https://x.org\n"
    out = neutralise_markdown(md)
    assert "<img" not in out and "http" not in out
    assert "pic" in out and "site" in out and "[top](#top)" in out


def test_escape_markdown_and_visible_text():
    """Is case text escaped for markdown, and does html_to_text see alt/aria text too?"""
    assert escape_markdown("# [a](b) <i>") == "\\# \\[a\\]\\(b\\) &lt;i&gt;"
    assert html_to_text('<p>A<b>B</b></p><p>C</p><img alt="Alt">') == "AB C Alt"


def test_markdown_headings_are_scrubbed_as_plain_text():
    """Is "## Goal progress" left alone while a name in a heading or list item is still replaced?"""
    from casekit.export.context import ExportContext
    from casekit.export.preprocessors import scrub_markdown
    from tests.fictional import plain_case

    ctx = ExportContext.for_case(plain_case(), secret=b"k")
    out = scrub_markdown("## Goal progress\n\n- met Odalys Brennick-Tamura\n> Dalyssa said so", ctx, "md")
    assert out.startswith("## Goal progress\n\n- met ")
    assert "Odalys" not in out and "Dalyssa" not in out and out.splitlines()[-1].startswith("> ")


def test_clean_html_keeps_the_allow_list_exactly():
    """Are only allow-listed attributes kept, in-page anchors the only links, and every image dropped?"""
    dirty = (
        '<img src="data:image/png;base64,AA" alt="a"><a href="javascript:x()">j</a><a href="//x.org/">s</a>'
        '<a href="/local">l</a><p class="ck-x ok" id="i" data-x="1">c</p><p class="bad&quot;class">d</p>'
        '<details open><summary>s</summary></details><table><tr><th scope="col" style="x">h</th></tr></table>'
        '<abbr title="Cultural Formulation">CF</abbr><span lang="es" dir="ltr" role="note">es</span>'
    )
    clean = clean_html(dirty)
    assert "<img" not in clean and "data:" not in clean
    assert "<a>j</a><a>s</a><a>l</a>" in clean
    assert '<p class="ck-x ok">c</p><p>d</p>' in clean
    assert "<details open" in clean and '<th scope="col">h</th>' in clean
    assert '<abbr title="Cultural Formulation">CF</abbr>' in clean
    assert '<span lang="es" dir="ltr" role="note">es</span>' in clean
