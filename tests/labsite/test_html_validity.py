"""Every public page type is valid HTML by the Nu HTML Checker (vnu), the W3C's own checker:
0 errors. The checker is the npm package vnu-jar, fetched once into ~/.cache/labsite/vnu with
npm and run with the machine's Java."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tools.screenshots import PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.frontend]

VNU_VERSION = "26.9.27"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "labsite" / "vnu"
#: Beyond each page type: the German home page and a page that is not there.
EXTRA = {"home-de": "/de/", "not-found": "/no/such/page/"}


def vnu_jar() -> Path:
    jar = CACHE / VNU_VERSION / "package" / "build" / "dist" / "vnu.jar"
    if jar.exists():
        return jar
    npm = shutil.which("npm")
    assert npm, "the HTML check needs npm to fetch vnu-jar (Debian: apt-get install npm)"
    folder = CACHE / VNU_VERSION
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "pack", f"vnu-jar@{VNU_VERSION}", "--silent"],
        cwd=folder, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    with tarfile.open(folder / f"vnu-jar-{VNU_VERSION}.tgz") as archive:
        archive.extractall(folder, filter="data")
    assert jar.exists(), f"vnu-jar {VNU_VERSION} has no {jar.relative_to(folder)}"
    return jar


def test_every_public_page_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    assert java, "the HTML check needs Java (Debian: apt-get install default-jre-headless)"
    files = {}
    for name, path in {**PAGES, **EXTRA}.items():
        response = client.get(path)
        assert response.status_code in (200, 404), f"{path} answered {response.status_code}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    check(java, files)


def check(java: str, files: dict[str, Path]) -> None:
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    # Any message fails: an error, or a file vnu could not read ("non-document-error").
    assert not messages, "\n".join(
        f"{Path(m.get('url', '')).stem} line {m.get('lastLine')}: {m.get('message')}"
        f" ({m.get('extract', '').strip()[:80]})"
        for m in messages
    )
    # The check really ran on every file (vnu names none when all are valid).
    assert result.returncode == 0, result.stderr[:2000]


def test_the_single_sign_on_pages_are_valid_html(client, settings, tmp_path):
    """The sign-in page of private pages with the institution's button, a refused sign-in's
    page (a provider that does not answer), the signing-out page and the page choosing an
    institution of a federation."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    java = shutil.which("java")
    assert java, "the HTML check needs Java (Debian: apt-get install default-jre-headless)"
    settings.LABSITE_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.LABSITE_OIDC_CLIENT_ID = "labsite"
    pages = {
        "private-sign-in": client.get("/_util/login/?next=/internal/").content,
        "sign-in-refused": client.get("/sso/oidc/authenticate/").content,
        "signing-out": render_to_string(
            "labsite/sso/signing_out.html", {"target": "https://idp.example/logout?a=1&b=2"}
        ).encode(),
        # A federation's institutions to choose from, filtered (test_single_sign_on_federation).
        "choose-institution": render_to_string(
            "labsite/sso/choose_provider.html",
            {
                "choices": [
                    ("Northern University", "/sso/saml/login/?idp=https%3A%2F%2Fn.example&next=%2F")
                ],
                "wanted": "north",
                "next": "/admin/",
                "total": 2,
            },
            request=RequestFactory().get("/sso/saml/login/?q=north"),
        ).encode(),
    }
    assert b"Sign in with your institution account" in pages["private-sign-in"]
    files = {}
    for name, content in pages.items():
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(content)
    check(java, files)


def test_the_checker_finds_what_it_should(tmp_path):
    """A page with the faults once found here (a made-up element from a heading level, a
    size on a number input) is refused: a checker that passes everything proves nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<Research class="card__title">a</Research><input type="number" size="6" aria-label="y">'
        "</body></html>"
    )
    result = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", str(bad)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = [m["message"] for m in json.loads(result.stderr)["messages"]]
    assert any("research" in m for m in messages) and any("size" in m for m in messages), messages
