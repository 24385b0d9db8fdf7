"""Subscribing by email: double opt-in, links that expire or are tampered with, managing and
unsubscribing (page and RFC 8058 one-click), suppression, and nothing that reveals an address."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client

from labsite.models import Subscriber, Subscription, Suppression
from labsite.subscriptions import digests

pytestmark = pytest.mark.django_db


def subscribe(client, capture, email="reader@example.org", **lists):
    data = {"email": email, **{f"list_{key}": value for key, value in lists.items()}}
    with capture(execute=True):
        return client.post("/subscribe/", data)


def confirm_link(message) -> str:
    return re.search(r"http://[^\s]+/subscribe/confirm/[^\s]+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_double_opt_in_end_to_end(client, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, papers="weekly", news="daily")
    assert response.status_code == 302 and response["Location"] == "/subscribe/sent/"
    assert "Check your inbox" in client.get("/subscribe/sent/").content.decode()
    assert not Subscriber.objects.filter(email="reader@example.org").exists()  # not yet
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "Paper feed digest" in message.body and "Group news" in message.body
    link = path_of(confirm_link(message))

    page = client.get(link)  # a link checker opening it subscribes nobody
    assert page.status_code == 200 and "Confirm your subscription" in page.content.decode()
    assert not Subscriber.objects.filter(email="reader@example.org").exists()

    done = client.post(link)
    assert "You are subscribed" in done.content.decode()
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert dict(subscriber.subscriptions.values_list("list_key", "frequency")) == {
        "papers": "weekly",
        "news": "daily",
    }
    # Confirming twice is harmless.
    again = client.post(link)
    assert again.status_code == 200
    assert Subscription.objects.filter(subscriber=subscriber).count() == 2
    assert Subscriber.objects.filter(email="reader@example.org").count() == 1


def test_subscribing_again_adds_lists_after_confirmation(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, papers="daily")
    client.post(path_of(confirm_link(mail.outbox[0])))
    subscribe(
        client, django_capture_on_commit_callbacks, email="READER@example.org ", openings="weekly"
    )
    client.post(path_of(confirm_link(mail.outbox[1])))
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert dict(subscriber.subscriptions.values_list("list_key", "frequency")) == {
        "papers": "daily",
        "openings": "weekly",
    }


def test_no_page_reveals_whether_an_address_is_subscribed(
    client, django_capture_on_commit_callbacks
):
    Suppression.objects.create(email="bounced@example.org", reason="bounce")
    subscribe(client, django_capture_on_commit_callbacks, email="known@example.org", news="daily")
    client.post(path_of(confirm_link(mail.outbox[0])))
    mail.outbox.clear()
    responses = [
        subscribe(client, django_capture_on_commit_callbacks, email=address, news="daily")
        for address in ("new@example.org", "known@example.org", "bounced@example.org")
    ]
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, "/subscribe/sent/")}
    # The suppressed address gets nothing; the others a confirmation each.
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.org", "new@example.org"]


def test_expired_and_tampered_confirmation_links_are_explained(
    client, django_capture_on_commit_callbacks, time_machine
):
    subscribe(client, django_capture_on_commit_callbacks, papers="daily")
    link = path_of(confirm_link(mail.outbox[0]))
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.get(tampered)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert client.post(tampered).status_code == 400
    from django.utils import timezone

    time_machine.move_to(timezone.now() + datetime.timedelta(days=3, hours=1))
    response = client.post(link)
    assert response.status_code == 400
    html = response.content.decode()
    assert "has expired" in html and "3 days" in html and 'action="/subscribe/"' in html
    assert not Subscriber.objects.filter(email="reader@example.org").exists()


def test_form_errors_are_specific_and_keep_input(client):
    html = client.post(
        "/subscribe/", {"email": "not-an-address", "list_news": "daily"}
    ).content.decode()
    assert "Enter an email address like name@example.org." in html
    assert 'value="not-an-address"' in html
    html = client.post("/subscribe/", {"email": "a@example.org"}).content.decode()
    assert "Choose at least one list" in html and 'value="a@example.org"' in html
    html = client.post(
        "/subscribe/", {"email": "a@example.org", "list_news": "hourly"}
    ).content.decode()
    assert "Select a valid choice" in html


def test_bots_filling_the_hidden_field_get_the_same_page_and_no_email(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/subscribe/",
            {"email": "bot@example.org", "list_news": "daily", "homepage": "http://spam"},
        )
    assert response["Location"] == "/subscribe/sent/" and mail.outbox == []


def test_one_address_is_sent_at_most_three_links_a_day(client, django_capture_on_commit_callbacks):
    for _ in range(5):
        subscribe(
            client, django_capture_on_commit_callbacks, email="target@example.org", news="daily"
        )
    assert len(mail.outbox) == 3


def test_the_subscribe_page_preselects_the_list_it_came_from(client):
    html = client.get("/subscribe/?list=papers").content.decode()
    assert re.search(r'<input[^>]*name="list_papers"[^>]*value="daily"[^>]*checked', html)
    # Findable in search engines, as one address whatever list it was opened for.
    assert 'name="robots"' not in html
    assert '<link rel="canonical" href="http://testserver/subscribe/">' in html


# --- links in digests --------------------------------------------------------------------


@pytest.fixture
def subscriber():
    from wagtail.models import Site

    subscriber = Subscriber.objects.create(
        site=Site.objects.get(is_default_site=True),
        email="reader@example.org",
        confirmed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    Subscription.objects.create(subscriber=subscriber, list_key="papers", frequency="daily")
    Subscription.objects.create(subscriber=subscriber, list_key="news", frequency="weekly")
    return subscriber


def digest_for(subscriber, capture):
    """Send the daily paper digest for the day the demo's papers were shared; return the email."""
    from django.utils import timezone

    with capture(execute=True):
        digests.send_digests(timezone.now() + datetime.timedelta(days=1), only="papers")
    # The demo shared papers today and on earlier days: one email per day; today's is wanted.
    (message,) = [
        m for m in mail.outbox if m.to == [subscriber.email] and "Calibrated ensembles" in m.body
    ]
    return message


