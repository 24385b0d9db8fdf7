"""The public listings' GET filters, built on django-filter and made lenient.

A listing's FilterSet takes its choices from the data (set in ``__init__``). A value the form
rejects (an old bookmark, a hand-edited address) is reported on the page and ignored, the valid
ones still apply, and nothing ever becomes a server error: django-filter's own ``qs`` would
return no rows at all for one bad value, so ``qs`` here applies only the fields that validated.
"""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.utils.http import urlencode

from labsite.form_rendering import RenderedWithJinja2


class ListingFilterSet(django_filters.FilterSet):
    def get_form_class(self):
        # Its widgets drawn by the public forms' renderer (labsite.form_rendering).
        form = super().get_form_class()
        return type(form.__name__, (RenderedWithJinja2, form), {})

    def set_choices(self, name: str, choices, empty_label) -> None:
        """Give filter ``name`` its choices (before the form is first used)."""
        self.filters[name].extra.update(
            choices=choices, empty_label=empty_label, widget=forms.Select
        )

    @property
    def values(self) -> dict:
        """The values that passed validation, by field name."""
        if not hasattr(self, "_values"):
            self.form.is_valid()
            cleaned = getattr(self.form, "cleaned_data", {})
            self._values = {k: v for k, v in cleaned.items() if k not in self.form.errors}
        return self._values

    @property
    def active(self) -> dict:
        return {key: value for key, value in self.values.items() if value not in (None, "")}

    @property
    def query(self) -> str:
        return urlencode(self.active)

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            for name, value in self.active.items():
                queryset = self.filters[name].filter(queryset, value)
            self._qs = queryset
        return self._qs

    def apply(self, queryset):
        """The same filters applied to another queryset of the listing (upcoming, past...)."""
        for name, value in self.active.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def paginate(self, queryset, per_page):
        return Paginator(queryset, per_page).get_page(self.form.data.get("page"))
