"""The metadata formats the OAI-PMH repository offers: Dublin Core (``oai_dc``, which every
harvester reads) and DataCite's kernel 4 (``oai_datacite``: typed outputs, ORCID iDs, group
authors as organisations). Built with ElementTree, so every value is escaped as XML text."""

from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

from research.publications.models import PublicationPage

DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DATACITE = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: DataCite's resourceTypeGeneral for each kind of output.
DATACITE_TYPES = {
    "article": "JournalArticle",
    "inproceedings": "ConferencePaper",
    "workshop": "ConferencePaper",
    "preprint": "Preprint",
    "book": "Book",
    "chapter": "BookChapter",
    "thesis": "Dissertation",
    "report": "Report",
    "poster": "ConferenceProceeding",
    "software": "Software",
    "dataset": "Dataset",
}
#: The DCMI type vocabulary's word for each kind (the rest are Text).
DCMI_TYPES = {"software": "Software", "dataset": "Dataset"}


@dataclass(frozen=True)
class Format:
    prefix: str
    schema: str
    namespace: str
    build: object  # (page, page_url, group_name) -> Element


def _text(parent, tag, value, **attributes):
    if value:
        element = SubElement(parent, tag, attributes)
        element.text = str(value)
        return element
    return None


def oai_dc(page: PublicationPage, page_url: str, group_name: str) -> Element:
    root = Element(
        f"{{{OAI_DC}}}dc",
        {f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"},
    )
    _text(root, f"{{{DC}}}title", page.title)
    for credit in page.credited:
        _text(root, f"{{{DC}}}creator", credit.name)
    _text(root, f"{{{DC}}}date", page.year)
    _text(root, f"{{{DC}}}type", DCMI_TYPES.get(page.publication_type, "Text"))
    _text(root, f"{{{DC}}}type", page.get_publication_type_display())
    _text(root, f"{{{DC}}}identifier", page_url)
    _text(root, f"{{{DC}}}identifier", page.doi_url)
    _text(root, f"{{{DC}}}source", page.venue)
    _text(root, f"{{{DC}}}publisher", page.publisher)
    _text(root, f"{{{DC}}}description", page.abstract)
    return root


def oai_datacite(page: PublicationPage, page_url: str, group_name: str) -> Element:
    root = Element(
        f"{{{DATACITE}}}resource",
        {
            f"{{{XSI}}}schemaLocation": f"{DATACITE} http://schema.datacite.org/meta/kernel-4.5/metadata.xsd"
        },
    )
    if page.doi:
        _text(root, f"{{{DATACITE}}}identifier", page.doi, identifierType="DOI")
    else:
        _text(root, f"{{{DATACITE}}}identifier", page_url, identifierType="URL")
    creators = SubElement(root, f"{{{DATACITE}}}creators")
    for credit in page.credited:
        creator = SubElement(creators, f"{{{DATACITE}}}creator")
        kind = "Organizational" if credit.org else "Personal"
        _text(creator, f"{{{DATACITE}}}creatorName", credit.name, nameType=kind)
        if credit.orcid:
            _text(
                creator,
                f"{{{DATACITE}}}nameIdentifier",
                f"https://orcid.org/{credit.orcid}",
                nameIdentifierScheme="ORCID",
                schemeURI="https://orcid.org",
            )
    titles = SubElement(root, f"{{{DATACITE}}}titles")
    _text(titles, f"{{{DATACITE}}}title", page.title)
    # DataCite requires a publisher: the publisher, the repository it is deposited in (a
    # dataset's or software's venue), else the group that publishes it.
    venue_publishes = page.publication_type in ("dataset", "software", "book", "thesis", "report")
    _text(
        root,
        f"{{{DATACITE}}}publisher",
        page.publisher or (page.venue if venue_publishes else "") or group_name,
    )
    _text(root, f"{{{DATACITE}}}publicationYear", page.year)
    _text(
        root,
        f"{{{DATACITE}}}resourceType",
        page.get_publication_type_display(),
        resourceTypeGeneral=DATACITE_TYPES.get(page.publication_type, "Text"),
    )
    if page.venue and not venue_publishes:
        related = SubElement(root, f"{{{DATACITE}}}relatedItems")
        item = SubElement(
            related, f"{{{DATACITE}}}relatedItem", relatedItemType="Journal"
            if page.publication_type == "article" else "ConferenceProceeding"
            if page.publication_type in ("inproceedings", "workshop", "poster") else "Collection",
            relationType="IsPublishedIn",
        )  # fmt: skip
        item_titles = SubElement(item, f"{{{DATACITE}}}titles")
        _text(item_titles, f"{{{DATACITE}}}title", page.venue)
    alternates = SubElement(root, f"{{{DATACITE}}}alternateIdentifiers")
    _text(alternates, f"{{{DATACITE}}}alternateIdentifier", page_url, alternateIdentifierType="URL")
    if page.abstract:
        descriptions = SubElement(root, f"{{{DATACITE}}}descriptions")
        _text(descriptions, f"{{{DATACITE}}}description", page.abstract, descriptionType="Abstract")
    return root


FORMATS = {
    f.prefix: f
    for f in (
        Format("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC, oai_dc),
        Format(
            "oai_datacite",
            "http://schema.datacite.org/meta/kernel-4.5/metadata.xsd",
            DATACITE,
            oai_datacite,
        ),
    )
}
