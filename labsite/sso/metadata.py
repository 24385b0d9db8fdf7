"""The identity provider's (or the federation's) SAML metadata: read from a file or an address,
and, when ``LABSITE_SAML_METADATA_CERT`` names the federation's signing certificate, accepted
only signed by it.

pysaml2 checks a signature only where the metadata carries one (an unsigned aggregate passes,
whatever certificate is configured), and its file and loader sources take no certificate at
all. So the check is made here, with the same tool pysaml2 signs with (Debian's xmlsec1), and
pysaml2 is given the verified text. Only the whole document's own signature counts: one on an
element inside it could sign a part while the rest was added."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import requests
from django.conf import settings
from lxml import etree

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
#: A federation's aggregate (eduGAIN's is over 100 MB) takes a while to download.
READ_TIMEOUT = 120


class MetadataRefused(Exception):
    """The metadata could not be read or is not signed as required; the message is for the
    deployer's log and says which."""


def read(source: str) -> bytes:
    if source.startswith(("https://", "http://")):
        try:
            response = requests.get(source, timeout=READ_TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as error:
            raise MetadataRefused(f"{source} could not be fetched: {error}") from error
        return response.content
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise MetadataRefused(f"{source} could not be read: {error.strerror}") from error


def verified(document: bytes, cert_file: str) -> bytes:
    """``document`` if its root element is signed with ``cert_file``'s key."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as error:
        raise MetadataRefused(f"the metadata is not XML: {error}") from error
    if etree.QName(root).namespace != MD:
        raise MetadataRefused("the document is not SAML metadata")
    signature = root.find(f"{{{DS}}}Signature")
    if signature is None:
        raise MetadataRefused(
            "the metadata is not signed, and LABSITE_SAML_METADATA_CERT asks for its signature"
        )
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    uri = references[0].get("URI") if len(references) == 1 else None
    own_id = root.get("ID")
    # "" is the whole document; "#id" must be the root's own ID, never an inner element's.
    if uri is None or (uri != "" and not (own_id and uri == f"#{own_id}")):
        raise MetadataRefused("the metadata's signature does not cover the whole document")
    with tempfile.NamedTemporaryFile(suffix=".xml") as copy:
        copy.write(document)
        copy.flush()
        checked = subprocess.run(
            [shutil.which("xmlsec1") or "xmlsec1", "--verify", "--pubkey-cert-pem", cert_file,
             "--id-attr:ID", f"{MD}:{etree.QName(root).localname}", copy.name],
            capture_output=True, text=True, timeout=READ_TIMEOUT,
        )  # fmt: skip
    if checked.returncode != 0:
        raise MetadataRefused(
            f"the metadata's signature does not verify with {cert_file}: "
            f"{checked.stderr.strip().splitlines()[-1] if checked.stderr.strip() else 'xmlsec1 failed'}"
        )
    return document


def current() -> bytes:
    """The metadata pysaml2 is given (its "inline" source), as read: bytes, so the document's
    own encoding declaration decides."""
    document = read(settings.LABSITE_SAML_IDP_METADATA)
    cert_file = getattr(settings, "LABSITE_SAML_METADATA_CERT", "")
    if cert_file:
        document = verified(document, cert_file)
    return document
