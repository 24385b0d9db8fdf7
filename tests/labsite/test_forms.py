"""{% form_field %} writes what the included template it replaced wrote, for every field of
the public forms, empty, filled and after errors."""

import pytest
from django.template import Context, Template
from django.utils import translation

from labsite.subscriptions.forms import SubscribeForm
from labsite.templatetags.form_tags import form_field
from people.applications.forms import ApplicationForm
from people.models import OpeningPage, PersonPage

pytestmark = pytest.mark.django_db

#: components/forms/field.html as it was: the markup the public forms' styles and scripts use.
INCLUDED = (
    '{% load form_tags i18n %}\n<div class="field{% if field.errors %} field--error{% endif %}'
    '{% if class %} {{ class }}{% endif %}">\n'
    '  <label class="field__label" for="{{ field.auto_id }}">{{ field.label }}'
    "{% if not field.field.required and not field.field.shown_required %} "
    '<span class="field__optional">{% translate "(optional)" %}</span>{% endif %}</label>\n'
    '  {% if field.help_text %}<p class="field__help" id="{{ field.auto_id }}_help">'
    "{{ field.help_text }}</p>{% endif %}\n"
    '  {% if field.errors %}<p class="field__error" id="{{ field.auto_id }}_error">'
    '<span class="visually-hidden">{% translate "Error:" %}</span> '
    '{{ field.errors|join:" " }}</p>{% endif %}\n'
    "  {% field_input field %}\n</div>\n"
)


def forms():
    people = PersonPage.objects.live().order_by("pk")
    openings = OpeningPage.objects.live().order_by("pk")
    hostile = {
        "name": '<b>"Ada"</b>',
        "email": "not an address",
        "statement": "x",
        "github": "javascript:alert(1)",
        "graduation_year": "12<3",
    }
    for data in (None, {}, hostile):
        form = ApplicationForm(data, openings=openings, supervisors=people)
        form.is_valid() if data is not None else None
        yield form
        subscribe = SubscribeForm(data and {"email": data.get("email", ""), "homepage": "<i>"})
        subscribe.is_valid() if data is not None else None
        yield subscribe


def test_form_field_writes_what_the_included_template_wrote():
    template = Template(INCLUDED)
    compared = 0
    for language in ("en-gb", "de"):
        with translation.override(language):
            for form in forms():
                for field in form:
                    for css_class in ("", "field--long"):
                        expected = template.render(Context({"field": field, "class": css_class}))
                        assert form_field(field, css_class) == expected, (field.name, language)
                        compared += 1
    assert compared > 100
    assert any(field.errors for form in forms() for field in form)  # errors were compared


def test_what_a_visitor_typed_is_escaped():
    form = ApplicationForm(
        {"name": '<b>"Ada"</b>'},
        openings=OpeningPage.objects.none(),
        supervisors=PersonPage.objects.none(),
    )
    form.is_valid()
    html = form_field(form["name"])
    # Either spelling of the quote is escaped (Django's templates write &quot;, Jinja2 &#34;).
    assert "&lt;b&gt;&quot;Ada&quot;&lt;/b&gt;" in html.replace("&#34;", "&quot;")
    assert "<b>" not in html and '"Ada"' not in html
