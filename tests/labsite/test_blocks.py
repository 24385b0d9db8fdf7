"""Shared StreamField blocks reject bad input with messages an editor can act on."""

import pytest
from django.core.exceptions import ValidationError

from labsite.blocks import CallToActionBlock, EquationBlock


@pytest.mark.parametrize(
    ("latex", "message"),
    [("\\frac{a}{b", "never closed"), ("a}b{", "closing brace } at character 2")],
)
def test_equation_with_unbalanced_braces_is_rejected(latex, message):
    block = EquationBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"latex": latex, "label": ""}))
    assert message in str(error.value.block_errors["latex"])


def test_equation_with_escaped_braces_is_accepted():
    block = EquationBlock()
    value = block.clean(block.to_python({"latex": r"\{x\} = \frac{1}{2}", "label": "(1)"}))
    assert value["latex"] == r"\{x\} = \frac{1}{2}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["", "https://example.org"])
def test_call_to_action_needs_exactly_one_target(url):
    from wagtail.models import Page

    block = CallToActionBlock()
    page = Page.objects.get(slug="about").pk if not url else None
    both = block.to_python(
        {
            "heading": "h",
            "text": "",
            "button_label": "Go",
            "page": Page.objects.get(slug="about").pk,
            "url": "https://example.org",
        }
    )
    neither = block.to_python(
        {"heading": "h", "text": "", "button_label": "Go", "page": None, "url": ""}
    )
    for value in (both, neither):
        with pytest.raises(ValidationError):
            block.clean(value)
    ok = block.to_python(
        {"heading": "h", "text": "", "button_label": "Go", "page": page, "url": url}
    )
    assert block.clean(ok)["button_label"] == "Go"


@pytest.mark.django_db
def test_equation_renders_its_source_for_readers_without_javascript(client):
    html = client.get("/about/").content.decode()
    assert r"\theta_{t+1}" in html
