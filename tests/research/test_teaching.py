"""Teaching: course pages, the teaching index, a person's Teaching section, courses added in the
admin, and courses moved in from academicpages' _teaching and al-folio's _teachings (real
files in tests/data/sites/)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from people.models import PersonPage
from research.models import CoursePage, TeachingIndexPage

SITES = Path(__file__).resolve().parent.parent / "data" / "sites"
pytestmark = pytest.mark.django_db


def test_the_teaching_index_lists_courses_newest_first_with_code_term_and_teachers(client, tree):
    index = TeachingIndexPage.objects.live().first()
    html = client.get(index.url).content.decode()
    assert html.index("OCE 301: Ocean acoustics") < html.index("Summer school on open ocean data")
    assert "Autumn 2026" in html and ("Master&#x27;s" in html or "Master's" in html)
    maren = PersonPage.objects.get(slug="maren-okafor")
    assert f'<a class="member" href="{maren.url}">' in html and "(teaching assistant)" in html


def test_a_course_page_shows_who_teaches_it_and_its_materials(client, tree):
    course = CoursePage.objects.get(code="OCE 301")
    html = client.get(course.url).content.decode()
    assert "Taught by" in html and "(lecturer)" in html
    assert 'href="https://example.org/oce301/syllabus">Course syllabus</a>' in html
    assert "(Syllabus)" in html


def test_a_person_page_has_a_teaching_section(client, tree):
    html = client.get(PersonPage.objects.get(slug="maren-okafor").url).content.decode()
    teaching = html.split(">Teaching</h2>")[1]
    assert "Ocean acoustics" in teaching and "Training dynamics of neural networks" in teaching


def _course_form(index, teachers, materials):
    return nested_form_data(
        {
            "title": "Hydroacoustics lab",
            "slug": "hydroacoustics-lab",
            "code": "OCE 410",
            "level": "masters",
            "term": "Spring 2027",
            "year": "2027",
            "institution": "",
            "summary": "Recording and analysing underwater sound.",
            "body": streamfield([]),
            "teachers": inline_formset(teachers, min=1),
            "materials": inline_formset(materials),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_an_editor_adds_a_course_in_the_admin(admin_client_logged_in, tree):
    index = TeachingIndexPage.objects.live().first()
    url = reverse("wagtailadmin_pages:add", args=["research", "coursepage", index.pk])
    assert admin_client_logged_in.get(url).status_code == 200
    maren = PersonPage.objects.get(slug="maren-okafor")
    missing = _course_form(index, [{"person": maren.pk, "name": "", "role": "lecturer"}],
                           [{"title": "Slides", "kind": "slides", "document": "", "url": ""}])  # fmt: skip
    refused = admin_client_logged_in.post(url, missing)
    assert refused.status_code == 200 and not CoursePage.objects.filter(code="OCE 410").exists()
    assert "Choose a file or give a link" in refused.content.decode()
    good = _course_form(index, [{"person": maren.pk, "name": "", "role": "lecturer"}],
                        [{"title": "Slides", "kind": "slides", "document": "",
                          "url": "https://example.org/oce410/slides"}])  # fmt: skip
    response = admin_client_logged_in.post(url, good)
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(code="OCE 410")
    assert course.live and course.credits[0]["person"] == maren.pk
    assert "Hydroacoustics lab" in admin_client_logged_in.get(maren.url).content.decode()


def test_academicpages_teaching_becomes_courses_taught_by_the_site_owner(tree):
    call_command("import_site", str(SITES / "academicpages"), "--yes", stdout=io.StringIO())
    stat20 = CoursePage.objects.get(code="Stat 20")
    assert stat20.title == "Introduction to Probability and Statistics"
    assert stat20.year == 2015 and stat20.level == "undergraduate"
    assert stat20.institution == "UC Berkeley, Department of Statistics"
    teacher = stat20.teachers.get()
    assert (
        teacher.person is not None and teacher.role == "assistant"
    )  # "graduate student instructor"
    cis = CoursePage.objects.get(code="CIS 262")
    assert cis.title == "CIS 262: Teaching Assistant" and cis.teachers.get().role == "assistant"
    # The template's own "Teaching experience 1" is its example, not the owner's course.
    assert not CoursePage.objects.filter(title="Teaching experience 1").exists()
    assert all(c.live for c in CoursePage.objects.filter(code__in=["Stat 20", "CIS 262"]))


def test_alfolio_teachings_become_a_course_with_its_linked_materials(tree):
    out = io.StringIO()
    call_command("import_site", str(SITES / "alfolio"), stdout=out)  # the preview
    assert "/assets/pdf/example_pdf.pdf is a file of the old site" in out.getvalue()
    call_command("import_site", str(SITES / "alfolio"), "--yes", stdout=out)
    course = CoursePage.objects.get(title="Introduction to Machine Learning")
    assert course.term == "Fall 2023" and course.year == 2023 and not course.code
    assert [t.name for t in course.teachers.all()] == ["Prof. Example"]
    links = [m.url for m in course.materials.all()]
    assert links == [
        "https://github.com/example/ml-examples",
        "https://github.com/example/dl-examples",
    ]
    assert course.summary.startswith("This course provides an introduction")
