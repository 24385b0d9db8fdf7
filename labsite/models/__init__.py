from .funding import Grant
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .outbox import OutboxEmail
from .pages import HomePage, IndexPage, StandardPage
from .scheduling import PeriodicJobRun
from .site_settings import SiteSettings
from .subscriptions import (
    DigestDelivery,
    DigestRun,
    Frequency,
    Subscriber,
    Subscription,
    Suppression,
    SuppressionReason,
)

__all__ = [
    "DigestDelivery",
    "DigestRun",
    "Frequency",
    "Subscriber",
    "Subscription",
    "Suppression",
    "SuppressionReason",
    "Grant",
    "HomePage",
    "IndexPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OutboxEmail",
    "PeriodicJobRun",
    "SiteSettings",
    "StandardPage",
]
