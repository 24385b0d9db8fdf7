"""Filters for the project index: research theme and funder."""

import django_filters
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilterSet
from labsite.models import Grant
from labsite.visibility import restricted
from research.projects.models import ProjectPage


class ProjectFilters(ListingFilterSet):
    """Choices come from the projects under this index; unknown values are reported, ignored."""

    theme = django_filters.ChoiceFilter(label=_("Theme"), method="filter_theme")
    funder = django_filters.ChoiceFilter(label=_("Funder"), method="filter_funder")

    def __init__(self, data, index):
        projects = ProjectPage.objects.live().exclude(restricted()).descendant_of(index)
        super().__init__(data, queryset=projects)
        # Themes sit above projects (a theme lists its projects): reach them through the
        # relation rather than importing research.themes.
        ResearchThemePage = ProjectPage._meta.get_field("themes").related_model  # noqa: N806
        self._themes = {
            theme.slug: theme
            for theme in ResearchThemePage.objects.live()
            .exclude(restricted())
            .filter(projects__in=projects)
            .distinct()
            .order_by("title")
        }
        self.set_choices(
            "theme", [(slug, t.title) for slug, t in self._themes.items()], _("Any theme")
        )
        funders = (
            Grant.objects.filter(projects__in=projects)
            .values_list("funder", flat=True)
            .distinct()
            .order_by("funder")
        )
        self.set_choices("funder", [(f, f) for f in funders], _("Any funder"))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes=self._themes[value]).distinct()

    def filter_funder(self, queryset, name, value):
        return queryset.filter(grants__funder=value).distinct()
