"""Site search: grouped by type, highlighted, paginated per type, escaped, site-scoped."""

import pytest

from labsite.models import NewsIndexPage, NewsPage
from labsite.search import highlight, terms

pytestmark = pytest.mark.django_db


def test_results_are_grouped_by_type_with_counts(client):
    html = client.get("/search/?q=ocean").content.decode()
    assert "Research themes <span" in html and "Publications <span" in html
    assert html.index("Research themes") < html.index("Publications <span")
    assert '<a href="/research/ocean-sensing/">Learning from <mark>ocean</mark> sensors</a>' in html


def test_people_are_found_by_name_and_come_first(client):
    html = client.get("/search/?q=Okafor").content.decode()
    assert html.index("People <span") < html.index("</main>")
    assert "Maren <mark>Okafor</mark>" in html


def test_a_type_view_lists_all_hits_of_that_type_with_pagination(client):
    index = NewsIndexPage.objects.get()
    for n in range(25):
        index.add_child(
            instance=NewsPage(
                title=f"Seagrass note {n}",
                slug=f"seagrass-{n}",
                summary="Seagrass.",
                date="2026-01-01",
            )
        )
    overview = client.get("/search/?q=seagrass").content.decode()
    assert "All 25 news items" in overview
    first = client.get("/search/?q=seagrass&type=labsite.newspage").content.decode()
    assert "Page 1 of 2" in first and first.count('class="item-list__item"') == 20
    second = client.get("/search/?q=seagrass&type=labsite.newspage&page=2").content.decode()
    assert second.count('class="item-list__item"') == 5


def test_a_malformed_type_is_ignored(client):
    response = client.get("/search/?q=ocean&type=<script>")
    assert (
        response.status_code == 200
        and "<script>" not in response.content.decode().split("</form>")[1]
    )


def test_nothing_found_says_so(client):
    assert "Nothing matched “zzqxv”" in client.get("/search/?q=zzqxv").content.decode()


def test_highlighting_escapes_the_text_and_marks_only_query_words():
    text = '<b>Ocean</b> & "oceans" of data'
    marked = str(highlight(text, terms("ocean")))
    assert "<b>" not in marked and "&lt;b&gt;" in marked and "&amp;" in marked
    assert marked.count("<mark>") == 2 and "<mark>Ocean</mark>" in marked


def test_search_results_never_show_draft_or_private_pages(client):
    index = NewsIndexPage.objects.get()
    draft = NewsPage(
        title="Secret kelp plan", slug="secret-kelp", summary="x", date="2026-01-01", live=False
    )
    index.add_child(instance=draft)
    assert "Secret kelp plan" not in client.get("/search/?q=kelp").content.decode()


def test_the_results_page_runs_the_same_queries_for_5_or_60_matches(client):
    from tests.querycount import assert_constant_queries

    index = NewsIndexPage.objects.get()

    def add(start, count):
        for n in range(start, start + count):
            index.add_child(
                instance=NewsPage(
                    title=f"Seagrass note {n}",
                    slug=f"seagrass-{n}",
                    summary="Seagrass.",
                    date="2026-01-01",
                )
            )

    add(0, 5)
    assert_constant_queries(
        client,
        ["/search/?q=seagrass", "/search/?q=seagrass&type=labsite.newspage&page=2"],
        lambda: add(5, 55),
    )


@pytest.mark.postgres
def test_postgresql_full_text_search_uses_the_title_body_index(client):
    """The search filter `title || body @@ query` must be answered from the GIN expression index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'labsite_search_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
        assert "gin" in definition and "title || body" in definition
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('ocean')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "labsite_search_title_body_gin" in plan
