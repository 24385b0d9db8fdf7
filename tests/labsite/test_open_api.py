"""The open read API (/api/v2/, docs/api.md): its endpoints, their shapes, filters that match
the public site, public fields only, bad queries answered 400, and throttling."""

import json

import pytest
from django.core.cache import cache

from people.profiles.models import PersonPage
from research.publications.models import PublicationPage

pytestmark = pytest.mark.django_db


def _json(response):
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_the_index_lists_every_endpoint(client):
    data = _json(client.get("/api/v2/"))
    assert {
        "pages",
        "publications",
        "publications_bibtex",
        "people",
        "openings",
        "activities",
    } <= set(data["endpoints"])


def test_publications_as_csl_json_filtered_like_the_public_list(client, tree):
    everything = _json(client.get("/api/v2/publications/?limit=500"))
    live = PublicationPage.objects.live().count()
    assert 0 < len(everything) <= live
    item = everything[0]
    assert {"id", "type", "title", "author", "issued"} <= set(item)
    year = item["issued"]["date-parts"][0][0]
    response = client.get(f"/api/v2/publications/?year={year}&limit=500")
    of_year = json.loads(response.content)
    assert of_year and all(i["issued"]["date-parts"][0][0] == year for i in of_year)
    assert response["X-Total-Count"] == str(len(of_year))
    # The same filter on the page shows the same number of papers.
    page = client.get(f"/publications/?year={year}").content.decode()
    assert str(len(of_year)) in page


def test_publications_page_with_offset_and_limit_and_bibtex(client, tree):
    first = client.get("/api/v2/publications/?limit=2")
    assert len(json.loads(first.content)) == 2 and 'rel="next"' in first["Link"]
    # A stored copy (the page cache) keeps the headers a client pages with.
    again = client.get("/api/v2/publications/?limit=2")
    assert again["X-Total-Count"] == first["X-Total-Count"] and again["Link"] == first["Link"]
    bibtex = client.get("/api/v2/publications/bibtex/?limit=3")
    assert bibtex.status_code == 200 and bibtex["Content-Type"].startswith("application/x-bibtex")
    assert bibtex.content.decode().count("\n@") + bibtex.content.decode().startswith("@") == 3


def test_bad_queries_say_what_is_wrong(client, tree):
    for url, words in [
        ("/api/v2/publications/?year=banana", "year"),
        ("/api/v2/publications/?limit=100000", "limit"),
        ("/api/v2/people/?current=maybe", "current"),
        ("/api/v2/openings/?state=soon", "state"),
        ("/api/v2/activities/?when=later", "when"),
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert words in json.loads(response.content)["message"]


def test_people_show_public_fields_only(client, tree):
    data = _json(client.get("/api/v2/people/?limit=500"))
    assert data["meta"]["total_count"] == PersonPage.objects.live().count()
    text = json.dumps(data)
    assert "@" not in text  # no email address of anyone
    assert "member_user" not in text and "email" not in data["items"][0]
    current = _json(client.get("/api/v2/people/?current=true&limit=500"))["items"]
    assert current and all(p["current"] for p in current)
    role = data["items"][0]["role"]
    assert all(
        p["role"] == role
        for p in _json(client.get(f"/api/v2/people/?role={role}&limit=500"))["items"]
    )


def test_openings_and_activities(client, tree):
    openings = _json(client.get("/api/v2/openings/?state=all"))
    assert openings["meta"]["total_count"] >= 1 and "deadline" in openings["items"][0]
    upcoming = _json(client.get("/api/v2/activities/?when=upcoming"))["items"]
    past = _json(client.get("/api/v2/activities/?when=past&limit=5"))["items"]
    assert past and {"kind", "start_date", "people", "event"} <= set(past[0])
    assert not {a["id"] for a in upcoming} & {a["id"] for a in past}


def test_wagtail_pages_endpoint_gives_the_fields_a_client_needs(client, tree):
    data = _json(
        client.get("/api/v2/pages/?type=research.PublicationPage&fields=year,doi,venue&limit=5")
    )
    assert data["meta"]["total_count"] > 0
    assert {"year", "doi", "venue"} <= set(data["items"][0])
    person = _json(client.get("/api/v2/pages/?type=people.PersonPage&fields=*&limit=1"))["items"][0]
    assert "email" not in person and "member_user" not in person and "family_name" in person


@pytest.fixture
def three_a_minute(settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    # DRF reads the rates into a class attribute once: put the original back afterwards, or
    # every later test in this process is throttled at three a minute.
    original = SimpleRateThrottle.THROTTLE_RATES
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "3/minute"},
    }
    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    cache.clear()
    yield
    SimpleRateThrottle.THROTTLE_RATES = original
    cache.clear()


