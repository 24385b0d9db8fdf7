"""Courses the group teaches, under one teaching index per site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite.blocks import BaseStreamBlock
from labsite.models.pages import IndexPage
from labsite.page_links import link_columns
from labsite.served_page import ServedPage
from labsite.unlisted import Unlistable
from labsite.visibility import restricted
from people.profiles.credits import CreditedModel
from people.profiles.member_permissions import MemberEditable
from people.profiles.snippets import MemberOrName


class CourseLevel(models.TextChoices):
    UNDERGRADUATE = "undergraduate", _("Undergraduate")
    MASTERS = "masters", _("Master's")
    DOCTORAL = "doctoral", _("Doctoral")
    SUMMER_SCHOOL = "summer_school", _("Summer school")
    WORKSHOP = "workshop", _("Workshop or tutorial")
    PUBLIC = "public", _("Public or outreach")
    OTHER = "other", _("Other")


class TeachingRole(models.TextChoices):
    LECTURER = "lecturer", _("Lecturer")
    CO_LECTURER = "co_lecturer", _("Co-lecturer")
    COORDINATOR = "coordinator", _("Course coordinator")
    GUEST = "guest", _("Guest lecturer")
    ASSISTANT = "assistant", _("Teaching assistant")
    TUTOR = "tutor", _("Tutor or demonstrator")


class MaterialKind(models.TextChoices):
    SYLLABUS = "syllabus", _("Syllabus")
    SLIDES = "slides", _("Slides")
    NOTES = "notes", _("Lecture notes")
    EXERCISES = "exercises", _("Exercises")
    RECORDING = "recording", _("Recording")
    CODE = "code", _("Code")
    OTHER = "other", _("Other")


class TeachingIndexPage(IndexPage):
    subpage_types = ["research.CoursePage"]
    template = "research/teaching_index_page.html"

    class Meta:
        verbose_name = _("teaching index page")

    def courses(self):
        """Newest first, then by code: one query (teachers are stored on each course)."""
        return (
            CoursePage.objects.live()
            .exclude(restricted())
            .child_of(self)
            .only(
                *link_columns(),
                "code",
                "term",
                "year",
                "level",
                "institution",
                "credits",
                "summary",
            )  # fmt: skip
            .order_by("-year", "code", "title")
        )


class CoursePage(MemberEditable, CreditedModel, Unlistable, ServedPage, Page):
    search_group_order = 60
    credit_relation = "teachers"
    credit_roles = dict(TeachingRole.choices)

    code = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The course code, e.g. OCE 301. Leave empty if none."),
    )
    term = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("When it runs, as students know it, e.g. 'Autumn 2026' or 'Spring term'."),
    )
    year = models.PositiveSmallIntegerField(
        help_text=_("The year it (last) ran: lists are ordered by it.")
    )
    level = models.CharField(max_length=20, choices=CourseLevel.choices, default="undergraduate")
    institution = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where it is taught, if not at the group's own university."),
    )
    summary = models.TextField(
        max_length=500, blank=True, help_text=_("Two or three sentences shown in lists.")
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        use_json_field=True,
        help_text=_("What the course covers, prerequisites, assessment."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("term"), FieldPanel("year")]),
                FieldPanel("institution"),
            ],
            heading=_("The course"),
        ),
        InlinePanel("teachers", heading=_("Who teaches it"), label=_("Teacher"), min_num=1),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("materials", heading=_("Materials"), label=_("Material")),
    ]
    api_fields = [APIField(name) for name in ("code", "term", "year", "level", "institution",
                                              "summary", "body")]  # fmt: skip
    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["research.TeachingIndexPage"]
    subpage_types = []
    template = "research/course_page.html"

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["teachers"] = self.credited_for(request)
        context["materials"] = list(
            self.materials.select_related("document").order_by("sort_order")
        )
        return context


class CourseTeacher(MemberOrName, Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="teachers")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses_taught",
        help_text=_("A group member: the course shows in their page's Teaching section."),
    )
    role = models.CharField(max_length=20, choices=TeachingRole.choices, default="lecturer")

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("teacher")


class CourseMaterial(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200, help_text=_("e.g. 'Week 3 slides'."))
    kind = models.CharField(max_length=20, choices=MaterialKind.choices, default="slides")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload or choose a file..."),
    )
    url = models.URLField(
        "Link", max_length=500, blank=True, help_text=_("...or link to it (a video, a repository).")
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("material")

    @property
    def href(self) -> str:
        return self.document.url if self.document_id and self.document else self.url

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.document_id and not self.url:
            raise ValidationError(_("Choose a file or give a link for this material."))
