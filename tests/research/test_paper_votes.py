"""Members vote on the feed's papers; the day's list ranks by votes; words find papers;
editors approve what sources suggest and see how each source is doing."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from research.paperfeed.models import FeedPaper, PaperSource, PaperStatus, PaperVote
from tests.support.members import site_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("voter", "voter@example.org", "pw")
    user.groups.add(Group.objects.get(name="Members"))
    return user


def paper(feed, title, *, days_ago=0, **fields):
    added = timezone.now() - datetime.timedelta(days=days_ago)
    values = {"feed": feed, "title": title, "url": f"https://example.org/{title.replace(' ', '-')}",
              "added_at": added}  # fmt: skip
    values.update(fields)
    return FeedPaper.objects.create(**values)


def vote_url(feed, item) -> str:
    return f"{feed.url}papers/{item.pk}/vote/"


def test_a_member_votes_once_and_takes_it_back_without_javascript(client, tree, member):
    feed = tree.paper_feed
    item = paper(feed, "Tides by votes")
    client.force_login(member)
    html = client.get(feed.url).content.decode()
    assert f'action="{vote_url(feed, item)}"' in html and 'aria-pressed="false"' in html
    for _ in range(2):  # a double click is one vote
        response = client.post(vote_url(feed, item), {"vote": "add", "next": feed.url})
        assert response.status_code == 303 and response["Location"].endswith(f"#paper-{item.pk}")
    item.refresh_from_db()
    assert item.vote_count == 1 and PaperVote.objects.filter(paper=item).count() == 1
    assert "1 vote<" in client.get(feed.url).content.decode()
    client.post(vote_url(feed, item), {"vote": "remove"})
    item.refresh_from_db()
    assert item.vote_count == 0


def test_the_same_post_answers_json_for_the_script(client, tree, member):
    feed = tree.paper_feed
    item = paper(feed, "Voted by script")
    client.force_login(member)
    response = client.post(vote_url(feed, item), {"vote": "add"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"votes": 1, "voted": True}
    response = client.post(vote_url(feed, item), {"vote": "remove"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"votes": 0, "voted": False}


def test_visitors_see_counts_but_no_form_and_cannot_vote(client, tree):
    feed = tree.paper_feed
    item = paper(feed, "Counted paper", vote_count=0)
    html = client.get(feed.url).content.decode()
    assert "data-vote-form" not in html and "csrfmiddlewaretoken" not in html
    response = client.post(vote_url(feed, item), {"vote": "add"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    json_response = client.post(
        vote_url(feed, item), {"vote": "add"}, HTTP_ACCEPT="application/json"
    )
    assert json_response.status_code == 403
    assert client.get(vote_url(feed, item)).status_code == 405
    assert not PaperVote.objects.exists()


def test_votes_need_the_csrf_token(tree, member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    item = paper(tree.paper_feed, "Guarded paper")
    assert strict.post(vote_url(tree.paper_feed, item), {"vote": "add"}).status_code == 403
    assert not PaperVote.objects.exists()


def test_trending_ranks_each_days_papers_by_votes(client, tree, django_user_model):
    feed = tree.paper_feed
    loud = paper(feed, "Loud paper of today")
    quiet = paper(feed, "Quiet paper of today")  # shared later: first when newest come first
    older = paper(feed, "Popular paper of last week", days_ago=7)
    for n in range(3):
        user = django_user_model.objects.create_user(f"v{n}", f"v{n}@example.org", "pw")
        user.groups.add(Group.objects.get(name="Members"))
        client.force_login(user)
        client.post(vote_url(feed, loud), {"vote": "add"})
        client.post(vote_url(feed, older), {"vote": "add"})
    client.logout()
    by_time = client.get(feed.url).content.decode()
    assert by_time.index("Quiet paper of today") < by_time.index("Loud paper of today")
    trending = client.get(feed.url, {"order": "votes"}).content.decode()
    assert trending.index("Loud paper of today") < trending.index("Quiet paper of today")
    assert trending.index("Quiet paper of today") < trending.index("Popular paper of last week")
    assert quiet.pk and older.pk
    one_day = client.get(feed.url, {"day": timezone.localdate().isoformat(), "order": "votes"})
    assert "Popular paper of last week" not in one_day.content.decode()


def test_words_find_papers_by_title_or_abstract_in_any_case(client, tree):
    feed = tree.paper_feed
    paper(feed, "Internal waves over slopes", abstract="We study BOLUS transport.")
    paper(feed, "Something else entirely")
    html = client.get(feed.url, {"q": "bolus waves"}).content.decode()
    assert "Internal waves over slopes" in html and "Something else entirely" not in html


def test_suggestions_wait_for_an_editor_who_puts_them_on_the_feed(client, tree):
    feed = tree.paper_feed
    source = PaperSource.objects.create(name="arXiv tides", feed=feed, kind="arxiv", query="tides")
    waiting = paper(feed, "A suggested paper", status=PaperStatus.SUGGESTED, source=source)
    unwanted = paper(feed, "An unwanted paper", status=PaperStatus.SUGGESTED, source=source)
    assert "A suggested paper" not in client.get(feed.url).content.decode()
    client.force_login(site_editor())
    url = reverse("feed_papers:suggestions")
    page = client.get(url).content.decode()
    assert "A suggested paper" in page and "arXiv tides" in page
    client.post(url, {"paper": [waiting.pk], "action": "publish"})
    client.post(url, {"paper": [unwanted.pk], "action": "remove"})
    waiting.refresh_from_db()
    assert waiting.status == PaperStatus.PUBLISHED
    assert not FeedPaper.objects.filter(pk=unwanted.pk).exists()
    client.logout()
    assert "A suggested paper" in client.get(feed.url).content.decode()


def test_editors_see_each_sources_state_and_members_cannot_change_sources(client, tree, member):
    source = PaperSource.objects.create(
        name="Broken journal", feed=tree.paper_feed, kind="feed",
        query="https://journal.example.org/rss", last_error="journal.example.org answered 500.",
        last_checked_at=timezone.now(), failures_in_a_row=3,
    )  # fmt: skip
    client.force_login(site_editor())
    listing = client.get(reverse("paper_sources:index")).content.decode()
    assert "Broken journal" in listing and "Failing: journal.example.org answered 500." in listing
    assert client.get(reverse("paper_sources:add")).status_code == 200
    client.force_login(member)
    assert client.get(reverse("paper_sources:edit", args=[source.pk])).status_code in (302, 403)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_clicks_leave_one_vote_each_and_a_true_count(django_user_model):
    """Real concurrent transactions (PostgreSQL): the same member clicking in several tabs at
    once, and other members at the same moment."""
    import threading

    from django.db import connections

    from research.paperfeed.models import PaperFeedPage
    from research.paperfeed.votes import cast

    feed = PaperFeedPage.objects.first()
    item = paper(feed, "Contested paper")
    eager = django_user_model.objects.create_user("eager", "eager@example.org", "pw")
    others = [
        django_user_model.objects.create_user(f"o{n}", f"o{n}@example.org", "pw") for n in range(5)
    ]
    voters = [eager] * 6 + others
    start = threading.Barrier(len(voters))
    errors = []

    def click(user):
        try:
            start.wait()
            cast(item, user, True)
        except Exception as error:  # reported below: a thread's failure must fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(user,)) for user in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    item.refresh_from_db()
    assert PaperVote.objects.filter(paper=item, user=eager).count() == 1
    assert item.vote_count == PaperVote.objects.filter(paper=item).count() == 6


def test_the_home_block_and_the_digest_take_the_top_of_the_period(client, tree, member):
    from wagtail.models import Site

    from research.paperfeed.digests import DIGEST_PAPERS, paper_items

    feed = tree.paper_feed
    plain = paper(feed, "A plain paper of this week")
    liked = paper(feed, "The week's favourite paper", days_ago=2)
    client.force_login(member)
    client.post(vote_url(feed, liked), {"vote": "add"})
    site = Site.objects.get(is_default_site=True)
    now = timezone.now()
    items = paper_items(site, now - datetime.timedelta(days=7), now + datetime.timedelta(minutes=1))
    titles = [item.title for item in items]
    assert titles.index("The week's favourite paper") < titles.index("A plain paper of this week")
    assert len(titles) <= DIGEST_PAPERS
    from django.test import RequestFactory

    from research.sections import feed_papers

    request = RequestFactory().get("/")
    request.site = site
    shown = [p.title for p in feed_papers(request, 3)]
    assert shown[0] == "The week's favourite paper" and plain.pk


def test_many_papers_are_looked_up_shown_then_added(client, tree, member, recorded):
    from tests.research.conftest import recording

    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    recorded["https://export.arxiv.org/api/query?id_list=1605.08386"] = (
        200,
        "application/atom+xml",
        recording("arxiv/id-1605.08386.xml"),
    )
    feed = tree.paper_feed
    there = paper(feed, "Already shared", doi="10.5555/shared")
    client.force_login(member)
    url = reverse("feed_papers:bulk")
    lines = "\n".join([
        "10.1126/science.169.3946.635", "https://arxiv.org/abs/1605.08386", "10.5555/shared",
        "not an identifier", "doi:10.1126/science.169.3946.635",
    ])  # fmt: skip
    preview = client.post(url, {"lines": lines})
    html = preview.content.decode()
    assert "2 of 5 lines can be added" in html
    assert "The Structure of Ordinary Water" in html
    assert f"Already on the feed as “{there.title}”" in html
    assert "neither a DOI" in html and "the same paper as an earlier line" in html
    assert not FeedPaper.objects.filter(doi="10.1126/science.169.3946.635").exists()
    response = client.post(url, {"action": "add", "found": preview.context["found"]})
    assert response.status_code == 302
    assert FeedPaper.objects.filter(doi="10.1126/science.169.3946.635").exists()
    assert FeedPaper.objects.filter(arxiv_id__startswith="1605.08386").exists()
    forged = client.post(url, {"action": "add", "found": "forged"}, follow=True)
    assert "expired or was changed" in forged.content.decode()


def test_too_many_lines_are_refused_with_the_limit(client, member):
    client.force_login(member)
    html = client.post(
        reverse("feed_papers:bulk"), {"lines": "\n".join(f"10.1/{n}" for n in range(60))}
    ).content.decode()
    assert "That is 60 lines; add at most 50 at a time." in html
