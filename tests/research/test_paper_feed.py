"""The paper feed: sharing by identifier (fetched once), duplicates, the public page and feeds."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from research.models import FeedPaper, PaperFeedPage, PaperRecommendation
from research.paperfeed import votes
from research.paperfeed.filters import PaperFeedFilters
from research.paperfeed.sources import classify, identifier_key, read_page
from tests.research.conftest import DATA, recording

pytestmark = pytest.mark.django_db

ARXIV_API = "https://export.arxiv.org/api/query?id_list="
DOI_URL = "https://doi.org/10.1126/science.169.3946.635"


@pytest.fixture
def member(django_user_model):
    """Kofi's account, linked to his profile, in the Members group."""
    from django.contrib.auth.models import Group

    from people.models import PersonPage

    user = django_user_model.objects.create_user("kofi", "kofi@example.org", "pw")
    user.groups.add(Group.objects.get(name="Members"))
    person = PersonPage.objects.get(slug="kofi-brandt")
    person.member_user = user
    person.save()
    return user


@pytest.fixture
def feed():
    return PaperFeedPage.objects.get(slug="paper-feed")


def share(client, **data):
    return client.post("/admin/paper-feed/new/", {"comment": "", **data}, follow=True)


def arxiv_recording(recorded, arxiv_id):
    recorded[f"{ARXIV_API}{arxiv_id}"] = (
        200,
        "application/atom+xml",
        recording(f"arxiv/id-{arxiv_id}.xml"),
    )


# --- what members paste ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10.1038/nphys1170", ("doi", "10.1038/nphys1170")),
        ("https://doi.org/10.1038/NPHYS1170", ("doi", "10.1038/nphys1170")),
        ("2106.10771", ("arxiv", "2106.10771")),
        ("https://arxiv.org/abs/1605.08386v1", ("arxiv", "1605.08386v1")),
        ("https://arxiv.org/pdf/1605.08386", ("arxiv", "1605.08386")),
        (
            "https://link.springer.com/article/10.1007/s00221-019-05625-1",
            ("doi", "10.1007/s00221-019-05625-1"),
        ),
        (
            "https://samuelorion.github.io/methods_paper/",
            ("url", "https://samuelorion.github.io/methods_paper/"),
        ),
    ],
)
def test_pasted_identifiers_are_recognised(text, expected):
    assert classify(text) == expected


@pytest.mark.parametrize("text", ["", "not a paper", "www.example.org/paper", "ftp://x.org/a"])
def test_unrecognised_input_says_what_to_paste(text):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        classify(text)
    assert "DOI" in error.value.messages[0] and "arXiv" in error.value.messages[0]


def test_arxiv_versions_and_doi_case_share_one_key():
    assert identifier_key(arxiv_id="1605.08386v1") == identifier_key(arxiv_id="1605.08386v3")
    assert identifier_key(doi="10.1038/NPHYS1170") == identifier_key(doi="10.1038/nphys1170")


def test_citation_meta_tags_of_a_real_paper_page_are_read():
    html = (DATA / "pages" / "manubot-methods-paper.html").read_text(encoding="utf-8")
    draft = read_page(html, "https://samuelorion.github.io/methods_paper/")
    assert draft.title == "A simple method for automating neuron counts in vitro"
    assert draft.authors == ["Samuel Burke"]
    assert draft.venue == "Manubot"
    assert draft.published == datetime.date(2021, 9, 13)
    assert draft.doi == "" and draft.url == "https://samuelorion.github.io/methods_paper/"


# --- sharing in the admin -------------------------------------------------------------------


def test_member_shares_an_arxiv_paper_and_its_details_are_fetched(client, member, feed, recorded):
    arxiv_recording(recorded, "1605.08386")
    client.force_login(member)
    response = share(
        client, address="https://arxiv.org/abs/1605.08386", comment="Nice mixing-time bound."
    )
    assert response.status_code == 200
    paper = FeedPaper.objects.get(arxiv_id="1605.08386v1")
    assert paper.title == "Heat-bath random walks with Markov bases"
    assert paper.authors == "Caprice Stanley, Tobias Windisch"
    assert paper.abstract.startswith("Graphs on lattice points")
    assert paper.feed == feed and paper.added_by == member
    (recommendation,) = paper.recommendations.all()
    assert recommendation.person.slug == "kofi-brandt"
    assert recommendation.comment == "Nice mixing-time bound."
    assert "is now in the paper feed" in response.content.decode()