def test_the_api_is_throttled(client, tree, three_a_minute):
    # Different queries: stored copies of a page would not count.
    codes = [client.get(f"/api/v2/people/?q=x{n}").status_code for n in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429


def test_a_forged_forwarded_address_gets_no_new_allowance(client, tree, settings, three_a_minute):
    """Finding 2: the throttle keyed on the X-Forwarded-For the client sent."""
    settings.LABSITE_TRUSTED_PROXY_COUNT = 0  # no proxy: the socket's address is the client
    for n in range(3):
        assert client.get(f"/api/v2/people/?q=a{n}").status_code == 200
    forged = [
        client.get(f"/api/v2/people/?q=b{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(20)
    ]
    assert forged == [429] * 20


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(
    client, tree, settings, three_a_minute
):
    settings.LABSITE_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(3):
        forwarded = f"203.0.113.{n}, 192.0.2.7"  # made-up entries left of what the proxy added
        assert (
            client.get(
                f"/api/v2/people/?q=c{n}", HTTP_X_FORWARDED_FOR=forwarded, **proxy
            ).status_code
            == 200
        )
    assert (
        client.get(
            "/api/v2/people/?q=d", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7", **proxy
        ).status_code
        == 429
    )
    # Another visitor behind the same proxy has their own allowance.
    assert (
        client.get("/api/v2/people/?q=e", HTTP_X_FORWARDED_FOR="192.0.2.8", **proxy).status_code
        == 200
    )


def test_people_carry_their_research_interests(client, tree):
    from tests.support.members import published_person

    person = published_person(
        tree.people, title="Ines Example", given_names="Ines", family_name="Example"
    )
    person.interests.add("ocean acoustics", "optimisation")
    person.save_revision().publish()
    items = _json(client.get("/api/v2/people/?q=Example"))["items"]
    assert sorted(items[0]["interests"]) == ["ocean acoustics", "optimisation"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/publications/?limit=500",
        "/api/v2/publications/bibtex/?limit=500",
        "/api/v2/people/?limit=500",
        "/api/v2/openings/?state=all",
        "/api/v2/activities/?limit=500",
    ],
)
def test_each_endpoint_costs_a_few_queries_however_long_the_list(
    client, tree, url, django_assert_max_num_queries
):
    client.get(url)  # warm: site, settings and filter choices are remembered
    cache.clear()
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def _links(response) -> dict:
    """RFC 8288 Link header as {rel: address}."""
    found = {}
    for part in response["Link"].split(","):
        address, rel = part.split(";")
        found[rel.strip().removeprefix('rel="').removesuffix('"')] = address.strip()[1:-1]
    return found


def _items(path, response):
    data = json.loads(response.content)
    if path.startswith("/api/v2/publications/"):
        return [item["id"] for item in data]
    return [item.get("id") or item.get("url") or json.dumps(item) for item in data["items"]]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/publications/",
        "/api/v2/people/",
        "/api/v2/openings/?state=all",
        "/api/v2/activities/",
        "/api/v2/pages/",
    ],
)
def test_a_client_following_link_headers_gets_every_item_exactly_once(client, tree, path):
    separator = "&" if "?" in path else "?"
    total = int(client.get(f"{path}{separator}limit=1")["X-Total-Count"])
    assert total > 2, f"{path}: the demo should fill more than one page"
    limit = max(2, -(-total // 12))  # a dozen pages or so: well under the API's throttle
    response = client.get(f"{path}{separator}limit={limit}")
    assert response.status_code == 200, response.content[:300]
    first_links = _links(response)
    assert "next" in first_links and "prev" not in first_links
    seen, pages = [], 0
    while True:
        pages += 1
        data = json.loads(response.content)
        if path.startswith("/api/v2/pages/"):
            seen += [item["id"] for item in data["items"]]
        else:
            seen += _items(path, response)
        links = _links(response)
        assert response["X-Total-Count"] == str(total)
        assert ("prev" in links) == (pages > 1)
        if "next" not in links:
            assert f"offset={(total - 1) // limit * limit}" in links["last"]
            break
        assert f"limit={limit}" in links["next"]
        if "state=all" in path:
            assert "state=all" in links["next"]  # the filters are kept
        response = client.get(links["next"])
        assert response.status_code == 200
    assert len(seen) == total == len(set(seen))
    assert pages == -(-total // limit)
