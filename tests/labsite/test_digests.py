"""Digests: built once per list and period, queued in batches, never sent twice (re-runs,
crashes mid-build, crashes between queueing and sending), suppression and bounces respected."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from labsite.mail import delivery as outbox_mail
from labsite.models import (
    DigestDelivery,
    DigestRun,
    OutboxEmail,
    Subscriber,
    Subscription,
    Suppression,
)
from labsite.subscriptions import digests
from research.models import FeedPaper, PaperFeedPage

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# The digest for Tuesday 11 March 2031 (London: GMT), sent the next morning.
SHARED_AT = datetime.datetime(2031, 3, 11, 10, 0, tzinfo=UTC)
NEXT_MORNING = datetime.datetime(2031, 3, 12, 7, 0, tzinfo=UTC)


def make_subscribers(count, list_key="papers", frequency="daily", prefix="reader"):
    site = Site.objects.get(is_default_site=True)
    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(
                site=site,
                email=f"{prefix}{n}@example.org",
                confirmed_at=datetime.datetime(2031, 1, 1, tzinfo=UTC),
            )
            for n in range(count)
        ]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, list_key=list_key, frequency=frequency) for s in subscribers]
    )
    return subscribers


@pytest.fixture
def feed_paper():
    return FeedPaper.objects.create(
        feed=PaperFeedPage.objects.get(),
        url="https://example.org/digest-paper",
        title="A paper for the digest",
        authors="Ada Lovelace",
        abstract="Why it matters.",
        added_at=SHARED_AT,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_running_twice_sends_each_subscriber_one_email(
    feed_paper, django_capture_on_commit_callbacks
):
    make_subscribers(7)
    with django_capture_on_commit_callbacks(execute=True):
        report = digests.send_digests(NEXT_MORNING)
    assert len(mail.outbox) == 7
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
        digests.send_digests(NEXT_MORNING + datetime.timedelta(hours=5))
    assert len(mail.outbox) == 7
    assert recipients() == sorted(f"reader{n}@example.org" for n in range(7))
    today = [row for row in report if row["period"] == "2031-03-11"]
    site = Site.objects.get(is_default_site=True).hostname
    assert today == [
        {
            "site": site,
            "list": "papers",
            "frequency": "daily",
            "period": "2031-03-11",
            "items": 1,
            "queued": 7,
        }
    ]
    run = DigestRun.objects.get(period_start__date=datetime.date(2031, 3, 11))
    assert run.recipient_count == 7 and run.finished_at is not None
    # The day before had nothing: a run is recorded, nobody is mailed.
    empty = DigestRun.objects.get(period_start__date=datetime.date(2031, 3, 10))
    assert empty.item_count == 0 and empty.deliveries.count() == 0


def test_a_crash_while_queueing_resumes_without_duplicates(
    feed_paper, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.DIGEST_BATCH_SIZE = 2
    make_subscribers(5)
    original = DigestDelivery.objects.bulk_create
    calls = {"n": 0}

    def crash_on_second_batch(objs, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return original(objs, *args, **kwargs)

    monkeypatch.setattr(DigestDelivery.objects, "bulk_create", crash_on_second_batch)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        digests.send_digests(NEXT_MORNING, only="papers")
    assert len(mail.outbox) == 2  # the first batch went out; the second rolled back whole
    assert OutboxEmail.objects.filter(purpose="digest").count() == 2
    monkeypatch.setattr(DigestDelivery.objects, "bulk_create", original)
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING, only="papers")
    assert recipients() == sorted(f"reader{n}@example.org" for n in range(5))
    assert DigestRun.objects.get(item_count=1).recipient_count == 5


def test_a_crash_between_queueing_and_sending_is_finished_by_the_outbox(
    feed_paper, django_capture_on_commit_callbacks
):
    make_subscribers(4)
    with django_capture_on_commit_callbacks(execute=False):  # the process dies after commit
        digests.send_digests(NEXT_MORNING)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)  # queues nothing more
    assert mail.outbox == []
    outbox_mail.send_due()  # cron's send_queued_email
    outbox_mail.send_due()
    assert len(mail.outbox) == 4


def test_a_message_claimed_by_another_sender_is_not_sent_again(
    feed_paper, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    with django_capture_on_commit_callbacks(execute=False):
        digests.send_digests(NEXT_MORNING)
    pks = list(OutboxEmail.objects.filter(purpose="digest").values_list("pk", flat=True))
    outbox_mail.deliver_many(pks)
    outbox_mail.deliver_many(pks)  # a duplicated task
    assert len(mail.outbox) == 3


def test_only_subscribers_confirmed_before_the_period_ended_get_it(
    feed_paper, django_capture_on_commit_callbacks
):
    (late,) = make_subscribers(1, prefix="late")
    late.confirmed_at = NEXT_MORNING - datetime.timedelta(hours=1)
    late.save()
    make_subscribers(1, prefix="early")
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
    assert recipients() == ["early0@example.org"]


def test_suppressed_addresses_are_never_mailed(feed_paper, django_capture_on_commit_callbacks):
    make_subscribers(3)
    Suppression.objects.create(email="reader1@example.org", reason="complaint")
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
    assert recipients() == ["reader0@example.org", "reader2@example.org"]


def test_an_address_suppressed_after_queueing_is_skipped_at_sending(
    feed_paper, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    with django_capture_on_commit_callbacks(execute=False):
        digests.send_digests(NEXT_MORNING)
    Suppression.objects.create(email="reader0@example.org", reason="bounce")
    outbox_mail.send_due()
    assert recipients() == ["reader1@example.org"]
    assert OutboxEmail.objects.get(to=["reader0@example.org"]).status == "failed"


def test_a_permanent_refusal_suppresses_the_address(
    feed_paper, settings, django_capture_on_commit_callbacks
):
    from tests.support.mail_backends import RefusingSMTPBackend

    settings.EMAIL_BACKEND = "tests.support.mail_backends.RefusingSMTPBackend"
    RefusingSMTPBackend.refused = {"reader1@example.org"}
    make_subscribers(3)
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
    assert recipients() == ["reader0@example.org", "reader2@example.org"]
    refused = OutboxEmail.objects.get(to=["reader1@example.org"])
    assert refused.status == "failed" and refused.attempts == 1  # no retries for a 550
    suppression = Suppression.objects.get(email="reader1@example.org")
    assert suppression.reason == "bounce" and "No such user" in suppression.note
    RefusingSMTPBackend.refused = set()


def test_weekly_digest_covers_monday_to_sunday(django_capture_on_commit_callbacks):
    make_subscribers(1, frequency="weekly")
    feed = PaperFeedPage.objects.get()
    for day, title in [
        (9, "Sunday before"),
        (10, "Monday paper"),
        (16, "Sunday paper"),
        (17, "Next Monday"),
    ]:
        FeedPaper.objects.create(
            feed=feed,
            url=f"https://example.org/{day}",
            title=title,
            added_at=datetime.datetime(2031, 3, day, 12, 0, tzinfo=UTC),
        )
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(datetime.datetime(2031, 3, 17, 8, 0, tzinfo=UTC))
    (message,) = mail.outbox
    assert "Monday paper" in message.body and "Sunday paper" in message.body
    assert "Sunday before" not in message.body and "Next Monday" not in message.body
    assert "week of 10 March 2031" in message.subject


def test_each_list_gets_its_own_items(django_capture_on_commit_callbacks, time_machine):
    from labsite.models import NewsIndexPage, NewsPage

    time_machine.move_to(SHARED_AT)
    index = NewsIndexPage.objects.get()
    news = NewsPage(
        title="We won a prize", slug="prize-2031", date=SHARED_AT.date(), summary="Big day."
    )
    index.add_child(instance=news)
    news.save_revision().publish()
    make_subscribers(1, list_key="news")
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
    (message,) = mail.outbox
    assert "We won a prize" in message.body and "/news/prize-2031/" in message.body
    assert Site.objects.get(is_default_site=True).root_url + "/news/prize-2031/" in message.body
    assert "Group news" in message.subject


def test_send_digests_command_reports_and_explains_bad_arguments(feed_paper):
    import io

    from django.core.management.base import CommandError

    make_subscribers(2)
    out = io.StringIO()
    call_command("send_digests", now="2031-03-12T07:00", stdout=out)
    assert "papers (daily) 2031-03-11: 1 item(s), 2 email(s) queued now." in out.getvalue()
    with pytest.raises(CommandError, match="no list 'nope'"):
        call_command("send_digests", only="nope")
    with pytest.raises(CommandError, match="not a date"):
        call_command("send_digests", now="tomorrow")
    out = io.StringIO()
    call_command("send_digests", schedule=True, stdout=out)
    assert "Not scheduled" in out.getvalue()


# --- admin -------------------------------------------------------------------------------


def test_admin_shows_counts_per_list_and_exports_csv(admin_client_logged_in):
    make_subscribers(3, list_key="papers", frequency="daily")
    make_subscribers(2, list_key="papers", frequency="weekly", prefix="weekly")
    (odd,) = make_subscribers(1, list_key="news", prefix="=cmd|")
    html = admin_client_logged_in.get("/admin/subscribers/").content.decode()
    assert '<th scope="row">Paper feed digest</th><td>3</td><td>2</td><td>5</td>' in html
    assert '<th scope="row">Group news</th><td>1</td><td>0</td><td>1</td>' in html
    filtered = admin_client_logged_in.get("/admin/subscribers/?list_key=news").content.decode()
    assert "=cmd|0@example.org" in filtered and "reader0@example.org" not in filtered
    response = admin_client_logged_in.get("/admin/subscribers/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "reader0@example.org" in body and "Paper feed digest (daily)" in body
    assert "'=cmd|0@example.org" in body  # not a formula in a spreadsheet


def test_editors_suppress_and_lift_an_address(
    admin_client_logged_in, django_capture_on_commit_callbacks
):
    response = admin_client_logged_in.post(
        "/admin/suppressions/new/",
        {"email": "Complainer@Example.org", "reason": "complaint", "note": "Marked as spam"},
    )
    assert response.status_code == 302
    suppression = Suppression.objects.get(email="complainer@example.org")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/subscribe/", {"email": "complainer@example.org", "list_news": "daily"})
    assert mail.outbox == []  # suppressed even when subscribing again
    admin_client_logged_in.post(f"/admin/suppressions/delete/{suppression.pk}/")
    assert not Suppression.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/subscribe/", {"email": "complainer@example.org", "list_news": "daily"})
    assert len(mail.outbox) == 1


def test_sent_copies_are_forgotten_after_a_month_but_never_resent(
    feed_paper, django_capture_on_commit_callbacks, time_machine
):
    make_subscribers(2)
    time_machine.move_to(NEXT_MORNING)
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(NEXT_MORNING)
    assert OutboxEmail.objects.filter(purpose="digest").count() == 2
    later = NEXT_MORNING + datetime.timedelta(days=31)
    time_machine.move_to(later)
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(later)
        digests.send_digests(NEXT_MORNING)  # the old period again
    assert OutboxEmail.objects.filter(purpose="digest").count() == 0
    assert DigestDelivery.objects.count() == 2 and len(mail.outbox) == 2
