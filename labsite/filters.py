"""Shared behaviour of the public listings' GET filters.

A listing is bound to a form whose choices come from the data; a value the form rejects (an old
bookmark, a hand-edited address) is reported on the page and ignored, the valid ones still
apply, and nothing ever becomes a server error.
"""

from django.core.paginator import Paginator
from django.utils.http import urlencode


class ListingFilters:
    form_class = None

    def bind(self, data):
        """Call once the form's choices are set: keeps the values that passed validation."""
        if self.form.is_valid():
            self.values = self.form.cleaned_data
        else:
            self.values = {
                name: value
                for name, value in self.form.cleaned_data.items()
                if name not in self.form.errors
            }

    @property
    def active(self) -> dict:
        return {key: value for key, value in self.values.items() if value not in (None, "")}

    @property
    def query(self) -> str:
        return urlencode(self.active)

    def paginate(self, queryset, per_page):
        return Paginator(queryset, per_page).get_page(self.form.data.get("page"))
