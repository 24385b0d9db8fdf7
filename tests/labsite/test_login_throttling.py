"""Finding 2 of the production-truth issue: wrong passwords were answered 200 forever."""

import datetime

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN_FORMS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "right-password")


def attempt(client, url, password, address="203.0.113.7", **extra):
    return client.post(
        url, {"username": "boss", "password": password}, REMOTE_ADDR=address, **extra
    )


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_five_wrong_passwords_pause_sign_in_with_a_message_saying_until_when(client, boss, url):
    for _ in range(4):
        assert attempt(client, url, "wrong").status_code == 200
    locked = attempt(client, url, "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text and "5 wrong passwords" in text and "15 minutes" in text
    assert locked["Retry-After"] == "900"
    # Even the right password is refused while the pause lasts...
    assert attempt(client, url, "right-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_by_itself(client, boss):
    for _ in range(5):
        attempt(client, "/admin/login/", "wrong")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = attempt(client, "/admin/login/", "right-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(boss.pk)


def test_other_addresses_are_not_paused(client, boss):
    for _ in range(5):
        attempt(client, "/admin/login/", "wrong", address="203.0.113.7")
    response = attempt(client, "/admin/login/", "right-password", address="198.51.100.20")
    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, boss, settings):
    settings.LABSITE_TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(
            client, "/admin/login/", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
    # Same proxy, another client behind it: not paused.
    other = attempt(
        client,
        "/admin/login/",
        "right-password",
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other.status_code == 302


def test_an_administrator_can_lift_the_pause(client, boss):
    from django.core.management import call_command

    for _ in range(5):
        attempt(client, "/admin/login/", "wrong")
    call_command("axes_reset_username", "boss", verbosity=0)
    assert attempt(client, "/admin/login/", "right-password").status_code == 302


def test_forged_forwarded_addresses_do_not_lift_the_pause(client, boss, settings):
    """Without a trusted proxy the socket's address counts, whatever X-Forwarded-For says."""
    settings.LABSITE_TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        attempt(client, "/admin/login/", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    forged = attempt(client, "/admin/login/", "right-password", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert forged.status_code == 429


def test_forged_forwarded_addresses_do_not_lift_the_subscription_limit(client, settings):
    from django.core.cache import cache

    from labsite.subscriptions.views import SUBSCRIBE_LIMIT_PER_HOUR

    settings.LABSITE_TRUSTED_PROXY_COUNT = 0
    cache.clear()
    codes = [
        client.post(
            "/subscribe/",
            {"email": f"reader{n}@example.org"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(SUBSCRIBE_LIMIT_PER_HOUR + 3)
    ]
    assert 429 not in codes[:SUBSCRIBE_LIMIT_PER_HOUR]
    assert codes[SUBSCRIBE_LIMIT_PER_HOUR:] == [429] * 3
