"""Structured supervision records: who supervises whom, for which degree, funded how."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from labsite.models.pages import IndexPage
from people.profiles.credits import CreditedModel
from people.profiles.snippets import FundingProgramme, MemberOrExternal


class Degree(models.TextChoices):
    PHD = "phd", _("PhD")
    ENGD = "engd", _("EngD")
    MRES = "mres", _("MRes")
    MSC = "msc", _("MSc")
    BSC = "bsc", _("BSc")


class SupervisorRole(models.TextChoices):
    MAIN = "main", _("Main supervisor")
    CO = "co", _("Co-supervisor")
    EXTERNAL = "external", _("External supervisor")


def supervision_queryset():
    """Supervisions with their students and programmes in one query; the supervisors are
    stored on each (``credits``)."""
    return Supervision.objects.select_related("student", "programme")


@register_snippet
class Supervision(CreditedModel, index.Indexed, ClusterableModel):
    """One student (or a cohort of unnamed students) and their supervisors."""

    credit_relation = "supervisors"
    credit_roles = dict(SupervisorRole.choices)

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
        max_length=10,
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
    start_date = models.DateField(help_text=_("When the supervision started."))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Expected end while studying; actual end once finished."),
    )
    completed = models.BooleanField(default=False, help_text=_("Tick once the degree is finished."))
    thesis_title = models.CharField(
        max_length=300, blank=True, help_text=_("Once finished: the thesis title.")
    )
    thesis_url = models.URLField(blank=True, help_text=_("Once finished: a link to the thesis."))

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("student"), FieldPanel("student_name")]),
                FieldPanel("cohort_size"),
            ],
            heading=_("Student"),
        ),
        InlinePanel("supervisors", heading=_("Supervisors"), label=_("Supervisor"), min_num=1),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("degree"), FieldPanel("programme")]), FieldPanel("topic")],
            heading=_("Degree"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("completed"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("thesis_title"), FieldPanel("thesis_url")], heading=_("Thesis")
        ),
    ]
    search_fields = [
        index.SearchField("student_name"),
        index.SearchField("topic"),
        index.SearchField("thesis_title"),
    ]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("supervision")

    def __str__(self):
        return f"{self.student_label} ({self.get_degree_display()}, {self.start_date:%Y})"

    def clean(self):
        super().clean()
        named = bool(self.student_id) + bool(self.student_name.strip()) + bool(self.cohort_size)
        if named != 1:
            message = _(
                "Choose a student page, type a name, or give a cohort size: exactly one of the three."
            )
            raise ValidationError(
                {"student": message, "student_name": message, "cohort_size": message}
            )
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if (self.thesis_title or self.thesis_url) and not self.completed:
            raise ValidationError({"completed": _("Tick 'completed' when adding the thesis.")})

    @property
    def student_label(self) -> str:
        if self.student_id:
            return self.student.title
        if self.cohort_size:
            return _("%(n)s %(degree)s students") % {
                "n": self.cohort_size,
                "degree": self.get_degree_display(),
            }
        return self.student_name

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

    class Meta:
        verbose_name = _("supervision page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        current: dict[str, list] = {}
        past: dict[str, list] = {}
        rank = {value: n for n, value in enumerate(Degree.values)}
        supervisions = sorted(
            supervision_queryset(), key=lambda s: (rank[s.degree], -s.start_date.toordinal())
        )
        for supervision in supervisions:
            target = current if supervision.is_current(today) else past
            target.setdefault(supervision.get_degree_display(), []).append(supervision)
        context["current_groups"] = list(current.items())
        context["past_groups"] = list(past.items())
        return context
