"""The group's publications as documents to match, and the two ways of matching them."""

from wagtail.models import Page

from labsite.page_links import link_columns
from labsite.pagecache import memo
from labsite.visibility import restricted
from research.expertise.ranking import Document, Index, Scored, rank_people
from research.expertise.text import words
from research.publications.models import PublicationPage

METHODS = ("bm25", "fts")
#: The most of a pasted text that is read (a long call for proposals is still one query).
LONGEST_QUERY = 8000


def documents() -> list[Document]:
    """Live, public publications with their member authors (from the credits stored on each
    publication): one query."""
    rows = (
        PublicationPage.objects.live()
        .exclude(restricted())
        .values_list("pk", "title", "abstract", "lay_summary", "year", "credits")
    )
    return [
        Document(
            pk,
            title,
            f"{abstract} {summary}",
            tuple(dict.fromkeys(c["person"] for c in credits or [] if c.get("person"))),
            year,
        )
        for pk, title, abstract, summary, year, credits in rows
    ]


def index() -> Index:
    """Built once per content change (kept in the process until an editor publishes)."""
    return memo.remember("research:expertise:index", lambda: Index(documents()))


def fts_search(query: str, exclude=frozenset(), limit: int = 50) -> list[Scored]:
    """The same question through the site's search backend (SQLite FTS5, PostgreSQL full
    text): its query terms are the pasted text's twenty most frequent matching words."""
    from collections import Counter

    terms = [term for term, _ in Counter(words(query)).most_common(20)]
    if not terms:
        return []
    by_pk = {d.pk: d for d in index().documents}
    results = (
        PublicationPage.objects.live()
        .exclude(restricted())
        .exclude(pk__in=exclude)
        .search(" ".join(terms), operator="or", order_by_relevance=True)
    )
    scored = []
    # Backends score on their own scales (SQLite's FTS5 ranks are negative): the order is
    # what they agree on, so a paper's score is its place, best first.
    for place, page in enumerate(results[:limit]):
        document = by_pk.get(page.pk)
        if document is not None:
            text_terms = set(words(f"{document.title} {document.text}"))
            matched = [t for t in terms if t in text_terms]
            scored.append(Scored(document, (limit - place) / limit, matched))
    return scored


def find(query: str, method: str = "bm25", exclude=frozenset(), people: int = 10):
    """(people ranked with their matching papers, publications ranked)."""
    query = (query or "")[:LONGEST_QUERY]
    scored = fts_search(query, exclude) if method == "fts" else index().search(query, exclude)
    return rank_people(scored, limit=people), scored


def linked_pages(pks) -> dict[int, Page]:
    """The matched people's and papers' pages, for their links: live and public ones only, in
    one query (Wagtail's base page has all a link needs)."""
    pages = Page.objects.live().exclude(restricted()).filter(pk__in=set(pks)).only(*link_columns())
    return {page.pk: page for page in pages}
