"""Start the test SAML identity provider (saml_idp.py) for a test, this site as its service
provider: keys made with openssl, the IdP's metadata written first (the site reads it), then
the site's metadata (the IdP reads it), then the IdP started on a free port."""

import json
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests

HERE = Path(__file__).parent
ANOTHER_SERVICE = "https://another-service.example.org/saml/metadata/"

USERS = {
    "ada": {
        "password": "ada-at-uni",
        "name_id": "7f3a9c1e-ada",
        "attributes": {
            "uid": ["ada"],
            "mail": ["ada.lovelace@uni.example"],
            "givenName": ["Ada"],
            "sn": ["Lovelace"],
            "eduPersonAffiliation": ["staff", "member"],
            "eduPersonOrcid": ["https://orcid.org/0000-0001-5109-3700"],
        },
    },
    "student": {
        "password": "student-at-uni",
        "name_id": "0b2d44aa-student",
        "attributes": {
            "uid": ["sam"],
            "mail": ["sam.student@uni.example"],
            "givenName": ["Sam"],
            "sn": ["Student"],
            "eduPersonAffiliation": ["student"],
        },
    },
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def key_pair(directory: Path, name: str) -> tuple[str, str]:
    key, cert = directory / f"{name}.key", directory / f"{name}.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(key), str(cert)


@dataclass
class RunningIdP:
    base: str
    metadata: str
    process: subprocess.Popen

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _described(directory: Path, host: str, name: str) -> tuple[str, list[str], Path]:
    """An IdP's keys and metadata (written by saml_idp.py): its base, arguments, metadata."""
    port = free_port()
    base = f"http://{host}:{port}"
    own = directory / name.replace(" ", "-").lower()
    own.mkdir(parents=True, exist_ok=True)
    idp_key, idp_cert = key_pair(own, "idp")
    other_key, other_cert = key_pair(own, "untrusted")
    users = own / "users.json"
    users.write_text(json.dumps(USERS))
    common = ["--base", base, "--key", idp_key, "--cert", idp_cert, "--other-key", other_key,
              "--other-cert", other_cert, "--users", str(users), "--name", name]  # fmt: skip
    idp_metadata = own / "idp.xml"
    subprocess.run(
        [sys.executable, str(HERE / "saml_idp.py"), *common, "--write-metadata", str(idp_metadata)],
        check=True, timeout=60,
    )  # fmt: skip
    return base, common, idp_metadata


def _as_service_provider(directory: Path, settings, site_base: str) -> list[str]:
    """The site's SAML keys in ``settings``; its metadata and another service's, for the IdPs."""
    from djangosaml2 import conf  # noqa: F401  (djangosaml2 loaded before the site's config)
    from saml2.metadata import entity_descriptor

    from labsite.sso import saml

    sp_key, sp_cert = key_pair(directory, "sp")
    settings.LABSITE_SAML_KEY_FILE = sp_key
    settings.LABSITE_SAML_CERT_FILE = sp_cert
    settings.LABSITE_SSO_BASE_URL = site_base
    settings.LABSITE_SSO_ROLES = "staff=Site editors"
    sp_metadata = directory / "sp.xml"
    sp_metadata.write_text(str(entity_descriptor(saml.sp_config())))
    other = directory / "another-service.xml"
    entity = saml.sp_config().entityid
    other.write_text(sp_metadata.read_text().replace(entity, ANOTHER_SERVICE))
    return ["--sp-metadata", str(sp_metadata), "--sp-metadata", str(other)]


def _launch(base: str, common: list[str], service_providers: list[str], metadata: Path):
    port = urlsplit(base).port
    process = subprocess.Popen(
        [sys.executable, str(HERE / "saml_idp.py"), *common, *service_providers,
         "--port", str(port)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready", "the test IdP did not start"
    return RunningIdP(base=base, metadata=str(metadata), process=process)


def start(directory: Path, settings, site_base: str, host: str = "127.0.0.1") -> RunningIdP:
    """Configure ``settings`` (pytest-django's fixture) for SAML against a new IdP. A browser
    test names the IdP ``localhost`` like the live server: the SAML cookie is SameSite=Lax
    over plain HTTP, so the IdP's post must come from the same site (production: HTTPS and
    SameSite=None)."""
    base, common, idp_metadata = _described(directory, host, "Test university")
    settings.LABSITE_SAML_IDP_METADATA = str(idp_metadata)
    service_providers = _as_service_provider(directory, settings, site_base)
    return _launch(base, common, service_providers, idp_metadata)


def aggregate(members: list[Path], out: Path, key: str | None = None, cert: str | None = None):
    """A federation's metadata: the members' in one EntitiesDescriptor, signed (as federations
    sign theirs) when given the federation's key, with Debian's xmlsec1."""
    from lxml import etree

    md, ds = "urn:oasis:names:tc:SAML:2.0:metadata", "http://www.w3.org/2000/09/xmldsig#"
    root = etree.Element(f"{{{md}}}EntitiesDescriptor", nsmap={"md": md, "ds": ds})
    root.set("ID", "test-federation-2026")
    root.set("Name", "urn:mace:test-federation")
    if key:
        signature = etree.SubElement(root, f"{{{ds}}}Signature")
        info = etree.SubElement(signature, f"{{{ds}}}SignedInfo")
        etree.SubElement(info, f"{{{ds}}}CanonicalizationMethod",
                         Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")  # fmt: skip
        etree.SubElement(info, f"{{{ds}}}SignatureMethod",
                         Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")  # fmt: skip
        reference = etree.SubElement(info, f"{{{ds}}}Reference", URI="#test-federation-2026")
        transforms = etree.SubElement(reference, f"{{{ds}}}Transforms")
        for algorithm in ("http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                          "http://www.w3.org/2001/10/xml-exc-c14n#"):  # fmt: skip
            etree.SubElement(transforms, f"{{{ds}}}Transform", Algorithm=algorithm)
        etree.SubElement(reference, f"{{{ds}}}DigestMethod",
                         Algorithm="http://www.w3.org/2001/04/xmlenc#sha256")  # fmt: skip
        etree.SubElement(reference, f"{{{ds}}}DigestValue")
        etree.SubElement(signature, f"{{{ds}}}SignatureValue")
        etree.SubElement(etree.SubElement(signature, f"{{{ds}}}KeyInfo"), f"{{{ds}}}X509Data")
    for member in members:
        root.append(etree.fromstring(member.read_bytes()))
    template = out.with_suffix(".template.xml")
    template.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    if not key:
        template.replace(out)
        return
    subprocess.run(
        ["xmlsec1", "--sign", "--privkey-pem", f"{key},{cert}",
         "--id-attr:ID", f"{md}:EntitiesDescriptor", "--output", str(out), str(template)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


@dataclass
class Federation:
    members: list[RunningIdP]
    metadata: Path
    key: str
    cert: str

    def stop(self):
        for member in self.members:
            member.stop()


def federation(directory: Path, settings, site_base: str, names: list[str]) -> Federation:
    """IdPs under ``names``, each started, in one signed aggregate the site reads (with the
    federation's certificate), as a site in InCommon or eduGAIN would."""
    described = [_described(directory, "127.0.0.1", name) for name in names]
    key, cert = key_pair(directory, "federation")
    metadata = directory / "federation.xml"
    aggregate([idp_metadata for _, _, idp_metadata in described], metadata, key, cert)
    settings.LABSITE_SAML_IDP_METADATA = str(metadata)
    settings.LABSITE_SAML_METADATA_CERT = cert
    service_providers = _as_service_provider(directory, settings, site_base)
    members = [
        _launch(base, common, service_providers, idp_metadata)
        for base, common, idp_metadata in described
    ]
    return Federation(members=members, metadata=metadata, key=key, cert=cert)


def hidden_fields(page: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def assertion(
    client, idp: RunningIdP, username: str, password: str, outcome="valid", next_url="/admin/",
    choose=False,
):  # fmt: skip
    """The exchange up to the IdP's answer, with Django's test client for the site and HTTP
    for the IdP: the site's address the browser would post it to, and the posted fields.
    ``choose``: name the IdP (``?idp=``), as the page listing a federation's institutions
    does."""
    query = urlencode({"next": next_url, **({"idp": f"{idp.base}/metadata"} if choose else {})})
    started = client.get(f"/sso/saml/login/?{query}")
    assert started.status_code == 302, started.status_code
    login_page = requests.get(started["Location"], timeout=10)
    form = hidden_fields(login_page.text)
    answer = requests.post(
        f"{idp.base}/sso/login",
        data={**form, "username": username, "password": password, "outcome": outcome},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    action = unescape(re.search(r'action="([^"]+)"', answer.text).group(1))
    posted = hidden_fields(answer.text)
    assert "SAMLResponse" in posted, answer.text[:500]
    return urlsplit(action).path, posted


def sign_in(client, idp: RunningIdP, *args, **kwargs):
    """The whole exchange (``assertion``'s arguments); the site's answer to the assertion."""
    return client.post(*assertion(client, idp, *args, **kwargs))
