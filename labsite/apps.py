from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsiteConfig(AppConfig):
    name = "labsite"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from labsite import digest_lists, sections
        from labsite.models.news import latest_news

        sections.register(
            sections.Section(
                key="news",
                label=_("Latest news"),
                template="components/sections/news.html",
                items=latest_news,
                order=10,
            )
        )
        digest_lists.register()
