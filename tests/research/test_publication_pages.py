"""What visitors and machines see: listing, filters, exports, Scholar tags and JSON-LD."""

import json
import re

import bibtexparser
import pytest
from django.test import override_settings

from research.models import PublicationIndexPage, PublicationPage, PublicationSettings
from research.publications.importer import import_drafts
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
SAMPLE = "/publications/calibrated-seabed-habitat-classification-from-towed-cameras/"


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """A minimal RIS reader: records end at ER, tags are two characters then '  - '."""
    records, current = [], {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not match:
            continue
        tag, value = match.groups()
        if tag == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    return records


def test_index_groups_by_year_with_counts_and_marks_unpublished(client):
    html = client.get("/publications/").content.decode()
    assert re.search(r'<h2 id="year-2026">2026 <span class="count">\(4\)</span>', html)
    assert 'badge--under_review">Under review' in html
    assert 'badge--in_preparation">In preparation' in html
    assert '<a class="member" href="/people/maren-okafor/">Maren Okafor</a>' in html


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        (
            {"year": "2019"},
            "Langevin samplers with adaptive friction",
            "Thermostats for deep learning",
        ),
        (
            {"type": "dataset"},
            "A dataset of labelled dolphin whistles",
            "Thermostats for deep learning",
        ),
        (
            {"status": "under_review"},
            "Annotator disagreement as a signal",
            "Thermostats for deep learning",
        ),
        (
            {"member": "kofi-brandt"},
            "Tiny detectors for whale calls",
            "Thermostats for deep learning",
        ),
        (
            {"q": "kelp weak"},
            "Mapping kelp forests with weak labels",
            "Thermostats for deep learning",
        ),
        (
            {"q": "Rasmussen"},
            "Calibrated seabed habitat classification",
            "Thermostats for deep learning",
        ),
    ],
)
def test_filters(client, query, expected, absent):
    html = client.get("/publications/", query).content.decode()
    assert expected in html
    assert absent not in html


def test_theme_filter_and_theme_page_list(client):
    theme_page = PublicationPage.objects.get(slug__startswith="tiny-detectors")
    from research.models import ResearchThemePage

    theme = ResearchThemePage.objects.exclude(pk__in=theme_page.themes.all()).first()
    # The theme's lists are kept once rendered (kept_fragment): a publish shows at once.
    assert "Tiny detectors" not in client.get(theme.url).content.decode()
    theme_page.themes.add(theme)
    theme_page.save_revision().publish()
    assert "Tiny detectors" in client.get("/publications/", {"theme": theme.slug}).content.decode()
    assert "Tiny detectors" in client.get(theme.url).content.decode()


def test_unknown_filter_values_are_explained_not_fatal(client):
    response = client.get("/publications/", {"year": "abc", "type": "novel", "status": "published"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood" in html
    assert "Thermostats for deep learning" in html, "the valid status filter still applies"


def test_site_setting_hides_unpublished_work(client):
    settings = PublicationSettings.objects.get_or_create(
        site_id=PublicationIndexPage.objects.get().get_site().pk
    )[0]
    settings.show_unpublished = False
    settings.save()
    html = client.get("/publications/").content.decode()
    assert "Annotator disagreement" not in html and "Thermostats for deep learning" in html
    assert (
        "Annotator disagreement"
        in client.get("/publications/", {"status": "under_review"}).content.decode()
    )


def test_publication_page_has_highwire_tags_jsonld_and_open_graph(client):
    html = client.get(SAMPLE).content.decode()
    metas = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html))
    assert metas["citation_title"] == "Calibrated seabed habitat classification from towed cameras"
    assert re.findall(r'<meta name="citation_author" content="([^"]*)"', html) == [
        "Inês Carrow",
        "Maren Okafor",
        "H. Rasmussen",
    ]
    assert metas["citation_publication_date"] == "2026"
    assert metas["citation_journal_title"] == "Methods in Marine Ecology"
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "ScholarlyArticle" and data["author"][0]["name"] == "Inês Carrow"
    # A member's page is an absolute address; an author typed by name has none.
    assert data["author"][1]["url"].endswith("/people/maren-okafor/")
    assert data["author"][1]["url"].startswith("http")
    assert "url" not in data["author"][2]
    assert (
        '<meta property="og:title" content="Calibrated seabed habitat classification from towed cameras">'
        in html
    )


def test_citation_is_a_selectable_block_without_javascript(client):
    html = client.get(SAMPLE).content.decode()
    block = re.search(
        r'<div class="citation" id="citation-text"[^>]*>(.*?)</div>', html, re.S
    ).group(1)
    assert "Carrow, I., Okafor, M., &amp; Rasmussen, H. (2026)." in block
    assert 'class="js-only copy-button"' in html


