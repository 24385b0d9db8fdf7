"""Reusable non-page records: roles, people outside the group, funding programmes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from labsite.groups.forms import GroupRecordForm
from labsite.pagecache.memo import remember


class Role(TranslatableMixin, models.Model):
    """A position in the group; the people page lists roles in ``sort_order``."""

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    name = models.CharField(max_length=80, help_text=_("Singular, e.g. 'PhD student'."))
    plural_name = models.CharField(
        max_length=80, help_text=_("Used as a heading, e.g. 'PhD students'.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text=_("Smaller numbers are listed first on the people page (PI = 10).")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("plural_name"),
        FieldPanel("sort_order"),
        FieldPanel("site"),
    ]
    base_form_class = GroupRecordForm

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("role")
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="people_role_unique_name")
        ]

    def __str__(self):
        return self.name

    def in_language(self) -> "Role":
        """This role as the active language names it (its translation, if it has one): kept
        in memory until the content changes, so a page of 200 people asks nothing more."""
        language = translation.get_language()
        if language == settings.LANGUAGE_CODE or not settings.WAGTAIL_I18N_ENABLED:
            return self
        translations = remember("role-translations", _role_translations)
        return translations.get((self.translation_key, language), self)


def original_roles() -> models.Q:
    """Roles in the site's own language: the ones a person page can choose."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


def _role_translations() -> dict:
    return {
        (role.translation_key, role.locale.language_code): role
        for role in Role.objects.select_related("locale")
    }


class ExternalPerson(index.Indexed, models.Model):
    """Someone outside the group: a co-supervisor or collaborator at another institution."""

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    name = models.CharField(
        max_length=200, help_text=_("Full name with title if wanted, e.g. 'Dr Lena Marsh'.")
    )
    institution = models.CharField(
        max_length=200, help_text=_("Where they work, e.g. 'University of Westholm'.")
    )
    url = models.URLField(blank=True, help_text=_("Optional: their web page."))

    panels = [FieldPanel("name"), FieldPanel("institution"), FieldPanel("url"), FieldPanel("site")]
    base_form_class = GroupRecordForm
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("institution"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("external person")
        verbose_name_plural = _("external people")
        constraints = [
            models.UniqueConstraint(fields=["name", "institution"], name="unique_external_person")
        ]

    def __str__(self):
        return f"{self.name} ({self.institution})"


class FundingProgramme(index.Indexed, models.Model):
    """A doctoral training programme, scholarship or other source of funding for students."""

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text=_("E.g. 'Doctoral Training Programme in Ocean Data Science'."),
    )
    url = models.URLField(blank=True, help_text=_("Optional: the programme's web page."))

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("site")]
    base_form_class = GroupRecordForm
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")

    def __str__(self):
        return self.name


class MemberOrName(models.Model):
    """A row naming a group member, or someone else by the name typed for them: authors of a
    publication, people involved in a talk, a paper's recommenders.

    Subclasses redefine ``person`` when they need a reverse name of their own (a member's
    authorships, their activities). ``name`` wins when both are given, so a member can be
    credited as printed ("A. Okafor") and still link to their page.
    """

    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A member of the group: their name links to their page."),
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("...or the name as it should appear, for someone outside the group."),
    )
    missing_person_message = _("Choose a group member or type the person's name.")

    class Meta:
        abstract = True

    #: What a list needs of a member to show their linked name. Not their biography or other
    #: StreamFields: decoding those for every author of 50 papers was most of a listing's time.
    PERSON_LINK_FIELDS = (
        "person__title",
        "person__draft_title",
        "person__slug",
        "person__url_path",
        "person__path",
        "person__depth",
        "person__live",
        "person__locale_id",
        "person__family_name",
        "person__given_names",
        "person__orcid",  # stored with the credits (machine-readable authorship)
    )

    @classmethod
    def with_people(cls):
        """Rows with the linked member's name and address, in one query."""
        own = [field.name for field in cls._meta.concrete_fields]
        order = ["sort_order", "pk"] if hasattr(cls, "sort_order") else ["pk"]
        return (
            cls.objects.select_related("person")
            .only(*own, *cls.PERSON_LINK_FIELDS)
            .order_by(*order)
        )

    @classmethod
    def prefetch(cls, relation: str) -> Prefetch:
        """Prefetch the rows of ``relation`` with their members, in their order, in one query."""
        return Prefetch(relation, queryset=cls.with_people())

    def clean(self):
        super().clean()
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": self.missing_person_message})

    @cached_property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.person.title if self.person else ""


class MemberOrExternal(models.Model):
    """A row naming a group member or an external person, never both (shared by inline panels)."""

    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A member of the group..."),
    )
    external = models.ForeignKey(
        ExternalPerson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("...or someone outside it (add them under Snippets > External people)."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.external_id):
            message = _("Choose either a group member or an external person, not both.")
            raise ValidationError({"person": message, "external": message})

    @property
    def display_name(self) -> str:
        return self.person.title if self.person_id else self.external.name

    @property
    def institution(self) -> str:
        return "" if self.person_id else self.external.institution
