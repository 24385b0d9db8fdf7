"""Filters for the paper feed: research theme, and a period (the past week or month, or a month)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilterSet
from labsite.pagecache import memo
from labsite.visibility import restricted
from research.themes.models import ResearchThemePage

RECENT = {"week": 7, "month": 30}


class PaperFeedFilters(ListingFilterSet):
    """Choices come from the feed's own papers; the period counts days in the feed's time zone."""

    q = django_filters.CharFilter(
        label=_("Words in the title or abstract"),
        method="filter_words",
        max_length=200,
        widget=forms.TextInput,
    )
    theme = django_filters.ChoiceFilter(label=_("Theme"), method="filter_theme")
    period = django_filters.ChoiceFilter(label=_("Shared"), method="filter_period")
    day = django_filters.DateFilter(label=_("One day"), method="filter_day", widget=forms.DateInput)
    order = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("votes", _("Most votes first, day by day"))],
        empty_label=_("Newest first"),
        method="filter_order",
        widget=forms.Select,
    )

    def __init__(self, data, feed, today: datetime.date):
        self.feed, self.today = feed, today
        papers = feed.feed_papers.filter(status="published")
        super().__init__(data, queryset=papers)
        themes, months = memo.remember(
            f"paper-feed-filter-choices:{feed.pk}", lambda: _choices(feed)
        )
        self._themes = {slug: pk for slug, pk, _title in themes}
        self.set_choices("theme", [(slug, title) for slug, _pk, title in themes], _("Any theme"))
        self.set_choices(
            "period",
            [
                ("week", _("In the past week")),
                ("month", _("In the past 30 days")),
                (
                    _("In a month"),
                    [(f"{m:%Y-%m}", date_format(m, "F Y")) for m in months if m is not None],
                ),
            ],
            _("Any time"),
        )

    def period_bounds(self, period: str) -> tuple[datetime.datetime, datetime.datetime | None]:
        if period in RECENT:
            first_day = self.today - datetime.timedelta(days=RECENT[period] - 1)
            return self.feed.day_start(first_day), None
        year, month = (int(part) for part in period.split("-"))
        first = datetime.date(year, month, 1)
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return self.feed.day_start(first), self.feed.day_start(following)

    def paginate(self, queryset, per_page):
        """A word search pages without counting: the count would read every abstract once more
        (40 ms at 40,000 papers); "Older" shows while there are more."""
        if "q" not in self.active:
            return super().paginate(queryset, per_page)
        return UncountedPage(queryset, per_page, self.form.data.get("page"))

    def filter_words(self, queryset, name, value):
        # Every word must appear, in the title or the abstract, in any case.
        for word in value.split()[:8]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(abstract__icontains=word))
        return queryset

    def filter_day(self, queryset, name, value):
        return queryset.filter(day=value)

    def filter_order(self, queryset, name, value):
        # "Trending": each day's papers by their votes (the stored day and count are indexed).
        return queryset.order_by("-day", "-vote_count", "-added_at", "-pk")

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes__pk=self._themes[value])

    def filter_period(self, queryset, name, value):
        start, end = self.period_bounds(value)
        queryset = queryset.filter(added_at__gte=start)
        return queryset if end is None else queryset.filter(added_at__lt=end)


def _choices(feed):
    """The feed's themes and months to filter by: two queries, once per content change (a new
    paper is a change; a new month begins with one)."""
    papers = feed.feed_papers.filter(status="published")
    themes = list(
        ResearchThemePage.objects.live()
        .exclude(restricted())
        .filter(feed_papers__in=papers)
        .distinct()
        .order_by("title")
        .values_list("slug", "pk", "title")
    )
    months = list(
        papers.exclude(day=None)
        .annotate(month=TruncMonth("day"))
        .values_list("month", flat=True)
        .distinct()
        .order_by("-month")
    )
    return themes, months


MAX_PAGE = 10_000


class UncountedPage:
    """The part of Django's Page the feed template uses, from per_page + 1 rows and no COUNT."""

    def __init__(self, queryset, per_page: int, number):
        try:
            # Bounded: a page number past any real feed (or an absurd one) is just an empty page.
            self.number = min(max(int(number or 1), 1), MAX_PAGE)
        except (TypeError, ValueError):
            self.number = 1
        start = (self.number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        self.object_list = rows[:per_page]
        self._more = len(rows) > per_page
        self.paginator = None

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
