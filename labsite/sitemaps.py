"""The sitemap of a site: its pages in every language they are published in.

Wagtail's sitemap lists the pages under the site's home page only; a translated home page is a
sibling of it (wagtail-localize), so the German pages would be missing from every sitemap.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SitemapInEveryLanguage(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_home = Q()
        for home in homes.only("path", "depth"):
            under_a_home |= Page.objects.descendant_of_q(home, inclusive=True)
        return (
            Page.objects.filter(under_a_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
