"""COinS on publication pages and lists: what reference managers' connectors read."""

from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup

from tests.factories import PublicationAuthorFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def _spans(html: str) -> list[dict[str, list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    return [parse_qs(span["title"]) for span in soup.select("span.Z3988")]


def test_a_publication_page_carries_its_citation_as_an_openurl_context_object(client, tree):
    paper = PublicationPageFactory(
        parent=tree.publications, title='Fish & "chips": <a> study', venue="Journal of Examples",
        year=2023, volume="12", issue="3", pages="101-120", doi="10.1234/fish.2023",
    )  # fmt: skip
    PublicationAuthorFactory(page=paper, name="Ada Lovelace")
    PublicationAuthorFactory(page=paper, name="Charles Babbage")
    paper.refresh_from_db()
    html = client.get(paper.url).content.decode()
    [kev] = _spans(html)
    assert kev["ctx_ver"] == ["Z39.88-2004"]
    assert kev["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"] and kev["rft.genre"] == [
        "article"
    ]
    # Escaped for the attribute, read back intact.
    assert kev["rft.atitle"] == ['Fish & "chips": <a> study']
    assert "<a> study" not in html.split('class="Z3988"')[1].split("</span>")[0]
    assert kev["rft.jtitle"] == ["Journal of Examples"] and kev["rft.date"] == ["2023"]
    assert kev["rft.au"] == ["Ada Lovelace", "Charles Babbage"]
    assert kev["rft.volume"] == ["12"] and kev["rft.issue"] == ["3"]
    assert kev["rft.pages"] == ["101-120"]
    assert "info:doi/10.1234/fish.2023" in kev["rft_id"]
    assert any(value.startswith("http://testserver/") for value in kev["rft_id"])


@pytest.mark.parametrize(
    "kind, fmt, title_key",
    [("book", "book", "rft.btitle"), ("chapter", "book", "rft.atitle"),
     ("thesis", "dissertation", "rft.title"), ("dataset", "dc", "rft.title"),
     ("software", "dc", "rft.title"), ("inproceedings", "journal", "rft.atitle")],
)  # fmt: skip
def test_each_type_uses_the_matching_openurl_format(client, tree, kind, fmt, title_key):
    paper = PublicationPageFactory(parent=tree.publications, publication_type=kind, title="T")
    PublicationAuthorFactory(page=paper, name="Ada Lovelace")
    [kev] = _spans(client.get(paper.url).content.decode())
    assert kev["rft_val_fmt"] == [f"info:ofi/fmt:kev:mtx:{fmt}"] and kev[title_key] == ["T"]
    assert kev["rft.creator" if fmt == "dc" else "rft.au"] == ["Ada Lovelace"]


def test_the_publication_list_has_one_span_per_publication(client, tree):
    for n in range(3):
        PublicationPageFactory(parent=tree.publications, title=f"Listed {n}", year=2020 + n)
    spans = _spans(client.get(tree.publications.url).content.decode())
    titles = {kev.get("rft.atitle", kev.get("rft.title", [""]))[0] for kev in spans}
    assert {"Listed 0", "Listed 1", "Listed 2"} <= titles
