"""What real research pages say and the first version could not: dates known only to the year
or month, more kinds of talk, planned papers, selected work."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from research.models import ActivityPage, PublicationPage
from research.publications import bibtex
from research.publications.exports import bibtex_entry
from tests.factories import (
    ActivityPageFactory,
    PersonPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)

pytestmark = pytest.mark.django_db

CSV_HEADER = "title,kind,start_date,end_date,people\n"


def import_rows(tmp_path, rows: str) -> tuple[str, str]:
    path = tmp_path / "activities.csv"
    path.write_text(CSV_HEADER + rows, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_activities", str(path), stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


def test_activities_known_to_the_year_or_month_import_and_show_as_given(client, tmp_path):
    out, err = import_rows(
        tmp_path,
        "Invited talk at the harbour symposium,invited,2025,,Maren Okafor\n"
        "Plenary on drifting sensors,plenary,2025-03,,Maren Okafor\n"
        "Reviewing for the acoustics journal,service,2024,2024,Maren Okafor\n",
    )
    assert "Imported 3 activities" in out, err
    talk = ActivityPage.objects.get(title="Invited talk at the harbour symposium")
    plenary = ActivityPage.objects.get(title="Plenary on drifting sensors")
    assert (talk.date_precision, talk.start_date.isoformat()) == ("year", "2025-01-01")
    assert (plenary.date_precision, plenary.start_date.isoformat()) == ("month", "2025-03-01")

    html = client.get(talk.url).content.decode()
    assert '<time datetime="2025">2025</time>' in html and "1 January 2025" not in html
    html = client.get(plenary.url).content.decode()
    assert '<time datetime="2025-03">March 2025</time>' in html and "Plenary talk" in html
    person = client.get("/people/maren-okafor/").content.decode()
    assert ">2024</time>" in person and "2024–2024" not in person
    # A calendar entry needs a day: these stay off the calendar.
    calendar = client.get("/engagement/calendar/").content.decode()
    assert "harbour symposium" not in calendar and "drifting sensors" not in calendar


def test_a_partial_date_that_is_not_a_date_is_explained(tmp_path):
    _out, err = import_rows(tmp_path, "A talk,invited,2025-3-x,,Maren Okafor\n")
    assert "start_date '2025-3-x' is not a date" in err and "YYYY-MM (2026-03)" in err


@pytest.mark.parametrize("kind", ["plenary", "spotlight", "paper", "keynote"])
def test_every_kind_of_talk_is_listed_among_the_talks(client, tree, kind):
    speaker = PersonPageFactory(parent=tree.people)
    talk = ActivityPageFactory(parent=tree.engagement, title=f"A {kind} on tides")
    talk.involved.create(person=speaker)
    talk.save_revision().publish()
    html = client.get(speaker.url).content.decode()
    talks = html[html.index("Talks and posters") :]
    assert f"A {kind} on tides" in talks


def test_a_planned_paper_round_trips_through_bibtex_csl_and_the_list(client, tree, settings):
    paper = PublicationPageFactory(
        parent=tree.publications, title="Tides in the deep", status="planned", year=2027
    )
    PublicationAuthorFactory(page=paper, name="A. Planner")
    paper.refresh_from_db()
    entry = bibtex_entry(paper)
    assert "pubstate = {planned}" in entry
    assert bibtex.parse(entry)[0].status == "planned"
    csl = json.loads(client.get(paper.url + "cite/csl-json/").content)
    assert csl[0]["status"] == "planned"
    listing = client.get(tree.publications.url + "?status=planned").content.decode()
    assert "Tides in the deep" in listing and "Planned" in listing


def test_selected_work_is_flagged_from_bibtex_and_heads_the_authors_page(client, tree):
    drafts = bibtex.parse(
        "@article{k1, title={Selected wave counts}, author={Okafor, Maren}, year={2024}, "
        "journal={J}, selected={true}}"
    )
    assert drafts[0].selected
    author = PersonPageFactory(parent=tree.people, given_names="Sela", family_name="Ected")
    chosen = PublicationPageFactory(parent=tree.publications, title="Our best paper", selected=True)
    PublicationAuthorFactory(page=chosen, person=author)
    other = PublicationPageFactory(parent=tree.publications, title="A routine paper")
    PublicationAuthorFactory(page=other, person=author)
    talk = ActivityPageFactory(parent=tree.engagement, title="Our best talk", selected=True)
    talk.involved.create(person=author)
    talk.save_revision().publish()
    assert "selected = {true}" in bibtex_entry(PublicationPage.objects.get(pk=chosen.pk))

    html = client.get(author.url).content.decode()
    selected = html[html.index('id="profile-selected"') : html.index('id="profile-publications"')]
    assert "Our best paper" in selected and "Our best talk" in selected
    assert "A routine paper" not in selected


def test_the_home_page_can_show_selected_publications_and_engagement(client, tree):
    PublicationPageFactory(parent=tree.publications, title="A chosen result", selected=True)
    PublicationPageFactory(parent=tree.publications, title="An unchosen result")
    ActivityPageFactory(parent=tree.engagement, title="A chosen keynote", selected=True)
    home = tree.home
    home.body.append(("latest", {"section": "selected_publications", "heading": "", "count": 3}))
    home.body.append(("latest", {"section": "selected_engagement", "heading": "", "count": 3}))
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Selected publications" in html and "A chosen result" in html
    assert "Selected research engagement" in html and "A chosen keynote" in html
    assert "An unchosen result" not in html


def test_lists_show_each_papers_links_summary_abstract_and_bibtex_without_more_queries(
    client, tree
):
    paper = PublicationPageFactory(
        parent=tree.publications,
        title="Chips and toggles",
        doi="10.1234/chips",
        lay_summary="We count waves so harbours can plan.",
        abstract="An abstract about $x^2$ waves.",
    )
    paper.links.create(kind="code", url="https://example.org/code")
    paper.links.create(kind="slides", url="https://example.org/slides", label="Talk slides")
    PublicationAuthorFactory(page=paper, name="A. Chip")
    paper.save_revision().publish()
    html = client.get(tree.publications.url).content.decode()
    (item,) = [li for li in html.split('<li class="publication">') if "Chips and toggles" in li]
    assert 'href="https://doi.org/10.1234/chips">DOI</a>' in item
    # Each chip: its address, an icon, its words.
    assert re.search(r'href="https://example.org/code">(<svg[^>]*>.*?</svg>)?Code</a>', item)
    assert ">Talk slides</a>" in item
    assert "We count waves so harbours can plan." in item
    assert "<details" in item and "<summary>Abstract" in item and "<summary>BibTeX" in item
    assert "{Chips and toggles}" in item.split("<summary>BibTeX")[1]


def test_a_paper_lists_the_talks_projects_and_pages_that_point_to_it(client, tree):
    from labsite.models import NewsPage

    paper = PublicationPageFactory(parent=tree.publications, title="The pointed-at paper")
    talk = ActivityPageFactory(parent=tree.engagement, title="Presenting the paper")
    talk.related_publications.add(paper)
    talk.save_revision().publish()
    news = NewsPage(title="We cited our paper", summary="A post.", date="2026-01-05")
    news.body.append(("citation", {"publication": paper}))
    tree.news.add_child(instance=news)
    news.save_revision().publish()
    news_html = client.get(news.url).content.decode()
    assert 'class="cited-publication"' in news_html and f'href="{paper.url}"' in news_html
    html = client.get(paper.url).content.decode()
    assert "Presenting the paper" in html and "Talks and posters" in html
    assert "Mentioned in" in html and "We cited our paper" in html
