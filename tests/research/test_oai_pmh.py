"""The OAI-PMH 2.0 endpoint (``/oai/``), harvested by a real harvester from PyPI
(oaipmh-scythe) over HTTP: every publication exactly once across resumption tokens, in both
formats, by set; and every refusal is the protocol's error element, answered 200."""

import re
import xml.etree.ElementTree as ET

import pytest
from oaipmh_scythe import Scythe

from research.harvesting.views import identifier_of
from research.models import PublicationPage
from research.publications.models import PublicationType

OAI = {"o": "http://www.openarchives.org/OAI/2.0/"}


def harvestable():
    return PublicationPage.objects.live().public()


@pytest.fixture
def harvester(live_server, settings):
    settings.OAI_PAGE_SIZE = 7  # several resumption tokens over the demo's publications
    scythe = Scythe(f"{live_server.url}/oai/", timeout=30)
    yield scythe
    scythe.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_harvester_collects_every_publication_exactly_once(harvester):
    identify = harvester.identify()
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    formats = {f.metadataPrefix for f in harvester.list_metadata_formats()}
    assert formats == {"oai_dc", "oai_datacite"}

    records = list(harvester.list_records(metadata_prefix="oai_dc"))
    identifiers = [record.header.identifier for record in records]
    expected = set(harvestable().values_list("pk", flat=True))
    assert len(expected) > 2 * 7, "the demo should need several pages"
    assert len(identifiers) == len(set(identifiers)) == len(expected)
    assert {int(i.rpartition("/")[2]) for i in identifiers} == expected
    titles = {title for record in records for title in record.metadata["title"]}
    assert titles == set(harvestable().values_list("title", flat=True))

    # The identifiers alone, and one record by its identifier.
    assert [h.identifier for h in harvester.list_identifiers(metadata_prefix="oai_dc")] == (
        identifiers
    )
    one = harvester.get_record(identifier=identifiers[0], metadata_prefix="oai_datacite")
    assert one.header.identifier == identifiers[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sets_by_kind_and_by_group_and_datacite_types(harvester):
    sets = {s.setSpec for s in harvester.list_sets()}
    assert {f"type:{kind}" for kind in PublicationType.values} <= sets
    groups = sorted(spec for spec in sets if spec.startswith("group:"))
    assert groups
    datasets = list(harvester.list_records(metadata_prefix="oai_datacite", set_="type:dataset"))
    assert len(datasets) == harvestable().filter(publication_type="dataset").count() > 0
    for record in datasets:
        assert "type:dataset" in record.header.setSpecs
        assert 'resourceTypeGeneral="Dataset"' in record.raw
        # A group author is an organisation, not family and given names.
        if "Volunteer Survey Network" in record.raw:
            assert re.search(
                r'nameType="Organizational"[^>]*>Volunteer Survey Network<', record.raw
            )
    in_groups = [
        h.identifier
        for group in groups
        for h in harvester.list_identifiers(metadata_prefix="oai_dc", set_=group)
    ]
    assert len(in_groups) == len(set(in_groups)) == harvestable().count()


def _oai(client, **arguments):
    response = client.get("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


def _error(client, **arguments):
    root = _oai(client, **arguments)
    error = root.find("o:error", OAI)
    assert error is not None, ET.tostring(root)[:500]
    # A refused request echoes no arguments (the protocol's rule for badVerb and badArgument).
    return error.get("code"), error.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "code", "words"),
    [
        ({}, "badVerb", "verb="),
        ({"verb": "ListEverything"}, "badVerb", "Identify"),
        ({"verb": "ListRecords"}, "badArgument", "metadataPrefix"),
        ({"verb": "Identify", "set": "x"}, "badArgument", "no arguments"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat", "oai_dc"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nope"}, "badArgument", "ListSets"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument", "YYYY-MM-DD"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2021-01-01T00:00:00Z"}, "badArgument", "alike"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch", "No publication"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken", "start the harvest again"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument", "alone"),
        ({"verb": "GetRecord", "identifier": "oai:elsewhere:publication/1", "metadataPrefix": "oai_dc"}, "idDoesNotExist", "look like"),
    ],
)  # fmt: skip
def test_every_refusal_is_an_oai_error_that_says_what_to_send(client, arguments, code, words):
    found_code, message = _error(client, **arguments)
    assert found_code == code
    assert words in message


@pytest.mark.django_db
def test_a_token_from_another_harvest_cannot_be_tampered_with(client, settings):
    settings.OAI_PAGE_SIZE = 5
    root = _oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find("o:ListIdentifiers/o:resumptionToken", OAI)
    assert token is not None and token.get("completeListSize") == str(harvestable().count())
    assert _error(client, verb="ListIdentifiers", resumptionToken=token.text[:-2] + "xx")[0] == (
        "badResumptionToken"
    )
    following = _oai(client, verb="ListIdentifiers", resumptionToken=token.text)
    assert following.find("o:ListIdentifiers/o:resumptionToken", OAI).get("cursor") == "5"


@pytest.mark.django_db
def test_unlisted_and_unpublished_publications_are_not_harvested(client):
    paper = harvestable().first()
    paper.unpublish()
    root = _oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    identifiers = [e.text for e in root.iter("{http://www.openarchives.org/OAI/2.0/}identifier")]
    assert not any(i.endswith(f"/{paper.pk}") for i in identifiers)
    assert (
        _error(
            client,
            verb="GetRecord",
            identifier=identifier_of(paper.pk),
            metadataPrefix="oai_dc",
        )[0]
        == "idDoesNotExist"
    )
