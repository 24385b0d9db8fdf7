"""/api/v2/publications/: the group's publications as CSL-JSON or BibTeX, filtered as on the
publications page (q, year, type, status, theme, member), paged with offset and limit."""

from django.http import HttpResponse

from labsite.api.views import BadQuery, ReadOnlyAPIView, paged, paging, site_pages
from research.publications.exports import to_bibtex, to_csl_json
from research.publications.index_page import PublicationIndexPage
from research.publications.models import with_author_rows

FORMATS = {
    "csl-json": (to_csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
    "bibtex": (to_bibtex, "application/x-bibtex; charset=utf-8"),
}


def filtered(request):
    """The publications a request asks for, as the public list would show them."""
    index = site_pages(PublicationIndexPage.objects.live(), request).first()
    if index is None:
        return None, None
    publications, filters = index.filtered(request)
    if filters.form.errors:
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filters.form.errors.items()
        )
        raise BadQuery(f"{problems} (the publications page lists the values it accepts)")
    return publications, filters


class PublicationsAPI(ReadOnlyAPIView):
    export = "csl-json"

    def get(self, request):
        publications, _filters = filtered(request)
        render, content_type = FORMATS[self.export]
        if publications is None:
            return HttpResponse(render([]), content_type=content_type)
        total = publications.count()
        offset, limit = paging(request, total)
        chosen = list(with_author_rows(publications[offset : offset + limit]))
        response = HttpResponse(render(chosen), content_type=content_type)
        return paged(response, request, total, offset, limit)


class PublicationsBibtexAPI(PublicationsAPI):
    export = "bibtex"
