"""Finding 7 of the "nothing lost, nothing leaked" issue: an imported page's HTML kept event
handlers on the block element itself (`<p onmouseover=…>`, `<ul onclick=…>`). Every element
kind of HTML, with every kind of active attribute, on the block and inside it."""

import re

import pytest

from research.moving_in import markup
from research.moving_in.plan import Plan

ELEMENTS = ["p", "ul", "ol", "li", "a", "b", "i", "strong", "em", "span", "div", "section",
            "blockquote", "h2", "h3", "sup", "sub", "code", "font", "table", "td", "figure",
            "details", "summary", "article"]  # fmt: skip
ATTRIBUTES = ['onmouseover="alert(1)"', 'onclick="alert(1)"', 'autofocus onfocus="alert(1)"',
              'style="background:url(javascript:alert(1))"', 'onerror="alert(1)"',
              'formaction="javascript:alert(1)"', 'srcdoc="<script>alert(1)</script>"']  # fmt: skip
DANGEROUS = re.compile(r"\son\w+\s*=|javascript:|style=|autofocus|srcdoc|formaction", re.I)


def convert(text):
    return markup.convert(
        text,
        markup.Context(plan=Plan(site_format="markdown"), path="news/hostile.md", url="/news/x/"),
    )


def html_of(body):
    return "".join(value if isinstance(value, str) else str(value) for _, value in body.blocks)


@pytest.mark.parametrize("element", ELEMENTS)
@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_no_active_attribute_survives_on_any_element(element, attribute):
    inner = "<li>item</li>" if element in ("ul", "ol") else "text"
    text = (
        f"<{element} {attribute}>{inner}</{element}>\n\n"
        f"<p>Before <{element} {attribute}>{inner}</{element}> after, "
        f'<a href="javascript:alert(1)" {attribute}>a link</a>.</p>\n\n'
        f"- a list item with <{element} {attribute}>{inner}</{element}>\n"
    )
    out = html_of(convert(text))
    assert not DANGEROUS.search(out), out


def test_the_words_and_safe_links_are_kept():
    out = html_of(
        convert(
            '<p onclick="x()">Read <a href="https://example.org/p" onclick="y()">the paper</a>.</p>'
        )
    )
    assert "Read" in out and 'href="https://example.org/p"' in out and "onclick" not in out
