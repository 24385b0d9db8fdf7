from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from labsite.feeds import FeedSource, register_source

        from . import (
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
