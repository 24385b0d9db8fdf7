"""The core app's models, some defined in its feature packages (mail, news, subscriptions) and
gathered here for Django."""

from labsite.accessibility.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    AccessibilityStatementPage,
)
from labsite.audit.models import AuditEvent
from labsite.mail.models import OutboxEmail, Suppression, SuppressionReason
from labsite.news.models import NewsIndexPage, NewsPage, NewsPageTag
from labsite.privacy.models import PrivacyNoticePage
from labsite.sso.models import ExternalIdentity
from labsite.subscriptions.models import (
    DigestDelivery,
    DigestRun,
    Frequency,
    Subscriber,
    Subscription,
)

from .funding import Grant
from .pages import HomePage, IndexPage, StandardPage
from .scheduling import PeriodicJobRun
from .site_settings import SiteSettings

__all__ = [
    "ExternalIdentity",
    "AccessibilityFeedback",
    "AccessibilitySettings",
    "AccessibilityStatementPage",
    "AuditEvent",
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
    "PrivacyNoticePage",
    "SiteSettings",
    "StandardPage",
]
