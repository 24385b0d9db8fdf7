"""Accessible form rendering for public forms: help and errors tied to the input they describe."""

from django import template

register = template.Library()


@register.simple_tag
def field_input(field, **attrs):
    """The field's widget with aria-describedby (help, error) and aria-invalid set."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.field.required and "required" not in attrs:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.filter
def getfield(form, name):
    return form[name]
