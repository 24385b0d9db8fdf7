"""Datasets and software as first-class outputs: added by DataCite DOI (DataCite's REST API,
recorded responses in tests/data/datacite/) or by repository address with the Software
Heritage identifier (recorded visits in tests/data/softwareheritage/); cited and exported with
their own types."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from research.models import PublicationPage
from research.publications import datacite, metadata, software_heritage
from research.publications.exports import bibtex_entry
from tests.research.conftest import recording

DATA = Path(__file__).resolve().parent.parent / "data"
pytestmark = pytest.mark.django_db


def _serve_datacite(recorded, doi: str, path: str):
    recorded[datacite.DATACITE_DOIS + doi] = (200, "application/vnd.api+json", recording(path))


def test_a_datacite_doi_is_read_from_datacite_with_its_type_version_and_repository(recorded):
    _serve_datacite(recorded, "10.5281/zenodo.48440", "datacite/10.5281_zenodo.48440.json")
    draft = metadata.fetch("https://doi.org/10.5281/zenodo.48440")
    assert draft.publication_type == "software" and draft.version == "v1.0"
    assert draft.venue == "Zenodo" and draft.year == 2016 and draft.doi == "10.5281/zenodo.48440"
    assert [a.display_name for a in draft.authors] == ["Kristian Garza"]
    assert ("code", "https://zenodo.org/record/48440") in draft.links
    assert not draft.errors


def test_every_recorded_datacite_record_gives_a_complete_draft():
    paths = sorted((DATA / "datacite").glob("*.json"))
    assert len(paths) >= 8
    types = set()
    for path in paths:
        draft = datacite.datacite_to_draft(json.loads(path.read_text(encoding="utf-8")))
        assert not draft.errors, path.name
        assert draft.title and draft.authors and draft.doi, path.name
        types.add(draft.publication_type)
    assert {"dataset", "software", "preprint"} <= types


def test_the_held_back_datacite_records_give_complete_drafts_too():
    paths = sorted((DATA / "datacite" / "held-back").glob("*.json"))
    assert paths
    for path in paths:
        draft = datacite.datacite_to_draft(json.loads(path.read_text(encoding="utf-8")))
        assert not draft.errors and draft.title and draft.authors, path.name


def test_a_swhid_recorded_by_datacite_is_kept():
    data = json.loads(recording("datacite/10.5063_f1m61h5x.json"))
    draft = datacite.datacite_to_draft(data)
    assert draft.swhid == "swh:1:dir:247168dd727c19cef2ce885476d3e4102d2ca7de"
    assert draft.version == "2.2.2"


def test_a_crossref_doi_still_goes_through_doi_org(recorded):
    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    # 10.1126's agency was not recorded: the agency look-up fails and doi.org is asked.
    assert metadata.fetch("10.1126/science.169.3946.635").venue == "Science"


def test_a_broken_datacite_answer_says_what_happened(recorded):
    recorded[datacite.DATACITE_DOIS + "10.5281/zenodo.0"] = (404, "application/json", b"{}")
    with pytest.raises(metadata.MetadataError, match="DataCite has no record"):
        metadata.fetch("10.5281/zenodo.0")
    recorded[datacite.DATACITE_DOIS + "10.5281/zenodo.1"] = (200, "application/json", b"[1]")
    with pytest.raises(metadata.MetadataError, match="without a record"):
        metadata.fetch("10.5281/zenodo.1")


NIXPKGS = "https://github.com/NixOS/nixpkgs"
VISIT = f"{software_heritage.SWH_API}origin/{NIXPKGS}/visit/latest/?require_snapshot=true"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://github.com/NixOS/nixpkgs",
        "https://github.com/NixOS/nixpkgs.git",
        "https://www.github.com/NixOS/nixpkgs/tree/master/pkgs",
        " https://github.com/NixOS/nixpkgs/ ",
    ],
)
def test_software_by_repository_address_gets_its_swhid(recorded, pasted):
    recorded[VISIT] = (
        200,
        "application/json",
        recording("softwareheritage/visit-latest-nixpkgs.json"),
    )
    draft = metadata.fetch(pasted)
    assert draft.publication_type == "software" and draft.title == "nixpkgs"
    assert draft.swhid == (
        "swh:1:snp:6e1fe7858066ff1a6905080ac6503a3a12b84f59;origin=https://github.com/NixOS/nixpkgs"
    )
    assert draft.year == 2021 and draft.venue == "GitHub"
    assert ("code", NIXPKGS) in draft.links
    assert any("add the people who wrote" in notice for notice in draft.notices)


def test_a_second_recorded_visit_reads_the_same_way(recorded):
    origin = "https://github.com/tensorflow/tensorflow"
    recorded[f"{software_heritage.SWH_API}origin/{origin}/visit/latest/?require_snapshot=true"] = (
        200, "application/json", recording("softwareheritage/visit-latest-tensorflow.json"),
    )  # fmt: skip
    draft = metadata.fetch(origin)
    assert draft.swhid.startswith("swh:1:snp:50a5123ba58a352be71a143446e2021c8f0471c9;origin=")
    assert draft.year == 2020


def test_a_repository_not_archived_yet_is_added_with_a_pointer_to_save_it(recorded):
    recorded[VISIT] = (404, "application/json", b'{"exception": "NotFoundExc"}')
    draft = metadata.fetch(NIXPKGS)
    assert not draft.swhid and not draft.errors
    assert any(software_heritage.SAVE_PAGE in notice for notice in draft.notices)


@pytest.mark.parametrize(
    "pasted",
    [
        "https://www.nature.com/articles/nphys1170",
        "https://github.com/NixOS",
        "https://lab.example.org/",
    ],
)
def test_addresses_that_are_not_repositories_are_not_sent_to_the_archive(pasted):
    assert software_heritage.repository_origin(pasted) is None


def test_software_added_in_the_admin_shows_and_exports_its_archive_identifier(
    admin_client_logged_in, recorded, client
):
    recorded[VISIT] = (
        200,
        "application/json",
        recording("softwareheritage/visit-latest-nixpkgs.json"),
    )
    url = reverse("research_add_by_identifier")
    confirm = admin_client_logged_in.post(url, {"identifier": NIXPKGS})
    html = confirm.content.decode()
    assert "swh:1:snp:6e1fe785" in html and "Software Heritage&#x27;s latest archive" in html
    admin_client_logged_in.post(
        url, {"action": "create", "draft": confirm.context["token"], "status": ""}
    )
    page = PublicationPage.objects.get(title="nixpkgs")
    assert page.publication_type == "software" and page.swhid.startswith("swh:1:snp:")
    public = client.get(page.url).content.decode()
    assert page.swhid_url in public.replace("&amp;", "&").replace("&#x3B;", ";")
    entry = bibtex_entry(page)
    assert entry.startswith("@software{") and "swhid = {" in entry
    assert "note = {Software" in entry  # what classic BibTeX styles print for @misc


def test_a_dataset_exports_as_dataset_with_its_version(recorded, admin_client_logged_in):
    _serve_datacite(recorded, "10.5061/dryad.8515", "datacite/10.5061_dryad.8515.json")
    url = reverse("research_add_by_identifier")
    confirm = admin_client_logged_in.post(url, {"identifier": "10.5061/dryad.8515"})
    admin_client_logged_in.post(
        url, {"action": "create", "draft": confirm.context["token"], "status": ""}
    )
    page = PublicationPage.objects.get(doi="10.5061/dryad.8515")
    assert page.publication_type == "dataset" and page.venue == "Dryad" and page.version == "1"
    entry = bibtex_entry(page)
    assert entry.startswith("@dataset{") and "version = {1}" in entry and "note = {Dataset" in entry
    assert "In Dryad" not in page.citation_text


def test_an_agency_look_up_that_fails_is_not_kept(recorded):
    from django.core.cache import cache

    recorded[datacite.RA_LOOKUP + "10.5281"] = (503, "text/html", b"busy")
    assert datacite.registration_agency("10.5281/zenodo.48440") == ""
    assert cache.get("labsite:doi-ra:10.5281") is None
    del recorded[datacite.RA_LOOKUP + "10.5281"]  # the recorded answer again
    assert datacite.registration_agency("10.5281/zenodo.48440") == "DataCite"
    assert cache.get("labsite:doi-ra:10.5281") == "DataCite"
