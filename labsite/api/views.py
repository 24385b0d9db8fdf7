"""The pieces every endpoint shares: throttled read-only views, paging, and the index."""

import unicodedata

from django.conf import settings
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from labsite.api.registry import endpoints
from labsite.search import clean_query
from labsite.visibility import restricted

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: No list is this long; a larger offset would overflow the database's integers (a 500).
MAX_OFFSET = 1_000_000_000
#: A query value longer than this is no filter anyone types.
LONGEST_VALUE = 500


class BadQuery(Exception):
    """A query parameter is wrong; the message says which and what it accepts."""


def parameter_problem(query) -> str | None:
    """What is wrong with a request's query parameters as text, or None: a control character
    (a NUL byte reaches PostgreSQL as an error), a value too long to be a filter, a number
    beyond what a list can hold."""
    for name, values in query.lists():
        for value in values:
            if any(unicodedata.category(c) == "Cc" and c not in "\t" for c in value):
                return (
                    f"{name[:40]}: contains a control character (such as a NUL byte); "
                    "send plain text"
                )
            if len(value) > LONGEST_VALUE:
                return f"{name[:40]}: longer than {LONGEST_VALUE} characters"
    for name, largest in (("offset", MAX_OFFSET), ("limit", MAX_LIMIT)):
        value = query.get(name, "").strip()
        if value.isdigit() and int(value) > largest:
            return f"{name}: at most {largest}"
    return None


class ReadOnlyAPIView(APIView):
    """Anonymous, GET only, throttled by the settings' DEFAULT_THROTTLE_CLASSES."""

    permission_classes = [AllowAny]
    authentication_classes = []
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        problem = parameter_problem(request.GET)
        if problem:
            raise BadQuery(problem)

    def handle_exception(self, exc):
        if isinstance(exc, BadQuery):
            return Response({"message": str(exc)}, status=400)
        return super().handle_exception(exc)


def paging(request, total: int) -> tuple[int, int]:
    """(offset, limit) from ?offset=&limit=, checked."""
    try:
        offset = int(request.GET.get("offset", 0))
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise BadQuery("offset and limit must be whole numbers, e.g. ?offset=50&limit=50") from None
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(
            f"offset must be between 0 and {MAX_OFFSET} and limit between 1 and {MAX_LIMIT}"
        )
    return offset, limit


def paged(response, request, total: int, offset: int, limit: int):
    """``response`` with the list's size and its neighbours as headers (``X-Total-Count``, an
    RFC 8288 ``Link`` with first, prev, next and last), so a client can follow the pages
    without reading the body; each address keeps the request's own filters."""

    def address(at: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(at)
        query["limit"] = str(limit)
        return request.build_absolute_uri("?" + query.urlencode())

    response["X-Total-Count"] = str(total)
    last = max(0, (total - 1) // limit * limit)
    links = [(0, "first")]
    if offset > 0:
        links.append((max(0, offset - limit), "prev"))
    if offset + limit < total:
        links.append((offset + limit, "next"))
    links.append((last, "last"))
    response["Link"] = ", ".join(f'<{address(at)}>; rel="{rel}"' for at, rel in links)
    return response


def paged_items(request, items: list, total: int, offset: int, limit: int) -> Response:
    """A JSON list answer: its items, the paging in ``meta``, the same as headers."""
    body = {"meta": {"total_count": total, "offset": offset, "limit": limit}, "items": items}
    return paged(Response(body), request, total, offset, limit)


def site_pages(queryset, request):
    """A page queryset cut to the request's site: each group's API shows its own content."""
    from labsite.sections import in_current_site

    return in_current_site(queryset, request)


class _CleanedSearch:
    """A request as a filter sees it, with ``?search=`` as plain words (labsite.search)."""

    def __init__(self, request):
        self._original = request
        self.GET = request.GET.copy()
        self.GET["search"] = clean_query(request.GET["search"])

    def __getattr__(self, name):
        return getattr(self._original, name)


class PlainWordsSearchFilter(SearchFilter):
    """Wagtail's search filter on plain words: a quote or an operator typed into ``?search=``
    is syntax to SQLite's full-text search (an error, so a 500), not a word."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            request = _CleanedSearch(request)
        return super().filter_queryset(request, queryset, view)


class LabPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint: live, public pages of the request's site; a parameter that
    would reach the database as an error is refused with 400 and its name."""

    filter_backends = [
        PlainWordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        problem = parameter_problem(request.GET)
        if problem:
            raise BadRequestError(problem)

    def get_base_queryset(self):
        # Wagtail's public pages, less the unlisted ones (reachable by their address only).
        return super().get_base_queryset().exclude(restricted())

    def listing_view(self, request):
        response = super().listing_view(request)
        total = response.data.get("meta", {}).get("total_count")
        if total is None:
            return response
        # Wagtail has read and checked offset and limit already (a bad one was a 400); its
        # default limit is documented: 20, or WAGTAILAPI_LIMIT_MAX when that is lower.
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        default = 20 if not limit_max else min(20, limit_max)
        offset = int(request.GET.get("offset", 0))
        limit = int(request.GET.get("limit", default))
        if limit < 1:  # ?limit=0: an empty answer, no pages to link
            return response
        return paged(response, request, total, offset, limit)


class APIIndex(ReadOnlyAPIView):
    def get(self, request):
        listing = {"pages": request.build_absolute_uri(reverse("wagtailapi:pages:listing"))}
        for endpoint in endpoints:
            listing[endpoint.name] = {
                "url": request.build_absolute_uri(f"/api/v2/{endpoint.path}"),
                "description": endpoint.description,
            }
        return Response(
            {
                "endpoints": listing,
                "documentation": "docs/api.md",
                "openapi": request.build_absolute_uri(reverse("api_openapi")),
            }
        )


class OpenAPIDescription(ReadOnlyAPIView):
    """/api/v2/openapi.json: the API's OpenAPI 3 description (labsite.api.openapi)."""

    def get(self, request):
        from labsite.api.openapi import description

        return Response(description())
