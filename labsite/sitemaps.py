"""The sitemap of a site: its pages in every language they are published in, each naming
its translations (``<xhtml:link rel="alternate" hreflang>``, as search engines ask).

Wagtail's sitemap lists the pages under the site's home page only; a translated home page is a
sibling of it (wagtail-localize), so the German pages would be missing from every sitemap.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_supported_language_variant
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from labsite.visibility import restricted

#: Where the sitemap leaves each page's translations for ``ServedPage.get_sitemap_urls``.
ALTERNATES_ATTRIBUTE = "labsite_sitemap_alternates"


class SitemapInEveryLanguage(Sitemap):
    def _pages(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_home = Q()
        for home in homes.only("path", "depth"):
            under_a_home |= Page.objects.descendant_of_q(home, inclusive=True)
        # Public and listed: an unlisted page is for those who have its address.
        return Page.objects.filter(under_a_home).live().public().exclude(restricted())

    def items(self):
        if self.request is not None:
            setattr(self.request, ALTERNATES_ATTRIBUTE, self.alternates())
        return self._pages().order_by("path").defer_streamfields().specific()

    def alternates(self) -> dict:
        """Each translated page's languages and addresses, by translation key (one query):
        the default language's version is also the ``x-default``."""
        versions: dict = {}
        pages = (
            self._pages()
            .select_related("locale")
            .only("translation_key", "url_path", "path", "depth", "locale__language_code")
        )
        for page in pages:
            location = page.get_full_url(self.request)
            if location:
                versions.setdefault(page.translation_key, []).append(
                    (page.locale.language_code, location)
                )
        default = get_supported_language_variant(settings.LANGUAGE_CODE)
        found = {}
        for key, languages in versions.items():
            if len(languages) < 2:
                continue
            entries = [{"lang_code": code, "location": url} for code, url in sorted(languages)]
            entries += [
                {"lang_code": "x-default", "location": url}
                for code, url in languages
                if code == default
            ]
            found[key] = entries
        return found
