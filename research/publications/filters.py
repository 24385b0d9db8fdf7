"""The publication index's filters: every value checked, unknown values explained and ignored."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilterSet
from labsite.pagecache import memo
from labsite.text import fold
from labsite.visibility import restricted
from people.profiles.models import PersonPage
from research.publications.models import PublicationPage, PublicationStatus, PublicationType

MAX_WORDS = 8


class PublicationFilters(ListingFilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=200, widget=forms.TextInput
    )
    year = django_filters.ChoiceFilter(label=_("Year"), field_name="year")
    type = django_filters.ChoiceFilter(label=_("Type"), field_name="publication_type")
    status = django_filters.ChoiceFilter(label=_("Status"), field_name="status")
    theme = django_filters.ChoiceFilter(label=_("Theme"), method="filter_theme")
    member = django_filters.ChoiceFilter(label=_("Member"), method="filter_member")

    def __init__(self, data, *, index_page, queryset):
        super().__init__(data, queryset=queryset)
        years, themes, members = memo.remember(
            f"publication-filter-choices:{index_page.pk}", lambda: _choices(index_page)
        )
        self.set_choices("year", [(str(y), y) for y in years], _("Any year"))
        self.set_choices("type", PublicationType.choices, _("Any type"))
        self.set_choices("status", PublicationStatus.choices, _("Any status"))
        self._themes = {slug: pk for slug, pk, _title in themes}
        self.set_choices("theme", [(slug, title) for slug, _pk, title in themes], _("Any theme"))
        self._members = {slug: pk for slug, pk, _title in members}
        self.set_choices("member", [(slug, title) for slug, _pk, title in members], _("Any member"))

    def filter_words(self, queryset, name, value):
        # Title, venue, authors and abstract, stored folded with the credits ("Rodola" finds
        # "Rodolà", as the site search does): one column, no join.
        for word in fold(value).split()[:MAX_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes__pk=self._themes[value])

    def filter_member(self, queryset, name, value):
        return queryset.filter(authors__person__pk=self._members[value]).distinct()


def _choices(index_page):
    """Years, themes and members to filter by: three queries, once per content change."""
    publications = PublicationPage.objects.live().exclude(restricted()).descendant_of(index_page)
    years = sorted(set(publications.values_list("year", flat=True)), reverse=True)
    # Themes sit above publications (a theme lists its papers): reach them through the
    # relation rather than importing research.themes.
    ResearchThemePage = PublicationPage._meta.get_field("themes").related_model  # noqa: N806
    themes = list(
        ResearchThemePage.objects.live()
        .exclude(restricted())
        .order_by("title")
        .values_list("slug", "pk", "title")
    )
    members = list(
        PersonPage.objects.live()
        .exclude(restricted())
        .filter(authorships__isnull=False)
        .distinct()
        .order_by("family_name")
        .values_list("slug", "pk", "title")
    )
    return years, themes, members
