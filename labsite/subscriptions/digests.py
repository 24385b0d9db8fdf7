"""Building and sending digests: one email per subscriber, list and period, never two.

`send_digests()` looks at the periods that have ended recently (yesterday and the day before
for daily lists; last week for weekly ones). For each list with subscribers at that frequency
it makes the period's run once (content rendered once, with placeholders for each recipient's
links), then queues the recipients in batches: each batch's outbox rows and delivery rows
commit together, and a delivery row is unique per run and address. So running it twice, or
again after a crash in the middle, queues only the recipients still missing, and the outbox's
claim-before-send keeps a resumed delivery from sending anything twice.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from labsite.mail.delivery import enqueue_batch
from labsite.mail.models import OutboxEmail, Suppression
from labsite.models.site_settings import SiteSettings
from labsite.subscriptions import lists as subscriptions
from labsite.subscriptions.models import DigestDelivery, DigestRun, Frequency, Subscription

logger = logging.getLogger(__name__)

MANAGE = "%%LABSITE_MANAGE_URL%%"
UNSUBSCRIBE = "%%LABSITE_UNSUBSCRIBE_URL%%"
LOOKBACK = {Frequency.DAILY: 2, Frequency.WEEKLY: 1}


def batch_size() -> int:
    return settings.DIGEST_BATCH_SIZE


def period_containing(moment: datetime.datetime, frequency: str):
    """(start, end) of the day or ISO week (Monday first) holding ``moment``, local time."""
    local = timezone.localtime(moment)
    day = local.date()
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
        length = datetime.timedelta(days=7)
    else:
        length = datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
    end = datetime.datetime.combine(day + length, datetime.time(0), tzinfo=zone)
    return start, end


def recent_periods(now: datetime.datetime, frequency: str) -> list[tuple]:
    """The last few periods that have ended by ``now``, oldest first."""
    current_start, _end = period_containing(now, frequency)
    periods = []
    end = current_start
    for _n in range(LOOKBACK[frequency]):
        start, _ = period_containing(end - datetime.timedelta(seconds=1), frequency)
        periods.append((start, end))
        end = start
    return list(reversed(periods))


def _group_name(site) -> str:
    return SiteSettings.for_site(site).group_name or site.site_name or "Our group"


def build_run(site, digest_list, frequency, start, end) -> DigestRun:
    """The run for this period, made once: a second caller gets the first one's row."""
    existing = DigestRun.objects.filter(
        site=site, list_key=digest_list.key, frequency=frequency, period_start=start
    ).first()
    if existing is not None:
        return existing
    items = digest_list.items(site, start, end)
    for item in items:
        if item.url.startswith("/"):
            item.url = subscriptions.absolute(site, item.url)
    group = _group_name(site)
    last_day = timezone.localtime(end - datetime.timedelta(seconds=1)).date()
    first_day = timezone.localtime(start).date()
    context = {
        "group": group,
        "list": digest_list,
        "frequency": frequency,
        "items": items,
        "first_day": first_day,
        "last_day": last_day,
        "site_url": site.root_url,
        "manage_url": MANAGE,
        "unsubscribe_url": UNSUBSCRIBE,
    }
    when = (
        first_day.strftime("%-d %B %Y")
        if frequency == Frequency.DAILY
        else f"week of {first_day.strftime('%-d %B %Y')}"
    )
    run = DigestRun(
        site=site,
        list_key=digest_list.key,
        frequency=frequency,
        period_start=start,
        period_end=end,
        item_count=len(items),
        subject=f"{group}: {digest_list.label}, {when}"[:255],
        text_body=render_to_string("labsite/email/digest.txt", context) if items else "",
        html_body=render_to_string("labsite/email/digest.html", context) if items else "",
        finished_at=None if items else timezone.now(),
    )
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        return DigestRun.objects.get(
            site=site, list_key=digest_list.key, frequency=frequency, period_start=start
        )
    return run


