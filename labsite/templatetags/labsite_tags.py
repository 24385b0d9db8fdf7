"""Navigation and small presentation helpers used by base.html and components."""

import base64

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from labsite import visibility
from labsite.pagecache import memo
from labsite.security.headers import allow_inline
from labsite.served_page import ROUTE_ATTRIBUTE
from labsite.visibility import restricted

register = template.Library()


@register.simple_tag(takes_context=True)
def brand_style(context, css: str):
    """The group's colours as an inline <style>, allowed by the CSP through its hash."""
    # The CSS is built from a parsed hex colour (SiteSettings.brand_css); escaping it would change
    # the bytes the hash covers, so anything that could close the element is refused instead.
    if not css or "<" in css:
        return ""
    allow_inline(context.get("request"), "style-src", css)
    return mark_safe(f"<style>{css}</style>")  # noqa: S308 - no markup can be in it (checked above)


class _AllowedStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        css = self.nodelist.render(context)
        if "<" in css:
            return ""  # nothing may close the element (the hash covers the bytes as they are)
        allow_inline(context.get("request"), "style-src", css)
        return mark_safe(f"<style>{css}</style>")  # noqa: S308 - checked above


@register.tag("allowed_style")
def allowed_style(parser, token):
    """``{% allowed_style %}css{% endallowed_style %}``: a page's own inline stylesheet, allowed
    by the Content-Security-Policy through its hash (a CV's print layout, say)."""
    nodelist = parser.parse(("endallowed_style",))
    parser.delete_first_token()
    return _AllowedStyleNode(nodelist)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's live children marked 'show in menus', in tree order, each with its
    ``menu_url`` (one query per content change: the menu is on every page)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    root = _localized_root(site)

    def menu() -> list[Page]:
        pages = list(
            Page.objects.child_of(root).live().exclude(restricted()).in_menu().order_by("path")
        )
        # Each item's address, made once: the header and footer print the menu three times,
        # and {% pageurl %} works each address out again (a millisecond on every page).
        for page in pages:
            page.menu_url = page.get_url(request)
        return pages

    return memo.remember(f"main-menu:{site.pk}:{root.pk}", menu)


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The addresses of the site's privacy notice and accessibility statement ('' if none)."""
    from labsite.footer_links import footer_pages as pages

    request = context.get("request")
    return pages(Site.find_for_request(request) if request else None)


@register.simple_tag(takes_context=True)
def site_root(context):
    """The current site's root page (in the page's language, if translated), for 'home'."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return _localized_root(site) if site else None


def _localized_root(site):
    """The site's home page in the active language: the menu and the home link of a German
    page lead to the German pages. Kept in memory, so no query per request."""
    language = translation.get_language()
    if not settings.WAGTAIL_I18N_ENABLED or language == settings.LANGUAGE_CODE:
        return site.root_page
    return memo.remember(
        f"localized-root:{site.pk}:{language}", lambda: site.root_page.localized.specific
    )


@register.simple_tag(takes_context=True)
def ancestors(context, page):
    """The pages above ``page`` below the tree's root, for breadcrumbs: those the request was
    routed through (labsite.served_page), else read from the tree."""
    routed = getattr(context.get("request"), ROUTE_ATTRIBUTE, None)
    if routed and routed[-1].pk == page.pk:
        return [p for p in routed if 1 < p.depth < page.depth]
    return list(page.get_ancestors().filter(depth__gt=1))


@register.filter
def unlisted(page) -> bool:
    """Whether ``page`` is reachable by its address only (it or a page above it is unlisted):
    the base template then asks search engines not to index it."""
    return visibility.is_unlisted(page)


@register.filter
def is_active_section(page, current):
    """True when ``current`` is ``page`` or below it, to mark the menu item."""
    if not page or not current or not hasattr(current, "path"):
        return False
    return current.path.startswith(page.path)


@register.simple_tag
def protected_email(address: str, label: str = ""):
    """An address robots cannot harvest: readable text, turned into a mailto link by site.js.

    The HTML holds no 'mailto:' and no '@'; the encoded form is reversed base64.
    """
    if not address:
        return ""
    user, _, domain = address.partition("@")
    encoded = base64.b64encode(address.encode()).decode()[::-1]
    return format_html(
        '<span class="protected-email" data-e="{}" data-label="{}">{} [at] {}</span>',
        encoded,
        label,
        user,
        domain.replace(".", " [dot] "),
    )


@register.inclusion_tag("components/analytics.html", takes_context=True)
def visitor_statistics(context):
    """The group's statistics service (labsite.analytics): its settings for analytics.js, the
    consent banner when the service needs consent, and the service's origin in the page's CSP."""
    from labsite import analytics
    from labsite.models import SiteSettings
    from labsite.security.headers import allow_source

    request = context.get("request")
    group = SiteSettings.for_request(request) if request is not None else None
    chosen = analytics.configured(group) if group is not None else None
    if chosen is not None:
        for origin in chosen.allowed_origins():
            for directive in ("script-src", "connect-src", "img-src"):
                allow_source(request, directive, origin)
    return {"analytics": chosen}
