"""Where each site's privacy notice is, for every footer (kept until the content changes)."""

from wagtail.models import Site

from labsite.pagecache import memo


def notice_url(site: Site | None) -> str:
    if site is None:
        return ""

    def find() -> str:
        from labsite.privacy.models import PrivacyNoticePage

        page = PrivacyNoticePage.objects.live().public().descendant_of(site.root_page).first()
        return page.get_url(current_site=site) if page else ""

    return memo.remember(f"privacy-notice:{site.pk}", find)
