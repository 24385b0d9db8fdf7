"""Structured supervision records: who supervises whom, for which degree, funded how."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, Site, WorkflowMixin
from wagtail.search import index

from labsite import dates
from labsite.dates import precision_field, truncate
from labsite.models.pages import IndexPage
from labsite.page_links import link_columns, related_columns
from labsite.panels import records_elsewhere
from people.profiles.credits import CreditedModel
from people.profiles.snippets import FundingProgramme, MemberOrExternal


class Degree(models.TextChoices):
    PHD = "phd", _("PhD")
    ENGD = "engd", _("EngD")
    MRES = "mres", _("MRes")
    MSC = "msc", _("MSc")
    MASTERS = "masters", _("Master's thesis project")
    MSCI = "msci", _("MSci")
    BSC = "bsc", _("BSc")
    FINAL_YEAR = "final_year", _("Level-4 / final-year project")
    SUMMER = "summer", _("Summer research project")
    VACATION = "vacation", _("Vacation project")
    OTHER = "other", _("Other (say what below)")


class SupervisorRole(models.TextChoices):
    MAIN = "main", _("Main supervisor")
    CO = "co", _("Co-supervisor")
    EXTERNAL = "external", _("External supervisor")


def supervision_queryset(site=None):
    """Supervisions with their students and programmes in one query; the supervisors are
    stored on each (``credits``). With ``site``: that group's records and the shared ones."""
    queryset = (
        Supervision.objects.filter(live=True)
        .select_related("student", "programme")
        # A student's page is a link here: its title and address, not the whole profile.
        .only(
            *(field.name for field in Supervision._meta.concrete_fields),
            *link_columns("student"),
            "student__live",
            *related_columns(FundingProgramme, "programme"),
        )
    )
    if site is not None:
        queryset = queryset.filter(Q(site=site) | Q(site__isnull=True))
    return queryset