def test_sharing_a_known_paper_adds_a_flag_instead_of_a_duplicate(
    client, member, feed, recorded, django_user_model
):
    arxiv_recording(recorded, "1605.08386")
    client.force_login(member)
    share(client, address="1605.08386")
    # Another version of the same preprint, by someone without a profile page.
    other = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    other.first_name, other.last_name = "Edna", "Reader"
    other.save()
    client.force_login(other)
    recorded.clear()  # a paper already in the feed must not be fetched again
    response = share(client, address="arXiv:1605.08386v2", comment="Agreed, read it.")
    assert "your recommendation was added" in response.content.decode()
    paper = FeedPaper.objects.get(arxiv_id="1605.08386v1")
    assert FeedPaper.objects.filter(feed=feed, identifier="arxiv:1605.08386").count() == 1
    assert paper.recommenders() == ["Kofi Brandt", "Edna Reader"]
    # Flagging twice counts once.
    response = share(client, address="1605.08386")
    assert "already recommended it" in response.content.decode()
    assert paper.recommendations.count() == 2


def test_a_doi_is_fetched_from_doi_org(client, member, recorded):
    recorded[DOI_URL] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    client.force_login(member)
    share(client, address="doi:10.1126/science.169.3946.635")
    paper = FeedPaper.objects.get(doi="10.1126/science.169.3946.635")
    assert paper.title == "The Structure of Ordinary Water"
    assert paper.best_url == "https://doi.org/10.1126/science.169.3946.635"


def test_an_address_is_read_for_citation_tags(client, member, recorded):
    address = "https://samuelorion.github.io/methods_paper/"
    recorded[address] = (
        200,
        "text/html; charset=utf-8",
        (DATA / "pages" / "manubot-methods-paper.html").read_bytes(),
    )
    client.force_login(member)
    share(client, address=address)
    paper = FeedPaper.objects.get(url=address)
    assert paper.title == "A simple method for automating neuron counts in vitro"
    assert paper.identifier == "url:samuelorion.github.io/methods_paper"


def test_fetch_failure_keeps_the_form_and_offers_manual_entry(client, member, recorded):
    recorded["https://doi.org/10.1126/foo"] = (
        404,
        "text/html",
        recording("crossref/doi-10.1126_foo.404.html"),
    )
    client.force_login(member)
    response = share(client, address="https://doi.org/10.1126/foo", comment="Keep me")
    html = response.content.decode()
    assert response.status_code == 200 and FeedPaper.objects.filter(doi="10.1126/foo").count() == 0
    assert "fill in the title and authors below" in html
    assert "Keep me" in html  # nothing typed is lost
    # Filling in the title by hand shares it anyway.
    response = share(
        client,
        address="https://doi.org/10.1126/foo",
        title="A paper the registry does not know",
        authors="Ada Lovelace, Alan Turing",
    )
    paper = FeedPaper.objects.get(doi="10.1126/foo")
    assert paper.title == "A paper the registry does not know"
    assert paper.authors == "Ada Lovelace, Alan Turing"


def test_doi_not_registered_is_explained(client, member, recorded):
    recorded["https://doi.org/10.1126/foo"] = (
        404,
        "text/html",
        recording("crossref/doi-10.1126_foo.404.html"),
    )
    client.force_login(member)
    html = share(client, address="10.1126/foo").content.decode()
    assert "No publication is registered under the DOI 10.1126/foo" in html


def test_garbage_is_refused_with_an_example(client, member):
    client.force_login(member)
    html = share(client, address="see my email").content.decode()
    assert "is neither a DOI" in html and FeedPaper.objects.filter(title="").count() == 0


