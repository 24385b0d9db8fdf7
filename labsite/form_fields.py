"""Form fields and widgets shared by the public forms.

- Choices by database id that refuse ids no database could hold: Django's ModelChoiceField
  passes any whole number to the database, and SQLite raises OverflowError (a 500) for one
  beyond 64 bits; these say "not one of the choices" instead.
- ``QuickSelect``, ``QuickTextInput``, ``QuickDateInput``: Django's markup for the listings'
  filter forms, written out without its templates (each widget is two or three of them);
  ``QuickCheckboxes`` and ``QuickRadios`` write each option's ``<input>`` the same way for
  forms that lay out their options themselves (``{% for choice in field %}{{ choice.tag }}``).
"""

from django import forms
from django.utils.html import format_html, format_html_join

_MAX_ID = 2**63 - 1


def _fits(value) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # not a number at all: Django's own check says so
    return -_MAX_ID <= number <= _MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _fits(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:40]},
                )
        return super()._check_values(value)


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False
    left out (flatatt would move the bare names to the end)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _input(widget: dict) -> str:
    """Django's ``django/forms/widgets/input.html``, written out directly."""
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attributes(widget["attrs"]),
    )


class _QuickInput:
    def _render(self, template_name, context, renderer=None):
        return _input(context["widget"])


class _QuickOptions:
    """An option's tag without its label (``BoundWidget.tag()``: three templates in Django,
    one ``<input>``); the whole widget and labelled options still go through Django's."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name != self.option_template_name or widget.get("wrap_label"):
            return super()._render(template_name, context, renderer)
        return _input(widget)


class QuickCheckboxes(_QuickOptions, forms.CheckboxSelectMultiple):
    pass


class QuickRadios(_QuickOptions, forms.RadioSelect):
    pass


class QuickTextInput(_QuickInput, forms.TextInput):
    pass


class QuickDateInput(_QuickInput, forms.DateInput):
    pass


class QuickEmailInput(_QuickInput, forms.EmailInput):
    pass


class QuickNumberInput(_QuickInput, forms.NumberInput):
    pass


class QuickHiddenInput(_QuickInput, forms.HiddenInput):
    pass


class QuickURLInput(_QuickInput, forms.URLInput):
    pass


class QuickTextarea(forms.Textarea):
    """Django's ``django/forms/widgets/textarea.html``, written out directly."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            _attributes(widget["attrs"]),
            widget["value"] or "",
        )


class QuickFileInput(forms.ClearableFileInput):
    """Django's file input written out directly while no file is kept yet (a public form's
    case); with one, Django's template (its link and "clear" checkbox)."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if widget.get("is_initial"):
            return super()._render(template_name, context, renderer)
        return _input({**widget, "value": None})  # a file input never shows its value


class QuickSelect(forms.Select):
    """Django's ``<select>``, markup for markup, written out directly.

    Django renders each ``<option>`` through two included templates: the listings' filter
    forms (a year, a type, a theme and every member) spent more time there than on the
    listing itself; the application form has three such lists."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        groups = (
            format_html('<optgroup label="{}">{}</optgroup>', name, _options(options))
            if name
            else _options(options)
            for name, options, _index in widget["optgroups"]
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


def _options(options) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option["value"], " selected" if option["selected"] else "", option["label"])
            for option in options
        ),
    )


#: Django's widget classes and their twins here that write the same markup directly.
_QUICK = {
    forms.TextInput: QuickTextInput,
    forms.DateInput: QuickDateInput,
    forms.EmailInput: QuickEmailInput,
    forms.NumberInput: QuickNumberInput,
    forms.URLInput: QuickURLInput,
    forms.HiddenInput: QuickHiddenInput,
    forms.Textarea: QuickTextarea,
    forms.ClearableFileInput: QuickFileInput,
    forms.Select: QuickSelect,
    forms.RadioSelect: QuickRadios,
    forms.CheckboxSelectMultiple: QuickCheckboxes,
}


def quicken(form: forms.BaseForm) -> None:
    """Every widget of ``form`` that has a quick twin becomes it: the same markup without
    Django's widget templates (the application form spent two fifths of its time there).
    Called from ``__init__``; each form has its own copies of its fields' widgets, and the
    twins add no state, so only this form changes."""
    for field in form.fields.values():
        quick = _QUICK.get(type(field.widget))
        if quick is not None:
            field.widget.__class__ = quick
