"""The page tree an editor sees is the URL structure a visitor sees: creation rules per type."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from labsite.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from people.models import OpeningIndexPage, OpeningPage, PeopleIndexPage, PersonPage
from research.models import (
    ActivityPage,
    EngagementIndexPage,
    PublicationIndexPage,
    PublicationPage,
    ResearchIndexPage,
    ResearchThemePage,
)

INDEX_TO_DETAIL = [
    (ResearchIndexPage, ResearchThemePage),
    (PublicationIndexPage, PublicationPage),
    (PeopleIndexPage, PersonPage),
    (OpeningIndexPage, OpeningPage),
    (NewsIndexPage, NewsPage),
    (EngagementIndexPage, ActivityPage),
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_goes_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_index_pages_go_under_the_home_page(self):
        for index, _detail in INDEX_TO_DETAIL:
            with self.subTest(index=index.__name__):
                self.assertCanCreateAt(HomePage, index)
                self.assertCanNotCreateAt(StandardPage, index)
                self.assertCanNotCreateAt(Page, index)

    def test_detail_pages_go_only_under_their_index(self):
        for index, detail in INDEX_TO_DETAIL:
            with self.subTest(detail=detail.__name__):
                self.assertCanCreateAt(index, detail)
                self.assertCanNotCreateAt(HomePage, detail)
                self.assertCanNotCreateAt(StandardPage, detail)
                for other_index, _ in INDEX_TO_DETAIL:
                    if other_index is not index:
                        self.assertCanNotCreateAt(other_index, detail)

    def test_detail_pages_have_no_children(self):
        for _index, detail in INDEX_TO_DETAIL:
            with self.subTest(detail=detail.__name__):
                self.assertAllowedSubpageTypes(detail, {})

    def test_standard_pages_nest(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_only_one_index_of_each_kind_per_home_page(self):
        home = HomePage.objects.get(slug="home")
        for index, _detail in INDEX_TO_DETAIL:
            with self.subTest(index=index.__name__):
                self.assertFalse(index.can_create_at(home), "the demo already has one")
