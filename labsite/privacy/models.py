"""The privacy notice page: who is responsible and whom to ask, then what the site collects,
each part generated from the site's settings (``labsite.privacy.parts``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from labsite.blocks import BaseStreamBlock
from labsite.served_page import ServedPage


class PrivacyNoticePage(ServedPage, Page):
    introduction = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("Optional: a short paragraph above the notice."),
    )
    controller = models.CharField(
        _("who is responsible"),
        max_length=200,
        blank=True,
        help_text=_(
            "The organisation responsible for the personal data (the data controller), e.g. "
            "'Example University'. Leave empty to use the institution from the group settings."
        ),
    )
    contact_email = models.EmailField(
        _("privacy contact"),
        blank=True,
        help_text=_(
            "Where people write about their data, e.g. the data protection officer. Leave empty "
            "to use the group's contact email."
        ),
    )
    authority = models.CharField(
        _("supervisory authority"),
        max_length=200,
        blank=True,
        help_text=_("Where people can complain, e.g. your country's data protection authority."),
    )
    authority_url = models.URLField(_("its web address"), blank=True)
    more = StreamField(
        BaseStreamBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("more"),
        help_text=_("Optional: anything the generated notice does not say."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("controller"),
                FieldPanel("contact_email"),
                FieldPanel("authority"),
                FieldPanel("authority_url"),
            ],
            heading=_("Responsibility and contact"),
        ),
        FieldPanel("more"),
    ]

    parent_page_types = ["labsite.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "labsite/privacy_notice_page.html"

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        from labsite.models import SiteSettings
        from labsite.privacy import parts

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        group = SiteSettings.for_request(request)
        context["privacy"] = {
            "controller": self.controller or group.institution or group.group_name,
            "contact_email": self.contact_email or group.contact_email,
            "parts": parts.for_site(site),
        }
        return context
