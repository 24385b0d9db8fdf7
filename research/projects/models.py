"""Funded projects: team (members and outside collaborators), grants, themes and outputs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite import dates
from labsite.blocks import BaseStreamBlock
from labsite.dates import DatePrecision, precision_field
from labsite.models.pages import IndexPage, ListedPage
from labsite.page_links import chosen_ids, link_columns, related_columns, related_pages
from labsite.partial_dates import PartialDatesForm
from labsite.served_page import ServedPage
from labsite.unlisted import Unlistable
from labsite.visibility import restricted
from people.profiles.credits import CreditedModel
from people.profiles.member_permissions import MemberEditable
from people.profiles.snippets import MemberOrExternal
from research.engagement.models import activity_cards
from research.publications.models import publication_cards


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Project lead")
    CO_INVESTIGATOR = "co_investigator", _("Co-investigator")
    RESEARCHER = "researcher", _("Researcher")
    STUDENT = "student", _("Student")
    COLLABORATOR = "collaborator", _("Collaborator")


class OutputKind(models.TextChoices):
    CODE = "code", _("Code")
    DATA = "data", _("Data")
    SOFTWARE = "software", _("Software release")
    WORKSHOP = "workshop", _("Workshop materials")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class OutputBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=OutputKind.choices, help_text=_("What the output is."))
    title = blocks.CharBlock(
        max_length=200, help_text=_("Its name, e.g. 'Hydrophone dataset 2025'.")
    )
    url = blocks.URLBlock(required=False, help_text=_("Where it lives (repository, archive)..."))
    document = DocumentChooserBlock(required=False, help_text=_("...or upload it."))
    description = blocks.TextBlock(required=False, max_length=300, help_text=_("One sentence."))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("url")) == bool(value.get("document")):
            message = _("Give an address or upload a document, not both and not neither.")
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(message), "document": ValidationError(message)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(OutputKind.choices).get(value["kind"], "")
        return context

    class Meta:
        icon = "download"
        template = "research/blocks/output.html"


def project_queryset():
    """Projects with everything a list shows in one query: their team and funders are stored
    on them (``credits``, ``funder_names``)."""
    return ProjectPage.objects.select_related("image").defer_streamfields()


def project_cards():
    """Projects as cards show them (``components/project_card.html``): their picture, and only
    the columns a card prints."""
    image = ProjectPage._meta.get_field("image").related_model
    return ProjectPage.objects.select_related("image").only(
        *link_columns(),
        "summary",
        "image",
        "image_alt",
        "status",
        "start_date",
        "end_date",
        "date_precision",
        "credits",
        "funder_names",
        *related_columns(image, "image"),
    )


def funder_names(project) -> list[str]:
    if project.pk is None and not project.grants.all():
        return []
    return sorted({grant.funder for grant in project.grants.all()})


#: Completed projects shown before "All completed projects" (which lists every one).
COMPLETED_SHOWN = 24


class ProjectIndexPage(IndexPage):
    subpage_types = ["research.ProjectPage"]
    template = "research/project_index_page.html"

    class Meta:
        verbose_name = _("projects index page")

    def projects(self):
        return project_queryset().live().exclude(restricted()).descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        # Imported here: the filters module imports this page's models (a documented cycle).
        from research.projects.filters import ProjectFilters

        context = super().get_context(request, *args, **kwargs)
        filters = ProjectFilters(request.GET, index=self)
        projects = list(filters.apply(self.projects()).order_by("-start_date", "title"))
        show_all = request.GET.get("completed") == "all"
        sections = []
        for status, label in (
            (ProjectStatus.ACTIVE, _("Active projects")),
            (ProjectStatus.PLANNED, _("Planned projects")),
            (ProjectStatus.COMPLETED, _("Completed projects")),
        ):
            items = [p for p in projects if p.status == status]
            # A group's finished work grows for ever: the latest ones, then a link to the rest.
            limit = None if show_all or status != ProjectStatus.COMPLETED else COMPLETED_SHOWN
            sections.append(
                {
                    "heading": label,
                    "projects": items[:limit],
                    "count": len(items),
                    "more": bool(limit) and len(items) > limit,
                }
            )
        context["filters"] = filters
        context["sections"] = sections
        context["total"] = len(projects)
        return context


class ProjectPageForm(PartialDatesForm, WagtailAdminPageForm):
    """Start and end as known: "2024", "March 2024" or a day."""


class ProjectPage(MemberEditable, CreditedModel, Unlistable, ServedPage, ListedPage, Page):
    served_with = ("image",)
    # Where its results come in site search.
    search_group_order = 30
    credit_relation = "team"
    credit_roles = dict(TeamRole.choices)

    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The project in depth.")
    )
    status = models.CharField(
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ACTIVE,
        help_text=_("Active, planned (funded, not started) or completed."),
    )
    start_date = models.DateField(null=True, blank=True, help_text=_("When the project starts."))
    end_date = models.DateField(null=True, blank=True, help_text=_("When it ends or ended."))
    # Set from what the editor typed in the two dates (ProjectPageForm), never chosen.
    date_precision = precision_field(default=DatePrecision.MONTH, editable=False)
    grants = ParentalManyToManyField(
        "labsite.Grant",
        blank=True,
        related_name="projects",
        help_text=_("The grants that fund it (add new ones under Snippets > Grants)."),
    )
    themes = ParentalManyToManyField(
        "research.ResearchThemePage",
        blank=True,
        related_name="projects",
        help_text=_("The research themes it belongs to."),
    )
    #: The funders of its grants, as lists print them: kept here when the project or a grant is
    #: saved (research.projects.funders), so lists of projects never read the grants.
    funder_names = models.JSONField(default=list, blank=True, editable=False)
    related_publications = ParentalManyToManyField(
        "research.PublicationPage",
        blank=True,
        related_name="projects",
        help_text=_("Papers that came out of the project."),
    )
    related_activities = ParentalManyToManyField(
        "research.ActivityPage",
        blank=True,
        related_name="projects",
        help_text=_("Talks, workshops and other engagement from the project."),
    )
    related_news = ParentalManyToManyField(
        "labsite.NewsPage",
        blank=True,
        related_name="projects",
        help_text=_("News posts about the project."),
    )
    outputs = StreamField(
        [("output", OutputBlock())],
        blank=True,
        use_json_field=True,
        help_text=_("Code, data, workshop materials and other results."),
    )

    content_panels = Page.content_panels + [
        *ListedPage.listing_panels,
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        InlinePanel(
            "team",
            heading=_("Team"),
            label=_("Team member"),
            help_text=_("The lead first, then members of the group and collaborators elsewhere."),
        ),
        FieldPanel("grants"),
        FieldPanel("body"),
        FieldPanel("outputs"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("related_publications"),
                FieldPanel("related_activities"),
                FieldPanel("related_news"),
            ],
            heading=_("Related"),
        ),
    ]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields(
            "grants", [index.SearchField("funder"), index.SearchField("grant_number")]
        ),
        index.FilterField("status"),
    ]
    parent_page_types = ["research.ProjectIndexPage"]
    subpage_types = []
    template = "research/project_page.html"
    base_form_class = ProjectPageForm

    class Meta:
        verbose_name = _("project")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "funder_names" in update_fields:
            self.funder_names = funder_names(self)
        super().save(*args, **kwargs)

    @property
    def when(self) -> str:
        """The project's dates as known: "2021–2024", "March 2024–" while it runs."""
        precision = self.date_precision
        if self.start_date and not self.end_date:
            return f"{dates.as_given(self.start_date, precision)}–"
        return dates.span(self.start_date, self.end_date, precision)

    @property
    def years(self) -> str:
        """What a card prints: "2021–2024", "2024–"."""
        if self.start_date and not self.end_date:
            return f"{self.start_date.year}–"
        return dates.span(self.start_date, self.end_date, DatePrecision.YEAR)

    @property
    def leads(self):
        return [credit for credit in self.credited if credit.role == TeamRole.LEAD]

    @property
    def funders(self) -> list[str]:
        return self.funder_names

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        # The team as stored at save (names, links, roles); lists read only what they print.
        context["team"] = self.credited_for(request)
        # Read only when the related lists are rendered, not when a kept copy is shown
        # ({% kept_fragment %}: once per content change).
        context["grants"] = SimpleLazyObject(lambda: list(self.grants.all()))
        context["themes"] = SimpleLazyObject(
            lambda: list(
                related_pages(self, "themes")
                .exclude(restricted())
                .only(*link_columns())
                .order_by("title")
            )
        )
        context["publications"] = SimpleLazyObject(
            lambda: list(
                publication_cards()
                .live()
                .exclude(restricted())
                .filter(pk__in=chosen_ids(self, "related_publications"))
                .order_by("-year", "title")
            )
        )
        context["activities"] = SimpleLazyObject(
            lambda: list(
                activity_cards()
                .live()
                .exclude(restricted())
                .filter(pk__in=chosen_ids(self, "related_activities"))
                .order_by("-starts_at")
            )
        )
        context["news"] = SimpleLazyObject(
            lambda: list(
                related_pages(self, "related_news")
                .exclude(restricted())
                .only(*link_columns(), "date")
                .order_by("-date")
            )
        )
        return context


class ProjectMember(Orderable, MemberOrExternal):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="team")
    role = models.CharField(
        max_length=20,
        choices=TeamRole.choices,
        default=TeamRole.RESEARCHER,
        help_text=_("Their part in the project."),
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("external"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
