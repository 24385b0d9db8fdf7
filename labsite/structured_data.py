"""schema.org JSON-LD and social-card metadata, built from page fields (nothing typed twice)."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from labsite.renditions import slots


def jsonld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> that no field value can break out of."""
    payload = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url and request is not None else url


def organization(site_settings, request, home_url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchOrganization",
        "name": site_settings.group_name,
        "url": absolute(request, home_url),
    }
    if site_settings.tagline:
        data["description"] = site_settings.tagline
    if site_settings.logo_id:
        data["logo"] = absolute(
            request, site_settings.logo.get_rendition(slots.spec("logo_jsonld")).url
        )
    if site_settings.contact_email:
        data["email"] = site_settings.contact_email
    if site_settings.postal_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(site_settings.postal_address.splitlines()),
        }
    if site_settings.institution:
        parent = {"@type": "CollegeOrUniversity", "name": site_settings.institution}
        if site_settings.institution_url:
            parent["url"] = site_settings.institution_url
        data["parentOrganization"] = parent
    same_as = [block.value["url"] for block in site_settings.profile_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def publisher(site_settings, request, home_url: str) -> dict:
    return {
        "@type": "Organization",
        "name": site_settings.group_name,
        "url": absolute(request, home_url),
    }


def news_article(page, site_settings, request, image_url: str = "") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "datePublished": page.date.isoformat(),
        "url": page.get_full_url(request),
        "publisher": publisher(site_settings, request, "/"),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.summary:
        data["description"] = page.summary
    if image_url:
        data["image"] = [absolute(request, image_url)]
    return data
