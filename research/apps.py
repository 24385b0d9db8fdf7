from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported in ready(): models and the registries they fill load only once the app
        # registry is ready (Django's documented hook for this).
        from labsite.feeds import FEED_ROUTES, FeedSource, register_source
        from research.paperfeed import digests as paper_digests
        from research.projects import funders
        from research.publications import digests as publication_digests

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
        paper_digests.register()
        publication_digests.register()
