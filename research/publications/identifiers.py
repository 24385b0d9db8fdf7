"""DOI, arXiv and ISBN identifiers: accept what people paste, store one normal form.

Each ``normalise_*`` returns the stored form or raises ValidationError saying what is wrong
and what a correct value looks like.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_EXAMPLE = "10.1038/nphys1170"
ARXIV_EXAMPLE = "2106.10771 or math.GT/0309136v2"
ISBN_EXAMPLE = "978-0-262-03561-3"

_DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://www.doi.org/",
    "dx.doi.org/",
    "doi.org/",
    "doi:",
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ARXIV_PREFIXES = (
    "https://arxiv.org/abs/",
    "http://arxiv.org/abs/",
    "https://arxiv.org/pdf/",
    "arxiv.org/abs/",
    "arxiv:",
)
_ARXIV_NEW = re.compile(r"^(\d{4})\.(\d{4,5})(v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z\-]+(\.[A-Z]{2})?)/(\d{7})(v\d+)?$")


#: A publisher's article address that carries the DOI: dl.acm.org/doi/10.1145/…,
#: onlinelibrary.wiley.com/doi/full/10.1002/…, pubs.acs.org/doi/abs/10.1021/….
_PUBLISHER_DOI = re.compile(
    r"^https?://[^/\s]+/doi/(?:(?:abs|full|pdf|epdf|book|reader|chapter)/)?(10\.\d{4,9}/\S+)$",
    re.IGNORECASE,
)
#: What BibTeX exports (DBLP above all) write for characters of a DOI: 10.1007/…-7\_2.
_LATEX_ESCAPES = re.compile(r"\{?\\([_%&#$])\}?")


def normalise_doi(value: str) -> str:
    """Bare, lower-case DOI from '10.x/...', 'doi:10.x/...', a doi.org address, a publisher's
    /doi/ address, or BibTeX's escaped form of any of these."""
    raw = _LATEX_ESCAPES.sub(r"\1", value.strip()).strip("{} ")
    publisher = _PUBLISHER_DOI.match(raw)
    if publisher:
        raw = publisher.group(1)
    lowered = raw.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            raw = raw[len(prefix) :].strip()
            break
    doi = raw.lower().rstrip(".,;")
    if not _DOI.match(doi):
        raise ValidationError(
            _(
                "'%(value)s' is not a DOI. A DOI starts with 10., a number, and a slash, e.g. %(example)s."
            ),
            code="doi",
            params={"value": value.strip(), "example": DOI_EXAMPLE},
        )
    return doi


def normalise_arxiv(value: str) -> str:
    """arXiv identifier, new style (2106.10771v2) or old style (quant-ph/0201082v1), version kept."""
    raw = value.strip()
    lowered = raw.lower()
    for prefix in _ARXIV_PREFIXES:
        if lowered.startswith(prefix):
            raw = raw[len(prefix) :]
            break
    raw = raw.removesuffix(".pdf").strip("/")
    new = _ARXIV_NEW.match(raw)
    if new:
        yymm = new.group(1)
        month = int(yymm[2:])
        if not 1 <= month <= 12 or (len(new.group(2)) == 5 and int(yymm) < 1501):
            raise ValidationError(
                _(
                    "'%(value)s' has no valid year and month (YYMM) before the dot. Example: %(example)s."
                ),
                code="arxiv",
                params={"value": value.strip(), "example": ARXIV_EXAMPLE},
            )
        return raw.lower()
    old = _ARXIV_OLD.match(raw)
    if old:
        return raw
    raise ValidationError(
        _("'%(value)s' is not an arXiv identifier. It looks like %(example)s."),
        code="arxiv",
        params={"value": value.strip(), "example": ARXIV_EXAMPLE},
    )


def _isbn10_ok(digits: str) -> bool:
    total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
    return total % 11 == 0


def _isbn13_ok(digits: str) -> bool:
    total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
    return total % 10 == 0


def normalise_isbn(value: str) -> str:
    """ISBN-10 or ISBN-13 with its checksum verified, stored as digits only (X kept for ISBN-10)."""
    digits = re.sub(r"[\s\-]", "", value.strip().upper()).removeprefix("ISBN:").removeprefix("ISBN")
    if re.fullmatch(r"\d{9}[\dX]", digits):
        if _isbn10_ok(digits):
            return digits
    elif re.fullmatch(r"\d{13}", digits):
        if digits.startswith(("978", "979")) and _isbn13_ok(digits):
            return digits
    else:
        raise ValidationError(
            _("'%(value)s' is not an ISBN: an ISBN has 10 or 13 digits, e.g. %(example)s."),
            code="isbn",
            params={"value": value.strip(), "example": ISBN_EXAMPLE},
        )
    raise ValidationError(
        _(
            "'%(value)s' has a wrong check digit; check for a typo. A valid ISBN looks like %(example)s."
        ),
        code="isbn_checksum",
        params={"value": value.strip(), "example": ISBN_EXAMPLE},
    )


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else ""
