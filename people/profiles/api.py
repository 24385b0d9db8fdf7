"""/api/v2/people/: the group's people, public fields only (no email address, no account),
filtered by ?role= (a role's name), ?current=true|false and ?q= (words of the name)."""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from labsite.api.views import BadQuery, ReadOnlyAPIView, paged_items, paging, site_pages
from labsite.visibility import restricted
from people.profiles.models import PersonPage


def person_json(person, request) -> dict:
    today = timezone.localdate()
    return {
        "id": person.pk,
        "name": person.title,
        "given_names": person.given_names,
        "family_name": person.family_name,
        "url": request.build_absolute_uri(person.url) if person.url else None,
        "role": person.role.name,
        "current": person.end_date is None or person.end_date >= today,
        "start_date": person.start_date.isoformat() if person.start_date else None,
        "end_date": person.end_date.isoformat() if person.end_date else None,
        "next_position": person.next_position or None,
        "short_bio": person.short_bio,
        "interests": [tag.name for tag in person.interests.all()],
        "accepts_students": person.accepts_students,
        "orcid": person.orcid or None,
        "website": person.website or None,
        "google_scholar": person.google_scholar or None,
        "github": person.github or None,
    }


class PeopleAPI(ReadOnlyAPIView):
    def get(self, request):
        site = Site.find_for_request(request)
        guests = PersonPage.also_in_groups.through.objects.filter(site=site)
        people = (
            PersonPage.objects.live()
            .filter(
                Q(pk__in=site_pages(PersonPage.objects.all(), request).values("pk"))
                | Q(pk__in=guests.values("personpage_id"))
            )
            .exclude(restricted())
            .select_related("role")
            .prefetch_related("interests")
            .defer_streamfields()
            .order_by("role__sort_order", "family_name", "title")
        )
        role = request.GET.get("role", "").strip()
        if role:
            people = people.filter(role__name__iexact=role)
        current = request.GET.get("current", "")
        today = timezone.localdate()
        is_current = Q(end_date__isnull=True) | Q(end_date__gte=today)
        if current == "true":
            people = people.filter(is_current)
        elif current == "false":
            people = people.exclude(is_current)
        elif current:
            raise BadQuery("current must be 'true' or 'false'")
        for word in request.GET.get("q", "").split()[:8]:
            people = people.filter(title__icontains=word)
        total = people.count()
        offset, limit = paging(request, total)
        items = [person_json(p, request) for p in people[offset : offset + limit]]
        return paged_items(request, items, total, offset, limit)
