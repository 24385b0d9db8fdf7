"""Machine-readable publication metadata: Google Scholar's Highwire tags and schema.org JSON-LD."""

from urllib.parse import urljoin

from django import template
from django.utils.html import format_html_join

from labsite.structured_data import jsonld_script

register = template.Library()

HIGHWIRE_VENUE = {
    "article": "citation_journal_title",
    "inproceedings": "citation_conference_title",
    "workshop": "citation_conference_title",
    "chapter": "citation_inbook_title",
    "thesis": "citation_dissertation_institution",
    "report": "citation_technical_report_institution",
}


@register.simple_tag
def highwire_tags(page, authors, pdf_url=""):
    """<meta name="citation_*"> tags as Google Scholar's inclusion guidelines describe them;
    ``authors`` are the page's credits (``CreditedModel.credited_for``)."""
    date = f"{page.year}/{page.month:02d}" if page.month else str(page.year)
    tags = [("citation_title", page.title)]
    tags += [("citation_author", author.name) for author in authors]
    tags.append(("citation_publication_date", date))
    if page.venue:
        tags.append((HIGHWIRE_VENUE.get(page.publication_type, "citation_publisher"), page.venue))
    first, _, last = page.pages.partition("-")
    for name, value in (
        ("citation_volume", page.volume),
        ("citation_issue", page.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_publisher", page.publisher),
        ("citation_doi", page.doi),
        ("citation_isbn", page.isbn),
        ("citation_arxiv_id", page.arxiv_id),
        ("citation_abstract_html_url", page.full_url),
        ("citation_pdf_url", pdf_url),
    ):
        if value:
            tags.append((name, value))
    return format_html_join("\n", '<meta name="{}" content="{}">', tags)


#: schema.org types for outputs that are not articles (the rest are ScholarlyArticle).
SCHEMA_TYPES = {
    "dataset": "Dataset",
    "software": "SoftwareSourceCode",
    "book": "Book",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "report": "Report",
}


@register.simple_tag
def scholarly_article_jsonld(page, authors):
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(page.publication_type, "ScholarlyArticle"),
        "headline": page.title[:110],
        "name": page.title,
        "datePublished": f"{page.year}-{page.month:02d}" if page.month else str(page.year),
        "author": [
            {
                "@type": "Organization" if author.org else "Person",
                "name": author.name,
                # A member's address as stored (relative on a one-site server) made absolute.
                **({"url": urljoin(page.full_url, author.url)} if author.url else {}),
            }
            for author in authors
        ],
        "url": page.full_url,
    }
    if page.abstract:
        data["abstract"] = page.abstract
    if page.venue and page.publication_type in ("dataset", "software"):
        # Where it is deposited (Zenodo, a software archive): its publisher, not a journal.
        data["publisher"] = {"@type": "Organization", "name": page.venue}
    elif page.venue:
        data["isPartOf"] = {
            "@type": "Periodical" if page.publication_type == "article" else "CreativeWork",
            "name": page.venue,
        }
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        data["sameAs"] = page.doi_url
    return jsonld_script(data)
