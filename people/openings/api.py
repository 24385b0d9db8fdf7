"""/api/v2/openings/: PhD and other openings, open ones by default (?state=closed|all)."""

from rest_framework.response import Response

from labsite.api.views import BadQuery, ReadOnlyAPIView, paged_items, paging, site_pages
from people.openings.models import OpeningIndexPage


def opening_json(opening, request) -> dict:
    return {
        "id": opening.pk,
        "title": opening.title,
        "url": request.build_absolute_uri(opening.url) if opening.url else None,
        "kind": opening.kind,
        "summary": opening.summary,
        "funding": opening.funding,
        "start_date": opening.start_date.isoformat() if opening.start_date else None,
        "deadline": opening.deadline.isoformat() if opening.deadline else None,
        "open_until_filled": opening.open_until_filled,
        "is_open": opening.is_open(),
        "application_url": opening.application_url or None,
    }


class OpeningsAPI(ReadOnlyAPIView):
    def get(self, request):
        index = site_pages(OpeningIndexPage.objects.live(), request).first()
        if index is None:
            return Response({"meta": {"total_count": 0}, "items": []})
        state = request.GET.get("state", "open")
        choices = {
            "open": index.open_openings,
            "closed": index.closed_openings,
            "all": lambda: index.openings().order_by("-deadline", "title"),
        }
        if state not in choices:
            raise BadQuery("state must be 'open', 'closed' or 'all'")
        openings = choices[state]()
        total = openings.count()
        offset, limit = paging(request, total)
        items = [opening_json(o, request) for o in openings[offset : offset + limit]]
        return paged_items(request, items, total, offset, limit)
