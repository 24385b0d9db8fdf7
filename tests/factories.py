"""factory_boy factories for every page type and snippet, built the way editors build them."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from labsite.models import Grant, NewsIndexPage, NewsPage, StandardPage
from people.models import (
    ExternalPerson,
    OpeningIndexPage,
    OpeningPage,
    PeopleIndexPage,
    PersonPage,
    Role,
)
from people.profiles import credits
from research.models import (
    ProjectMember,
    ProjectPage,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    ResearchIndexPage,
    ResearchThemePage,
)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Role {n}")
    plural_name = factory.LazyAttribute(lambda o: f"{o.name}s")
    sort_order = 100


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"News item {n}")
    summary = "Something happened."
    date = factory.LazyFunction(timezone.localdate)


class ResearchIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResearchIndexPage

    title = "Research"


class ResearchThemePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResearchThemePage

    title = factory.Sequence(lambda n: f"Theme {n}")
    summary = "What this theme is about."


class PeopleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "People"


class PersonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PersonPage

    title = factory.LazyAttribute(lambda o: f"{o.given_names} {o.family_name}")
    given_names = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    role = factory.SubFactory(
        RoleFactory, name="PhD student", plural_name="PhD students", sort_order=40
    )
    short_bio = "Works on things."
    start_date = datetime.date(2022, 10, 1)


class OpeningIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OpeningIndexPage

    title = "Openings"


class OpeningPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OpeningPage

    title = factory.Sequence(lambda n: f"Opening {n}")
    summary = "A position."
    kind = "phd"
    # The deadline moment is computed on save from these three, as in the admin.
    deadline_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    deadline_time = datetime.time(23, 59)
    deadline_timezone = "UTC"


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Publications"


class PublicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationPage

    title = factory.Sequence(lambda n: f"A study of things, part {n}")
    year = 2024
    status = "published"
    publication_type = "article"
    venue = "Journal of Examples"
    abstract = "We studied things."


class CreditRowFactory(factory.django.DjangoModelFactory):
    """A row naming someone, added straight to the database: the record it belongs to then
    stores its credits again, as saving it in the editor would (people.profiles.credits)."""

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            record = instance.page
            credits.refresh(type(record).objects.filter(pk=record.pk))


class PublicationAuthorFactory(CreditRowFactory):
    class Meta:
        model = PublicationAuthor

    page = factory.SubFactory(PublicationPageFactory)
    name = factory.Sequence(lambda n: f"A. Author{n}")


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF file, drawn by Pillow (the same bytes a 'print to PDF' would start with)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    images = [Image.new("RGB", (200, 280), (255, 255, 255)) for _ in range(pages)]
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Application"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    institution = "University of Somewhere"
    degree = "MSc Computer Science"
    expected_graduation = datetime.date(2027, 6, 1)
    intended_start = datetime.date(2027, 10, 1)
    topic = "Learning from sparse sensors"
    statement = "I would like to study " + "sparse sensing and learning. " * 12
    funding = "needs"
    cv = factory.django.FileField(filename="cv.pdf", data=factory.LazyFunction(pdf_bytes))
    cv_filename = "cv.pdf"
    cv_size = 1024

    @factory.post_generation
    def supervisors(self, create, extracted, **kwargs):
        if create and extracted:
            self.supervisors.set(extracted)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    funder = factory.Sequence(lambda n: f"Funder {n}")
    scheme = "Research Grant"
    grant_number = factory.Sequence(lambda n: f"RG-{n:04d}")


class ExternalPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalPerson

    name = factory.Sequence(lambda n: f"Dr Visiting{n}")
    institution = "Another University"


class ProjectPageFactory(wagtail_factories.PageFactory):
    """A project; pass ``themes=[...]`` and ``grants=[...]`` to link them."""

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "What the project does."
    status = "active"
    start_date = datetime.date(2024, 1, 1)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def grants(self, create, extracted, **kwargs):
        if create and extracted:
            self.grants.set(extracted)
            self.save()


class ProjectMemberFactory(CreditRowFactory):
    """A team row: pass ``person=`` (a member) or ``external=`` (an external person)."""

    class Meta:
        model = ProjectMember

    page = factory.SubFactory(ProjectPageFactory)
    role = "researcher"


class ActivityPageFactory(wagtail_factories.PageFactory):
    """A talk; ``starts_at`` is computed on save from the date, time and time zone."""

    class Meta:
        model = "research.ActivityPage"

    title = factory.Sequence(lambda n: f"A talk on things, part {n}")
    kind = "invited"
    event = "A Workshop on Things"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
