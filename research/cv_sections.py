"""What research adds to members' CVs: every publication (cited in the site's style), talks
and engagement, and projects with their grants. A CV is complete: no shortlists here."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from labsite import dates
from labsite.visibility import restricted
from people.cv.registry import CVLine, CVSection, register
from research.engagement.models import activity_queryset
from research.projects.models import project_queryset
from research.publications.models import publication_queryset


def _publications(person):
    papers = (
        publication_queryset()
        .live()
        .exclude(restricted())
        .filter(authors__person=person)
        .distinct()
        .order_by("-year", "-month", "title")
    )
    # citation_html is the site's own rendering of the paper in its chosen style (escaped at
    # render time by the citation formatter).
    return [
        CVLine(
            text=mark_safe(paper.citation_html or paper.citation_text or paper.title),
            when=str(paper.year),
        )
        for paper in papers
    ]


def _activities(person):
    activities = (
        activity_queryset()
        .live()
        .exclude(restricted())
        .filter(pk__in=person.activities.values("page_id"))
        .order_by("-start_date")
    )
    return [
        CVLine(
            text=f"{activity.get_kind_display()}: {activity.title}",
            where=", ".join(
                filter(
                    None,
                    [activity.event if activity.event != activity.title else "", activity.location],
                )
            ),
            when=dates.as_given(activity.start_date, activity.date_precision),
        )
        for activity in activities
    ]


def _projects(person):
    projects = (
        project_queryset()
        .live()
        .exclude(restricted())
        .filter(team__person=person)
        .distinct()
        .order_by("-start_date")
    )
    lines = []
    for project in projects:
        funders = ", ".join(project.funder_names or [])
        lines.append(
            CVLine(
                text=project.title,
                where=f"Funded by {funders}" if funders else "",
                when=dates.span(project.start_date, project.end_date, "year")
                if project.start_date
                else "",
            )
        )
    return lines


def register_sections() -> None:
    register(CVSection("publications", _("Publications"), _publications, order=40))
    register(CVSection("talks", _("Talks and engagement"), _activities, order=50))
    register(CVSection("projects", _("Projects and grants"), _projects, order=60))
