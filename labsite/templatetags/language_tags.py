"""A page's languages: the ``hreflang`` links in the head and the language switcher.

Only translations that are live and public count; a page without any shows no switcher. The
translated pages are kept in memory until the content changes, so no page view asks the
database anything for them.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation

from labsite.pagecache.memo import remember

register = template.Library()


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str
    url: str
    full_url: str
    current: bool


def _translated_pages() -> dict:
    """Every live, public page that has a live, public translation, grouped by translation
    key: read once per content change, so a page view asks the database nothing."""
    from django.db.models import Count
    from wagtail.models import Page

    from labsite.visibility import closed

    # An unlisted page's translations are linked from it (its visitors have its address).
    public = Page.objects.live().exclude(closed())
    keys = (
        public.values("translation_key")
        .annotate(versions=Count("pk"))
        .filter(versions__gt=1)
        .values("translation_key")
    )
    groups: dict = {}
    for page in public.filter(translation_key__in=keys).select_related("locale"):
        groups.setdefault(page.translation_key, []).append(page)
    return groups


@register.simple_tag(takes_context=True)
def page_languages(context, page=None) -> list[PageLanguage]:
    """The page in each language it is published in, the current one included; [] if only one."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    cached = getattr(request, "_labsite_page_languages", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    versions = remember("page-translations", _translated_pages).get(
        getattr(page, "translation_key", None), []
    )
    names = dict(settings.LANGUAGES)
    order = list(names)
    current = translation.get_language()
    languages = []
    for version in versions:
        code = version.locale.language_code
        url = version.get_url(request=request)
        if url:
            languages.append(
                PageLanguage(
                    code,
                    names.get(code, code),
                    url,
                    version.get_full_url(request=request),
                    code == current,
                )
            )
    languages.sort(key=lambda item: order.index(item.code) if item.code in order else len(order))
    if request is not None:
        request._labsite_page_languages = (page.pk, languages)
    return languages
