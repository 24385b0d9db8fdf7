"""The accessibility statement: a page that follows the EU model statement (Commission
Implementing Decision (EU) 2018/1523), its institution-wide parts kept in site settings, and
the feedback visitors send through it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from labsite.accessibility.forms import StatementPageForm
from labsite.blocks import BaseStreamBlock
from labsite.pagecache.memo import RememberedSiteSetting
from labsite.served_page import ServedPage


class Compliance(models.TextChoices):
    FULL = "full", _("Fully compliant")
    PARTIAL = "partial", _("Partially compliant")
    NONE = "none", _("Not compliant")


class Reason(models.TextChoices):
    NON_COMPLIANCE = "non_compliance", _("It does not meet the standard yet")
    BURDEN = "burden", _("Fixing it would be a disproportionate burden")
    OUT_OF_SCOPE = "out_of_scope", _("The law does not cover it")


class Method(models.TextChoices):
    SELF = "self", _("Self-assessment")
    THIRD_PARTY = "third_party", _("Assessment by a third party")


@register_setting(icon="view")
class AccessibilitySettings(RememberedSiteSetting, BaseSiteSetting):
    """What every group of an institution says alike: the law, the standard, who answers
    feedback and who enforces the rules. The statement page reads them."""

    organisation = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Who is responsible for the site, e.g. 'Example University'. Leave empty to use "
            "the institution from the group settings."
        ),
    )
    legislation = models.CharField(
        max_length=300,
        default="Directive (EU) 2016/2102 on the accessibility of the websites and mobile "
        "applications of public sector bodies",
        help_text=_("The law the site must meet; your country's own law if it has one."),
    )
    standard = models.CharField(
        max_length=200,
        default="EN 301 549 V3.2.1 (WCAG 2.1 level AA)",
        help_text=_("The standard the site is measured against."),
    )
    contact_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who answers feedback about accessibility: a person or a team."),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=_(
            "Where the feedback form sends reports. Leave empty to use the group's contact "
            "email from the group settings."
        ),
    )
    response_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Within how many working days you answer."),
    )
    enforcement_body = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Who visitors can turn to when your answer does not satisfy them, e.g. your "
            "country's equality or digital agency."
        ),
    )
    enforcement_url = models.URLField(blank=True, help_text=_("That body's page about complaints."))

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("legislation"), FieldPanel("standard")],
            heading=_("Law and standard"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("response_days")],
            heading=_("Feedback"),
        ),
        MultiFieldPanel(
            [FieldPanel("enforcement_body"), FieldPanel("enforcement_url")],
            heading=_("Enforcement procedure"),
        ),
    ]

    class Meta:
        verbose_name = _("accessibility")


class BarrierBlock(blocks.StructBlock):
    """One thing that is not accessible, as the EU model lists it."""

    problem = blocks.TextBlock(
        help_text=_("What is hard or impossible to use, and for whom, in plain words.")
    )
    reason = blocks.ChoiceBlock(
        choices=Reason.choices,
        default=Reason.NON_COMPLIANCE,
        help_text=_("Why it is not accessible yet."),
    )
    criteria = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("The WCAG success criteria it fails, if you know them, e.g. 1.1.1, 1.4.3."),
    )
    alternative = blocks.TextBlock(
        required=False, help_text=_("How someone can get the same content another way.")
    )
    fixed_by = blocks.DateBlock(
        required=False, help_text=_("When you expect to have fixed it, if you plan to.")
    )

    class Meta:
        icon = "warning"
        label = _("Barrier")


class AccessibilityStatementPage(ServedPage, RoutablePageMixin, Page):
    """The site's accessibility statement, linked from every footer."""

    base_form_class = StatementPageForm

    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "Fully compliant only when the whole site meets the standard; partially when some "
            "things below do not."
        ),
    )
    barriers = StreamField(
        [("barrier", BarrierBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("non-accessible content"),
        help_text=_("Each thing that is not accessible, why, and how to get it another way."),
    )
    prepared_on = models.DateField(
        _("statement prepared on"), help_text=_("When this statement was first written.")
    )
    method = models.CharField(
        _("how it was assessed"),
        max_length=20,
        choices=Method.choices,
        default=Method.SELF,
    )
    assessed_by = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For an assessment by a third party: who did it."),
    )
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("When you last checked the site and this statement. Review it every year."),
    )
    more = StreamField(
        BaseStreamBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("more about accessibility"),
        help_text=_("Optional: what you are doing to improve, help for assistive technology."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("barriers")], heading=_("Compliance")
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("method"),
                FieldPanel("assessed_by"),
                FieldPanel("reviewed_on"),
            ],
            heading=_("Preparation of this statement"),
        ),
        FieldPanel("more"),
    ]
    search_fields = Page.search_fields + [index.SearchField("barriers")]

    parent_page_types = ["labsite.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "labsite/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")

    def get_context(self, request, *args, **kwargs):
        from labsite.accessibility import statement

        context = super().get_context(request, *args, **kwargs)
        context["statement"] = statement.facts(self, request)
        return context

    @path("")
    def statement(self, request):
        return self.render(request)

    @path("feedback/")
    def feedback(self, request):
        from labsite.accessibility.views import feedback

        return feedback(self, request)

    @path("feedback/sent/")
    def feedback_sent(self, request):
        return self.render(request, template="labsite/accessibility_feedback_sent.html")


class AccessibilityFeedback(models.Model):
    """A visitor's report of a barrier: kept here before it is emailed, so a mail fault
    loses nothing the visitor was told was received."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    where = models.CharField(max_length=500, blank=True)
    message = models.TextField()
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return self.message[:60]
