"""The pages every footer links to when a site has them (its privacy notice, its
accessibility statement): one each per site, found once per content change."""

from wagtail.models import Site

from labsite.pagecache import memo


def address_of(site: Site | None, model) -> str:
    """The address of ``site``'s live, public page of type ``model`` on that site, or ''."""
    if site is None:
        return ""

    def find() -> str:
        page = model.objects.live().public().descendant_of(site.root_page).first()
        return page.get_url(current_site=site) if page else ""

    return memo.remember(f"footer-link:{model._meta.label}:{site.pk}", find)


def footer_pages(site: Site | None) -> dict[str, str]:
    from labsite.accessibility.models import AccessibilityStatementPage
    from labsite.privacy.models import PrivacyNoticePage

    return {
        "privacy": address_of(site, PrivacyNoticePage),
        "accessibility": address_of(site, AccessibilityStatementPage),
    }
