"""Email lists visitors subscribe to, and the double opt-in, manage and unsubscribe flows.

Lists are registered by the apps that own their content (the core names no domain app): the
core registers news; research registers the paper feed and new publications; people registers
new openings. Links in emails are signed: the confirmation link carries the whole request and
expires; manage and unsubscribe links never expire and name one subscriber.
"""

import datetime
import hashlib

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labsite import ratelimit
from labsite.mail.delivery import queue_email
from labsite.mail.models import Suppression
from labsite.subscriptions.models import Frequency, Subscriber, Subscription
from labsite.subscriptions.registry import (  # noqa: F401  (the lists' API, used through this module)
    DigestItem,
    DigestList,
    get_list,
    list_label,
    lists,
    register_list,
)

# Signing salts: links already in people's inboxes depend on them, so they keep their
# original names whatever the module is called.
CONFIRM_SALT = "labsite.subscriptions.confirm"
LINK_SALT = "labsite.subscriptions.link"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email=normalise_email(email)).exists()


def confirm_days() -> int:
    return settings.SUBSCRIPTION_CONFIRM_DAYS


# --- signed links ---------------------------------------------------------------------------


def _email_tag(email: str) -> str:
    """Binds a link to the address, so a link survives nothing but its own subscriber."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:12]


def confirm_token(site_id: int, email: str, choices: dict[str, str]) -> str:
    payload = {"site": site_id, "email": normalise_email(email), "lists": choices}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


class LinkError(Exception):
    """The link cannot be used; the message says why and what to do."""


def read_confirm_token(token: str) -> dict:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_days() * 86400)
    except signing.SignatureExpired:
        raise LinkError(
            _(
                "This confirmation link has expired: links work for %(days)s days. "
                "Subscribe again below to get a new one."
            )
            % {"days": confirm_days()}
        ) from None
    except signing.BadSignature:
        raise LinkError(
            _(
                "This confirmation link is not valid: it may have been cut short or changed. "
                "Copy the whole link from the email, or subscribe again below."
            )
        ) from None


def subscriber_token(subscriber: Subscriber, list_key: str = "") -> str:
    return signing.dumps([subscriber.pk, _email_tag(subscriber.email), list_key], salt=LINK_SALT)


def read_subscriber_token(token: str) -> tuple[Subscriber | None, str]:
    """(subscriber, list key) named by a manage or unsubscribe link; None once they have gone."""
    try:
        pk, tag, list_key = signing.loads(token, salt=LINK_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError(
            _(
                "This link is not valid: it may have been cut short or changed. Use the whole "
                "link from one of our emails."
            )
        ) from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is not None and _email_tag(subscriber.email) != tag:
        subscriber = None
    return subscriber, list_key


def absolute(site, path: str) -> str:
    return site.root_url.rstrip("/") + path


def manage_url(site, subscriber) -> str:
    return absolute(site, reverse("subscription_manage", args=[subscriber_token(subscriber)]))


def unsubscribe_url(site, subscriber, list_key: str) -> str:
    return absolute(
        site, reverse("subscription_unsubscribe", args=[subscriber_token(subscriber, list_key)])
    )


# --- the flows ------------------------------------------------------------------------------


def request_subscription(site, email: str, choices: dict[str, str], group_name: str) -> bool:
    """Email a confirmation link for ``choices`` ({list key: frequency}) unless the address is
    suppressed or was sent too many links today. Returns whether an email was queued; callers
    show the same page either way, so no page reveals anything about an address."""
    email = normalise_email(email)
    if is_suppressed(email):
        return False
    limit = settings.SUBSCRIPTION_CONFIRMATIONS_PER_DAY
    if not ratelimit.hit("subscribe-address", email, limit, 86400).allowed:
        return False
    token = confirm_token(site.pk, email, choices)
    queue_email(
        to=[email],
        subject=_("Confirm your subscription to %(group)s") % {"group": group_name},
        template="labsite/email/confirm_subscription",
        context={
            "group": group_name,
            "lists": [list_label(key) for key in choices],
            "confirm_url": absolute(site, reverse("subscription_confirm", args=[token])),
            "days": confirm_days(),
        },
        source=f"labsite.subscribe:{_email_tag(email)}",
        purpose="subscription-confirmation",
    )
    return True


@transaction.atomic
def confirm(payload: dict, now: datetime.datetime | None = None) -> Subscriber:
    """Apply a confirmed request; confirming twice changes nothing the second time."""
    now = now or timezone.now()
    subscriber, _created = Subscriber.objects.get_or_create(
        site_id=payload["site"], email=payload["email"], defaults={"confirmed_at": now}
    )
    for key, frequency in payload["lists"].items():
        if get_list(key) is None or frequency not in Frequency.values:
            continue
        Subscription.objects.update_or_create(
            subscriber=subscriber, list_key=key, defaults={"frequency": frequency}
        )
    return subscriber


@transaction.atomic
def update_choices(subscriber: Subscriber, choices: dict[str, str]) -> None:
    subscriber.subscriptions.exclude(list_key__in=list(choices)).delete()
    for key, frequency in choices.items():
        Subscription.objects.update_or_create(
            subscriber=subscriber, list_key=key, defaults={"frequency": frequency}
        )
    if not choices:
        subscriber.delete()


def unsubscribe(subscriber: Subscriber, list_key: str = "") -> None:
    """Leave one list, or every list when ``list_key`` is empty (the subscriber is then forgotten)."""
    with transaction.atomic():
        if list_key:
            subscriber.subscriptions.filter(list_key=list_key).delete()
        if not list_key or not subscriber.subscriptions.exists():
            subscriber.delete()
