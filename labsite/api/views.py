"""The pieces every endpoint shares: throttled read-only views, paging, and the index."""

from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.views import PagesAPIViewSet

from labsite.api.registry import endpoints

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class BadQuery(Exception):
    """A query parameter is wrong; the message says which and what it accepts."""


class ReadOnlyAPIView(APIView):
    """Anonymous, GET only, throttled by the settings' DEFAULT_THROTTLE_CLASSES."""

    permission_classes = [AllowAny]
    authentication_classes = []
    http_method_names = ["get", "head", "options"]

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
    if offset < 0 or not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"offset must be 0 or more and limit between 1 and {MAX_LIMIT}")
    return offset, limit


def site_pages(queryset, request):
    """A page queryset cut to the request's site: each group's API shows its own content."""
    from labsite.sections import in_current_site

    return in_current_site(queryset, request)


class LabPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint: live, public pages of the request's site."""


class APIIndex(ReadOnlyAPIView):
    def get(self, request):
        listing = {"pages": request.build_absolute_uri(reverse("wagtailapi:pages:listing"))}
        for endpoint in endpoints:
            listing[endpoint.name] = {
                "url": request.build_absolute_uri(f"/api/v2/{endpoint.path}"),
                "description": endpoint.description,
            }
        return Response({"endpoints": listing, "documentation": "docs/api.md"})
