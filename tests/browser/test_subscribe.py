"""A visitor subscribes to the paper feed digest from the feed page and confirms by email."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_subscribe_confirm_and_manage(page, live_server):
    page.goto(f"{live_server.url}/paper-feed/")
    page.get_by_role("link", name="Get these papers by email").click()
    page.wait_for_url("**/subscribe/?list=papers")
    # The list the visitor came from is already chosen; they switch it to weekly.
    papers = page.get_by_role("group", name="Paper feed digest")
    assert papers.get_by_role("radio", name="Daily").is_checked()
    papers.get_by_role("radio", name="Weekly").check()
    page.get_by_role("group", name="New openings").get_by_role("radio", name="Daily").check()
    page.get_by_label("Your email address").fill("visitor@example.org")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+?(/subscribe/confirm/\S+/)", message.body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.get_by_role("heading", name="Confirm your subscription").wait_for()
    assert "visitor@example.org" in page.content()
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()
    assert "Paper feed digest, New openings" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Change what you receive").click()
    page.get_by_role("heading", name="Your email subscriptions").wait_for()
    papers = page.get_by_role("group", name="Paper feed digest")
    assert papers.get_by_role("radio", name="Weekly").is_checked()
    page.get_by_role("group", name="New openings").get_by_role("radio", name="No thanks").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("Your choices are saved.").wait_for()
    assert (
        page.get_by_role("group", name="New openings")
        .get_by_role("radio", name="No thanks")
        .is_checked()
    )


def test_error_keeps_what_was_typed_and_focuses_the_summary(page, live_server):
    page.goto(f"{live_server.url}/subscribe/")
    page.get_by_label("Your email address").fill("visitor@example.org")
    page.get_by_role("button", name="Subscribe").click()
    summary = page.get_by_role("alert")
    assert "Choose at least one list" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert page.get_by_label("Your email address").input_value() == "visitor@example.org"
