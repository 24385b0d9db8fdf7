from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from labsite.feeds import FeedSource, register_source

        from . import (
            digest_lists,
            profile_sections,  # noqa: F401  (registers person-page sections)
            sections,  # noqa: F401  (registers home-page sections)
        )

        register_source(
            FeedSource(
                "research.PublicationIndexPage",
                "New publications",
                (("feed_rss", "rss"), ("feed_atom", "atom")),
            )
        )
        register_source(
            FeedSource(
                "research.ReadingListPage",
                "Paper feed",
                (("feed_rss", "rss"), ("feed_atom", "atom")),
            )
        )
        digest_lists.register()