def test_single_downloads_parse_back(client):
    bib = client.get(SAMPLE + "cite/bibtex/")
    assert bib["Content-Disposition"].startswith("attachment;")
    library = bibtexparser.parse_string(bib.content.decode())
    assert len(library.entries) == 1 and not library.failed_blocks
    assert library.entries[0]["journal"] == "Methods in Marine Ecology"
    [record] = parse_ris(client.get(SAMPLE + "cite/ris/").content.decode())
    assert record["TY"] == ["JOUR"] and record["AU"][0] == "Carrow, Inês"
    [item] = json.loads(client.get(SAMPLE + "cite/csl-json/").content)
    assert item["type"] == "article-journal" and item["author"][0] == {
        "family": "Carrow",
        "given": "Inês",
    }


def test_list_exports_follow_the_filters_and_parse_back(client):
    library = bibtexparser.parse_string(
        client.get("/publications/export/bibtex/", {"year": "2025"}).content.decode()
    )
    assert len(library.entries) == 6 and not library.failed_blocks
    assert {e["year"] for e in library.entries} == {"2025"}
    records = parse_ris(client.get("/publications/export/ris/", {"year": "2025"}).content.decode())
    assert len(records) == 6
    items = json.loads(client.get("/publications/export/csl-json/").content)
    assert len(items) == PublicationPage.objects.live().count()


def _grow_publications(total: int) -> None:
    from people.models import PersonPage
    from research.publications.bibtex import AuthorDraft, EntryDraft

    people = list(PersonPage.objects.values_list("pk", flat=True))
    drafts = [
        EntryDraft(
            key=f"g{n}",
            line=n,
            title=f"Generated study number {n}",
            year=2000 + n % 27,
            status=["published", "accepted", "under_review", "in_preparation"][n % 4],
            venue="Journal of Scale",
            authors=[
                AuthorDraft("Okafor, Maren", "Maren Okafor", person_id=people[n % len(people)]),
                AuthorDraft("Doe, Jane", "Jane Doe"),
            ],
        )
        for n in range(total - PublicationPage.objects.count())
    ]
    # Citation formatting and indexing (background work) are not what this test measures.
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        import_drafts(drafts, PublicationIndexPage.objects.get())


def test_publication_index_query_count_same_at_30_and_3000(client):
    assert PublicationPage.objects.count() == 30
    counts = assert_constant_queries(
        client,
        [
            "/publications/",
            "/publications/?year=2020",
            "/publications/?member=maren-okafor&q=study",
            "/people/maren-okafor/",
            SAMPLE,
        ],
        lambda: _grow_publications(3000),
    )
    assert PublicationPage.objects.count() == 3000
    print(counts)


@pytest.mark.django_db
def test_a_person_page_stays_bounded_however_many_papers_they_have(client, tree):
    from research.profile_sections import PROFILE_PUBLICATIONS
    from tests.factories import PersonPageFactory, PublicationAuthorFactory, PublicationPageFactory

    person = PersonPageFactory(parent=tree.people, given_names="Prolific", family_name="Author")
    for year in range(PROFILE_PUBLICATIONS + 5):
        # Their oldest paper and one of the newest are marked as selected work.
        paper = PublicationPageFactory(
            parent=tree.publications, year=1990 + year, selected=year in (0, 23)
        )
        PublicationAuthorFactory(page=paper, person=person, name="P. Author")
    html = client.get(person.url).content.decode()
    section = html[html.index('id="profile-publications"') :]
    section = section[: section.index("</section>")]
    assert section.count('<li class="publication">') == PROFILE_PUBLICATIONS
    assert str(1990 + PROFILE_PUBLICATIONS + 4) in section  # the newest first
    assert "1990" not in section
    # The selected ones head the page, the oldest included, newest first (one query for both).
    selected = html[html.index('id="profile-selected"') : html.index('id="profile-publications"')]
    assert selected.count('<li class="publication">') == 2
    assert selected.index("2013") < selected.index("1990")
    link = f'href="{tree.publications.url}?member={person.slug}"'
    assert link in section and "All publications by Prolific Author" in section
    listed = client.get(f"{tree.publications.url}?member={person.slug}").content.decode()
    assert "1990" in listed


