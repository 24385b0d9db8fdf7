"""Filters for the engagement record: kind (or a group of kinds), year and member."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilters
from people.models import PersonPage
from research.engagement.models import KIND_GROUPS, ActivityKind, ActivityPage


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    member = forms.ChoiceField(label=_("Member"), required=False)


class ActivityFilters(ListingFilters):
    """Bound to one index page; unknown values are reported and ignored, never a 500."""

    def __init__(self, data, index):

        self.form = ActivityFilterForm(data)
        activities = ActivityPage.objects.live().descendant_of(index)
        years = (
            activities.annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.form.fields["year"].choices = [("", _("Any year"))] + [(y, y) for y in years]
        self.groups = {f"group-{n}": kinds for n, (_label, kinds) in enumerate(KIND_GROUPS)}
        self.form.fields["kind"].choices = (
            [("", _("Any kind"))]
            + [(f"group-{n}", label) for n, (label, _kinds) in enumerate(KIND_GROUPS)]
            + [(_("One kind"), ActivityKind.choices)]
        )
        self._members = {
            p.slug: p
            for p in PersonPage.objects.live()
            .filter(activities__page__in=activities)
            .distinct()
            .order_by("family_name")
        }
        self.form.fields["member"].choices = [("", _("Any member"))] + [
            (slug, p.title) for slug, p in self._members.items()
        ]
        self.bind(data)

    def apply(self, queryset):
        values = self.active
        if "kind" in values:
            kinds = self.groups.get(values["kind"], [values["kind"]])
            queryset = queryset.filter(kind__in=kinds)
        if "year" in values:
            queryset = queryset.filter(start_date__year=values["year"])
        if "member" in values:
            queryset = queryset.filter(
                pk__in=self._members[values["member"]].activities.values("page_id")
            )
        return queryset
