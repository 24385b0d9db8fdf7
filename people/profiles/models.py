"""People: the people index and each member's profile page."""

import datetime
import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Min, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.utils import timezone
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
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.search import index

from labsite.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from labsite.models.pages import IndexPage
from labsite.page_links import link_columns, related_columns
from labsite.pagecache import expire_at
from labsite.served_page import ServedPage
from labsite.unlisted import UNLISTABLE_PROMOTE_PANELS, Unlistable
from labsite.visibility import restricted
from people.profiles import registry as profile
from people.profiles.career import CareerBlock
from people.profiles.member_permissions import MemberEditable
from people.profiles.snippets import Role, original_roles
from people.profiles.validators import ProfileURLValidator, normalise_orcid, validate_orcid


class PeopleIndexPage(IndexPage):
    """Current members grouped by role, then alumni with where they went next."""

    subpage_types = ["people.PersonPage"]
    template = "people/people_index_page.html"

    class Meta:
        verbose_name = _("people index page")

    def people(self, site=None):
        """Live, public people below this page (and, given the page's ``site``, members of
        other groups who also belong to this one) with what a card needs, in one query plus
        images."""
        here = PersonPage.objects.descendant_of_q(self)
        if site is not None:
            guests = PersonPage.also_in_groups.through.objects.filter(site=site)
            here |= Q(pk__in=guests.values("personpage_id"))
        return (
            PersonPage.objects.live()
            .exclude(restricted())
            .filter(here)
            .select_related("role", "photo")
            # What a card prints (components/person_card.html), not the whole profile.
            .only(
                *link_columns(),
                "photo_alt",
                "start_date",
                "end_date",
                "next_position",
                "short_bio",
                *related_columns(Role, "role"),
                *related_columns(get_image_model(), "photo"),
            )
            .order_by("role__sort_order", "family_name", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        current = Q(end_date__isnull=True) | Q(end_date__gte=today)
        people = self.people(Site.find_for_request(request))
        totals = people.order_by().aggregate(
            alumni=Count("pk", filter=~current),
            next_departure=Min("end_date", filter=current),
            roles=Count("role_id", filter=current, distinct=True),
        )
        if totals["next_departure"]:
            # The page changes when the next member becomes an alumnus.
            expire_at(request, _start_of_day_after(totals["next_departure"]))
        listing = self._listing(request, people, current)
        if listing is not None:
            context.update(listing)
            return context
        # Each role shows its first few people (a window per role, one query) and links to the
        # rest: ROLE_SHORTLIST with a few roles, fewer with many (role_shortlist), so the page
        # stays about the same length at 20 members or 2,000.
        ranked = (
            people.filter(current)
            .annotate(
                place=Window(
                    RowNumber(),
                    partition_by=[F("role_id")],
                    order_by=[F("family_name").asc(), F("title").asc()],
                ),
                in_role=Window(Count("pk"), partition_by=[F("role_id")]),
            )
            .order_by("role__sort_order", "family_name", "title")
        )
        groups: dict[Role, list[PersonPage]] = {}
        sizes: dict[Role, int] = {}
        for person in ranked.filter(place__lte=role_shortlist(totals["roles"])):
            groups.setdefault(person.role, []).append(person)
            sizes[person.role] = person.in_role
        context["role_groups"] = [
            (role, members, sizes[role] if sizes[role] > len(members) else 0)
            for role, members in groups.items()
        ]
        context["alumni"] = list(
            people.filter(~current).order_by("-end_date", "-family_name")[:ROLE_SHORTLIST]
        )
        context["alumni_total"] = totals["alumni"]
        return context

    def _listing(self, request, people, current):
        """Everyone in one role (``?role=<id>``) or every alumnus (``?alumni=1``), a page at a
        time; None for the index itself (also for a role that does not exist)."""
        role_id = request.GET.get("role", "")
        if role_id.isdigit():
            role = Role.objects.filter(pk=int(role_id)).first()
            if role is not None:
                members = people.filter(current, role=role)
                return {
                    "listing_heading": role.in_language().plural_name,
                    "listing_page": Paginator(members, PEOPLE_PER_PAGE).get_page(
                        request.GET.get("page")
                    ),
                    "listing_query": f"role={role.pk}",
                }
        if request.GET.get("alumni") == "1":
            alumni = people.filter(~current).order_by("-end_date", "-family_name")
            return {
                "listing_heading": _("Alumni"),
                "listing_page": Paginator(alumni, PEOPLE_PER_PAGE).get_page(
                    request.GET.get("page")
                ),
                "listing_query": "alumni=1",
                "listing_alumni": True,
            }
        return None


#: The people page shows this many people per role (and alumni), then links to the whole list...
ROLE_SHORTLIST = 24
#: ...and fewer per role (never fewer than ROLE_SHORTLIST_MIN) when that many roles would show
#: more than PEOPLE_CARD_BUDGET current members in all.
ROLE_SHORTLIST_MIN = 8
PEOPLE_CARD_BUDGET = 72


def role_shortlist(roles: int) -> int:
    """How many people each role shows on the people page, given how many roles have people."""
    if roles <= 0:
        return ROLE_SHORTLIST
    return max(ROLE_SHORTLIST_MIN, min(ROLE_SHORTLIST, PEOPLE_CARD_BUDGET // roles))


#: A whole role's list, or the alumni, a page at a time.
PEOPLE_PER_PAGE = 48


def _start_of_day_after(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


class PersonInterestTag(TaggedItemBase):
    content_object = ParentalKey(
        "people.PersonPage", related_name="tagged_interests", on_delete=models.CASCADE
    )


class PersonPage(MemberEditable, Unlistable, ServedPage, Page):
    served_with = ("role", "photo")
    # Where its results come in site search, and its Open Graph type.
    og_type = "profile"
    search_group_order = 10

    given_names = models.CharField(
        max_length=120, blank=True, help_text=_("First and middle names, e.g. 'Ada Maria'.")
    )
    family_name = models.CharField(
        max_length=120, help_text=_("Surname, used to sort people, e.g. 'Lovelace'.")
    )
    citation_name = models.CharField(
        max_length=120,
        blank=True,
        help_text=_(
            "Your name as it appears on papers, e.g. 'A. M. Lovelace'. Used to match you as an author."
        ),
    )
    name_variants = models.TextField(
        blank=True,
        help_text=_(
            "Other spellings found on papers, one per line, e.g. 'Ada Lovelace' or 'A. King'."
        ),
    )
    pronouns = models.CharField(max_length=40, blank=True, help_text=_("Optional, e.g. 'she/her'."))
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="people",
        # A role's translations name the same role: pages always point to the original.
        limit_choices_to=original_roles,
        help_text=_("Their position in the group. Add roles under Snippets > Roles."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A portrait. Set its focal point (on the image's page) to your face: it is cropped square."
        ),
    )
    photo_alt = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Describe the photo for people who cannot see it. Leave empty for 'Photo of <name>'."
        ),
    )
    short_bio = models.TextField(
        max_length=400, blank=True, help_text=_("One or two sentences shown on the people page.")
    )
    biography = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A longer biography for your own page."),
    )
    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("Anything else, in blocks.")
    )
    interests = ClusterTaggableManager(
        through=PersonInterestTag,
        blank=True,
        verbose_name=_("research interests"),
        help_text=_(
            "A few topics, e.g. 'optimisation', 'ocean acoustics'. Press Enter after each."
        ),
    )
    start_date = models.DateField(null=True, blank=True, help_text=_("When they joined the group."))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When they left or will leave. After this day they are listed as alumni."),
    )
    next_position = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For alumni: where they went next, e.g. 'Postdoc at Example University'."),
    )
    accepts_students = models.BooleanField(
        default=False, help_text=_("Tick to show a 'contact me about a PhD' link on this page.")
    )
    email = models.EmailField(
        blank=True,
        help_text=_(
            "Shown as a protected contact link that address-harvesting robots cannot read."
        ),
    )
    website = models.URLField(blank=True, help_text=_("A personal web page."))
    orcid = models.CharField(
        "ORCID iD",
        max_length=40,
        blank=True,
        validators=[validate_orcid],
        help_text=_("16 digits, e.g. 0000-0002-1825-0097, or the full https://orcid.org/ address."),
    )
    offers_cv = models.BooleanField(
        _("offer a CV built from this page"),
        default=False,
        help_text=_(
            "Adds 'CV (PDF)' to the page: positions, education, awards, publications, talks, "
            "projects and supervision from the site, rebuilt whenever they change. Choose and "
            "order its parts under 'CV sections'."
        ),
    )
    watch_arxiv = models.BooleanField(
        _("offer my new arXiv preprints"),
        default=False,
        help_text=_(
            "Once a week, preprints on arXiv under this person's name are offered for review "
            "(with the works of their ORCID record, if it is filled in); nothing is added "
            "without a yes."
        ),
    )
    google_scholar = models.URLField(
        blank=True,
        validators=[ProfileURLValidator("google_scholar")],
        help_text=_("e.g. https://scholar.google.com/citations?user=AbCdEfGhIjK"),
    )
    github = models.URLField(
        "GitHub",
        blank=True,
        validators=[ProfileURLValidator("github")],
        help_text=_("e.g. https://github.com/username"),
    )
    mastodon = models.URLField(
        blank=True,
        validators=[ProfileURLValidator("mastodon")],
        help_text=_("e.g. https://mastodon.social/@username"),
    )
    bluesky = models.URLField(
        blank=True,
        validators=[ProfileURLValidator("bluesky")],
        help_text=_("e.g. https://bsky.app/profile/you.bsky.social"),
    )
    linkedin = models.URLField(
        "LinkedIn",
        blank=True,
        validators=[ProfileURLValidator("linkedin")],
        help_text=_("e.g. https://www.linkedin.com/in/your-name"),
    )
    member_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_page",
        help_text=_(
            "The admin account that may edit this page (changes still need a site editor's approval)."
        ),
    )

    also_in_groups = ParentalManyToManyField(
        "wagtailcore.Site",
        blank=True,
        related_name="+",
        verbose_name=_("also a member of"),
        help_text=_(
            "Other research groups on this website that count this person as a member: their "
            "people pages list them too, with a link to this page. Their page stays here."
        ),
    )

    career = StreamField(
        CareerBlock(),
        blank=True,
        verbose_name=_("positions, education and awards"),
        help_text=_(
            "Your CV lines: positions held, degrees, and awards, each with dates as exactly as "
            "you know them. The page lists them newest first."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("given_names"), FieldPanel("family_name")]),
                FieldRowPanel([FieldPanel("pronouns"), FieldPanel("role")]),
            ],
            heading=_("Name and role"),
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("short_bio"),
        FieldPanel("biography"),
        FieldPanel("interests"),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("next_position"),
                FieldPanel("also_in_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Time in the group"),
        ),
        FieldPanel("career", heading=_("Positions, education and awards")),
        MultiFieldPanel(
            [FieldPanel("citation_name"), FieldPanel("name_variants")], heading=_("Names on papers")
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("accepts_students"),
                FieldPanel("website"),
                FieldPanel("orcid"),
                FieldPanel("watch_arxiv"),
                FieldPanel("google_scholar"),
                FieldPanel("github"),
                FieldPanel("mastodon"),
                FieldPanel("bluesky"),
                FieldPanel("linkedin"),
            ],
            heading=_("Contact and profiles"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("offers_cv"),
                # The sections come from people.cv's registry (the model lives there).
                InlinePanel("cv_sections", label=_("CV section"), heading=_("CV sections")),
            ],
            heading=_("CV"),
        ),
    ]
    account_panels = [FieldPanel("member_user", permission="people.link_member_account")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(details_panels, heading=_("Details and links")),
            ObjectList(UNLISTABLE_PROMOTE_PANELS, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            ObjectList(account_panels, heading=_("Account")),
        ]
    )
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [
        APIField("given_names"),
        APIField("family_name"),
        APIField("pronouns"),
        APIField("short_bio"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("orcid"),
        APIField("website"),
        APIField("accepts_students"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("family_name"),
        index.SearchField("given_names"),
        index.SearchField("citation_name"),
        index.SearchField("short_bio"),
        index.SearchField("biography"),
        index.RelatedFields("interests", [index.SearchField("name")]),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []
    template = "people/person_page.html"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [
            ("link_member_account", "Can link a member's admin account to a person page")
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.orcid:
            try:
                self.orcid = normalise_orcid(self.orcid)
            except ValidationError as error:
                errors["orcid"] = error
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Keep the account link out of revisions: publishing an old draft must not unlink it."""
        obj = super().with_content_json(content)
        obj.member_user_id = self.member_user_id
        return obj

    def names_member(self, user) -> bool:
        """A member edits (not publishes) the one profile page linked to their account."""
        return bool(user.pk) and self.member_user_id == user.pk

    def is_alumnus(self, today=None) -> bool:
        """True once the end date has passed; computed, so nobody has to edit the page."""
        return bool(self.end_date and self.end_date < (today or timezone.localdate()))

    @property
    def alt_text(self) -> str:
        return self.photo_alt or _("Photo of %(name)s") % {"name": self.title}

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def author_names(self) -> list[str]:
        """Every spelling under which this person may appear as an author."""
        names = [self.title, self.citation_name, f"{self.family_name}, {self.given_names}"]
        names += self.name_variants.splitlines()
        return [n.strip() for n in names if n and n.strip(" ,")]

    def profile_links(self) -> list[tuple[str, str]]:
        links = [
            ("Website", self.website),
            ("ORCID", self.orcid_url),
            ("Google Scholar", self.google_scholar),
            ("GitHub", self.github),
            ("Mastodon", self.mastodon),
            ("Bluesky", self.bluesky),
            ("LinkedIn", self.linkedin),
        ]
        return [(label, url) for label, url in links if url]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The interests once for the page and its structured data (a preview: the tags being
        # edited).
        prefetch_related_objects([self], "interests")
        # Read only when the sections are rendered, not when a kept copy is shown
        # ({% kept_fragment %}: once per content change).
        context["profile_sections"] = functools.partial(profile.sections_for, self)
        if self.end_date and not self.is_alumnus():
            expire_at(request, _start_of_day_after(self.end_date))
        return context
