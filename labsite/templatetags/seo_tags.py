"""Open Graph / Twitter cards and schema.org JSON-LD for every page type."""

from django import template
from django.utils.html import format_html, format_html_join
from wagtail.images.models import AbstractImage

from labsite import structured_data
from labsite.models import SiteSettings
from labsite.renditions import slots

register = template.Library()

# Which field holds a page's picture and words, by the names the page types use.
IMAGE_FIELDS = ("image", "photo")
DESCRIPTION_FIELDS = (
    "search_description",
    "summary",
    "short_bio",
    "introduction",
    "abstract",
    "lay_summary",
)


def page_image(page):
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if isinstance(image, AbstractImage):
            return name, image
    return None, None


def page_description(page) -> str:
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return ""


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's own description; a view's (``meta_description`` in its context); or the
    group's name and tagline, so no page goes without one."""
    page, request = context.get("page"), context.get("request")
    text = page_description(page) if page is not None else ""
    text = text or context.get("meta_description", "")
    if not text and request is not None:
        group = SiteSettings.for_request(request)
        text = ": ".join(filter(None, [group.group_name, group.tagline]))
    return format_html('<meta name="description" content="{}">', text) if text else ""


@register.simple_tag(takes_context=True)
def social_meta(context):
    """og:* and twitter:* tags; the image is a rendition sized for the card, never the original."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return ""
    site_settings = SiteSettings.for_request(request)
    kind, image = page_image(page)
    if image is None and site_settings.logo_id:
        kind, image = "logo", site_settings.logo
    tags = [
        ("og:site_name", site_settings.group_name),
        ("og:title", page.seo_title or page.title),
        # A page type says what it is (``og_type = "article"``); the core names none of them.
        ("og:type", getattr(page, "og_type", "website")),
        ("og:url", page.get_full_url(request)),
        ("og:locale", "en_GB"),
    ]
    description = page_description(page)
    if description:
        tags.append(("og:description", description))
    card = "summary"
    if image is not None:
        rendition = image.get_rendition(
            slots.spec("preview_wide" if kind == "image" else "preview_square")
        )
        tags += [
            ("og:image", request.build_absolute_uri(rendition.url)),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
        ]
        alt = getattr(page, "image_alt", "") or getattr(page, "photo_alt", "")
        if alt:
            tags.append(("og:image:alt", alt))
        card = "summary_large_image" if kind == "image" else "summary"
    properties = format_html_join("\n  ", '<meta property="{}" content="{}">', tags)
    names = [("twitter:card", card), ("twitter:title", page.seo_title or page.title)]
    if description:
        names.append(("twitter:description", description))
    return format_html(
        "{}\n  {}", properties, format_html_join("\n  ", '<meta name="{}" content="{}">', names)
    )


@register.simple_tag(takes_context=True)
def organization_jsonld(context):
    request, page = context.get("request"), context.get("page")
    site_settings = SiteSettings.for_request(request)
    return structured_data.jsonld_script(
        structured_data.organization(site_settings, request, page.url if page else "/")
    )


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, page):
    request = context.get("request")
    site_settings = SiteSettings.for_request(request)
    image_url = page.image.get_rendition(slots.spec("preview_wide")).url if page.image_id else ""
    return structured_data.jsonld_script(
        structured_data.news_article(page, site_settings, request, image_url)
    )


@register.filter
def description(page) -> str:
    """The words search engines and link previews show: the SEO description or the page's own."""
    return page_description(page) if page is not None else ""
