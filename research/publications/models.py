"""Publications: the index with filters and exports, and each publication's page."""

import json

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from labsite.page_links import link_columns, related_pages
from labsite.served_page import ServedPage
from labsite.text import fold
from labsite.unlisted import UNLISTABLE_PROMOTE_PANELS, Unlistable
from labsite.visibility import restricted
from people.profiles.credits import CreditedModel
from people.profiles.member_permissions import MemberEditable
from people.profiles.snippets import MemberOrName
from research.publications import citations
from research.publications.exports import bibtex_entry, download, ris_record
from research.publications.identifiers import (
    arxiv_url,
    doi_url,
    normalise_arxiv,
    normalise_doi,
    normalise_isbn,
)
from research.publications.names import (
    bibtex_name_for_display_name,
    display_name_from_bibtex,
    is_literal_name,
)
from research.publications.page_form import PublicationPageForm


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    ACCEPTED = "accepted", _("Accepted")
    UNDER_REVIEW = "under_review", _("Under review")
    IN_PREPARATION = "in_preparation", _("In preparation")
    PLANNED = "planned", _("Planned")


UNPUBLISHED_STATUSES = [
    PublicationStatus.UNDER_REVIEW,
    PublicationStatus.IN_PREPARATION,
    PublicationStatus.PLANNED,
]


class PublicationType(models.TextChoices):
    JOURNAL_ARTICLE = "article", _("Journal article")
    CONFERENCE_PAPER = "inproceedings", _("Conference paper")
    WORKSHOP_PAPER = "workshop", _("Workshop paper")
    PREPRINT = "preprint", _("Preprint")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    THESIS = "thesis", _("Thesis")
    REPORT = "report", _("Report")
    POSTER = "poster", _("Poster")
    SOFTWARE = "software", _("Software")
    DATASET = "dataset", _("Dataset")


class LinkKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    PUBLISHER = "publisher", _("Publisher")
    PREPRINT = "preprint", _("Preprint")
    CODE = "code", _("Code")
    DATA = "data", _("Data")
    SLIDES = "slides", _("Slides")
    POSTER = "poster", _("Poster")
    VIDEO = "video", _("Video")
    BLOG = "blog", _("Blog post")
    ERRATA = "errata", _("Errata")
    SUPPLEMENTARY = "supplementary", _("Supplementary material")
    PROJECT = "project", _("Project page")


#: Small inline SVG icon names per link kind (see templates/components/icons.html).
LINK_ICONS = {
    "pdf": "file",
    "publisher": "building",
    "preprint": "file",
    "code": "code",
    "data": "database",
    "slides": "presentation",
    "poster": "image",
    "video": "play",
    "blog": "pen",
    "errata": "alert",
    "supplementary": "paperclip",
    "project": "globe",
}


class RelationKind(models.TextChoices):
    RELATED = "related", _("Related work")
    WORKSHOP_VERSION = "workshop_version", _("Workshop version")
    EXTENDED_VERSION = "extended_version", _("Extended version")
    PREPRINT_VERSION = "preprint_version", _("Preprint version")
    PUBLISHED_VERSION = "published_version", _("Published version")
    ERRATUM = "erratum", _("Erratum")


def publication_queryset():
    """Publications ready for listing in one query: their authors are stored on them
    (``credits``), their streamfields are not read."""
    return PublicationPage.objects.defer_streamfields()


def citing_pages(publication) -> list[Page]:
    """Live news items and pages whose body cites ``publication`` (Wagtail's reference index,
    kept up to date on every save), newest first, in one query."""
    from django.db.models import IntegerField
    from django.db.models.functions import Cast
    from wagtail.models import ReferenceIndex

    sources = (
        ReferenceIndex.get_references_to(publication)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(source_id=Cast("object_id", IntegerField()))
        .values("source_id")
    )
    return list(
        Page.objects.live()
        .exclude(restricted())
        .filter(id__in=sources)
        .only(*link_columns())
        .exclude(content_type__model__in=["projectpage", "activitypage", "publicationpage"])
        .order_by("-first_published_at")[:20]
    )


