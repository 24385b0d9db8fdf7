"""Filters for the project index: research theme and funder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilters
from labsite.models import Grant
from research.projects.models import ProjectPage


class ProjectFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    funder = forms.ChoiceField(label=_("Funder"), required=False)


class ProjectFilters(ListingFilters):
    """Choices come from the projects under this index; unknown values are reported, ignored."""

    def __init__(self, data, index):
        # Themes sit above projects (a theme lists its projects): reach them through the
        # relation rather than importing research.themes.
        ResearchThemePage = ProjectPage._meta.get_field("themes").related_model  # noqa: N806
        projects = ProjectPage.objects.live().descendant_of(index)
        self.form = ProjectFilterForm(data)
        self._themes = {
            theme.slug: theme
            for theme in ResearchThemePage.objects.live()
            .filter(projects__in=projects)
            .distinct()
            .order_by("title")
        }
        self.form.fields["theme"].choices = [("", _("Any theme"))] + [
            (slug, theme.title) for slug, theme in self._themes.items()
        ]
        funders = (
            Grant.objects.filter(projects__in=projects)
            .values_list("funder", flat=True)
            .distinct()
            .order_by("funder")
        )
        self.form.fields["funder"].choices = [("", _("Any funder"))] + [(f, f) for f in funders]
        self.bind(data)

    def apply(self, queryset):
        values = self.active
        if "theme" in values:
            queryset = queryset.filter(themes=self._themes[values["theme"]])
        if "funder" in values:
            queryset = queryset.filter(grants__funder=values["funder"])
        return queryset.distinct()
