"""Single sign-on in a SAML federation (InCommon, eduGAIN, a national one): the site reads the
federation's signed aggregate, accepts only the institutions it names, and the visitor chooses
theirs on a page of the site or at a discovery service. Two real IdPs (pysaml2's, as in
test_single_sign_on_saml.py) in one aggregate signed by a federation key with xmlsec1."""

import functools
import http.server
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model

from labsite.sso.models import ExternalIdentity
from tests.support.identity_providers import saml

pytestmark = pytest.mark.django_db

NORTH, SOUTH = "Northern University", "Southern Institute of Technology"


@pytest.fixture
def federation(settings, tmp_path):
    running = saml.federation(tmp_path, settings, "http://testserver", [NORTH, SOUTH])
    yield running
    running.stop()


@pytest.fixture
def served(tmp_path):
    """The aggregate over HTTP, as federations publish it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def entity(idp) -> str:
    return f"{idp.base}/metadata"


def test_the_visitor_chooses_their_institution_and_signs_in_through_it(
    client, settings, federation, served
):
    settings.LABSITE_SAML_IDP_METADATA = f"{served}/federation.xml"  # fetched, signature checked
    north, south = federation.members
    page = client.get("/sso/saml/login/?next=/admin/pages/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index(NORTH) < text.index(SOUTH)  # by name
    assert "idp=" + entity(south).replace(":", "%3A").replace("/", "%2F") in text
    found = client.get("/sso/saml/login/", {"q": "southern", "next": "/admin/pages/"})
    assert SOUTH in found.content.decode() and NORTH not in found.content.decode()
    nothing = client.get("/sso/saml/login/", {"q": "Atlantis"}).content.decode()
    assert "No institution's name contains “Atlantis”" in nothing

    answer = saml.sign_in(client, south, "ada", "ada-at-uni", "valid", "/admin/pages/", True)
    assert answer.status_code == 302 and answer["Location"] == "/admin/pages/"
    link = ExternalIdentity.objects.get()
    assert link.issuer == entity(south) and link.user.email == "ada.lovelace@uni.example"


def test_only_the_institutions_the_site_names_sign_in(client, settings, federation):
    north, south = federation.members
    settings.LABSITE_SAML_IDPS = entity(north)
    straight = client.get("/sso/saml/login/?next=/admin/")
    assert straight.status_code == 302 and straight["Location"].startswith(north.base)
    other = client.get("/sso/saml/login/", {"idp": entity(south)})
    assert other.status_code == 403
    assert "does not accept sign-ins from that identity provider" in other.content.decode()

    # An answer from an IdP of the federation the site does not name (a sign-in started
    # before the setting changed, or crafted): refused at the assertion too.
    settings.LABSITE_SAML_IDPS = ""
    path, posted = saml.assertion(client, south, "ada", "ada-at-uni", choose=True)
    settings.LABSITE_SAML_IDPS = entity(north)
    answer = client.post(path, posted)
    assert answer.status_code == 403
    assert "does not accept sign-ins from that identity provider" in answer.content.decode()
    assert not get_user_model().objects.filter(email="ada.lovelace@uni.example").exists()
    assert "_auth_user_id" not in client.session

    settings.LABSITE_SAML_IDPS = "https://not-in-the-federation.example/idp"
    none = client.get("/sso/saml/login/")
    assert none.status_code == 503 and "LABSITE_SAML_IDPS" in none.content.decode()


def test_a_discovery_service_chooses_among_many(client, settings, federation):
    north, south = federation.members
    settings.LABSITE_SAML_DISCOVERY_URL = "https://ds.example.org/ds/"
    asked = client.get("/sso/saml/login/?next=/admin/pages/")
    assert asked.status_code == 302
    to = urlsplit(asked["Location"])
    assert f"{to.scheme}://{to.netloc}{to.path}" == "https://ds.example.org/ds/"
    query = parse_qs(to.query)
    assert query["entityID"] == ["http://testserver/sso/saml/metadata/"]
    assert query["returnIDParam"] == ["idp"]
    back = urlsplit(query["return"][0])
    assert (back.netloc, back.path, parse_qs(back.query)) == (
        "testserver", "/sso/saml/login/", {"next": ["/admin/pages/"]}
    )  # fmt: skip
    # The service sends the visitor back with their choice: the exchange goes on with it.
    answer = saml.sign_in(client, north, "ada", "ada-at-uni", "valid", "/admin/pages/", True)
    assert answer.status_code == 302 and ExternalIdentity.objects.get().issuer == entity(north)


@pytest.mark.parametrize("fault", ["unsigned", "altered", "another-key"])
def test_federation_metadata_not_signed_by_the_federation_is_refused(
    client, settings, tmp_path, fault
):
    members = [saml._described(tmp_path, "127.0.0.1", name)[2] for name in (NORTH, SOUTH)]
    key, cert = saml.key_pair(tmp_path, "federation")
    other_key, other_cert = saml.key_pair(tmp_path, "impostor")
    metadata = tmp_path / "federation.xml"
    if fault == "unsigned":
        saml.aggregate(members, metadata)
    elif fault == "altered":
        saml.aggregate(members, metadata, key, cert)
        metadata.write_text(metadata.read_text().replace(SOUTH, "Evil University"))
    else:
        saml.aggregate(members, metadata, other_key, other_cert)
    settings.LABSITE_SAML_IDP_METADATA = str(metadata)
    settings.LABSITE_SAML_METADATA_CERT = cert
    answer = client.get("/sso/saml/login/")
    assert answer.status_code == 503
    assert "its metadata) could not be read" in answer.content.decode()

    # The same document, signed by the federation: read.
    saml.aggregate(members, metadata, key, cert)
    settings.LABSITE_SAML_IDP_METADATA = str(tmp_path / "federation-good.xml")
    metadata.replace(settings.LABSITE_SAML_IDP_METADATA)
    assert client.get("/sso/saml/login/").status_code == 200


@pytest.mark.parametrize(
    "root_id, uri", [("", "#inner"), ("", "#None"), ("fed", "#inner"), ("fed", None)]
)
def test_a_signature_must_cover_the_whole_aggregate(tmp_path, root_id, uri):
    """A signature of an inner element (signed somewhere else, wrapped in a document of
    somebody's making) is not the federation's signature of the aggregate."""
    from labsite.sso.metadata import MetadataRefused, verified

    reference = f'<ds:Reference URI="{uri}"/>' if uri is not None else ""
    own_id = f' ID="{root_id}"' if root_id else ""
    document = (
        '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"{own_id}>'
        f"<ds:Signature><ds:SignedInfo>{reference}</ds:SignedInfo></ds:Signature>"
        '<md:EntityDescriptor ID="inner" entityID="https://idp.example/"/>'
        "</md:EntitiesDescriptor>"
    ).encode()
    _, cert = saml.key_pair(tmp_path, "federation")
    with pytest.raises(MetadataRefused, match="does not cover the whole document"):
        verified(document, cert)