def test_digest_is_multipart_with_one_click_unsubscribe_headers(
    subscriber, django_capture_on_commit_callbacks
):
    message = digest_for(subscriber, django_capture_on_commit_callbacks)
    assert "Calibrated ensembles for drifting buoy arrays" in message.body
    assert "Their re-weighting trick" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and "Calibrated ensembles" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body and unsubscribe in html
    assert "/subscriptions/" in unsubscribe and unsubscribe.endswith("/unsubscribe/")
    assert "%%" not in message.body and "%%" not in html


def test_unsubscribe_page_asks_and_one_click_post_unsubscribes_without_cookies(
    subscriber, django_capture_on_commit_callbacks
):
    message = digest_for(subscriber, django_capture_on_commit_callbacks)
    url = path_of(message.extra_headers["List-Unsubscribe"].strip("<>"))
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert (
        page.status_code == 200 and "Unsubscribe from Paper feed digest?" in page.content.decode()
    )
    assert subscriber.subscriptions.filter(list_key="papers").exists()  # GET changes nothing

    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert list(subscriber.subscriptions.values_list("list_key", flat=True)) == ["news"]
    # A second one-click (mail clients retry) is harmless.
    assert (
        client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )


def test_unsubscribe_button_on_the_page_works_too(subscriber):
    from labsite.subscriptions.lists import subscriber_token

    url = f"/subscriptions/{subscriber_token(subscriber, 'news')}/unsubscribe/"
    html = Client(enforce_csrf_checks=True).post(url).content.decode()
    assert "You will no longer receive Group news" in html
    assert list(subscriber.subscriptions.values_list("list_key", flat=True)) == ["papers"]


def test_manage_page_changes_frequency_and_unsubscribes_from_everything(client, subscriber):
    from labsite.subscriptions.lists import subscriber_token

    url = f"/subscriptions/{subscriber_token(subscriber)}/"
    html = client.get(url).content.decode()
    assert "reader@example.org" in html
    response = client.post(
        url, {"list_papers": "weekly", "list_news": "", "list_openings": "daily"}
    )
    assert "Your choices are saved" in response.content.decode()
    assert dict(subscriber.subscriptions.values_list("list_key", "frequency")) == {
        "papers": "weekly",
        "openings": "daily",
    }
    html = client.post(url, {"action": "unsubscribe-all"}).content.decode()
    assert "You will no longer receive any of our emails" in html
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    # The old link now says so instead of failing.
    assert "No subscriptions" in client.get(url).content.decode()


def test_tampered_manage_links_are_refused(client, subscriber):
    from labsite.subscriptions.lists import subscriber_token

    token = subscriber_token(subscriber)
    assert client.get(f"/subscriptions/{token[:-2]}xx/").status_code == 400
    assert client.post(f"/subscriptions/{token}x/unsubscribe/").status_code == 400
    assert subscriber.subscriptions.count() == 2


def test_a_link_does_not_outlive_its_address(client, subscriber):
    """Deleted and re-created under a reused id, a subscriber is not reachable by old links."""
    from labsite.subscriptions.lists import read_subscriber_token, subscriber_token

    token = subscriber_token(subscriber)
    subscriber.email = "someone.else@example.org"
    subscriber.save()
    assert read_subscriber_token(token)[0] is None
