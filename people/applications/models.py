"""Applications from prospective students: stored first, then emailed, then kept for a set time."""

import calendar
import secrets

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from labsite.blocks import RICH_TEXT_FEATURES
from labsite.groups import scoping
from labsite.models import OutboxEmail
from labsite.pagecache.memo import RememberedSiteSetting

# Crockford's base32 without I, L, O, U: a reference read aloud over the phone survives.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CV_DIRECTORY = "applications/cv"


class _PrivateStorage(Storage):
    """Looks up STORAGES['private'] on every use.

    A FileField keeps the storage object it was given at import; delegating keeps it in step
    with the settings (tests give each test its own folder).
    """

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


_private_storage = _PrivateStorage()


def private_storage():
    """CVs live outside MEDIA_ROOT, in a storage with no public URL (settings STORAGES['private'])."""
    return _private_storage


def cv_upload_to(instance, filename: str) -> str:
    # The applicant's file name never reaches the file system; it is kept in cv_filename.
    return f"{CV_DIRECTORY}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}.pdf"


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"A-{code[:4]}-{code[4:]}"


class FundingSituation(models.TextChoices):
    SELF_FUNDED = "self", _("Self-funded")
    SCHOLARSHIP = "scholarship", _("I have a scholarship or sponsor")
    NEEDS_FUNDING = "needs", _("I need funding")


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    READ = "read", _("Read")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


@register_setting(icon="mail")
class ApplicationSettings(RememberedSiteSetting, BaseSiteSetting):
    introduction = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown above the contact form for prospective students."),
    )
    privacy_notice = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Who sees an application and why. The form adds how long applications are kept "
            "(the retention period below) by itself."
        ),
    )
    retention_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Applications and their CVs are deleted this many months after they arrive "
            "(by the purge_applications command, run daily)."
        ),
    )
    general_inbox = models.EmailField(
        blank=True,
        help_text=_(
            "Who receives enquiries that name no supervisor. Leave empty to use the group's "
            "contact email from the site settings."
        ),
    )

    panels = [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("privacy_notice"), FieldPanel("retention_months")],
            heading=_("Privacy"),
        ),
        FieldPanel("general_inbox"),
    ]

    class Meta:
        verbose_name = _("applications")


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applications this admin user may see: all for site editors, else those addressed to them."""
        if not user.is_active:
            return self.none()
        if user.is_superuser or user.has_perm("people.view_all_applications"):
            # Every application of the user's own groups (labsite.groups.scoping).
            return scoping.scope(self, user, shared=False)
        if not user.has_perm("people.view_application"):
            return self.none()
        addressed = Application.supervisors.through.objects.filter(
            personpage__member_user=user
        ).values("application_id")
        return self.filter(pk__in=addressed)

    def older_than(self, moment):
        return self.filter(created_at__lt=moment)


class Application(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    institution = models.CharField(_("current institution"), max_length=200)
    degree = models.CharField(_("current degree"), max_length=200)
    expected_graduation = models.DateField(_("expected graduation"))
    intended_start = models.DateField(_("intended start"))

    opening = models.ForeignKey(
        "people.OpeningPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    opening_title = models.CharField(
        max_length=255, blank=True, help_text=_("The opening's title when the application arrived.")
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    supervisors = models.ManyToManyField(
        "people.PersonPage", blank=True, related_name="applications"
    )

    statement = models.TextField(_("research interests"))
    cv_page_url = models.URLField(_("CV or personal page"), blank=True)
    github_url = models.URLField(_("GitHub or code"), blank=True)
    publications_url = models.URLField(_("publications"), blank=True)
    funding = models.CharField(_("funding"), max_length=12, choices=FundingSituation.choices)
    funding_details = models.CharField(_("funding details"), max_length=300, blank=True)

    cv = models.FileField(storage=private_storage, upload_to=cv_upload_to, max_length=200)
    #: The privacy notice as the applicant read it when they ticked the box, and its version
    #: (the first characters of its SHA-256): a later change of the notice does not rewrite
    #: what they agreed to.
    consent_text = models.TextField(blank=True, editable=False)
    consent_version = models.CharField(max_length=12, blank=True, editable=False)
    cv_filename = models.CharField(max_length=200, help_text=_("The file name the applicant sent."))
    cv_size = models.PositiveIntegerField(default=0)

    arrived_after_close = models.BooleanField(
        default=False, help_text=_("The opening had closed when the application arrived.")
    )
    status = models.CharField(
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.NEW,
        db_index=True,
        help_text=_("Where this application stands. Applicants are not told of changes."),
    )
    internal_notes = models.TextField(
        blank=True,
        help_text=_("Notes for the supervisors and site editors. The applicant never sees them."),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("view_all_applications", _("Can see every application, not only their own")),
        ]

    def __str__(self):
        return f"{self.reference} · {self.name}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = self._unused_reference()
        super().save(*args, **kwargs)

    @staticmethod
    def _unused_reference() -> str:
        while True:
            reference = new_reference()
            if not Application.objects.filter(reference=reference).exists():
                return reference

    @property
    def about(self) -> str:
        return self.opening_title or self.topic or _("General enquiry")

    @property
    def cv_download_name(self) -> str:
        """The applicant's file name, reduced to safe characters, ending in .pdf."""
        name = (
            "".join(c if c.isalnum() or c in "-_." else "_" for c in self.cv_filename).strip("._")
            or "cv"
        )
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"

    @property
    def outbox_source(self) -> str:
        return f"people.application:{self.pk}"

    def is_addressed_to(self, user) -> bool:
        return self.supervisors.filter(member_user=user).exists()

    @property
    def supervisor_names(self) -> str:
        return ", ".join(person.title for person in self.supervisors.all())

    def delete(self, *args, **kwargs):
        """Remove the CV file and the stored emails with the application: they hold personal data."""

        name, source = self.cv.name, self.outbox_source
        result = super().delete(*args, **kwargs)
        OutboxEmail.objects.filter(source=source).delete()
        if name:
            transaction.on_commit(lambda: private_storage().delete(name))
        return result


def retention_cutoff(months: int, now=None):
    """The same day and time ``months`` calendar months earlier (clamped to the month's end)."""
    now = now or timezone.now()
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def max_cv_bytes() -> int:
    return settings.APPLICATION_MAX_CV_BYTES
