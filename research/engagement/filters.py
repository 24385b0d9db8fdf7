"""Filters for the engagement record: kind (or a group of kinds), year and member."""

import django_filters
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilterSet
from labsite.pagecache import memo
from people.profiles.models import PersonPage
from research.engagement.models import KIND_GROUPS, ActivityKind, ActivityPage, ActivityPerson


class ActivityFilters(ListingFilterSet):
    """Bound to one index page; unknown values are reported and ignored, never a 500."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), method="filter_kind")
    year = django_filters.ChoiceFilter(label=_("Year"), field_name="start_date", lookup_expr="year")
    member = django_filters.ChoiceFilter(label=_("Member"), method="filter_member")

    class Meta:
        model = ActivityPage
        fields = ["kind", "year", "member"]

    def __init__(self, data, index):
        activities = ActivityPage.objects.live().descendant_of(index)
        super().__init__(data, queryset=activities)
        years, members = memo.remember(
            f"engagement-filter-choices:{index.pk}", lambda: _choices(activities)
        )
        self.set_choices("year", [(str(y), y) for y in years], _("Any year"))
        self.groups = {f"group-{n}": kinds for n, (_label, kinds) in enumerate(KIND_GROUPS)}
        self.set_choices(
            "kind",
            [(f"group-{n}", label) for n, (label, _kinds) in enumerate(KIND_GROUPS)]
            + [(_("One kind"), ActivityKind.choices)],
            _("Any kind"),
        )
        self._members = {slug: pk for slug, pk, _title in members}
        self.set_choices("member", [(slug, title) for slug, _pk, title in members], _("Any member"))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=self.groups.get(value, [value]))

    def filter_member(self, queryset, name, value):
        speaking = ActivityPerson.objects.filter(person_id=self._members[value])
        return queryset.filter(pk__in=speaking.values("page_id"))


def _choices(activities):
    """Years and members to filter by: two queries, once per content change."""
    years = list(
        activities.annotate(year=ExtractYear("start_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    members = list(
        PersonPage.objects.live()
        .filter(activities__page__in=activities)
        .distinct()
        .order_by("family_name")
        .values_list("slug", "pk", "title")
    )
    return years, members
