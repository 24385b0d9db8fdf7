"""What the core itself collects: visitor statistics, email subscriptions, accessibility
reports, and the sign-ins of the people who edit the site."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from labsite import analytics
from labsite.privacy.parts import PrivacyPart, register


def _statistics(site: Site) -> list[str]:
    from labsite.models import SiteSettings

    provider = SiteSettings.for_site(site).analytics_provider
    if not provider:
        return [_("We do not count visits: the site sets no cookies for statistics.")]
    name = dict(analytics.PROVIDERS).get(provider, provider)
    if provider in analytics.NEEDS_CONSENT:
        return [
            _(
                "We count visits with %(service)s only if you agree in the banner shown on your "
                "first visit. It sets cookies and its provider processes your address and "
                "browser details. You can change your choice at any time with the Privacy "
                "choices link at the foot of every page."
            )
            % {"service": name}
        ]
    return [
        _(
            "We count visits with %(service)s. It sets no cookies and keeps no information "
            "that identifies you; browsers that ask not to be tracked are not counted."
        )
        % {"service": name}
    ]


def _subscriptions(site: Site) -> list[str]:
    return [
        _(
            "If you subscribe to news by email, we keep your email address and the lists you "
            "chose, only to send them. Subscribing takes a confirmation from your inbox; every "
            "email has a link to change your choices or unsubscribe, and unsubscribing from "
            "everything deletes your address."
        )
    ]


def _accessibility_reports(site: Site) -> list[str]:
    return [
        _(
            "If you report an accessibility problem, we keep what you wrote and, if you give "
            "them, your name and email address, to fix the problem and answer you."
        )
    ]


def _sign_ins(site: Site) -> list[str]:
    return [
        _(
            "For the people who edit this site: we record sign-ins, refused sign-ins and "
            "changes of permissions with the network address they came from, to protect the "
            "site. Administrators can read this record."
        )
    ]


def register_core_parts() -> None:
    register(PrivacyPart("statistics", 10, gettext_lazy("Visitor statistics"), _statistics))
    register(PrivacyPart("subscriptions", 30, gettext_lazy("Email subscriptions"), _subscriptions))
    register(
        PrivacyPart(
            "accessibility", 40, gettext_lazy("Accessibility reports"), _accessibility_reports
        )
    )
    register(PrivacyPart("sign-ins", 90, gettext_lazy("Editors' accounts"), _sign_ins))
