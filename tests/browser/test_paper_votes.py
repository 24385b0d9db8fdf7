"""A member votes on the paper feed in a browser: in place with JavaScript, and with the plain
form when JavaScript is off; both leave one vote."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from research.paperfeed.models import FeedPaper, PaperVote

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "voter")
    page.fill("#id_password", "voter-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


@pytest.fixture
def voter(django_user_model):
    user = django_user_model.objects.create_user("voter", "voter@example.org", "voter-pass-123")
    user.groups.add(Group.objects.get(name="Members"))
    return user


def test_a_vote_updates_in_place_and_can_be_taken_back(page, live_server, voter):
    paper = FeedPaper.objects.filter(status="published").order_by("-added_at").first()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/paper-feed/")
    item = page.locator(f"#paper-{paper.pk}")
    url_before = page.url
    item.get_by_role("button", name="Vote").click()
    expect(item.get_by_role("button", name="Voted")).to_have_attribute("aria-pressed", "true")
    expect(item.locator("[data-vote-count]")).to_have_text("1 vote")
    assert page.url == url_before, "no page load"
    assert PaperVote.objects.filter(paper=paper, user=voter).count() == 1
    item.get_by_role("button", name="Voted").click()
    expect(item.get_by_role("button", name="Vote")).to_have_attribute("aria-pressed", "false")
    expect(item.locator("[data-vote-count]")).to_have_text("0 votes")
    assert not PaperVote.objects.filter(paper=paper).exists()


def test_without_javascript_the_form_votes_and_returns_to_the_paper(browser, live_server, voter):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        paper = FeedPaper.objects.filter(status="published").order_by("-added_at").first()
        log_in(page, live_server)
        page.goto(f"{live_server.url}/paper-feed/")
        page.locator(f"#paper-{paper.pk}").get_by_role("button", name="Vote").click()
        page.wait_for_url(f"**/paper-feed/#paper-{paper.pk}")
        item = page.locator(f"#paper-{paper.pk}")
        expect(item.get_by_role("button", name="Voted")).to_be_visible()
        expect(item.locator("[data-vote-count]")).to_have_text("1 vote")
        paper.refresh_from_db()
        assert paper.vote_count == 1
    finally:
        context.close()
