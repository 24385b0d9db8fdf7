"""Add by DOI or arXiv ID, against recorded real responses (never the network)."""

import pytest
import requests

from research.publications import metadata
from research.publications.metadata import MetadataError
from tests.research.conftest import recording

CSL = "application/vnd.citationstyles.csl+json"


def test_doi_content_negotiation_gives_a_draft(recorded):
    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        CSL,
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    draft = metadata.fetch("https://doi.org/10.1126/SCIENCE.169.3946.635")
    assert draft.title == "The Structure of Ordinary Water"
    assert draft.doi == "10.1126/science.169.3946.635"
    assert draft.year == 1970 and draft.venue == "Science" and draft.volume == "169"
    assert [a.display_name for a in draft.authors] == ["Henry S. Frank"]
    assert not draft.errors


def test_unknown_doi_says_so(recorded):
    recorded["https://doi.org/10.1126/foo"] = (
        404,
        "text/html",
        recording("crossref/doi-10.1126_foo.404.html"),
    )
    with pytest.raises(
        MetadataError, match="No publication is registered under the DOI 10.1126/foo"
    ):
        metadata.fetch("10.1126/foo")


@pytest.mark.parametrize(
    ("identifier", "file", "title", "first_author"),
    [
        (
            "1605.08386",
            "id-1605.08386.xml",
            "Heat-bath random walks with Markov bases",
            "Caprice Stanley",
        ),
        ("arXiv:2104.12255v1", "id-2104.12255v1.xml", None, None),
        ("quant-ph/0201082v1", "id-quant-ph_0201082v1.xml", None, None),
    ],
)
def test_arxiv_new_and_old_style_ids(recorded, identifier, file, title, first_author):
    arxiv_id = identifier.removeprefix("arXiv:")
    recorded[f"https://export.arxiv.org/api/query?id_list={arxiv_id}"] = (
        200,
        "application/atom+xml",
        recording(f"arxiv/{file}"),
    )
    draft = metadata.fetch(identifier)
    assert draft.arxiv_id.startswith(arxiv_id), "the fetched version is kept"
    assert draft.title and draft.authors and draft.year
    if title:
        assert draft.title == title and draft.authors[0].display_name == first_author


def test_arxiv_unknown_id_and_error_feed(recorded):
    recorded["https://export.arxiv.org/api/query?id_list=0808.0539"] = (
        200,
        "application/atom+xml",
        recording("arxiv/id-0000.0000.xml"),
    )
    with pytest.raises(MetadataError, match="arXiv has no paper with the ID 0808.0539"):
        metadata.fetch("0808.0539")
    recorded["https://export.arxiv.org/api/query?id_list=1605.08386"] = (
        400,
        "application/atom+xml",
        recording("arxiv/id-abc.400.xml"),
    )
    with pytest.raises(MetadataError, match="arXiv refused the request"):
        metadata.fetch("1605.08386")


def test_neither_doi_nor_arxiv_is_explained():
    with pytest.raises(MetadataError, match="neither a DOI"):
        metadata.fetch("hello world")


def test_network_timeout_becomes_a_clear_message(monkeypatch):
    def timeout(*args, **kwargs):
        raise requests.Timeout()

    monkeypatch.setattr(requests.Session, "get", timeout)
    with pytest.raises(MetadataError, match="did not answer within 10 seconds"):
        metadata.fetch("10.1126/science.169.3946.635")
