from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            profile_sections,  # noqa: F401  (registers person-page sections)
            sections,  # noqa: F401  (registers home-page sections)
        )
