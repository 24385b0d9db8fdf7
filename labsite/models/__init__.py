from .funding import Grant
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .outbox import OutboxEmail
from .pages import HomePage, IndexPage, StandardPage
from .site_settings import SiteSettings

__all__ = [
    "Grant",
    "HomePage",
    "IndexPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OutboxEmail",
    "SiteSettings",
    "StandardPage",
]
