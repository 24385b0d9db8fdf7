import datetime

from django.apps import AppConfig
from django.db.models.signals import post_migrate

PUBLICATION_PARAMETERS = ("q", "year", "type", "status", "theme", "member", "offset", "limit")


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"
    #: Outside the language prefixes (labsite/urls.py): harvesters ask one address.
    root_urls = [("oai/", "research.harvesting.urls")]

    def ready(self):
        # Imported in ready(): models and the registries they fill load only once the app
        # registry is ready (Django's documented hook for this).
        from labsite import scheduling
        from labsite.feeds import FEED_ROUTES, FeedSource, register_source
        from labsite.pagecache import invalidation
        from people.members import drafting
        from research.engagement.models import EngagementIndexPage
        from research.paperfeed import digests as paper_digests
        from research.projects import funders
        from research.publications import digests as publication_digests
        from research.publications.index_page import PublicationIndexPage

        from . import (
            profile_sections,  # noqa: F401  (registers person-page sections)
            sections,  # noqa: F401  (registers home-page sections)
        )

        register_source(
            FeedSource(
                "research.PublicationIndexPage",
                "New publications",
                FEED_ROUTES,
            )
        )
        register_source(
            FeedSource(
                "research.PaperFeedPage",
                "Paper feed",
                FEED_ROUTES,
            )
        )
        funders.connect()
        # What only editors see: a vote changes the feed's counts, these do not.
        invalidation.private_models.register("research.PaperSource")
        invalidation.private_models.register("research.SourceRun")
        scheduling.register(
            scheduling.command_job(
                "fetch_paper_sources", datetime.timedelta(hours=1), "fetch_paper_sources",
                description="add new papers from the paper feed's sources",
            )
        )  # fmt: skip
        scheduling.register(
            scheduling.command_job(
                "check_incoming_works", datetime.timedelta(days=7), "check_incoming_works",
                description="find new works in members' ORCID records and on arXiv, email them",
            )
        )  # fmt: skip
        scheduling.register(
            scheduling.command_job(
                "refresh_citation_counts", datetime.timedelta(days=7), "refresh_citation_counts",
                description="citation counts from OpenAlex and Crossref for publications with a DOI",
            )
        )  # fmt: skip
        from labsite.api import registry as api
        from research.engagement.api import ActivitiesAPI
        from research.publications.api import PublicationsAPI, PublicationsBibtexAPI

        api.register(
            api.Endpoint(
                "publications/",
                PublicationsAPI.as_view(),
                "publications",
                "the publications as CSL-JSON; filters q, year, type, status, theme, member",
                parameters=PUBLICATION_PARAMETERS,
                media_type="application/vnd.citationstyles.csl+json",
            )
        )
        api.register(
            api.Endpoint(
                "publications/bibtex/",
                PublicationsBibtexAPI.as_view(),
                "publications_bibtex",
                "the same publications as BibTeX",
                parameters=PUBLICATION_PARAMETERS,
                media_type="application/x-bibtex",
            )
        )
        api.register(
            api.Endpoint(
                "activities/",
                ActivitiesAPI.as_view(),
                "activities",
                "talks and engagement; filters kind, year, member, when",
                parameters=("kind", "year", "member", "when", "offset", "limit"),
            )
        )
        from labsite.groups import skeleton
        from research import cv_sections

        for spec in (
            ("research.ResearchIndexPage", "Research", "research", 10),
            ("research.PublicationIndexPage", "Publications", "publications", 30),
            ("research.ProjectIndexPage", "Projects", "projects", 40),
            ("research.EngagementIndexPage", "Talks and engagement", "engagement", 50),
        ):
            skeleton.register(skeleton.IndexPageSpec(*spec))

        cv_sections.register_sections()
        # Members add their own papers and talks (into review), as they draft news.
        drafting.register(PublicationIndexPage)
        drafting.register(EngagementIndexPage)
        post_migrate.connect(_fill_listing_fields, dispatch_uid="publications-listing-fields")
        paper_digests.register()
        publication_digests.register()


def _fill_listing_fields(sender, app_config=None, **kwargs):
    """Publications saved before their link chips and BibTeX were stored get them once."""
    if app_config is None or app_config.label != "research":
        return
    from research.publications.models import PublicationPage
    from research.publications.tasks import refresh_citations

    missing = list(PublicationPage.objects.filter(bibtex_text="").values_list("pk", flat=True))
    if missing:
        refresh_citations.call(missing)
    # The list's folded search words are stored with the credits (people.profiles.credits).
    unsearchable = PublicationPage.objects.filter(search_text="")
    if unsearchable.exists():
        from people.profiles import credits

        credits.refresh(unsearchable)
