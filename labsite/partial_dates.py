"""One field for a date known to the year, the month or the day, in the admin's forms.

A talk remembered as "2025" used to need a made-up day and a separate "date known to" choice
("2025" -> "Enter a valid date."). Forms with :class:`PartialDatesForm` show each date as one
text box that takes "2025", "2025-03", "March 2025", "März 2025", "14 March 2025" or
"2025-03-14" (labsite.dates.parse_partial); the record keeps its ``DateField`` and its
precision field, filled from what was typed. :class:`PartialDateBlock` is the same box in a
StreamField.
"""

import datetime
from dataclasses import dataclass

from django import forms
from wagtail import blocks

from labsite import dates


@dataclass(frozen=True)
class PartialDate:
    date: datetime.date
    precision: str


class PartialDateField(forms.CharField):
    widget = forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off", "size": 16})

    def to_python(self, value):
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate(value, dates.DatePrecision.DAY)
        text = super().to_python(value)
        if not text:
            return None
        try:
            return PartialDate(*dates.parse_partial(text))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return dates.editable(value.date, value.precision)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


class PartialDatesForm:
    """A model form mixin: each of ``partial_dates`` (date field names) becomes one text box;
    ``precision_field`` gets the coarsest precision typed (a span "2019 – March 2023" is known
    to the year). Mixed in before the form class it extends."""

    partial_dates: tuple[str, ...] = ("start_date", "end_date")
    precision_field = "date_precision"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        precision = getattr(self.instance, self.precision_field, dates.DatePrecision.DAY)
        for name in self.partial_dates:
            field = self.fields.get(name)
            if field is None:
                continue
            help_text = f"{field.help_text} {dates.HOW_TO_WRITE}".strip()
            self.fields[name] = PartialDateField(
                required=field.required, label=field.label, help_text=help_text
            )
            value = getattr(self.instance, name, None)
            if value is not None and not self.is_bound:
                self.initial[name] = dates.editable(value, precision)

    def clean(self):
        cleaned = super().clean()
        typed = [
            cleaned[name]
            for name in self.partial_dates
            if isinstance(cleaned.get(name), PartialDate)
        ]
        for name in self.partial_dates:
            if isinstance(cleaned.get(name), PartialDate):
                cleaned[name] = cleaned[name].date
        if typed:
            # Not a field of the form (the editor never chooses it): set on the record itself.
            setattr(
                self.instance,
                self.precision_field,
                dates.coarsest(*(value.precision for value in typed)),
            )
        return cleaned


class PartialDateBlock(blocks.FieldBlock):
    """The same text box in a StreamField (a person's positions, education and awards).

    The value is a :class:`PartialDate`; it is stored as the editor would type it back
    ("2019", "2019-03", "2019-03-14"), so a stored line says how much of its date is known.
    """

    def __init__(self, required=True, help_text=None, **kwargs):
        help_text = f"{help_text or ''} {dates.HOW_TO_WRITE}".strip()
        self.field = PartialDateField(required=required, help_text=help_text)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate(value, dates.DatePrecision.DAY)
        try:
            return PartialDate(*dates.parse_partial(str(value)))
        except ValueError:
            return None

    def get_prep_value(self, value):
        if isinstance(value, PartialDate):
            return dates.editable(value.date, value.precision)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value or None

    def value_for_form(self, value):
        return self.get_prep_value(value) or ""

    def get_searchable_content(self, value):
        return []


def fold_precision(value: dict, names: tuple[str, ...]) -> dict:
    """A line stored before its dates said their own precision (full dates beside a
    ``precision`` of "year" or "month"), rewritten as it is stored now: "2019-01-01" known to
    the year becomes "2019". Lines stored since pass through unchanged."""
    if not isinstance(value, dict) or value.get("precision") not in dates.RANK:
        return value
    precision = value["precision"]
    value = dict(value)
    for name in names:
        raw = value.get(name)
        if isinstance(raw, str):
            try:
                raw = datetime.date.fromisoformat(raw)
            except ValueError:
                continue
        if isinstance(raw, datetime.date):
            value[name] = dates.editable(raw, precision)
    del value["precision"]
    return value
