"""Start the test OpenID Connect provider (oidc_provider/server.mjs, the npm package
oidc-provider under Node) for a test, this site as its client."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from tests.support.identity_providers.saml import free_port

HERE = Path(__file__).parent / "oidc_provider"
CLIENT_ID, CLIENT_SECRET = "labsite", "labsite-test-secret"

USERS = {
    "ada": {
        "password": "ada-at-uni",
        "claims": {
            "email": "ada.lovelace@uni.example",
            "email_verified": True,
            "given_name": "Ada",
            "family_name": "Lovelace",
            "groups": ["lab-editors", "staff"],
            "orcid": "https://orcid.org/0000-0001-5109-3700",
        },
    },
    "mallory": {
        "password": "mallory-at-uni",
        # Claims an address that is somebody's account here, unverified.
        "claims": {"email": "chief@example.org", "email_verified": False, "given_name": "Mallory"},
    },
}


def installed() -> Path:
    """oidc-provider from the lock file, installed once per checkout (the npm registry)."""
    if not (HERE / "node_modules" / "oidc-provider").exists():
        npm = shutil.which("npm")
        assert npm, (
            "Node.js and npm are needed for the OpenID Connect tests (apt-get install nodejs npm)"
        )
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    return HERE


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def launch(
    directory: Path, site_base: str, clock_offset_seconds: int = 0, name="provider"
) -> RunningProvider:
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    client = {
        "redirect_uris": [f"{site_base}/sso/oidc/callback/"],
        "post_logout_redirect_uris": [f"{site_base}/admin/login/"],
        "token_endpoint_auth_method": "client_secret_post",
    }
    config = {
        "port": port,
        "issuer": issuer,
        "clients": [
            {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **client},
            # Another service at the same provider: its codes are not the site's to redeem.
            {"client_id": "another-service", "client_secret": "another-secret", **client},
        ],
        "users": USERS,
        "clockOffsetSeconds": clock_offset_seconds,
    }
    path = directory / f"{name}.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [shutil.which("node"), "server.mjs", str(path)], cwd=installed(),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready", (
        "the test OpenID Connect provider did not start"
    )
    return RunningProvider(issuer=issuer, process=process)


def configure(settings, provider: RunningProvider, site_base: str) -> None:
    from labsite.sso import oidc

    oidc._documents.clear()  # the discovery document of an earlier test's provider
    settings.LABSITE_OIDC_ISSUER = provider.issuer
    settings.LABSITE_OIDC_CLIENT_ID = CLIENT_ID
    settings.LABSITE_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.LABSITE_OIDC_SCOPES = "openid email profile groups orcid"
    settings.LABSITE_OIDC_LABEL = "Sign in with Test University"
    settings.LABSITE_SSO_BASE_URL = site_base
    settings.LABSITE_SSO_ROLES = "lab-editors=Site editors"


def at_provider(start: str, site_base: str, username: str, password: str, answer="sign-in") -> str:
    """From the provider's authorization address to the site's callback address: sign in on
    the provider's page as a browser would; returns the callback's path and query."""
    browser = requests.Session()
    url = start
    response = browser.get(url, allow_redirects=False, timeout=10)
    while response.is_redirect:
        url = urljoin(url, response.headers["Location"])
        response = browser.get(url, allow_redirects=False, timeout=10)
    assert "/interaction/" in url, response.text[:300]
    response = browser.post(
        f"{url}/login", data={"username": username, "password": password, "answer": answer},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    while response.is_redirect:
        url = urljoin(url, response.headers["Location"])
        if url.startswith(site_base):
            parts = urlsplit(url)
            return f"{parts.path}?{parts.query}"
        response = browser.get(url, allow_redirects=False, timeout=10)
    raise AssertionError(
        f"the provider did not send the browser back: {response.status_code} {response.text[:300]}"
    )


def sign_in(
    client,
    provider,
    username,
    password,
    answer="sign-in",
    next_url="/admin/",
    site_base="http://testserver",
):
    started = client.get(f"/sso/oidc/authenticate/?next={next_url}")
    assert started.status_code == 302, started.content[:300]
    return client.get(at_provider(started["Location"], site_base, username, password, answer))
