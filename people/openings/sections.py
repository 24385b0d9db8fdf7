"""The people app's self-updating lists for page bodies (see labsite.sections)."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from labsite import sections
from labsite.pagecache import expire_at
from labsite.visibility import restricted
from people.openings.models import OpeningPage


def open_positions(request, count: int):
    """Openings still taking applications, soonest deadline first; the page expires at the next deadline."""
    openings = list(
        sections.in_current_site(OpeningPage.objects.live().exclude(restricted()), request)
        .filter(OpeningPage.open_q())
        .defer_streamfields()
        .order_by(F("deadline").asc(nulls_last=True), "title")[:count]
    )
    for opening in openings:
        expire_at(request, opening.deadline)
    return openings


def every_groups_openings(request, count: int):
    """Open positions of every group on the install, soonest deadline first."""
    openings = list(
        OpeningPage.objects.live()
        .exclude(restricted())
        .filter(OpeningPage.open_q())
        .defer_streamfields()
        .order_by(F("deadline").asc(nulls_last=True), "title")[:count]
    )
    for opening in openings:
        expire_at(request, opening.deadline)
    return openings


sections.register(
    sections.Section(
        key="department_openings",
        label=_("Open positions in every group"),
        template="components/sections/openings.html",
        items=every_groups_openings,
        order=92,
        spans_sites=True,
    )
)
sections.register(
    sections.Section(
        key="openings",
        label=_("Open positions"),
        template="components/sections/openings.html",
        items=open_positions,
        order=30,
    )
)
