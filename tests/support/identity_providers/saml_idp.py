"""A SAML 2.0 identity provider for the tests: pysaml2's own IdP (``saml2.server.Server``)
behind a small WSGI app, as a separate process, signing with Debian's xmlsec1.

    python saml_idp.py --base http://127.0.0.1:PORT --key K --cert C --other-key K2 --other-cert C2
                       --users users.json --write-metadata idp.xml   # then exits
    python saml_idp.py ... --sp-metadata sp.xml --port PORT          # serves

Its sign-in page asks for a user name, a password and, as a test IdP may, what to answer:
a valid assertion, one for another audience, one that expired, one signed with a key the
service provider does not trust, or a refusal. Sign-out (SLO, HTTP-Redirect) answers with a
signed logout response.
"""

import argparse
import html
import json
import shutil
import sys
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server

ANOTHER_SERVICE = "https://another-service.example.org/saml/metadata/"
OUTCOMES = {
    "valid": "A valid assertion",
    "wrong-audience": "An assertion for another service",
    "expired": "An assertion that expired an hour ago",
    "bad-signature": "An assertion signed with an untrusted key",
    "denied": "Refuse the sign-in",
}


def config(
    base: str, key: str, cert: str, sp_metadata: list[str], name: str = "Test university"
) -> IdPConfig:
    conf = IdPConfig()
    conf.load(
        {
            "entityid": f"{base}/metadata",
            "xmlsec_binary": shutil.which("xmlsec1"),
            "service": {
                "idp": {
                    "name": name,
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(f"{base}/slo/redirect", BINDING_HTTP_REDIRECT)],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "sign_response": True,
                    "sign_assertion": True,
                    "want_authn_requests_signed": False,
                }
            },
            "organization": {
                "name": [(name, "en")],
                "display_name": [(name, "en")],
                "url": [(f"https://{name.replace(' ', '-').lower()}.example", "en")],
            },
            "key_file": key,
            "cert_file": cert,
            "metadata": {"local": sp_metadata} if sp_metadata else {},
        }
    )
    return conf


class IdentityProvider:
    def __init__(self, args):
        self.base = args.base
        with open(args.users) as users:
            self.users = json.load(users)
        self.server = Server(
            config=config(args.base, args.key, args.cert, args.sp_metadata, args.name)
        )
        # Same entity, a key the service provider was never told about.
        self.forger = Server(
            config=config(args.base, args.other_key, args.other_cert, args.sp_metadata)
        )

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        form = {}
        if environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(size).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
        try:
            if path == "/metadata":
                body = str(entity_descriptor(self.server.config)).encode()
                return self._answer(start_response, "200 OK", body, "text/xml")
            if path == "/sso/redirect":
                return self._login_page(start_response, query, "")
            if path == "/sso/login" and form:
                return self._sign_in(start_response, form)
            if path == "/slo/redirect":
                return self._sign_out(start_response, query)
        except Exception as error:  # a test IdP says what went wrong, on the page and stderr
            import traceback

            traceback.print_exc()
            body = f"<!doctype html><title>IdP error</title><p>{html.escape(repr(error))}</p>"
            return self._answer(start_response, "500 Internal Server Error", body.encode())
        return self._answer(start_response, "404 Not Found", b"not found", "text/plain")

    def _answer(
        self, start_response, status, body: bytes, kind="text/html; charset=utf-8", headers=()
    ):
        start_response(
            status, [("Content-Type", kind), ("Content-Length", str(len(body))), *headers]
        )
        return [body]

    def _login_page(self, start_response, query, error: str):
        options = "".join(
            f'<option value="{key}">{html.escape(label)}</option>'
            for key, label in OUTCOMES.items()
        )
        alert = f'<p role="alert">{html.escape(error)}</p>' if error else ""
        body = f"""<!doctype html><html lang="en"><title>Test university sign-in</title>
<h1>Test university</h1>{alert}
<form method="post" action="/sso/login">
<input type="hidden" name="SAMLRequest" value="{html.escape(query.get("SAMLRequest", ""))}">
<input type="hidden" name="RelayState" value="{html.escape(query.get("RelayState", ""))}">
<label>User name <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<label>Answer with <select name="outcome">{options}</select></label>
<button type="submit">Sign in</button></form></html>"""
        return self._answer(start_response, "200 OK", body.encode())

    def _sign_in(self, start_response, form):
        user = self.users.get(form.get("username", ""))
        if user is None or user["password"] != form.get("password"):
            return self._login_page(start_response, form, "Wrong user name or password.")
        request = self.server.parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = self.server.response_args(request.message, [BINDING_HTTP_POST])
        outcome = form.get("outcome", "valid")
        if outcome == "denied":
            response = self.server.create_error_response(
                args["in_response_to"], args["destination"],
                info=(samlp.STATUS_REQUEST_DENIED, "The user refused to sign in."),
            )  # fmt: skip
            return self._post(start_response, self.server, response, args, form)
        issuer = self.forger if outcome == "bad-signature" else self.server
        if outcome == "wrong-audience":
            args["sp_entity_id"] = ANOTHER_SERVICE
        name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=user["name_id"])
        authn = {
            "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password",
            "authn_auth": self.base,
        }
        respond = lambda: issuer.create_authn_response(  # noqa: E731
            user["attributes"], userid=user["name_id"], name_id=name_id, authn=authn, **args
        )
        if outcome == "expired":
            import time_machine

            with time_machine.travel(datetime.now(UTC) - timedelta(hours=1), tick=True):
                response = respond()
        else:
            response = respond()
        return self._post(start_response, issuer, response, args, form)

    def _post(self, start_response, issuer, response, args, form):
        http = issuer.apply_binding(
            BINDING_HTTP_POST, str(response), args["destination"], form.get("RelayState", ""),
            response=True,
        )  # fmt: skip
        return self._answer(start_response, "200 OK", http["data"].encode())

    def _sign_out(self, start_response, query):
        request = self.server.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        response = self.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        binding, destination = self.server.pick_binding(
            "single_logout_service", [BINDING_HTTP_REDIRECT], "spsso",
            entity_id=request.message.issuer.text,
        )  # fmt: skip
        http = self.server.apply_binding(
            binding, str(response), destination, query.get("RelayState", ""), response=True
        )
        location = dict(http["headers"])["Location"]
        return self._answer(
            start_response, "302 Found", b"", "text/plain", [("Location", location)]
        )


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(argv=None):
    parser = argparse.ArgumentParser()
    for name in ("base", "key", "cert", "other-key", "other-cert", "users"):
        parser.add_argument(f"--{name}", required=True)
    # The site's metadata, and another service's with the same endpoints (for an assertion
    # issued to that service and posted to the site).
    parser.add_argument("--sp-metadata", action="append", default=[])
    parser.add_argument("--name", default="Test university")  # the metadata's display name
    parser.add_argument("--write-metadata")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.write_metadata:
        conf = config(args.base, args.key, args.cert, [], args.name)
        with open(args.write_metadata, "w") as out:
            out.write(str(entity_descriptor(conf)))
        return
    app = IdentityProvider(args)
    with make_server("127.0.0.1", args.port, app, handler_class=QuietHandler) as server:
        print("ready", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