@pytest.mark.django_db
def test_a_theme_page_stays_bounded_however_many_papers_it_has(client, tree):
    from research.themes.models import THEME_PUBLICATIONS
    from tests.factories import PublicationPageFactory, ResearchThemePageFactory

    theme = ResearchThemePageFactory(parent=tree.research, title="Estuary acoustics")
    for year in range(THEME_PUBLICATIONS + 3):
        paper = PublicationPageFactory(parent=tree.publications, year=1990 + year)
        paper.themes.set([theme])
        paper.save()
    html = client.get(theme.url).content.decode()
    section = html[html.index('id="theme-publications"') :]
    section = section[: section.index("</section>")]
    assert section.count('<li class="publication">') == THEME_PUBLICATIONS
    assert "1990" not in section and str(1990 + THEME_PUBLICATIONS + 2) in section
    link = f'href="{tree.publications.url}?theme={theme.slug}"'
    assert link in section and "All publications on Estuary acoustics" in section


def test_page_prints_stored_credits_and_a_preview_prints_the_rows_being_edited(client):
    from research.models import PublicationAuthor

    page = PublicationPage.objects.get(url_path__endswith=SAMPLE)
    html = client.get(SAMPLE).content.decode()
    authors = re.search(r'<p class="publication__authors">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r">([^<>]+)</a>", authors) == ["Inês Carrow", "Maren Okafor"]
    assert "H. Rasmussen" in authors
    # A draft's authors are not saved (nor its credits) until it is published: the preview
    # reads the rows in the form.
    page.authors = [
        PublicationAuthor(name="Draft Author", equal_contribution=True),
        PublicationAuthor(person=page.authors.first().person),
    ]
    preview = page.make_preview_request().content.decode()
    authors = re.search(r'<p class="publication__authors">(.*?)</p>', preview, re.S).group(1)
    assert authors.startswith('Draft Author<span class="mark" title="Equal contribution">*</span>')
    assert ">Inês Carrow</a>" in authors and "Maren Okafor" not in authors
    assert "Draft Author" not in client.get(SAMPLE).content.decode()


def test_what_points_to_a_paper_shows_at_once_though_its_lists_are_kept(client, tree):
    """A paper's talks, projects, mentions and themes are rendered once per content change
    ({% kept_fragment %}): each arrives on the paper's page the moment it is published."""
    from labsite.models import NewsPage
    from tests.factories import ActivityPageFactory, PublicationPageFactory

    paper = PublicationPageFactory(parent=tree.publications, title="The pointed-at paper")
    html = client.get(paper.url).content.decode()  # rendered and kept
    assert "Talks and posters" not in html and "Mentioned in" not in html

    talk = ActivityPageFactory(parent=tree.engagement, title="Presenting <the> paper")
    talk.related_publications.add(paper)
    talk.save_revision().publish()
    html = client.get(paper.url).content.decode()
    assert "Talks and posters" in html and "Presenting &lt;the&gt; paper" in html

    news = NewsPage(title="We cited our paper", summary="A post.", date="2026-01-05")
    news.body.append(("citation", {"publication": paper}))
    tree.news.add_child(instance=news)
    news.save_revision().publish()
    html = client.get(paper.url).content.decode()
    assert "Mentioned in" in html and "We cited our paper" in html

    talk.unpublish()
    assert "Presenting &lt;the&gt; paper" not in client.get(paper.url).content.decode()


def _link_header(response) -> list[tuple[str, str]]:
    found = []
    for part in response["Link"].split(", <"):
        address, _, params = part.lstrip("<").partition(">; ")
        found.append((address, params))
    return found


def test_a_publication_page_signposts_its_citation_authors_metadata_and_pdf(client):
    from research.models import PublicationLink

    paper = PublicationPage.objects.live().exclude(doi="").first()
    member = next(a.person for a in paper.authors.all() if a.person_id)
    member.orcid = "0000-0002-1825-0097"
    member.save_revision().publish()  # the paper's stored credits take the iD
    paper.links.add(PublicationLink(kind="pdf", url="https://example.org/paper.pdf"))
    paper.save_revision().publish()
    response = client.get(paper.url)
    assert response.status_code == 200
    links = _link_header(response)
    assert (paper.doi_url, 'rel="cite-as"') in links
    assert ("https://schema.org/ScholarlyArticle", 'rel="type"') in links
    assert ("https://orcid.org/0000-0002-1825-0097", 'rel="author"') in links
    assert ("https://example.org/paper.pdf", 'rel="item"; type="application/pdf"') in links
    described = [address for address, params in links if params.startswith('rel="describedby"')]
    assert len(described) == 3
    for address in described:  # each metadata link answers with what it says it is
        assert client.get(address).status_code == 200
    # The exports themselves carry no page links.
    assert "Link" not in client.get(described[0])
