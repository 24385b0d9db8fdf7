from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings

__all__ = ["HomePage", "NewsIndexPage", "NewsPage", "NewsPageTag", "SiteSettings", "StandardPage"]
