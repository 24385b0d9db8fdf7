"""Machine-readable publication metadata: Google Scholar's Highwire tags and schema.org JSON-LD."""

from urllib.parse import urljoin

from django import template
from django.utils.html import format_html_join

from labsite.structured_data import jsonld_script
from research.publications.models import SCHEMA_TYPES

register = template.Library()


@register.simple_tag(takes_context=True)
def coins(context, publication):
    """The publication's COinS span (for reference managers' browser connectors)."""
    from research.publications.coins import coins_span

    request = context.get("request")
    url = ""
    if request is not None:
        # The same (cached) routing {% pageurl %} uses: no query per item.
        relative = publication.get_url(request)
        url = request.build_absolute_uri(relative) if relative else ""
    return coins_span(publication, url)


HIGHWIRE_VENUE = {
    "article": "citation_journal_title",
    "inproceedings": "citation_conference_title",
    "workshop": "citation_conference_title",
    "chapter": "citation_inbook_title",
    "thesis": "citation_dissertation_institution",
    "report": "citation_technical_report_institution",
}


@register.simple_tag
def highwire_tags(page, authors, pdf_url=""):
    """<meta name="citation_*"> tags as Google Scholar's inclusion guidelines describe them;
    ``authors`` are the page's credits (``CreditedModel.credited_for``)."""
    date = f"{page.year}/{page.month:02d}" if page.month else str(page.year)
    tags = [("citation_title", page.title)]
    tags += [("citation_author", author.name) for author in authors]
    tags.append(("citation_publication_date", date))
    if page.venue:
        tags.append((HIGHWIRE_VENUE.get(page.publication_type, "citation_publisher"), page.venue))
    first, _, last = page.pages.partition("-")
    for name, value in (
        ("citation_volume", page.volume),
        ("citation_issue", page.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_publisher", page.publisher),
        ("citation_doi", page.doi),
        ("citation_isbn", page.isbn),
        ("citation_arxiv_id", page.arxiv_id),
        ("citation_abstract_html_url", page.full_url),
        ("citation_pdf_url", pdf_url),
    ):
        if value:
            tags.append((name, value))
    return format_html_join("\n", '<meta name="{}" content="{}">', tags)


def _agent(credit, page) -> dict:
    """A credited person (or group) as a schema.org Person (or Organization)."""
    agent = {"@type": "Organization" if credit.org else "Person", "name": credit.name}
    if credit.url:  # a member's address as stored (relative on a one-site server) made absolute
        agent["url"] = urljoin(page.full_url, credit.url)
    return agent


@register.simple_tag
def scholarly_article_jsonld(page, authors):
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(page.publication_type, "ScholarlyArticle"),
        "headline": page.title[:110],
        "name": page.title,
        "datePublished": f"{page.year}-{page.month:02d}" if page.month else str(page.year),
        "author": [_agent(author, page) for author in authors],
        "url": page.full_url,
    }
    if page.abstract:
        data["abstract"] = page.abstract
    if page.venue and page.publication_type in ("dataset", "software"):
        # Where it is deposited (Zenodo, a software archive): its publisher, not a journal.
        data["publisher"] = {"@type": "Organization", "name": page.venue}
    elif page.venue:
        data["isPartOf"] = {
            "@type": "Periodical" if page.publication_type == "article" else "CreativeWork",
            "name": page.venue,
        }
    identifiers = []
    if page.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi})
        data["sameAs"] = page.doi_url
    if page.swhid:
        identifiers.append({"@type": "PropertyValue", "propertyID": "SWHID", "value": page.swhid})
    if identifiers:
        data["identifier"] = identifiers[0] if len(identifiers) == 1 else identifiers
    if page.version:
        data["version"] = page.version
    code = [chip["href"] for chip in page.link_chips or [] if chip.get("kind") == "code"]
    if page.publication_type == "software" and code:
        data["codeRepository"] = code[0]
    return jsonld_script(data)


#: schema.org's event statuses for an activity's status ("done" and "planned" are scheduled).
EVENT_STATUS = {
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def _partial_date(day, precision: str) -> str:
    """ISO 8601 as precise as the record: "2025", "2025-03" or "2025-03-14"."""
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


@register.simple_tag
def activity_event_jsonld(page, people):
    """A talk or other activity as a schema.org Event: when (only as precise as known), where
    (a place, the web or both), its status and who took part; ``people`` are its credits."""
    if page.start_time and page.date_precision == "day":
        start = page.starts_at.isoformat()
        end = page.ends_at.isoformat()
    else:
        start = _partial_date(page.start_date, page.date_precision)
        end = _partial_date(page.end_date, page.date_precision) if page.end_date else ""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": start,
        "eventStatus": EVENT_STATUS.get(page.status, "https://schema.org/EventScheduled"),
        "url": page.full_url,
    }
    if end:
        data["endDate"] = end
    places = []
    if page.location or page.event:
        place = {"@type": "Place", "name": page.event or page.location}
        if page.location:
            place["address"] = page.location
        places.append(place)
    if page.online:
        places.append({"@type": "VirtualLocation", "url": page.event_url or page.full_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(places) == 2
            else "https://schema.org/OnlineEventAttendanceMode"
            if page.online
            else "https://schema.org/OfflineEventAttendanceMode"
        )
    if page.abstract:
        data["description"] = page.abstract
    if page.event:
        data["superEvent"] = {"@type": "Event", "name": page.event}
        if page.event_url:
            data["superEvent"]["url"] = page.event_url
    if people:
        data["performer"] = [_agent(person, page) for person in people]
    return jsonld_script(data)
