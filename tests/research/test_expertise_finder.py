"""Finding the right person: ranking (research/expertise/), and the public page that answers a
pasted text. Ranking quality on a real corpus is measured by bench/bench_expertise.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labsite.pagecache import memo
from research.expertise import services
from research.expertise.ranking import Document, Index, rank_people
from research.expertise.text import words
from research.models import ExpertiseFinderPage, PublicationPage
from tests.factories import PublicationAuthorFactory, PublicationPageFactory
from tests.support.members import published_person

pytestmark = pytest.mark.django_db


def test_words_drop_function_words_and_meet_across_endings():
    assert words("The networks of frugivores, and a network.") == ["network", "frugivor", "network"]
    assert "modell" in words("modelling") or "model" in words("models")
    assert words("") == [] and words("1999 2024") == []


def test_a_rare_shared_word_outranks_common_ones_and_people_sum_their_best_papers():
    docs = [
        Document(1, "Seed dispersal by ants", "ants carry seeds in savanna forest", (10,)),
        Document(2, "Forest canopy light", "forest light forest canopy", (11,)),
        Document(3, "Ant nests in savanna", "ants savanna nests", (10, 12)),
        Document(4, "Forest soils", "forest forest soil", (11,)),
    ]
    index = Index(docs)
    scored = index.search("ants dispersing seeds in a forest")
    assert scored[0].document.pk == 1 and "ant" in scored[0].terms
    people = rank_people(scored)
    assert people[0].person == 10 and [p.document.pk for p in people[0].papers] == [1, 3]
    assert index.search("ants", exclude={1, 3}) == []
    assert index.search("the of and") == []


@pytest.fixture
def finder(tree):
    return ExpertiseFinderPage.objects.live().first()


@pytest.fixture
def specialist(tree):
    person = published_person(tree.people, title="Iris Hydrophone", slug="iris-hydrophone")
    for title, abstract in [
        ("Hydrophone arrays under sea ice", "Moored hydrophone arrays record sea ice cracking."),
        ("Acoustic thickness of sea ice", "Sea ice thickness from hydrophone acoustics."),
    ]:
        paper = PublicationPageFactory(parent=tree.publications, title=title, abstract=abstract)
        PublicationAuthorFactory(page=paper, person=person, name="")
    return person


def test_the_demo_has_a_finder_page(finder):
    assert finder is not None and finder.url


@pytest.mark.parametrize("method", services.METHODS)
def test_both_methods_find_the_specialist_on_this_database(specialist, method):
    people, papers = services.find(
        "We propose to monitor sea ice with moored hydrophone arrays.", method=method
    )
    assert people and people[0].person == specialist.pk
    assert {p.document.title for p in people[0].papers} == {
        "Hydrophone arrays under sea ice", "Acoustic thickness of sea ice",
    }  # fmt: skip


def test_the_page_answers_a_pasted_call_with_people_and_why(client, finder, specialist):
    call = "Call for proposals: acoustic monitoring of sea ice with hydrophones. " * 20
    client.get(finder.url, {"text": "warm"})  # the chrome and the kept index
    with CaptureQueriesContext(connection) as queries:
        response = client.get(finder.url, {"text": call})
    html = response.content.decode()
    assert response.status_code == 200
    people = html.split('id="matching-people"')[1]
    assert people.index("Iris Hydrophone") < people.index("</ol>")
    assert "Hydrophone arrays under sea ice" in people and "matching: " in people
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries)


def test_nothing_matching_and_bad_input_say_so_without_failing(client, finder):
    html = client.get(finder.url, {"text": "zzzz qqqq"}).content.decode()
    assert "Nobody&#x27;s publications match" in html or "Nobody's publications match" in html
    too_long = client.get(finder.url, {"text": "word " * 2000})
    assert too_long.status_code == 200
    assert "at most 8000 characters" in too_long.content.decode()
    assert client.get(finder.url).status_code == 200
    tracked = client.get(finder.url, {"utm_source": "newsletter"}).content.decode()
    assert "This field is required" not in tracked and "matching-people" not in tracked


def test_a_newly_published_paper_is_found_at_once(client, finder, tree, specialist):
    services.find("glacier")  # the index is built and kept
    other = published_person(tree.people, title="Gus Glacier", slug="gus-glacier")
    paper = PublicationPageFactory(parent=tree.publications, title="Glacier calving sounds")
    PublicationAuthorFactory(page=paper, person=other, name="")
    paper.save_revision().publish()
    memo.forget()  # what every request does first
    people, _ = services.find("glacier calving")
    assert people and people[0].person == other.pk
    assert PublicationPage.objects.filter(pk=paper.pk, live=True).exists()