def _pending_recipients(run):
    """Subscriptions that should get this run and have not been queued yet, by subscriber id."""
    done = DigestDelivery.objects.filter(run=run).values("email")
    return (
        Subscription.objects.filter(
            list_key=run.list_key,
            frequency=run.frequency,
            subscriber__site_id=run.site_id,
            subscriber__confirmed_at__lt=run.period_end,
        )
        .exclude(subscriber__email__in=done)
        .exclude(subscriber__email__in=Suppression.objects.values("email"))
        .select_related("subscriber")
        .order_by("subscriber_id")
    )


def _personal(run, subscriber, site) -> OutboxEmail:
    manage = subscriptions.manage_url(site, subscriber)
    leave = subscriptions.unsubscribe_url(site, subscriber, run.list_key)
    return OutboxEmail(
        to=[subscriber.email],
        subject=run.subject,
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{run.list_key}.{site.hostname}",
            "Auto-Submitted": "auto-generated",
        },
        text_body=run.text_body.replace(MANAGE, manage).replace(UNSUBSCRIBE, leave),
        html_body=run.html_body.replace(MANAGE, manage).replace(UNSUBSCRIBE, leave),
        source=f"labsite.digest:{run.pk}",
        purpose="digest",
    )


def queue_recipients(run, site, on_batch=None) -> int:
    """Queue the run's missing recipients batch by batch; returns how many were queued now."""
    queued = 0
    while True:
        batch = list(_pending_recipients(run)[: batch_size()])
        if not batch:
            break
        try:
            with transaction.atomic():
                rows = OutboxEmail.objects.bulk_create(
                    [_personal(run, s.subscriber, site) for s in batch]
                )
                DigestDelivery.objects.bulk_create(
                    [
                        DigestDelivery(
                            run=run, subscriber=s.subscriber, email=s.subscriber.email, outbox=row
                        )
                        for s, row in zip(batch, rows, strict=True)
                    ]
                )
                transaction.on_commit(partial(enqueue_batch, [row.pk for row in rows]))
        except IntegrityError:
            # Another sender queued some of these first; ask again for who is still missing.
            continue
        queued += len(batch)
        if on_batch is not None:
            on_batch(queued)
    run.recipient_count = DigestDelivery.objects.filter(run=run).count()
    run.finished_at = timezone.now()
    run.save(update_fields=["recipient_count", "finished_at"])
    return queued


def send_digests(now: datetime.datetime | None = None, only: str | None = None) -> list[dict]:
    """Build and queue every digest due by ``now``; returns one summary per run touched."""
    now = now or timezone.now()
    report = []
    for site in Site.objects.all():
        for digest_list in subscriptions.lists():
            if only and digest_list.key != only:
                continue
            for frequency in digest_list.frequencies:
                wanted = Subscription.objects.filter(
                    list_key=digest_list.key, frequency=frequency, subscriber__site=site
                )
                if not wanted.exists():
                    continue
                for start, end in recent_periods(now, frequency):
                    run = build_run(site, digest_list, frequency, start, end)
                    queued = 0
                    if run.finished_at is None:
                        queued = queue_recipients(run, site)
                    report.append(
                        {
                            "site": site.hostname,
                            "list": digest_list.key,
                            "frequency": str(frequency),
                            "period": f"{start:%Y-%m-%d}",
                            "items": run.item_count,
                            "queued": queued,
                        }
                    )
    forget_sent_copies(now)
    return report


def forget_sent_copies(now: datetime.datetime) -> int:
    """Delete stored copies of digests sent more than DIGEST_KEEP_DAYS ago (20 KB each).

    The delivery rows stay, so a period is still never sent twice."""
    keep = datetime.timedelta(days=settings.DIGEST_KEEP_DAYS)
    deleted, _ = OutboxEmail.objects.filter(
        purpose="digest", status=OutboxEmail.Status.SENT, sent_at__lt=now - keep
    ).delete()
    return deleted
