"""Benchmark: what each way of signing in costs, and what it adds to every page after.

Run: .venv/bin/python bench/bench_sign_in.py [--sign-ins 10] [--requests 30]

Builds a throwaway SQLite database with the demo, starts the two identity providers the tests
use (pysaml2's SAML IdP with xmlsec1, Node's oidc-provider; tests/support/identity_providers)
and times through Django's test client (server time, no browser):

- a sign-in with a password; through SAML (the site's two requests: the redirect to the IdP,
  and the assertion it checks with xmlsec1); through OpenID Connect (the redirect, and the
  callback with its calls to the provider: token, keys, user info). The provider's own pages
  are not timed;
- then the admin's dashboard and a public page, in each kind of session, to show what a
  sign-in through the institution adds to each page afterwards.

Prints the medians; exits 1 when a sign-in did not sign in the way it claims (no
institution session after SAML or OpenID Connect), or a page did not answer 200.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sign-ins", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="labsite-bench-sign-in-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    import django

    django.setup()
    import requests
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from tests.support.identity_providers import oidc, saml

    settings.MEDIA_ROOT = workdir / "media"
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", no_admin=True, verbosity=0)
    from django.contrib.auth.models import Group

    # The same role as the institution's accounts get (Site editors), so pages compare alike.
    local = get_user_model().objects.create_user("local", "local@example.org", "local-pass-123")
    local.groups.add(Group.objects.get(name="Site editors"))

    site = "http://testserver"
    idp = saml.start(workdir, settings, site)
    provider = oidc.launch(workdir, site)
    oidc.configure(settings, provider, site)
    # Both providers at once: each one's role for the group that opens the admin.
    settings.LABSITE_SSO_ROLES = "staff=Site editors;lab-editors=Site editors"
    problems: list[str] = []

    def password(client):
        began = time.perf_counter()
        answer = client.post("/admin/login/", {"username": "local", "password": "local-pass-123"})
        spent = time.perf_counter() - began
        if answer.status_code != 302:
            problems.append(f"password sign-in answered {answer.status_code}")
        return spent

    def through_saml(client):
        began = time.perf_counter()
        started = client.get("/sso/saml/login/?next=/admin/")
        spent = time.perf_counter() - began
        form = saml.hidden_fields(requests.get(started["Location"], timeout=10).text)
        data = {**form, "username": "ada", "password": "ada-at-uni", "outcome": "valid"}
        posted = saml.hidden_fields(
            requests.post(f"{idp.base}/sso/login", data=data, timeout=30).text
        )
        began = time.perf_counter()
        answer = client.post("/sso/saml/acs/", posted)
        spent += time.perf_counter() - began
        if answer.status_code != 302 or client.session.get("labsite_sso") != "saml":
            problems.append(f"SAML sign-in answered {answer.status_code} without a SAML session")
        return spent

    def through_oidc(client):
        began = time.perf_counter()
        started = client.get("/sso/oidc/authenticate/?next=/admin/")
        spent = time.perf_counter() - began
        callback = oidc.at_provider(started["Location"], site, "ada", "ada-at-uni")
        began = time.perf_counter()
        answer = client.get(callback)
        spent += time.perf_counter() - began
        if answer.status_code != 302 or client.session.get("labsite_sso") != "oidc":
            problems.append(
                f"OpenID Connect sign-in answered {answer.status_code} without its session"
            )
        return spent

    def page_ms(client, url):
        client.get(url)  # warm
        timings = []
        for _ in range(args.requests):
            began = time.perf_counter()
            answer = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
            if answer.status_code != 200:
                problems.append(f"{url} answered {answer.status_code} {answer.get('Location', '')}")
        return statistics.median(timings)

    print(
        f"{args.sign_ins} sign-ins each, {args.requests} requests per page (medians, server time)"
    )
    print(f"  {'sign-in':22} {'sign-in ms':>10} {'dashboard ms':>13} {'public page ms':>15}")
    try:
        for name, sign_in in (
            ("password", password),
            ("SAML", through_saml),
            ("OpenID Connect", through_oidc),
        ):
            spent = []
            for _ in range(args.sign_ins):
                client = Client()
                spent.append(sign_in(client) * 1000)
            dashboard = page_ms(client, "/admin/")
            public = page_ms(client, "/")
            print(f"  {name:22} {statistics.median(spent):10.1f} {dashboard:13.1f} {public:15.1f}")
    finally:
        idp.stop()
        provider.stop()
    if problems:
        print("FAILED:", *sorted(set(problems)), sep="\n  ")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
