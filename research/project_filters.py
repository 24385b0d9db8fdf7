"""Filters for the project index: research theme and funder."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class ProjectFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    funder = forms.ChoiceField(label=_("Funder"), required=False)


class ProjectFilters:
    """Choices come from the projects under this index; unknown values are reported, ignored."""

    def __init__(self, data, index):
        from labsite.models import Grant
        from research.models import ProjectPage, ResearchThemePage

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
        self.form.is_valid()
        self.values = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name not in self.form.errors and value
        }

    @property
    def query(self) -> str:
        return urlencode(self.values)

    def apply(self, queryset):
        if "theme" in self.values:
            queryset = queryset.filter(themes=self._themes[self.values["theme"]])
        if "funder" in self.values:
            queryset = queryset.filter(grants__funder=self.values["funder"])
        return queryset.distinct()
