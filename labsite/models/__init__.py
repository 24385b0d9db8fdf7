from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, IndexPage, StandardPage
from .site_settings import SiteSettings

__all__ = [
    "HomePage",
    "IndexPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "SiteSettings",
    "StandardPage",
]
