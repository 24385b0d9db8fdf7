"""The publication index: grouped by year, filterable, exportable as BibTeX, RIS and CSL-JSON."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from labsite.feeds import FEED_LENGTH, FeedItem, FeedRoutesMixin
from labsite.models.pages import IndexPage
from labsite.visibility import restricted
from research.publications.exports import download, to_bibtex, to_csl_json, to_ris
from research.publications.filters import PublicationFilters

from .models import (
    CARD_COLUMNS,
    UNPUBLISHED_STATUSES,
    PublicationPage,
    publication_queryset,
    with_author_rows,
)
from .site_settings import PublicationSettings

PUBLICATIONS_PER_PAGE = 50


class PublicationIndexPage(FeedRoutesMixin, RoutablePageMixin, IndexPage):
    subpage_types = ["research.PublicationPage"]
    template = "research/publication_index_page.html"

    class Meta:
        verbose_name = _("publication index page")

    def publications(self):
        """Live, public publications below this page, newest first (one query; authors stored)."""
        return (
            publication_queryset()
            .live()
            .exclude(restricted())
            .descendant_of(self)
            .order_by("-year", "-month", "title")
        )

    def show_unpublished(self, request) -> bool:

        return PublicationSettings.for_request(request).show_unpublished

    def filtered(self, request):
        """The publications the request's filters select, with the filters (bound, checked)."""
        filters = PublicationFilters(
            request.GET or None, index_page=self, queryset=self.publications()
        )
        publications = filters.qs
        if not self.show_unpublished(request) and "status" not in filters.active:
            publications = publications.exclude(status__in=UNPUBLISHED_STATUSES)
        return publications, filters

    @path("")
    def listing(self, request):
        publications, filters = self.filtered(request)
        # Fifty entries a page: read only what an entry prints (the exports read everything).
        paginator = Paginator(publications.only(*CARD_COLUMNS), PUBLICATIONS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        year_counts = dict(
            publications.order_by()
            .values_list("year")
            .annotate(n=Count("pk", distinct=True))
            .values_list("year", "n")
        )
        years: dict[int, list[PublicationPage]] = {}
        for publication in page_obj.object_list:
            years.setdefault(publication.year, []).append(publication)
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter_form": filters.form,
                "years": [
                    (year, year_counts.get(year, len(items)), items)
                    for year, items in years.items()
                ],
                "page_obj": page_obj,
                "total": paginator.count,
                "filter_query": query.urlencode(),
            },
        )

    @path("export/bibtex/", name="export_bibtex")
    def export_bibtex(self, request):

        return download(
            to_bibtex(with_author_rows(self.filtered(request)[0])),
            "publications.bib",
            "application/x-bibtex",
        )

    @path("export/ris/", name="export_ris")
    def export_ris(self, request):

        return download(
            to_ris(with_author_rows(self.filtered(request)[0])),
            "publications.ris",
            "application/x-research-info-systems",
        )

    @path("export/csl-json/", name="export_csl_json")
    def export_csl_json(self, request):

        return download(
            to_csl_json(with_author_rows(self.filtered(request)[0])),
            "publications.json",
            "application/vnd.citationstyles.csl+json",
        )

    def feed_title(self, group):
        return f"{group}: new publications"

    def feed_description(self, group):
        return f"Publications added to the {group} website"

    def feed_items(self, request):
        """New publications, most recently added first (not by year: a feed tells what is new)."""
        publications = self.publications().order_by("-first_published_at", "-pk")
        if not self.show_unpublished(request):
            publications = publications.exclude(status__in=UNPUBLISHED_STATUSES)
        return [
            FeedItem(
                title=publication.title,
                link=publication.get_url(request),
                description="\n\n".join(
                    filter(None, [publication.citation_text, publication.abstract])
                ),
                published=publication.first_published_at,
                updated=publication.last_published_at,
                authors=[credit.name for credit in publication.credited],
                categories=[publication.get_status_display()],
            )
            for publication in publications[:FEED_LENGTH]
        ]
