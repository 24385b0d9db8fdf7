"""Citation counts from open sources, on recorded responses (tests/data/openalex/ and
tests/data/crossref/works/, from the VCR cassettes of github front-matter/commonmeta-py; see
tests/data/README.md). The part of that corpus kept in ``held-back/`` folders was not looked at
while the readers were written; it is read by its own test."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from research.impact import services, sources
from research.impact.models import CitationCount
from research.publications import metadata
from tests.factories import PublicationAuthorFactory, PublicationPageFactory
from tests.support.members import published_person

DATA = Path(__file__).resolve().parent.parent / "data"
OPENALEX = DATA / "openalex"
CROSSREF = DATA / "crossref" / "works"


def _recorded(folder: Path, held_back: bool = False) -> dict[str, dict]:
    """DOI -> recorded body, for the working part of a corpus or its held-back part."""
    files = (folder / "held-back").glob("*.json") if held_back else folder.glob("*.json")
    found = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        doi = (data.get("doi") or (data.get("message") or {}).get("DOI") or "").lower()
        found[doi.removeprefix("https://doi.org/")] = data
    return found


class Recorded:
    """OpenAlex and Crossref as recorded: a DOI the corpus holds answers its recorded body, any
    other 404; ``status`` overrides every answer of one source (load, faults)."""

    def __init__(self):
        self.openalex = _recorded(OPENALEX)
        self.crossref = _recorded(CROSSREF)
        self.asked: list[str] = []
        self.status: dict[str, int] = {}

    def __call__(self, url, headers, **kwargs):
        self.asked.append(url)
        assert "mailto:" in headers["User-Agent"] or "localhost" in headers["User-Agent"]
        if url.startswith(sources.OPENALEX_WORKS):
            name, corpus = "openalex", self.openalex
            doi = re.match(r".*/works/doi:([^?]+)", url).group(1)
            assert "api_key=" in url
        else:
            name, corpus = "crossref", self.crossref
            doi = url.removeprefix(sources.CROSSREF_WORKS).split("?")[0]
        if name in self.status:
            return self.status[name], "application/json", b"{}"
        body = corpus.get(doi.lower())
        if body is None:
            return 404, "text/plain", b"Resource not found."
        return 200, "application/json", json.dumps(body).encode()


@pytest.fixture
def recorded(monkeypatch, settings):
    settings.OPENALEX_API_KEY = "test-key"
    settings.OUTSIDE_SOURCES_EMAIL = "webmaster@lab.example.org"
    answers = Recorded()
    monkeypatch.setattr(metadata, "http_get", answers)
    return answers


def test_the_readers_take_the_figure_each_recorded_response_gives():
    openalex, crossref = _recorded(OPENALEX), _recorded(CROSSREF)
    assert len(openalex) >= 15 and len(crossref) >= 15
    for doi, data in openalex.items():
        figure = sources.read_openalex_work(data)
        assert figure.count == data["cited_by_count"], doi
        assert figure.record_url.startswith("https://openalex.org/W"), doi
    for doi, data in crossref.items():
        figure = sources.read_crossref_work(data, doi)
        assert figure.count == data["message"]["is-referenced-by-count"], doi
    # One work in both: the sources disagree, which is why each figure keeps its source.
    assert sources.read_openalex_work(openalex["10.7554/elife.01567"]).count == 45
    assert sources.read_crossref_work(crossref["10.7554/elife.01567"], "x").count == 36


def test_the_held_back_responses_are_read_too():
    openalex, crossref = _recorded(OPENALEX, True), _recorded(CROSSREF, True)
    assert openalex and crossref
    for doi, data in openalex.items():
        assert sources.read_openalex_work(data).count == data["cited_by_count"], doi
    for doi, data in crossref.items():
        assert (
            sources.read_crossref_work(data, doi).count == data["message"]["is-referenced-by-count"]
        ), doi


@pytest.mark.parametrize("reply", [None, {}, {"cited_by_count": -3}, {"cited_by_count": "9"}])
def test_a_record_without_a_usable_figure_counts_as_unknown(reply):
    assert sources.read_openalex_work(reply).count is None
    assert (
        sources.read_crossref_work(reply if reply is None else {"message": reply}, "x").count
        is None
    )


@pytest.fixture
def author_with_papers(tree):
    person = published_person(tree.people, title="Ada Figure", slug="ada-figure")
    papers = []
    for doi in ("10.7554/elife.01567", "10.1371/journal.pone.0000030", "10.1101/097196",
                "10.5555/not-in-any-source"):  # fmt: skip
        paper = PublicationPageFactory(parent=tree.publications, doi=doi, title=f"Paper {doi}")
        PublicationAuthorFactory(page=paper, person=person, name="")
        papers.append(paper)
    return person, papers


def test_the_weekly_run_stores_each_source_figure_and_the_pages_show_them(
    client, recorded, author_with_papers
):
    person, papers = author_with_papers
    page_before = client.get(papers[0].url)
    assert "Cited by" not in page_before.content.decode()
    out = io.StringIO()
    call_command("refresh_citation_counts", stdout=out)
    assert "OpenAlex: asked" in out.getvalue() and "Crossref: asked" in out.getvalue()

    stored = {
        (row.publication_id, row.source): row.count
        for row in CitationCount.objects.filter(publication__in=papers)
    }
    elife, plos, biorxiv, unknown = papers
    assert stored[(elife.pk, "openalex")] == 45 and stored[(elife.pk, "crossref")] == 36
    openalex_plos = recorded.openalex["10.1371/journal.pone.0000030"]["cited_by_count"]
    assert stored[(plos.pk, "openalex")] == openalex_plos
    assert stored[(unknown.pk, "openalex")] is None  # asked, not known: shown nowhere

    # The stored page was dropped by the refresh: the figures show at once, labelled.
    html = client.get(elife.url).content.decode()
    assert "Cited by" in html
    assert re.search(r"45 <a href=\"https://openalex.org/W\d+\">OpenAlex</a>", html)
    assert re.search(r"36 <a href=\"https://api.crossref.org/works/10.7554/elife.01567\">", html)
    assert 'as of <time datetime="' + timezone.localdate().isoformat() in html
    assert "Cited by" not in client.get(unknown.url).content.decode()

    person_html = client.get(person.url).content.decode()
    summary = {s.source: s for s in services.person_citations(person)}
    expected_total = sum(
        count for (pk, source), count in stored.items() if source == "openalex" and count
    )
    assert summary["openalex"].total == expected_total and summary["openalex"].papers == 3
    assert "h-index (this source only)" in person_html
    assert f"<td>{expected_total}</td>" in person_html


def test_a_second_run_in_the_same_week_asks_nothing_and_a_later_one_asks_again(
    recorded, author_with_papers
):
    services.refresh_citation_counts()
    first = len(recorded.asked)
    assert first >= 8  # four papers, two sources (and the demo's publications with DOIs)
    services.refresh_citation_counts()
    assert len(recorded.asked) == first
    services.refresh_citation_counts(timezone.now() + services.REFRESH_AFTER)
    assert len(recorded.asked) == 2 * first


def test_load_or_a_fault_at_a_source_stops_it_and_keeps_what_was_stored(
    recorded, author_with_papers
):
    _person, papers = author_with_papers
    services.refresh_citation_counts()
    recorded.status["openalex"] = 429
    later = timezone.now() + services.REFRESH_AFTER
    report = services.refresh_citation_counts(later)
    assert "asked us to slow down" in report.line()
    openalex_asked = [url for url in recorded.asked if "openalex" in url]
    kept = CitationCount.objects.get(publication=papers[0], source="openalex")
    assert kept.count == 45 and kept.fetched_at < later  # kept, asked again next run
    # Crossref went on regardless.
    assert CitationCount.objects.get(publication=papers[0], source="crossref").fetched_at == later
    recorded.status["crossref"] = 503
    report = services.refresh_citation_counts(later + services.REFRESH_AFTER)
    assert "Crossref answered 503" in report.line()
    assert len([u for u in recorded.asked if "openalex" in u]) == len(openalex_asked) + 1


def test_without_an_openalex_key_only_crossref_is_asked_and_the_run_says_why(
    recorded, settings, author_with_papers
):
    settings.OPENALEX_API_KEY = ""
    report = services.refresh_citation_counts()
    assert "set OPENALEX_API_KEY" in report.line()
    assert recorded.asked and not any("openalex" in url for url in recorded.asked)


def test_h_index_from_one_source():
    assert services.h_index([]) == 0
    assert services.h_index([10, 8, 5, 4, 3]) == 4
    assert services.h_index([25, 8, 5, 3, 3]) == 3
    assert services.h_index([0, 0]) == 0


def test_the_refresh_is_a_weekly_scheduled_job():
    from labsite import scheduling

    job = next(job for job in scheduling.jobs() if job.name == "refresh_citation_counts")
    assert job.every.days == 7
