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
from urllib.parse import urlsplit

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


def start(directory: Path, settings, site_base: str, host: str = "127.0.0.1") -> RunningIdP:
    """Configure ``settings`` (pytest-django's fixture) for SAML against a new IdP. A browser
    test names the IdP ``localhost`` like the live server: the SAML cookie is SameSite=Lax
    over plain HTTP, so the IdP's post must come from the same site (production: HTTPS and
    SameSite=None)."""
    from djangosaml2 import conf  # noqa: F401  (djangosaml2 loaded before the site's config)
    from saml2.metadata import entity_descriptor

    from labsite.sso import saml

    port = free_port()
    base = f"http://{host}:{port}"
    idp_key, idp_cert = key_pair(directory, "idp")
    other_key, other_cert = key_pair(directory, "untrusted")
    sp_key, sp_cert = key_pair(directory, "sp")
    users = directory / "users.json"
    users.write_text(json.dumps(USERS))
    common = ["--base", base, "--key", idp_key, "--cert", idp_cert, "--other-key", other_key,
              "--other-cert", other_cert, "--users", str(users)]  # fmt: skip
    idp_metadata = directory / "idp.xml"
    script = str(HERE / "saml_idp.py")
    subprocess.run(
        [sys.executable, script, *common, "--write-metadata", str(idp_metadata)], check=True
    )

    settings.LABSITE_SAML_IDP_METADATA = str(idp_metadata)
    settings.LABSITE_SAML_KEY_FILE = sp_key
    settings.LABSITE_SAML_CERT_FILE = sp_cert
    settings.LABSITE_SSO_BASE_URL = site_base
    settings.LABSITE_SSO_ROLES = "staff=Site editors"
    sp_metadata = directory / "sp.xml"
    sp_metadata.write_text(str(entity_descriptor(saml.sp_config())))
    other = directory / "another-service.xml"
    entity = saml.sp_config().entityid
    other.write_text(sp_metadata.read_text().replace(entity, ANOTHER_SERVICE))

    process = subprocess.Popen(
        [sys.executable, script, *common, "--sp-metadata", str(sp_metadata),
         "--sp-metadata", str(other), "--port", str(port)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready", "the test IdP did not start"
    return RunningIdP(base=base, metadata=str(idp_metadata), process=process)


def hidden_fields(page: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def sign_in(
    client, idp: RunningIdP, username: str, password: str, outcome="valid", next_url="/admin/"
):
    """The whole exchange with Django's test client for the site and HTTP for the IdP; returns
    the site's answer to the IdP's posted assertion."""
    started = client.get(f"/sso/saml/login/?next={next_url}")
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
    return client.post(urlsplit(action).path, posted)
