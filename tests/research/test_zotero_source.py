"""A Zotero library as a publication source, on a recorded Zotero Web API v3 response
(tests/data/zotero/items-z_public_library.json, from pyzotero's fixtures): incremental by item
version, items new to the site queued for the members they name (or the reviewer)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from research.incoming import services, zotero
from research.incoming.models import IncomingWork, ZoteroLibrary
from research.publications import metadata
from tests.factories import PublicationPageFactory
from tests.support.members import published_person

DATA = Path(__file__).resolve().parent.parent / "data"
ITEMS = json.loads((DATA / "zotero" / "items-z_public_library.json").read_text(encoding="utf-8"))


class ZoteroServer:
    """api.zotero.org as recorded: ``since`` filters by item version, ``start``/``limit`` page."""

    def __init__(self, items):
        self.items = items
        self.asked: list[str] = []
        self.status = 200

    def __call__(self, url, headers, **kwargs):
        if not url.startswith(zotero.ZOTERO_API):
            raise metadata.MetadataError("out of reach in this test")  # doi.org for approvals
        self.asked.append(url)
        assert headers["Zotero-API-Version"] == "3"
        if self.status != 200:
            return self.status, "text/plain", b"Forbidden"
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        since, start, limit = int(query["since"]), int(query["start"]), int(query["limit"])
        changed = [i for i in self.items if i["version"] > since]
        return 200, "application/json", json.dumps(changed[start : start + limit]).encode()


@pytest.fixture
def server(monkeypatch):
    served = ZoteroServer(ITEMS)
    monkeypatch.setattr(metadata, "http_get", served)
    return served


@pytest.fixture
def library(tree):
    reviewer = published_person(tree.people, title="Rita Reviewer", slug="rita-reviewer")
    return ZoteroLibrary.objects.create(
        name="Lab papers", kind="users", library_id=475425, reviewer=reviewer
    )


def test_the_items_are_read_as_works_with_their_types_dates_and_authors():
    works = zotero.read_items(ITEMS)
    kinds = {w.work_type for w in works}
    # Web pages, a film and an artwork are not research outputs; the rest are.
    assert not kinds & {"webpage", "film", "artwork"}
    assert {"journalArticle", "book", "conferencePaper"} <= kinds
    assert all(w.title and w.external_id for w in works)
    dated = [w for w in works if w.year]
    assert dated and all(1500 <= w.year <= 2100 for w in dated)
    assert any(w.authors for w in works)


@pytest.mark.parametrize(
    "date, expected",
    [("2011", (2011, None)), ("2011-03-02", (2011, 3)), ("March 2011", (2011, 3)),
     ("3/2/2011", (2011, None)), ("", (None, None)), ("n.d.", (None, None))],
)  # fmt: skip
def test_zotero_free_text_dates(date, expected):
    assert zotero._year_month(date) == expected


def test_a_check_queues_new_items_for_the_members_they_name_and_the_rest_for_the_reviewer(
    server, library, tree
):
    works = zotero.read_items(ITEMS)
    named = next(w for w in works if w.names and w.names[0][0])
    family, given = named.names[0]
    member = published_person(
        tree.people, title=f"{given} {family}".strip(), family_name=family,
        given_names=given or "X", slug="named-member",
    )  # fmt: skip
    already = works[-1]
    PublicationPageFactory(parent=tree.publications, title=already.title, year=already.year)

    queued = zotero.check_library(library)
    library.refresh_from_db()
    assert library.version == max(i["version"] for i in ITEMS) and not library.last_problem
    mine = IncomingWork.objects.filter(person=member, source="zotero")
    assert named.external_id in set(mine.values_list("external_id", flat=True))
    reviewers = IncomingWork.objects.filter(person=library.reviewer, source="zotero")
    assert reviewers.exists()
    # The one already among the publications is not queued for anybody.
    assert not IncomingWork.objects.filter(external_id=already.external_id).exists()
    assert queued == IncomingWork.objects.filter(source="zotero").count()

    # Nothing changed since: the next check asks from the stored version and queues nothing.
    assert zotero.check_library(library) == 0
    assert f"since={library.version}" in server.asked[-1]


def test_a_changed_item_is_read_again_and_not_queued_twice(server, library):
    zotero.check_library(library)
    before = IncomingWork.objects.filter(source="zotero").count()
    edited = json.loads(json.dumps(ITEMS[1]))
    edited["version"] = edited["data"]["version"] = library.version + 5
    server.items = ITEMS + [edited]
    zotero.check_library(library)
    library.refresh_from_db()
    assert library.version == edited["version"]
    assert IncomingWork.objects.filter(source="zotero").count() == before


def test_a_private_library_without_a_key_is_reported_and_keeps_its_version(server, library):
    server.status = 403
    with pytest.raises(metadata.MetadataError, match="Add a read-only API key"):
        zotero.check_library(library)
    library.refresh_from_db()
    assert library.version == 0 and "private" in library.last_problem
    # The weekly job reports the problem and goes on.
    assert "1 Zotero libraries" in services.check_everyone()


def test_many_items_are_read_a_page_at_a_time(server, library, monkeypatch):
    monkeypatch.setattr(zotero, "PAGE", 7)
    zotero.check_library(library)
    assert len(server.asked) == 3  # 7 + 7 + 6 items
    assert "start=14" in server.asked[-1]


def test_an_approved_zotero_work_becomes_a_publication_of_its_type(
    server, library, admin_client_logged_in
):
    zotero.check_library(library)
    work = IncomingWork.objects.filter(source="zotero", work_type="conferencePaper").first()
    draft = services.draft_for(work)
    assert draft.publication_type == "inproceedings"


def test_an_administrator_adds_a_library_in_the_admin(admin_client_logged_in, library):
    listing = admin_client_logged_in.get(reverse("zotero_libraries:index"))
    assert listing.status_code == 200 and "Lab papers" in listing.content.decode()
    form = admin_client_logged_in.get(reverse("zotero_libraries:add"))
    assert "zotero.org/groups/123456" in form.content.decode()
