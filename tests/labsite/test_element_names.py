"""Every public page uses only elements HTML defines (a cheap, always-on part of what the Nu
checker reports): a template that prints a variable as a tag name (a card's heading level
taken from the section's title) made `<Research themes class="card__title">` on the home page.
"""

from html.parser import HTMLParser

import pytest

from tools.screenshots import PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.frontend]  # markup: one cell checks it

#: The elements of the HTML living standard that pages may use, and the SVG ones icons use.
HTML_ELEMENTS = set(
    [
        "a",
        "abbr",
        "address",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "bdi",
        "bdo",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "menu",
        "meta",
        "meter",
        "nav",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "picture",
        "pre",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "search",
        "section",
        "select",
        "slot",
        "small",
        "source",
        "span",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
SVG_ELEMENTS = {"svg", "path", "circle", "rect", "line", "polyline", "polygon", "g", "use",
                "symbol", "defs", "title", "ellipse"}  # fmt: skip
CUSTOM = {"wagtail-userbar"}  # Wagtail's own custom element (a valid name: it has a hyphen)


class ElementNames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()
        self.raw_starts = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)

    def unknown_decl(self, data):
        self.raw_starts.append(data)


@pytest.mark.parametrize("name", [name for name in PAGES if name != "not-found"])
def test_every_element_is_one_html_defines(client, name):
    response = client.get(PAGES[name])
    assert response.status_code == 200
    parser = ElementNames()
    parser.feed(response.content.decode())
    unknown = parser.names - HTML_ELEMENTS - SVG_ELEMENTS - CUSTOM
    assert not unknown, f"{PAGES[name]} has elements HTML does not define: {sorted(unknown)}"