class Supervision(
    WorkflowMixin, DraftStateMixin, RevisionMixin, CreditedModel, index.Indexed, ClusterableModel
):
    """One student (or a cohort of unnamed students) and their supervisors.

    Drafts and revisions like a page: a member's change waits in the review workflow while
    the public pages keep showing the published record (``live``; supervision_queryset).
    """

    credit_relation = "supervisors"
    credit_roles = dict(SupervisorRole.choices)

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    student = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervisions_as_student",
        help_text=_("The student, if they have a page on this site..."),
    )
    student_name = models.CharField(
        max_length=200, blank=True, help_text=_("...or their name, for students without a page.")
    )
    cohort_size = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "For a group of students supervised together without naming them: how many (e.g. 2)."
        ),
    )
    degree = models.CharField(
        max_length=20,
        choices=Degree.choices,
        default=Degree.PHD,
        help_text=_("The degree studied for."),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervisions",
        help_text=_("Doctoral training programme or funding, if any."),
    )
    topic = models.CharField(
        max_length=300, blank=True, help_text=_("Project or thesis topic in a few words.")
    )
    degree_other = models.CharField(
        _("other kind"),
        max_length=80,
        blank=True,
        help_text=_(
            "For 'Other': what it is, as the page should say it, e.g. 'Erasmus traineeship'."
        ),
    )
    offered = models.BooleanField(
        _("offered, no student yet"),
        default=False,
        help_text=_(
            "Tick for a project the group offers and nobody has taken yet; leave the student empty."
        ),
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the supervision started. Leave empty if you do not know."),
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Expected end while studying; actual end once finished."),
    )
    date_precision = precision_field()
    completed = models.BooleanField(default=False, help_text=_("Tick once the degree is finished."))
    thesis_title = models.CharField(
        max_length=300, blank=True, help_text=_("Once finished: the thesis title.")
    )
    thesis_url = models.URLField(blank=True, help_text=_("Once finished: a link to the thesis."))

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("student"), FieldPanel("student_name")]),
                FieldRowPanel([FieldPanel("cohort_size"), FieldPanel("offered")]),
            ],
            heading=_("Student"),
        ),
        InlinePanel("supervisors", heading=_("Supervisors"), label=_("Supervisor"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("degree"), FieldPanel("degree_other")]),
                FieldPanel("programme"),
                FieldPanel("topic"),
            ],
            heading=_("Degree"),
        ),
        MultiFieldPanel(
            [
                # One box per date, "2019" to "2019-10-01"; the precision follows what is typed.
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("completed"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("thesis_title"), FieldPanel("thesis_url")], heading=_("Thesis")
        ),
        FieldPanel("site"),
    ]
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="supervision")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="supervision",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("student_name"),
        index.SearchField("topic"),
        index.SearchField("thesis_title"),
    ]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("supervision")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        year = f", {self.start_date:%Y}" if self.start_date else ""
        return f"{self.student_label} ({self.degree_label}{year})"

    def clean(self):
        super().clean()
        named = bool(self.student_id) + bool(self.student_name.strip()) + bool(self.cohort_size)
        if self.offered and named:
            message = _(
                "An offered project has no student yet: untick 'offered' or clear the student."
            )
            raise ValidationError({"offered": message})
        if named != 1 and not self.offered:
            message = _(
                "Choose a student page, type a name, or give a cohort size: exactly one of the "
                "three (or tick 'offered' for a project nobody has taken yet)."
            )
            raise ValidationError(
                {"student": message, "student_name": message, "cohort_size": message}
            )
        if self.degree == Degree.OTHER and not self.degree_other.strip():
            raise ValidationError({"degree_other": _("Say what kind of project or degree it is.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if (self.thesis_title or self.thesis_url) and not self.completed:
            raise ValidationError({"completed": _("Tick 'completed' when adding the thesis.")})

    def save(self, *args, **kwargs):
        self.start_date = truncate(self.start_date, self.date_precision)
        self.end_date = truncate(self.end_date, self.date_precision)
        super().save(*args, **kwargs)

    @property
    def degree_label(self) -> str:
        if self.degree == Degree.OTHER and self.degree_other:
            return self.degree_other
        return self.get_degree_display()

    @property
    def student_label(self) -> str:
        if self.student_id:
            return self.student.title
        if self.cohort_size:
            return _("%(n)s %(degree)s students") % {
                "n": self.cohort_size,
                "degree": self.degree_label,
            }
        if self.offered and not self.student_name:
            return _("Open project, no student yet")
        return self.student_name

    @property
    def when(self) -> str:
        """The years as known: "2024", "2019–2023", "March 2024–" while it runs."""
        if self.start_date and not self.end_date and not self.completed:
            return f"{dates.as_given(self.start_date, self.date_precision)}–"
        return dates.span(self.start_date, self.end_date, self.date_precision)

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.completed and (self.end_date is None or self.end_date >= today)


class SupervisionSupervisor(Orderable, MemberOrExternal):
    supervision = ParentalKey(Supervision, on_delete=models.CASCADE, related_name="supervisors")
    role = models.CharField(
        max_length=10,
        choices=SupervisorRole.choices,
        default=SupervisorRole.MAIN,
        help_text=_("Their part in the supervision."),
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("external"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("supervisor")


class SupervisionPage(IndexPage):
    """Every supervision, current and past, grouped by degree."""

    subpage_types = []
    template = "people/supervision_page.html"
    content_panels = [
        records_elsewhere(
            _(
                "The students on this page are supervision records, one per student or cohort: "
                "add and edit them under Snippets > Supervisions."
            ),
            "wagtailsnippets_people_supervision:list",
            _("Open the supervision records"),
        ),
        *IndexPage.content_panels,
    ]

    class Meta:
        verbose_name = _("supervision page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        current: dict[str, list] = {}
        past: dict[str, list] = {}
        rank = {value: n for n, value in enumerate(Degree.values)}
        supervisions = sorted(
            supervision_queryset(Site.find_for_request(request)),
            # Undated records last within their degree.
            key=lambda s: (rank[s.degree], -(s.start_date.toordinal() if s.start_date else 0)),
        )
        offered = []
        for supervision in supervisions:
            if supervision.offered and not supervision.completed:
                offered.append(supervision)
                continue
            target = current if supervision.is_current(today) else past
            target.setdefault(supervision.degree_label, []).append(supervision)
        context["current_groups"] = list(current.items())
        context["past_groups"] = list(past.items())
        context["offered"] = offered
        return context
