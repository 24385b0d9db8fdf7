"""The publication index's filter form: every value checked, unknown values explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import PersonPage
from research.publications.models import PublicationPage, PublicationStatus, PublicationType


class PublicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    member = forms.ChoiceField(label=_("Member"), required=False)

    def __init__(self, *args, index_page, **kwargs):
        super().__init__(*args, **kwargs)
        # Themes sit above publications (a theme lists its papers): reach them through the
        # relation rather than importing research.themes.
        ResearchThemePage = PublicationPage._meta.get_field("themes").related_model  # noqa: N806
        publications = PublicationPage.objects.live().descendant_of(index_page)
        years = sorted(set(publications.values_list("year", flat=True)), reverse=True)
        self.fields["year"].choices = [("", _("Any year"))] + [(y, y) for y in years]
        self.fields["type"].choices = [("", _("Any type"))] + PublicationType.choices
        self.fields["status"].choices = [("", _("Any status"))] + PublicationStatus.choices
        self._themes = {t.slug: t for t in ResearchThemePage.objects.live().order_by("title")}
        self.fields["theme"].choices = [("", _("Any theme"))] + [
            (slug, t.title) for slug, t in self._themes.items()
        ]
        self._members = {
            p.slug: p
            for p in PersonPage.objects.live()
            .filter(authorships__isnull=False)
            .distinct()
            .order_by("family_name")
        }
        self.fields["member"].choices = [("", _("Any member"))] + [
            (slug, p.title) for slug, p in self._members.items()
        ]

    def cleaned_filters(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}
        if "theme" in data:
            data["theme"] = self._themes[data["theme"]]
        if "member" in data:
            data["member"] = self._members[data["member"]]
        if "q" in data:
            data["q"] = data["q"].strip()
            if not data["q"]:
                del data["q"]
        return data
