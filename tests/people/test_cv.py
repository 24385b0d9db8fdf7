"""CVs built from the site's records: opted in on the person page, rebuilt when a credited
record changes (not per request), sections chosen and ordered, served as HTML and PDF."""

import pytest
from django.core.files.storage import default_storage

from people.cv import services
from people.cv.models import CVSectionChoice, StoredCV
from research.publications.models import PublicationAuthor, PublicationPage
from tests.support.members import published_person

pytestmark = pytest.mark.django_db


def _offering(person, sections=()):
    person.offers_cv = True
    person.cv_sections = [CVSectionChoice(section=key) for key in sections]
    person.career = [
        (
            "education",
            {
                "degree": "PhD in Ocean Physics",
                "organisation": "Example University",
                "start": None,
                "end": "2019",
            },
        ),
        (
            "position",
            {
                "title": "Lecturer",
                "organisation": "Example University",
                "start": "2020",
                "end": None,
            },
        ),
    ]
    person.save_revision().publish()
    person.refresh_from_db()
    return person


def test_opting_in_builds_the_cv_once_and_serves_it(client, tree):
    person = _offering(
        published_person(
            tree.people, title="Rhea Example", given_names="Rhea", family_name="Example"
        )
    )
    stored = StoredCV.objects.get(person=person)
    assert "PhD in Ocean Physics" in stored.html and "Lecturer" in stored.html
    assert stored.pdf and default_storage.exists(stored.pdf.name)
    pdf = client.get(f"/cv/{person.slug}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    html = client.get(f"/cv/{person.slug}/")
    assert html.status_code == 200 and "Rhea Example" in html.content.decode()
    # Its print stylesheet is allowed by the site's policy (finding 9: it was blocked).
    import base64
    import hashlib
    import re

    css = re.search(r"<style>(.*?)</style>", html.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in html["Content-Security-Policy"]
    page = client.get(person.url).content.decode()
    assert f"/cv/{person.slug}.pdf" in page
    # A request never rebuilds it: the same file is served until the data changes.
    generated = stored.generated_at
    client.get(f"/cv/{person.slug}.pdf")
    assert StoredCV.objects.get(person=person).generated_at == generated
    assert services.regenerate(person) == "unchanged"


def test_a_new_paper_naming_the_person_rebuilds_their_cv(tree):
    person = _offering(
        published_person(
            tree.people, title="Rhea Example", given_names="Rhea", family_name="Example"
        )
    )
    before = StoredCV.objects.get(person=person).digest
    paper = PublicationPage.objects.live().first().specific
    paper.authors.add(PublicationAuthor(person=person))
    paper.save_revision().publish()
    stored = StoredCV.objects.get(person=person)
    assert stored.digest != before and paper.title in stored.html


def test_sections_are_chosen_and_ordered_by_the_member(tree):
    person = _offering(
        published_person(
            tree.people, title="Rhea Example", given_names="Rhea", family_name="Example"
        ),
        sections=["positions", "education"],
    )
    html = StoredCV.objects.get(person=person).html
    assert html.index("<h2>Positions</h2>") < html.index("<h2>Education</h2>")
    assert "<h2>Publications</h2>" not in html


def test_no_cv_without_the_opt_in_and_it_goes_when_withdrawn(client, tree):
    person = published_person(
        tree.people, title="Rhea Example", given_names="Rhea", family_name="Example"
    )
    assert client.get(f"/cv/{person.slug}.pdf").status_code == 404
    person = _offering(person)
    assert StoredCV.objects.filter(person=person).exists()
    person.offers_cv = False
    person.save_revision().publish()
    assert not StoredCV.objects.filter(person=person).exists()
    assert client.get(f"/cv/{person.slug}/").status_code == 404


def test_the_pdf_fetches_nothing():
    for address in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            services.fetcher().fetch(address)
    pdf = services.render_pdf('<img src="http://169.254.169.254/x.png"><p>text</p>')
    assert pdf.startswith(b"%PDF")
