"""Building a CV: its sections from the registry, the HTML from a template, the PDF with
WeasyPrint (which may fetch nothing: the CV's few images are inlined)."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from people.cv import registry
from people.cv.models import StoredCV

logger = logging.getLogger(__name__)


def chosen_sections(person) -> list[registry.CVSection]:
    keys = [choice.section for choice in person.cv_sections.all()]
    if not keys:
        return list(registry.sections)
    chosen = [registry.sections.get(key) for key in dict.fromkeys(keys)]
    return [section for section in chosen if section is not None]


def render_html(person) -> str:
    parts = []
    for section in chosen_sections(person):
        lines = section.lines(person)
        if lines:
            parts.append((section, lines))
    return render_to_string(
        "people/cv/cv.html", {"person": person, "parts": parts, "updated": timezone.localdate()}
    )


def fetcher():
    """A CV is built from the site's data only: WeasyPrint may read data: URLs, nothing else
    (no address on the network, no file on the server)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=fetcher()).write_pdf()


def regenerate(person) -> str:
    """Build the person's CV if they offer one; 'built', 'unchanged', 'removed' or 'off'."""
    stored = StoredCV.objects.filter(person=person).first()
    if not (person.offers_cv and person.live):
        if stored is not None:
            if stored.pdf:
                stored.pdf.delete(save=False)
            stored.delete()
            return "removed"
        return "off"
    html = render_html(person)
    # The date line changes daily; the digest ignores it so an unchanged CV is not rebuilt.
    digest = hashlib.sha256(html.split("<!--updated-->")[0].encode()).hexdigest()
    if stored is not None and stored.digest == digest and stored.pdf:
        return "unchanged"
    pdf = render_pdf(html)
    if stored is None:
        stored = StoredCV(person=person)
    elif stored.pdf:
        stored.pdf.delete(save=False)
    stored.html, stored.digest, stored.generated_at = html, digest, timezone.now()
    stored.pdf.save(f"{person.slug}-cv.pdf", ContentFile(pdf), save=False)
    stored.save()
    return "built"
