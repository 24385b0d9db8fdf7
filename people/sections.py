"""The people app's self-updating lists for page bodies (see labsite.sections)."""

from django.utils.translation import gettext_lazy as _

from labsite import sections
from people.models import OpeningPage


def open_positions(request, count: int):
    """Openings still taking applications, soonest deadline first."""
    return list(
        sections.in_current_site(OpeningPage.objects.live().public(), request)
        .filter(OpeningPage.open_q())
        .defer_streamfields()
        .order_by("deadline", "title")[:count]
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
