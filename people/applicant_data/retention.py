"""How long an application is kept: the group's period (Settings > Applications), or the
period its opening sets (a funder may ask for longer, a short call for less). The privacy
notice states both, the applicant's confirmation states theirs, and the daily purge applies
them."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from labsite.pagecache import memo

#: The choices an opening offers instead of the group's period.
PRESETS = [
    (3, _("3 months")),
    (6, _("6 months")),
    (12, _("12 months")),
    (24, _("2 years")),
    (36, _("3 years")),
    (60, _("5 years")),
]


def own_periods(site: Site | None) -> list[tuple[str, int]]:
    """Live openings of ``site`` that keep applications for their own period: (title, months).
    Kept until the content changes (the application form shows them on every visit)."""
    if site is None:
        return []

    def find() -> list[tuple[str, int]]:
        from people.openings.models import OpeningPage

        return list(
            OpeningPage.objects.live()
            .descendant_of(site.root_page)
            .filter(retention_months__isnull=False)
            .order_by("title")
            .values_list("title", "retention_months")
        )

    return memo.remember(f"people:retention-periods:{site.pk}", find)


def months_for(application, default_months: int) -> int:
    """The period that applies to ``application``: its opening's, else the group's."""
    opening = application.opening
    if opening is not None and opening.retention_months:
        return opening.retention_months
    return default_months
