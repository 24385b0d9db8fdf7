"""Sources fill the paper feed by themselves: recorded real arXiv, Crossref and journal-feed
responses (tests/data/README.md says where each comes from)."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from research.paperfeed import ingest
from research.paperfeed.models import FeedPaper, PaperSource, PaperStatus
from research.publications.metadata import MetadataError
from tests.research.conftest import recording

pytestmark = pytest.mark.django_db

ARXIV_LISTING = recording("arxiv/query-testing-10.xml")
ARXIV_RSS = recording("feeds/rss-arxiv-cs.AI-2025-08-20.atom.xml")
JOURNAL_RSS = recording("feeds/jpeds-rss1.0-dc-prism.xml")
CROSSREF = recording("crossref/journals-2167-8359-works-query-ecology.json")


@pytest.fixture
def served(monkeypatch):
    """What each address answers: (status, body), or an exception to raise (a timeout)."""
    answers = {}
    asked = []

    def fake_get(url, headers, **options):
        asked.append(url)
        for prefix, answer in answers.items():
            if url.startswith(prefix):
                if isinstance(answer, Exception):
                    raise answer
                status, body = answer
                return status, "application/xml", body
        raise AssertionError(f"unexpected request to {url}")

    monkeypatch.setattr("research.publications.metadata.http_get", fake_get)
    answers["_asked"] = asked
    return answers


def source(tree, **fields):
    values = {"name": "A source", "feed": tree.paper_feed, "kind": "arxiv", "query": "cs.LG",
              "per_day": 100, "trusted": True}  # fmt: skip
    values.update(fields)
    return PaperSource.objects.create(**values)


def test_an_arxiv_search_adds_its_papers_once(tree, served):
    served[ingest.ARXIV_API] = (200, ARXIV_LISTING)
    arxiv = source(tree, query="testing")
    run = ingest.check(arxiv)
    assert (run.found, run.added, run.error) == (10, 10, "")
    assert "search_query=cat%3Atesting" not in served["_asked"][0]
    paper = FeedPaper.objects.get(arxiv_id="2202.12139v1")
    assert paper.title.startswith("Testing Deep Learning Models")
    assert paper.status == PaperStatus.PUBLISHED and paper.source == arxiv
    # Its DOI is the key (arXiv gave one); papers without a DOI are keyed by arXiv ID, no version.
    assert paper.identifier == "doi:10.1109/icstw55395.2022.00035"
    keys = FeedPaper.objects.filter(source=arxiv, doi="").values_list("identifier", flat=True)
    assert keys and all(k.startswith("arxiv:") and "v" not in k.split(".")[-1] for k in keys)
    # Checking again adds nothing.
    again = ingest.check(arxiv)
    assert (again.added, again.already_there) == (0, 10)
    assert FeedPaper.objects.filter(source=arxiv).count() == 10


def test_a_category_becomes_an_arxiv_category_search(tree):
    url = ingest.listing_url(source(tree, query="physics.ao-ph", per_day=30))
    assert "search_query=cat%3Aphysics.ao-ph" in url and "max_results=60" in url


def test_a_journal_on_crossref_arrives_as_suggestions_without_markup(client, tree, served):
    served[ingest.CROSSREF_API] = (200, CROSSREF)
    journal = source(tree, kind="crossref", query="2167-8359", trusted=False)
    run = ingest.check(journal)
    assert run.added == 20 and "/journals/2167-8359/works" in served["_asked"][0]
    paper = FeedPaper.objects.get(doi="10.7717/peerj.14276")
    assert paper.status == PaperStatus.SUGGESTED
    assert paper.venue == "PeerJ" and "jats" not in paper.abstract
    assert paper.abstract.startswith("Background Terrestrial biomes")
    # Suggestions wait for an editor: not on the public feed.
    assert paper.title not in client.get(tree.paper_feed.url).content.decode()


def test_arxivs_own_listing_cut_off_keeps_whole_entries_and_merges_versions(tree, served):
    served["https://rss.arxiv.org/"] = (200, ARXIV_RSS)
    # One paper is already on the feed, shared by hand as another version.
    FeedPaper.objects.create(
        feed=tree.paper_feed, arxiv_id="2508.13167v2", title="Chain-of-Agents (shared earlier)"
    )
    listing = source(tree, kind="feed", query="https://rss.arxiv.org/atom/cs.AI")
    run = ingest.check(listing)
    assert run.error == ""
    # The recording stops in the middle of its 87th entry: the 86 whole ones are kept.
    assert run.found == 86
    assert run.already_there == 1 and run.added == 85
    assert FeedPaper.objects.filter(arxiv_id__startswith="2508.13167").count() == 1
    paper = FeedPaper.objects.get(arxiv_id="2508.13177v1")
    assert paper.abstract.startswith("Active Inference (AIF) offers")
    assert "Nikola Pižurica" in paper.authors and "\\v{z}" not in paper.authors
    assert paper.venue == "arXiv" and paper.url == ""
    # TeX stays for the site's KaTeX to render.
    fitting = FeedPaper.objects.get(arxiv_id="2508.13176v1")
    assert "$\\mathcal{E" in fitting.abstract


def test_a_journals_rss_gives_the_doi_venue_and_date(tree, served):
    served["https://www.jpeds.com/"] = (200, JOURNAL_RSS)
    journal = source(tree, kind="feed", query="https://www.jpeds.com/current.rss")
    assert ingest.check(journal).added == 1
    paper = FeedPaper.objects.get(source=journal)
    assert paper.doi == "10.1016/j.jpeds.2018.08.009" and paper.identifier.startswith("doi:")
    assert paper.venue == "The Journal of Pediatrics"
    assert str(paper.published) == "2018-10-11"
    assert paper.authors.startswith("Gbolahan Ajibola, Jean Leidner")


def test_keywords_and_the_daily_number_decide_what_is_kept(tree, served):
    served["https://rss.arxiv.org/"] = (200, ARXIV_RSS)
    picky = source(
        tree, kind="feed", query="https://rss.arxiv.org/atom/cs.AI",
        keep_keywords="agent\nreinforcement learning", drop_keywords="LLM", per_day=3,
    )  # fmt: skip
    run = ingest.check(picky)
    kept = list(FeedPaper.objects.filter(source=picky))
    assert run.added == 3 and run.over_daily_limit > 0 and run.filtered_out > 40
    for paper in kept:
        text = f"{paper.title} {paper.abstract}".lower()
        assert ("agent" in text or "reinforcement learning" in text) and "llm" not in text
    assert ingest.check(picky).added == 0, "today's number is used up"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (MetadataError("The server did not answer within 10 seconds."), "did not answer"),
        ((500, b"<html>oops</html>"), "answered 500"),
        ((200, b"\x00\x01 not xml at all"), "could not be read as RSS or Atom"),
        ((200, b"<html><body>A web page</body></html>"), "not an RSS or Atom feed"),
    ],
)
def test_a_failing_source_is_recorded_and_the_others_go_on(tree, served, answer, message):
    served["https://broken.example.org/"] = answer
    served[ingest.ARXIV_API] = (200, ARXIV_LISTING)
    broken = source(tree, name="Broken", kind="feed", query="https://broken.example.org/feed")
    working = source(tree, name="Working", query="testing")
    runs = ingest.check_all()
    assert [bool(run.error) for run in runs] == [True, False]
    broken.refresh_from_db()
    assert message in broken.last_error and broken.failures_in_a_row == 1
    assert "Failing" in broken.status_line
    assert not FeedPaper.objects.filter(source=broken).exists()
    assert FeedPaper.objects.filter(source=working).count() == 10


def test_crossref_garbage_is_explained(tree, served):
    served[ingest.CROSSREF_API] = (200, json.dumps({"message": "no"}).encode())
    run = ingest.check(source(tree, kind="crossref", query="ecology"))
    assert "not a list of works" in run.error


@pytest.mark.parametrize(
    ("kind", "query", "message"),
    [
        ("feed", "rss.arxiv.org/atom/cs.AI", "starting with https://"),
        ("arxiv", "   ", "Say what to fetch"),
        ("crossref", "x" * 450, "under 400 characters"),
    ],
)
def test_a_bad_query_is_explained_before_anything_is_fetched(tree, kind, query, message):
    with pytest.raises(ValidationError) as raised:
        PaperSource(name="S", feed=tree.paper_feed, kind=kind, query=query).full_clean()
    assert message in str(raised.value)


def test_the_command_reports_each_source(tree, served):
    served[ingest.ARXIV_API] = (200, ARXIV_LISTING)
    source(tree, name="Tests on arXiv", query="testing")
    out = io.StringIO()
    call_command("fetch_paper_sources", stdout=out, stderr=io.StringIO())
    assert "Tests on arXiv: 10 found, 10 added" in out.getvalue()
    assert "1 source(s) checked, 10 paper(s) added, 0 failed" in out.getvalue()
    with pytest.raises(Exception, match="No paper source has the id 999"):
        call_command("fetch_paper_sources", source=[999], stdout=io.StringIO())


def test_a_paper_known_by_its_doi_is_not_added_again_from_its_arxiv_version(tree, served):
    # Shared earlier from the journal, with its preprint's first version noted.
    FeedPaper.objects.create(
        feed=tree.paper_feed, doi="10.1234/journal.version", arxiv_id="2508.13171v1",
        title="Cognitive Workspace (journal version)",
    )  # fmt: skip
    served["https://rss.arxiv.org/"] = (200, ARXIV_RSS)
    run = ingest.check(source(tree, kind="feed", query="https://rss.arxiv.org/atom/cs.AI"))
    assert run.already_there == 1
    assert FeedPaper.objects.filter(arxiv_id__startswith="2508.13171").count() == 1
