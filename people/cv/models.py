"""Which sections a person's CV has, in their order, and the CV as last built."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from people.cv import registry


class CVSectionChoice(Orderable):
    person = ParentalKey("people.PersonPage", on_delete=models.CASCADE, related_name="cv_sections")
    section = models.CharField(
        max_length=40,
        choices=registry.choices,
        help_text=_("A part of the CV, filled from the site's records. Drag to change the order."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("CV section")

    def __str__(self) -> str:
        return self.get_section_display()


class StoredCV(models.Model):
    person = models.OneToOneField(
        "people.PersonPage", on_delete=models.CASCADE, related_name="stored_cv"
    )
    html = models.TextField()
    pdf = models.FileField(upload_to="cv/", blank=True)
    #: The HTML's digest: the PDF is rebuilt only when the CV's content changed.
    digest = models.CharField(max_length=64)
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("generated CV")

    def __str__(self) -> str:
        return f"CV of {self.person_id}"
