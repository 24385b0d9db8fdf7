from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from labsite import analytics, colours
from labsite.colours import validate_accent
from labsite.pagecache.memo import RememberedSiteSetting

PROFILE_KINDS = [
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("x", "X (Twitter)"),
    ("google_scholar", "Google Scholar"),
    ("orcid", "ORCID"),
    ("zenodo", "Zenodo"),
    ("huggingface", "Hugging Face"),
    ("institution", _("Institution page")),
    ("other", _("Other")),
]


class ProfileLinkBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=PROFILE_KINDS, help_text=_("Which service this is."))
    url = blocks.URLBlock(help_text=_("The full address, starting with https://"))
    label = blocks.CharBlock(
        required=False, max_length=60, help_text=_("Leave empty to use the service's name.")
    )

    class Meta:
        icon = "link"
        template = "components/blocks/profile_link.html"


@register_setting(icon="site")
class SiteSettings(RememberedSiteSetting, BaseSiteSetting):
    group_name = models.CharField(
        max_length=120,
        default="Our research group",
        help_text=_("Shown in the header and page titles."),
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("One line under the group name, e.g. the field you work in."),
    )
    institution = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Department and university, e.g. 'School of Informatics, Example University'."),
    )
    institution_url = models.URLField(blank=True, help_text=_("The institution's web address."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square or wide, on a transparent background; shown at 48 px high."),
    )
    accent_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[validate_accent],
        help_text=_(
            "Your brand colour for buttons, links and highlights, as a hex code like #0b5cad. "
            "It must be dark enough for white text; dark mode uses a lighter shade of it."
        ),
    )
    contact_email = models.EmailField(
        blank=True, help_text=_("A shared address visitors can write to.")
    )
    postal_address = models.TextField(
        blank=True, help_text=_("Shown in the footer; one line per line of the address.")
    )
    profile_links = StreamField(
        [("link", ProfileLinkBlock())],
        blank=True,
        use_json_field=True,
        help_text=_("The group's accounts elsewhere, in the order they should appear."),
    )
    footer_text = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Optional short line at the very bottom, e.g. a funding acknowledgement."),
    )
    analytics_provider = models.CharField(
        _("visitor statistics"),
        max_length=20,
        blank=True,
        choices=analytics.PROVIDERS,
        help_text=_(
            "Which service counts visits. Services without cookies start at once; Google "
            "Analytics starts only for visitors who accept it in a banner. Browsers that ask "
            "not to be tracked are never counted."
        ),
    )
    analytics_id = models.CharField(
        _("site ID at the service"),
        max_length=100,
        blank=True,
        help_text=_(
            "Plausible: your site's domain (lab.example.org). Umami: the website ID. Matomo: "
            "the site number. Google Analytics: the measurement ID (G-…)."
        ),
    )
    analytics_server = models.URLField(
        _("statistics server"),
        blank=True,
        help_text=_(
            "Only for a service you run yourself (Umami, Matomo, or your own Plausible), e.g. "
            "https://stats.example.org. Leave empty for Plausible's own service."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("group_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("institution"),
                FieldPanel("institution_url"),
                FieldPanel("contact_email"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("profile_links"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("analytics_provider"),
                FieldPanel("analytics_id"),
                FieldPanel("analytics_server"),
            ],
            heading=_("Visitor statistics"),
        ),
    ]

    class Meta:
        verbose_name = _("Group settings")

    @classmethod
    def name_of(cls, site) -> str:
        """What emails, commands and lists call the group whose site this is."""
        return cls.for_site(site).group_name or site.site_name or site.hostname

    def clean(self):
        super().clean()
        analytics.validate(
            self.analytics_provider, self.analytics_id or "", self.analytics_server or ""
        )

    def brand_css(self) -> str:
        """Custom properties for the accent colour, or '' for the default palette."""

        try:
            # Only a parsed hex code ever reaches the <style> element.
            light = colours.to_hex(colours.parse(self.accent_colour))
        except ValueError:
            return ""
        dark = colours.dark_twin(light)
        dark_rules = f"--accent:{dark};--link:{dark}"
        return (
            f":root{{--accent:{light};--link:{light}}}"
            f":root[data-theme=dark]{{{dark_rules}}}"
            f"@media (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{dark_rules}}}}}"
        )
