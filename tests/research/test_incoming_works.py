"""Works to review: a member's ORCID record (a recorded v3.0 works response of ORCID's public
test record, tests/data/orcid/) and arXiv author searches (a recorded arXiv API response) queued,
flagged when already on the site, approved into publications or dismissed, and emailed weekly."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from labsite.mail.models import OutboxEmail
from research.incoming import services, sources
from research.incoming.models import IncomingStatus, IncomingWork
from research.publications.metadata import MetadataError
from tests.support.members import linked_member, published_person, site_editor

DATA = Path(__file__).resolve().parent.parent / "data"
ORCID_WORKS = (DATA / "orcid" / "0000-0002-1825-0097-works.json").read_bytes()
ARXIV_QUERY = (DATA / "arxiv" / "query-testing-10.xml").read_bytes()


@pytest.fixture
def recorded(monkeypatch):
    """ORCID and arXiv answer with the recorded responses; doi.org is out of reach."""
    asked = []

    def http_get(url, headers, **kwargs):
        asked.append(url)
        if url.startswith(sources.ORCID_API):
            return 200, "application/json", ORCID_WORKS
        return 200, "application/atom+xml", ARXIV_QUERY

    def no_doi(value):
        raise MetadataError("doi.org could not be reached")

    monkeypatch.setattr(sources, "http_get", http_get)
    monkeypatch.setattr(services, "fetch_doi", no_doi)
    return asked


@pytest.fixture
def carberry(tree):
    return published_person(
        tree.people,
        title="Josiah Carberry",
        given_names="Josiah",
        family_name="Carberry",
        orcid="0000-0002-1825-0097",
    )


def test_orcid_works_are_read_one_per_group_with_their_identifiers():
    import json

    works = sources.read_orcid_works(json.loads(ORCID_WORKS))
    assert len(works) == 6
    first = works[0]
    assert first.title == "A Methodology for the Emulation of Architecture"
    assert first.year == 2012 and first.doi == "10.5555/12345680" and first.external_id == "9543020"
    assert {w.doi for w in works} >= {"10.1109/tps.1987.4316723", "10.5555/12345678"}


def test_arxiv_author_search_is_built_from_the_name_and_read():
    assert sources.arxiv_query("Tiffany", "Vlaar") == "au:Vlaar_T"
    assert sources.arxiv_query("", "de Clippele") == "au:de_Clippele"
    found = sources.read_arxiv(ARXIV_QUERY)
    assert len(found) == 10 and found[0].arxiv_id == "2202.12139" and found[0].authors


def test_a_check_queues_new_works_once_and_flags_those_on_the_site(recorded, carberry):
    checked = services.check(carberry)
    assert len(checked.new) == 6 and not checked.problems
    again = services.check(carberry)
    assert again.new == [] and IncomingWork.objects.filter(person=carberry).count() == 6
    works = IncomingWork.objects.filter(person=carberry)
    assert services.on_site(works) == {}


def test_arxiv_preprints_join_the_same_queue(recorded, carberry):
    carberry.watch_arxiv = True
    carberry.save_revision().publish()
    checked = services.check(carberry)
    assert len(checked.new) == 16
    assert any("search_query=au%3ACarberry_J" in url for url in recorded)


def test_an_editor_adds_a_work_and_it_is_then_on_the_site(recorded, carberry):
    services.check(carberry)
    editor = site_editor()
    work = IncomingWork.objects.get(person=carberry, external_id="4562455")
    page = services.approve(work, editor)
    assert page.live and page.doi == "10.5555/666655554444" and page.year == 2012
    assert page.authors.first().person_id == carberry.pk
    work.refresh_from_db()
    assert work.status == IncomingStatus.APPROVED and work.publication_id == page.pk
    other = IncomingWork.objects.get(person=carberry, external_id="9543020")
    other.title_key = work.title_key  # not the same paper: a DOI decides
    assert services.on_site([work])[work.pk].pk == page.pk


def test_a_member_adds_their_own_work_for_review_and_may_not_touch_others(recorded, carberry, tree):
    services.check(carberry)
    member = linked_member(carberry, "josiah@example.org")
    work = IncomingWork.objects.get(person=carberry, external_id="4562453")
    page = services.approve(work, member)
    assert not page.live and page.has_unpublished_changes
    stranger = published_person(
        tree.people, title="Ada Other", given_names="Ada", family_name="Other"
    )
    foreign = IncomingWork.objects.create(
        person=stranger,
        source="orcid",
        external_id="1",
        title="Not yours",
        title_key="not yours",
        year=2020,
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.approve(foreign, member)
    with pytest.raises(PermissionDenied):
        services.dismiss(foreign, member)


def test_members_are_emailed_a_short_list_once(recorded, carberry):
    linked_member(carberry, "josiah@example.org")
    summary = services.check_everyone()
    # The demo group's people have ORCID iDs too (all answered with the same record here);
    # only Josiah has an account, so one email goes out.
    assert "1 emails" in summary and IncomingWork.objects.filter(person=carberry).count() == 6
    email = OutboxEmail.objects.exclude(purpose="invitation").get(to=["josiah@example.org"])
    assert "6 new works to review" in email.subject
    assert "The Memory Bus Considered Harmful" in email.text_body
    assert "/admin/works-to-review/" in email.text_body
    assert "1 emails" not in services.check_everyone()


def test_the_admin_queue_for_a_member(recorded, carberry, client):
    member = linked_member(carberry, "josiah@example.org")
    client.force_login(member)
    response = client.post(f"/admin/works-to-review/check/{carberry.pk}/", {"person": carberry.pk})
    assert response.status_code == 302
    page = client.get("/admin/works-to-review/").content.decode()
    assert "The Memory Bus Considered Harmful" in page and "Add to publications" in page
    work = IncomingWork.objects.get(person=carberry, external_id="4562454")
    assert client.post(f"/admin/works-to-review/{work.pk}/dismiss/").status_code == 302
    work.refresh_from_db()
    assert work.status == IncomingStatus.DISMISSED
    listing = client.get("/admin/works-to-review/").content.decode()
    listing = listing.split('<table class="listing">', 1)[-1].split("</table>", 1)[0]
    assert "Interactive Epistemologies" not in listing and "Memory Bus" in listing


def test_the_command_checks_one_person_and_reports_a_bad_slug(recorded, carberry):
    out = io.StringIO()
    call_command("check_incoming_works", person=carberry.slug, stdout=out)
    assert "6 new works" in out.getvalue()
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="slug"):
        call_command("check_incoming_works", person="nobody-here", stdout=out)


def test_orcid_refusals_are_reported_not_raised(monkeypatch, carberry):
    monkeypatch.setattr(sources, "http_get", lambda url, headers, **k: (404, "text/html", b""))
    checked = services.check(carberry)
    assert checked.new == [] and "ORCID has no record" in checked.problems[0]
    with pytest.raises(MetadataError):
        sources.read_orcid_works({"unexpected": True})
