"""/api/v2/activities/: talks, posters, organising, outreach… filtered as on the talks page
(kind, year, member) and by ?when=upcoming|past."""

from rest_framework.response import Response

from labsite.api.views import BadQuery, ReadOnlyAPIView, paged_items, paging, site_pages
from research.engagement.models import EngagementIndexPage


def activity_json(activity, request) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "url": request.build_absolute_uri(activity.url) if activity.url else None,
        "kind": activity.kind,
        "kind_label": activity.get_kind_display(),
        "status": activity.status,
        "event": activity.event,
        "event_url": activity.event_url or None,
        "location": activity.location,
        "online": activity.online,
        "start_date": activity.start_date.isoformat(),
        "end_date": activity.end_date.isoformat() if activity.end_date else None,
        "date_known_to": activity.date_precision,
        "people": [
            {k: v for k, v in credit.items() if k in ("name", "role", "url")}
            for credit in activity.credits
        ],
        "slides_url": activity.slides_url or None,
        "video_url": activity.video_url or None,
    }


def _person(credit: dict, request) -> dict:
    person = {"name": credit.get("name", ""), "role": credit.get("role") or None}
    if credit.get("url"):
        person["url"] = request.build_absolute_uri(credit["url"])
    return person


class ActivitiesAPI(ReadOnlyAPIView):
    def get(self, request):
        from research.engagement.filters import ActivityFilters

        index = site_pages(EngagementIndexPage.objects.live(), request).first()
        if index is None:
            return Response({"meta": {"total_count": 0}, "items": []})
        filters = ActivityFilters(request.GET, index=index)
        if filters.form.errors:
            raise BadQuery("; ".join(f"{k}: {' '.join(v)}" for k, v in filters.form.errors.items()))
        when = request.GET.get("when", "")
        if when not in ("", "upcoming", "past"):
            raise BadQuery("when must be 'upcoming' or 'past'")
        activities = {"upcoming": index.upcoming(), "past": index.past()}.get(
            when, index.activities().order_by("-starts_at")
        )
        activities = filters.apply(activities)
        total = activities.count()
        offset, limit = paging(request, total)
        items = [activity_json(a, request) for a in activities[offset : offset + limit]]
        return paged_items(request, items, total, offset, limit)
