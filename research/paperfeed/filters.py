"""Filters for the paper feed: research theme, and a period (the past week or month, or a month)."""

import datetime

from django import forms
from django.db.models.functions import TruncMonth
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from labsite.filters import ListingFilters
from research.themes.models import ResearchThemePage

RECENT = {"week": 7, "month": 30}


class ReadingFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    period = forms.ChoiceField(label=_("Shared"), required=False)


class ReadingFilters(ListingFilters):
    """Choices come from the feed's own papers; the period counts days in the feed's time zone."""

    def __init__(self, data, feed, today: datetime.date):
        # Imported here: the feed page's module imports this one (a documented cycle).
        from research.paperfeed.models import SharedPaper

        self.feed, self.today = feed, today
        self.form = ReadingFilterForm(data)
        papers = SharedPaper.objects.filter(feed=feed)
        self._themes = {
            theme.slug: theme
            for theme in ResearchThemePage.objects.live()
            .filter(shared_papers__in=papers)
            .distinct()
            .only("pk", "slug", "title")
            .order_by("title")
        }
        self.form.fields["theme"].choices = [("", _("Any theme"))] + [
            (slug, theme.title) for slug, theme in self._themes.items()
        ]
        months = (
            papers.annotate(month=TruncMonth("added_at", tzinfo=feed.zone))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        )
        self.form.fields["period"].choices = [
            ("", _("Any time")),
            ("week", _("In the past week")),
            ("month", _("In the past 30 days")),
            (
                _("In a month"),
                [(f"{m:%Y-%m}", date_format(m, "F Y")) for m in months if m is not None],
            ),
        ]
        self.bind(data)

    def period_bounds(self, period: str) -> tuple[datetime.datetime, datetime.datetime | None]:
        if period in RECENT:
            first_day = self.today - datetime.timedelta(days=RECENT[period] - 1)
            return self.feed.day_start(first_day), None
        year, month = (int(part) for part in period.split("-"))
        first = datetime.date(year, month, 1)
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return self.feed.day_start(first), self.feed.day_start(following)

    def apply(self, queryset):
        values = self.active
        if "theme" in values:
            queryset = queryset.filter(themes=self._themes[values["theme"]])
        if "period" in values:
            start, end = self.period_bounds(values["period"])
            queryset = queryset.filter(added_at__gte=start)
            if end is not None:
                queryset = queryset.filter(added_at__lt=end)
        return queryset