#: What a publication's entry in a list prints (``components/publication_card.html``), with
#: what tells its stored copy apart (``{% record_fragment %}``): lists read only these.
CARD_COLUMNS = (
    *link_columns(),
    "last_published_at",
    "credits",
    "venue",
    "year",
    "status",
    "note",
    "link_chips",
    "doi",
    "arxiv_id",
    "lay_summary",
    "abstract",
    "bibtex_text",
    "selected",
    "publication_type",
)


def publication_cards():
    """Publications as lists show them: only the columns an entry prints (Django spends more
    building the others than SQLite spends reading them)."""
    return PublicationPage.objects.only(*CARD_COLUMNS)


def with_author_rows(publications):
    """``publications`` with their author rows, for citations and exports (one more query)."""
    return publications.prefetch_related(PublicationAuthor.prefetch("authors"))


def publications_with_authors():
    return with_author_rows(publication_queryset())


class PublicationTag(TaggedItemBase):
    content_object = ParentalKey(
        "research.PublicationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PublicationPage(
    MemberEditable, CreditedModel, Unlistable, ServedPage, RoutablePageMixin, Page
):
    # Where its results come in site search, and its Open Graph type.
    og_type = "article"
    search_group_order = 40
    credit_relation = "authors"
    # The words the publication list's search reads, folded (no accents, any case).
    credit_derived = ("search_text",)
    credit_sources = ("title", "abstract", "venue")
    base_form_class = PublicationPageForm

    publication_type = models.CharField(
        _("type"),
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.JOURNAL_ARTICLE,
        help_text=_("What kind of output this is."),
    )
    status = models.CharField(
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        help_text=_("Where the work stands. Anything not yet published is marked as such."),
    )
    year = models.PositiveSmallIntegerField(
        help_text=_("Year of publication, or the expected year for work not yet published.")
    )
    selected = models.BooleanField(
        default=False,
        help_text=_(
            "Tick to show it among the group's selected publications on the home page and at "
            "the top of its authors' pages."
        ),
    )
    month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(m, m) for m in range(1, 13)],
        help_text=_("Optional month (1-12)."),
    )
    venue = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Journal, conference, or school for a thesis, e.g. 'NeurIPS'."),
    )
    volume = models.CharField(max_length=40, blank=True, help_text=_("Journal volume, e.g. 33."))
    issue = models.CharField(max_length=40, blank=True, help_text=_("Issue or number, e.g. 4."))
    pages = models.CharField(
        max_length=40, blank=True, help_text=_("Page range, e.g. 101-120, or an article number.")
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text=_("Publisher, mainly for books and chapters.")
    )
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_(
            "Paste it in any form: 10.1234/abcd, doi:10.1234/abcd or https://doi.org/10.1234/abcd."
        ),
    )
    arxiv_id = models.CharField(
        "arXiv ID",
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("e.g. 2106.10771 or quant-ph/0201082v1, or the arxiv.org address."),
    )
    swhid = models.CharField(
        "Software Heritage ID",
        max_length=300,
        blank=True,
        help_text=_(
            "For software: the archive's identifier (swh:1:…), filled in when you add software by "
            "its repository address. It keeps the code findable if the repository moves."
        ),
    )
    version = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("For software and datasets: the version, e.g. 2.1.0."),
    )
    isbn = models.CharField(
        "ISBN", max_length=20, blank=True, help_text=_("ISBN-10 or ISBN-13, for books.")
    )
    abstract = models.TextField(
        blank=True,
        help_text=_("The abstract as published. Write maths in LaTeX between $ signs, e.g. $x^2$."),
    )
    lay_summary = models.TextField(
        blank=True,
        max_length=1200,
        help_text=_("Two or three plain-language sentences for a general reader."),
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "A short public note after the citation, e.g. 'Full paper under review' or 'Led by A. Colleague'."
        ),
    )
    themes = ParentalManyToManyField(
        "research.ResearchThemePage",
        blank=True,
        related_name="publications",
        help_text=_("The research themes this work belongs to; it is listed on their pages."),
    )
    tags = ClusterTaggableManager(
        through=PublicationTag, blank=True, help_text=_("Keywords, e.g. 'optimisation'.")
    )
    bibtex_key = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Citation key used in BibTeX exports; filled in on import."),
    )
    title_key = models.CharField(max_length=300, blank=True, db_index=True, editable=False)
    csl_json = models.JSONField(default=dict, blank=True, editable=False)
    citation_html = models.TextField(blank=True, editable=False)
    citation_text = models.TextField(blank=True, editable=False)
    citation_style = models.CharField(max_length=60, blank=True, editable=False)
    # What lists show of each paper besides its citation, kept at save time (no query per item):
    # its links as chips and its BibTeX entry under a toggle.
    link_chips = models.JSONField(default=list, blank=True, editable=False)
    bibtex_text = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("paste_authors"),
        InlinePanel("authors", heading=_("Authors, in order"), label=_("Author"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("publication_type"), FieldPanel("status"), FieldPanel("selected")]
                ),
                FieldRowPanel([FieldPanel("year"), FieldPanel("month")]),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
                FieldPanel("publisher"),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("abstract"),
        FieldPanel("lay_summary"),
        InlinePanel("awards", heading=_("Awards"), label=_("Award")),
        FieldPanel("note"),
    ]
    identifier_panels = [
        MultiFieldPanel(
            [
                FieldPanel("doi"),
                FieldPanel("arxiv_id"),
                FieldPanel("isbn"),
                FieldPanel("version"),
                FieldPanel("swhid"),
                FieldPanel("bibtex_key"),
            ],
            heading=_("Identifiers"),
        ),
        InlinePanel("links", heading=_("Links"), label=_("Link")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("relations", heading=_("Related publications"), label=_("Related publication")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Publication")),
            ObjectList(identifier_panels, heading=_("Identifiers and links")),
            ObjectList(UNLISTABLE_PROMOTE_PANELS, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [
        APIField("year"),
        APIField("month"),
        APIField("publication_type"),
        APIField("status"),
        APIField("venue"),
        APIField("volume"),
        APIField("issue"),
        APIField("pages"),
        APIField("doi"),
        APIField("arxiv_id"),
        APIField("abstract"),
    ]
    # Translating a publication (wagtail-localize) offers its lay summary only: the title,
    # authors, venue and abstract stay as published, and every language keeps them in step.
    override_translatable_fields = [
        TranslatableField("lay_summary"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        *[
            SynchronizedField(name)
            for name in ("title", "abstract", "venue", "publisher", "note", "pages", "volume",
                         "issue", "doi", "arxiv_id", "isbn", "year", "month", "status",
                         "publication_type", "authors", "links", "slug")
        ],
    ]  # fmt: skip
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("lay_summary"),
        index.SearchField("venue"),
        index.SearchField("doi"),
        index.AutocompleteField("title"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("year"),
        index.FilterField("status"),
        index.FilterField("publication_type"),
    ]

    parent_page_types = ["research.PublicationIndexPage"]
    subpage_types = []
    template = "research/publication_page.html"

    class Meta:
        verbose_name = _("publication")

    def clean(self):
        super().clean()
        errors = {}
        for field, normalise in (
            ("doi", normalise_doi),
            ("arxiv_id", normalise_arxiv),
            ("isbn", normalise_isbn),
        ):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, normalise(value))
                except ValidationError as error:
                    errors[field] = error
        if self.year and not 1000 <= self.year <= 2200:
            errors["year"] = _("Give the year as four digits, e.g. 2024.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):

        self.title_key = citations.title_key(self.title)
        if not getattr(self, "_defer_citation", False):
            citations.refresh(self)
            self.refresh_listing_fields()
        super().save(*args, **kwargs)

    def derive_from_credits(self) -> None:
        names = " ".join(credit.get("name", "") for credit in self.credits or [])
        self.search_text = fold(" ".join([self.title, self.venue, names, self.abstract]))

    def refresh_listing_fields(self) -> None:
        """Store the link chips and the BibTeX entry from the page's rows (not saved here)."""
        links = list(self.links.all())
        if all(link.sort_order is not None for link in links):
            links.sort(key=lambda link: link.sort_order)
        self.link_chips = [
            {"kind": link.kind, "label": link.label, "href": link.href}
            for link in links
            if link.href
        ]
        self.bibtex_text = bibtex_entry(self)

    @property
    def chips(self) -> list[dict]:
        """The stored links with their words, in the visitor's language."""
        labels = dict(LinkKind.choices)
        return [
            {
                **chip,
                "text": chip["label"] or labels.get(chip["kind"], chip["kind"]),
                "icon": LINK_ICONS.get(chip["kind"], "link"),
            }
            for chip in self.link_chips or []
        ]

    # Presentation helpers: all read stored fields, never the database.
    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def arxiv_url(self) -> str:
        return arxiv_url(self.arxiv_id)

    @property
    def swhid_url(self) -> str:
        return f"https://archive.softwareheritage.org/{self.swhid}" if self.swhid else ""

    @property
    def is_unpublished(self) -> bool:
        return self.status in UNPUBLISHED_STATUSES

    def get_context(self, request, *args, **kwargs):
        # Each list reads only the columns it prints: building a page object costs a
        # millisecond per query in Django, half of it spent on columns nobody shows.
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.credited_for(request)
        context["links"] = self.chips  # stored at save: no query
        context["awards"] = list(self.awards.order_by("sort_order"))
        context["pdf_url"] = next(
            (link["href"] for link in context["links"] if link["kind"] == "pdf"), ""
        )
        # Links both ways, read only when rendered, not when a kept copy is shown
        # ({% kept_fragment %}: once per content change).
        context["relations"] = SimpleLazyObject(
            lambda: [
                r
                for r in self.relations.select_related("related")
                .only("kind", "related", *link_columns("related"), "related__year", "related__live")
                .order_by("sort_order")
                if r.related.live
            ]
        )
        context["themes"] = SimpleLazyObject(
            lambda: list(related_pages(self, "themes").only(*link_columns()).order_by("title"))
        )
        activities = self.activities
        context["activities"] = SimpleLazyObject(
            lambda: list(
                activities.live()
                .exclude(restricted())
                .only(*link_columns(), *activities.model.when_columns, "event")
                .order_by("-start_date")[:20]
            )
        )
        context["projects"] = SimpleLazyObject(
            lambda: list(
                self.projects.live().exclude(restricted()).only(*link_columns()).order_by("title")
            )
        )
        context["citing_pages"] = SimpleLazyObject(lambda: citing_pages(self))
        context["citation_counts"] = SimpleLazyObject(
            lambda: list(self.citation_counts.filter(count__isnull=False).order_by("source"))
        )
        return context

    @path("", name="page")
    def page_with_signposting(self, request, *args, **kwargs):
        """The page as Wagtail serves it, with FAIR Signposting ``Link`` headers (signposting.org:
        what it is, how to cite it, its authors' ORCID iDs, its metadata and its PDF), so
        harvesters and reference managers need not parse the HTML."""
        response = self.index_route(request, *args, **kwargs)
        response["Link"] = signposting_links(self, request)
        return response

    @path("cite/bibtex/", name="bibtex")
    def bibtex_download(self, request):

        return download(bibtex_entry(self), f"{self.slug}.bib", "application/x-bibtex")

    @path("cite/ris/", name="ris")
    def ris_download(self, request):

        return download(ris_record(self), f"{self.slug}.ris", "application/x-research-info-systems")

    @path("cite/csl-json/", name="csl_json")
    def csl_json_download(self, request):

        return download(
            json.dumps([self.csl_json], ensure_ascii=False, indent=2),
            f"{self.slug}.json",
            "application/vnd.citationstyles.csl+json",
        )


class PublicationAuthor(MemberOrName, Orderable):
    """One author in order: a linked member of the group, or a name typed as printed."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorships",
        help_text=_("Choose a group member; their name links to their page."),
    )
    bibtex_name = models.CharField(max_length=250, blank=True, editable=False)
    equal_contribution = models.BooleanField(
        default=False, help_text=_("Marked * (equal contribution).")
    )
    corresponding = models.BooleanField(
        default=False, help_text=_("Marked † (corresponding author).")
    )
    organisation = models.BooleanField(
        _("group or organisation"),
        default=False,
        help_text=_(
            "Tick when the author is a consortium, network or team rather than a person: the "
            "name is printed as typed, never as family and given names."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("name")]),
        FieldRowPanel(
            [
                FieldPanel("equal_contribution"),
                FieldPanel("corresponding"),
                FieldPanel("organisation"),
            ]
        ),
    ]

    missing_person_message = _("Choose a group member or type the author's name.")

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def save(self, *args, **kwargs):
        self.fill_bibtex_name()
        super().save(*args, **kwargs)

    def fill_bibtex_name(self) -> None:
        """Keep 'von Last, Jr, First' for exports; imports set it exactly, editors' names are split.
        A group author is kept in braces, BibTeX's way of saying "one name, print as is"."""
        if self.organisation and self.name:
            bare = self.name.replace("{", "").replace("}", "")
            self.bibtex_name = f"{{{bare}}}"
        elif self.name and is_literal_name(self.bibtex_name):
            self.bibtex_name = bibtex_name_for_display_name(self.name)  # no longer a group
        elif self.name and (
            not self.bibtex_name or display_name_from_bibtex(self.bibtex_name) != self.name
        ):
            self.bibtex_name = bibtex_name_for_display_name(self.name)
        elif not self.name and self.person_id:
            self.bibtex_name = f"{self.person.family_name}, {self.person.given_names}".strip(", ")

    def __str__(self):
        return self.display_name


class PublicationLink(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(
        max_length=20, choices=LinkKind.choices, help_text=_("What the link points to.")
    )
    url = models.URLField(blank=True, help_text=_("An address elsewhere..."))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("...or a file uploaded here (slides, poster, PDF)."),
    )
    label = models.CharField(
        max_length=60, blank=True, help_text=_("Leave empty to use the kind's name.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("url"), FieldPanel("document")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("link")

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.document_id):
            message = _("Give an address or choose a document, not both.")
            raise ValidationError({"url": message, "document": message})

    @property
    def href(self) -> str:
        return self.url or (self.document.url if self.document else "")

    @property
    def text(self) -> str:
        return self.label or self.get_kind_display()

    @property
    def icon(self) -> str:
        return LINK_ICONS.get(self.kind, "link")


class PublicationAward(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(max_length=200, help_text=_("e.g. 'Best paper award, ICML 2024'."))

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("award")

    def __str__(self):
        return self.name


class PublicationRelation(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="relations")
    related = models.ForeignKey(
        PublicationPage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The other publication."),
    )
    kind = models.CharField(
        max_length=20,
        choices=RelationKind.choices,
        default=RelationKind.RELATED,
        help_text=_("What the other one is to this one."),
    )

    panels = [FieldRowPanel([FieldPanel("related"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = _("related publication")

    def clean(self):
        super().clean()
        if self.related_id and self.related_id == self.page_id:
            raise ValidationError({"related": _("A publication cannot be related to itself.")})


#: How each kind of output is typed for Signposting and JSON-LD (schema.org).
SCHEMA_TYPES = {
    "dataset": "Dataset",
    "software": "SoftwareSourceCode",
    "book": "Book",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "report": "Report",
}


def signposting_links(page: PublicationPage, request) -> str:
    """The page's Signposting (https://signposting.org/FAIR/) as one ``Link`` header value."""
    here = page.get_full_url(request)
    schema_type = SCHEMA_TYPES.get(page.publication_type, "ScholarlyArticle")
    links = [
        (page.doi_url or here, 'rel="cite-as"'),
        (f"https://schema.org/{schema_type}", 'rel="type"'),
        ("https://schema.org/AboutPage", 'rel="type"'),
    ]
    links += [
        (f"https://orcid.org/{credit.orcid}", 'rel="author"')
        for credit in page.credited_for(request)
        if credit.orcid
    ]
    for route, media_type in (
        ("bibtex", "application/x-bibtex"),
        ("ris", "application/x-research-info-systems"),
        ("csl_json", "application/vnd.citationstyles.csl+json"),
    ):
        links.append(
            (here + page.reverse_subpage(route), f'rel="describedby"; type="{media_type}"')
        )
    pdf = next((chip["href"] for chip in page.chips if chip["kind"] == "pdf"), "")
    if pdf:
        links.append((request.build_absolute_uri(pdf), 'rel="item"; type="application/pdf"'))
    # Addresses come from validated fields; a quote or angle bracket would end the header's
    # syntax, so they are percent-encoded.
    return ", ".join(f"<{_header_safe(address)}>; {params}" for address, params in links)


def _header_safe(address: str) -> str:
    return address.replace("<", "%3C").replace(">", "%3E").replace('"', "%22")