def test_visitors_and_people_without_permission_cannot_share(client, django_user_model):
    assert client.get("/admin/paper-feed/new/").status_code == 302
    user = django_user_model.objects.create_user("nobody", "n@example.org", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/paper-feed/new/").status_code == 403


def test_members_edit_journal_club_details_in_the_admin(client, member, feed):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    paper = FeedPaper.objects.filter(feed=feed).first()
    client.force_login(member)
    assert client.get(f"/admin/paper-feed/edit/{paper.pk}/").status_code == 200
    recommendations = list(paper.recommendations.all())
    data = nested_form_data(
        {
            "title": paper.title,
            "authors": paper.authors,
            "venue": paper.venue,
            "abstract": paper.abstract,
            "url": paper.url,
            "doi": "",
            "arxiv_id": "",
            "feed": feed.pk,
            "status": paper.status,
            "added_at": timezone.localtime(paper.added_at).strftime("%Y-%m-%d %H:%M"),
            "club_date": "2031-01-15",
            "recommendations": inline_formset(
                [
                    {"id": r.pk, "person": r.person_id or "", "name": r.name, "comment": r.comment}
                    for r in recommendations
                ],
                initial=len(recommendations),
            ),
            "tags": "",
        }
    )
    response = client.post(f"/admin/paper-feed/edit/{paper.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    paper.refresh_from_db()
    assert paper.club_date == datetime.date(2031, 1, 15)


# --- the public feed ------------------------------------------------------------------------


def add_paper(feed, title, added_at, **extra):
    paper = FeedPaper.objects.create(
        feed=feed,
        url=f"https://example.org/{title.replace(' ', '-')}",
        title=title,
        added_at=added_at,
        **extra,
    )
    return paper


def test_papers_are_grouped_by_day_in_the_feeds_time_zone(client, feed, time_machine):
    # 23:30 UTC on 9 March is already 10 March in Auckland (UTC+13) but still 9 March in London;
    # at 09:00 UTC on 10 March it is 10 March in both.
    time_machine.move_to(datetime.datetime(2031, 3, 10, 9, 0, tzinfo=datetime.UTC))
    FeedPaper.objects.filter(feed=feed).delete()
    add_paper(
        feed, "Late evening paper", datetime.datetime(2031, 3, 9, 23, 30, tzinfo=datetime.UTC)
    )
    add_paper(feed, "Morning paper", datetime.datetime(2031, 3, 10, 8, 0, tzinfo=datetime.UTC))
    add_paper(feed, "Old paper", datetime.datetime(2031, 3, 1, 9, 0, tzinfo=datetime.UTC))

    feed.time_zone = "Europe/London"
    feed.save_revision().publish()
    html = client.get("/paper-feed/").content.decode()
    today, yesterday = html.index(">Today<"), html.index(">Yesterday<")
    assert today < html.index("Morning paper") < yesterday < html.index("Late evening paper")
    assert "Saturday 1 March" in html and html.index("Saturday 1 March") < html.index("Old paper")

    feed.time_zone = "Pacific/Auckland"
    feed.save_revision().publish()
    html = client.get("/paper-feed/").content.decode()
    assert ">Yesterday<" not in html  # both recent papers are on Auckland's 10 March
    today = html.index(">Today<")
    assert today < html.index("Morning paper") and today < html.index("Late evening paper")
    assert html.index("Late evening paper") < html.index("Saturday 1 March")


def test_a_kept_feed_turns_today_into_yesterday_at_the_feeds_midnight(client, feed):
    """Visitors' lists are kept once rendered (``{% kept_fragment %}``), keyed by the feed's own
    day: at Auckland's midnight the labels move on, though London's date has not changed and
    nothing was saved."""
    FeedPaper.objects.filter(feed=feed).delete()
    add_paper(feed, "Evening paper", datetime.datetime(2031, 3, 10, 9, 0, tzinfo=datetime.UTC))
    feed.time_zone = "Pacific/Auckland"
    feed.save_revision().publish()
    with time_machine.travel(datetime.datetime(2031, 3, 10, 10, 59, 50, tzinfo=datetime.UTC)):
        client.get("/paper-feed/")  # a first visit may save a setting, which is a change
        html = client.get("/paper-feed/").content.decode()
        assert ">Today<" in html and ">Yesterday<" not in html
    with time_machine.travel(datetime.datetime(2031, 3, 10, 11, 0, 10, tzinfo=datetime.UTC)):
        html = client.get("/paper-feed/").content.decode()
        assert ">Yesterday<" in html and ">Today<" not in html


def test_a_kept_feed_shows_a_new_vote_and_a_new_paper_at_once(client, feed, member):
    paper = FeedPaper.objects.filter(feed=feed, status="published").order_by("-added_at").first()
    before = client.get("/paper-feed/").content.decode()  # a visitor's copy, now kept
    votes_before = paper.votes.count()
    votes.cast(paper, member, True)  # as the vote button does
    add_paper(feed, "A <fresh> paper", timezone.now())
    after = client.get("/paper-feed/").content.decode()
    assert "A &lt;fresh&gt; paper" in after and "A &lt;fresh&gt; paper" not in before
    count = votes_before + 1
    assert f"{count} vote{'s' if count != 1 else ''}</span>" in after


def test_each_item_shows_recommenders_flags_links_and_a_folded_abstract(client, feed):
    html = client.get("/paper-feed/").content.decode()
    paper = FeedPaper.objects.get(title="Normalisation layers as implicit preconditioners")
    assert paper.flag_count == 3
    section = html[html.index(f'id="paper-{paper.pk}"') :]
    section = section[: section.index("</article>")]
    assert "Recommended by" in section and "3 flags" in section
    assert "Closest thing to a theory of why our layer swap worked." in section
    assert "<details" in section and "<summary>Abstract" in section  # works without JavaScript
    assert 'href="https://example.org/demo-papers/4"' in section


def test_journal_club_lists_upcoming_sessions_soonest_first(client, feed):
    html = client.get("/paper-feed/").content.decode()
    club = html[
        html.index('id="journal-club"') : html.index("</section>", html.index('id="journal-club"'))
    ]
    assert club.index("Calibrated ensembles") < club.index("Sparse acoustic sensing")
    assert "Normalisation layers" not in club  # its session is in the past
    assert "presented by" in club


def listing(client, url) -> str:
    """The feed's list of papers, below the filter form (the journal club above is unfiltered)."""
    html = client.get(url).content.decode()
    return html[html.index('class="filters"') :]


def test_filters_by_theme_and_period_and_reports_bad_values(client, feed):
    now = timezone.now()
    add_paper(feed, "Forty days old", now - datetime.timedelta(days=40))
    html = listing(client, "/paper-feed/?period=week")
    assert "Calibrated ensembles" in html and "Forty days old" not in html
    html = listing(client, "/paper-feed/?theme=training-dynamics")
    assert "A short note on warm restarts" in html and "Calibrated ensembles" not in html
    month = (now - datetime.timedelta(days=40)).astimezone(zoneinfo.ZoneInfo(feed.time_zone))
    html = listing(client, f"/paper-feed/?period={month:%Y-%m}")
    assert "Forty days old" in html and "Calibrated ensembles" not in html
    response = client.get("/paper-feed/?period=1999-99&theme=nope")
    assert response.status_code == 200
    assert "were not understood and were ignored" in response.content.decode()


def test_month_bounds_follow_the_feeds_time_zone(feed):
    feed.time_zone = "America/New_York"
    filters = PaperFeedFilters({}, feed=feed, today=datetime.date(2031, 12, 5))
    start, end = filters.period_bounds("2031-12")
    assert start == datetime.datetime(2031, 12, 1, 5, 0, tzinfo=datetime.UTC)
    assert end == datetime.datetime(2032, 1, 1, 5, 0, tzinfo=datetime.UTC)


def test_rss_and_atom_list_the_papers_with_comments(client, feed):
    rss = client.get("/paper-feed/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Calibrated ensembles for drifting buoy arrays" in body
    assert "Their re-weighting trick" in body
    atom = client.get("/paper-feed/feed/atom/").content.decode()
    assert "<feed" in atom and "Sparse acoustic sensing" in atom
    assert 'href="/paper-feed/feed/rss/"' in client.get("/").content.decode()


def test_title_and_comment_markup_is_escaped(client, feed):
    paper = add_paper(feed, "<script>alert(1)</script> Attack", timezone.now())
    PaperRecommendation.objects.create(paper=paper, name="Eve", comment="<b>bold</b>")
    html = client.get("/paper-feed/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>bold</b>" not in html


def test_duplicate_identifier_in_one_feed_is_refused_by_the_model(feed):
    from django.core.exceptions import ValidationError

    first = FeedPaper.objects.filter(feed=feed).first()
    twin = FeedPaper(feed=feed, url=first.url, title="Same again")
    with pytest.raises(ValidationError, match="already in the feed"):
        twin.full_clean()


def test_home_page_block_lists_the_latest_shared_papers(client):
    from labsite.models import HomePage

    home = HomePage.objects.get()
    home.body.append(("latest", {"section": "papers", "heading": "Reading now", "count": 2}))
    home.save_revision().publish()
    html = client.get("/").content.decode()
    section = html[html.index("Reading now") :]
    assert "Calibrated ensembles for drifting buoy arrays" in section
    assert "A short note on warm restarts" in section
    assert "Normalisation layers as implicit preconditioners" not in section  # count is 2
