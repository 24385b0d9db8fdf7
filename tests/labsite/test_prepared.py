"""labsite.prepared: a queryset compiled once gives the same rows as building it each time, for
every value, follows the content (a new view restriction), and refuses what it cannot reuse."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from labsite.pagecache import memo
from labsite.prepared import NotPreparable, Prepared
from labsite.visibility import restricted
from research.publications.models import PublicationAuthor, PublicationPage
from tests.factories import PersonPageFactory, PublicationAuthorFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def papers_of(person_id):
    """A list of the shape the person page asks for: a subquery on the person, the restricted
    sections left out, a join for the parent page's columns."""
    return (
        PublicationPage.objects.live()
        .exclude(restricted())
        .filter(pk__in=PublicationAuthor.objects.filter(person=person_id).values("page_id"))
        .only("title", "year", "url_path", "credits")
        .order_by("-year", "title")
    )


@pytest.fixture
def authors(tree):
    ada, ben, cy = (
        PersonPageFactory(parent=tree.people, title=name) for name in ["Ada", "Ben", "Cy"]
    )
    for n, (year, who) in enumerate(
        [(2021, [ada]), (2023, [ada, ben]), (2022, [ben]), (2020, [ada])]
    ):
        paper = PublicationPageFactory(parent=tree.publications, title=f"Paper {n}", year=year)
        for person in who:
            PublicationAuthorFactory(page=paper, person=person, name=person.title)
    return ada, ben, cy


def test_the_same_rows_as_the_queryset_for_each_value(authors):
    prepared = Prepared("test-papers", papers_of)
    for person in authors:
        expected = list(papers_of(person.pk))
        got = prepared(person.pk)
        assert [(p.pk, p.title, p.year, p.url_path, p.credits) for p in got] == [
            (p.pk, p.title, p.year, p.url_path, p.credits) for p in expected
        ]
        assert all(type(p) is PublicationPage for p in got)
    assert [p.title for p in prepared(authors[0].pk)] == ["Paper 1", "Paper 0", "Paper 3"]
    assert prepared(authors[2].pk) == []


def test_values_lists_and_two_arguments(authors):
    ada, ben, _ = authors
    both = Prepared(
        "test-both",
        lambda first, second: (
            PublicationAuthor.objects.filter(Q(person=first) | Q(person=second))
            .order_by("page__title", "person__title")
            .values_list("page__title", "person__title")
        ),
        arity=2,
    )
    assert both(ada.pk, ben.pk) == [
        ("Paper 0", "Ada"),
        ("Paper 1", "Ada"),
        ("Paper 1", "Ben"),
        ("Paper 2", "Ben"),
        ("Paper 3", "Ada"),
    ]
    assert both(ben.pk, ben.pk) == [("Paper 1", "Ben"), ("Paper 2", "Ben")]


def test_a_lookup_on_a_32_bit_key(authors):
    """Wagtail's page ids are 32-bit (``AutoField``; a page type's own key is a link to that
    row): the stand-ins fit that range on every database."""
    from wagtail.models import Page

    pages = list(Page.objects.filter(depth__gt=1).order_by("pk")[:5])
    by_id = Prepared("test-by-id", lambda page_id: Page.objects.filter(pk=page_id))
    for page in pages:
        assert by_id(page.pk) == [page]


def test_built_once_then_one_query_per_run(authors):
    builds = []

    def counted(person_id):
        builds.append(person_id)
        return papers_of(person_id)

    prepared = Prepared("test-counted", counted)
    restricted()  # reads the restricted sections, once per content change
    for person in authors:
        with CaptureQueriesContext(connection) as queries:
            prepared(person.pk)
        assert len(queries) == 1
        assert str(person.pk) in queries[0]["sql"]  # the real value, not the stand-in
    assert len(builds) == 1


def test_compiled_again_when_the_content_changes(authors, tree):
    ada = authors[0]
    prepared = Prepared("test-restricted", papers_of)
    assert len(prepared(ada.pk)) == 3
    # A restriction on the publications changes the statement's shape (visibility.restricted).
    PageViewRestriction.objects.create(
        page=tree.publications, restriction_type="password", password="tide"
    )
    memo.forget()  # as the next request's start does
    assert prepared(ada.pk) == []


def test_runs_on_the_calling_threads_connection(authors):
    prepared = Prepared("test-thread", papers_of)
    prepared(authors[0].pk)
    seen = []

    def other_thread():
        seen.append(prepared.queryset(authors[0].pk).query.get_compiler().connection)
        connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    here = connections["default"]
    assert seen[0] is not here
    assert prepared.queryset(authors[0].pk).query.get_compiler().connection is here


def test_refuses_what_it_cannot_reuse(authors):
    with pytest.raises(TypeError, match="whole number"):
        Prepared("test-str", papers_of)("3")
    with pytest.raises(TypeError, match="whole number"):
        Prepared("test-none", papers_of)(None)
    # The value decides the statement's shape (an empty list compiles to no SQL at all).
    ignored = Prepared("test-ignored", lambda person_id: PublicationPage.objects.filter(pk=1))
    with pytest.raises(NotPreparable, match="do not reach the SQL"):
        ignored(authors[0].pk)
    specific = Prepared(
        "test-specific", lambda person_id: PublicationPage.objects.filter(pk=person_id).specific()
    )
    with pytest.raises(NotPreparable, match="more than one statement"):
        specific(authors[0].pk)


@pytest.mark.postgres
def test_a_column_without_negative_numbers_is_refused_not_compiled_away():
    """PostgreSQL's ranges leave negative numbers out of a positive column: Django compiles
    such a lookup to no rows, so the stand-in never reaches the statement. Said, not hidden."""
    from people.models import Supervision

    by_size = Prepared("test-by-size", lambda size: Supervision.objects.filter(cohort_size=size))
    with pytest.raises(NotPreparable, match="only ids can be prepared"):
        by_size(2)
