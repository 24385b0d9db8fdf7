from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from labsite.pagecache.memo import RememberedSiteSetting
from research.publications.citations import CITATION_STYLES, DEFAULT_STYLE


@register_setting(icon="doc-full")
class PublicationSettings(RememberedSiteSetting, BaseSiteSetting):
    citation_style = models.CharField(
        max_length=40,
        choices=[(key, label) for key, (label, _file) in CITATION_STYLES.items()],
        default=DEFAULT_STYLE,
        help_text=_(
            "How citations are written on publication pages. Changing it re-formats all of them in the background."
        ),
    )
    show_unpublished = models.BooleanField(
        default=True,
        help_text=_(
            "List work that is under review or in preparation (always clearly marked). Untick to hide it from lists."
        ),
    )

    panels = [FieldPanel("citation_style"), FieldPanel("show_unpublished")]

    class Meta:
        verbose_name = _("publication settings")

    def save(self, *args, **kwargs):
        changed = (
            self.pk is None
            or type(self)
            .objects.filter(pk=self.pk)
            .exclude(citation_style=self.citation_style)
            .exists()
        )
        super().save(*args, **kwargs)
        if changed:
            # Imported here: the tasks module imports these settings (a documented cycle).
            from research.publications.tasks import refresh_site_citations

            refresh_site_citations.enqueue(self.site_id)
