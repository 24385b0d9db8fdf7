"""/cv/<slug>/ (HTML) and /cv/<slug>.pdf: the stored CV of a person who offers one."""

import re

from django.http import FileResponse, Http404, HttpResponse

from labsite.security.headers import allow_inline
from labsite.visibility import closed
from people.cv.models import StoredCV
from people.profiles.models import PersonPage


def _stored(slug):
    # A CV belongs to its person's page: open to whoever may open the page (an unlisted page
    # included: its address is all one needs).
    person = PersonPage.objects.live().exclude(closed()).filter(slug=slug, offers_cv=True).first()
    if person is None:
        raise Http404("No CV here.")
    stored = StoredCV.objects.filter(person=person).first()
    if stored is None:
        response = HttpResponse(
            "This CV is being prepared. Try again in a minute.\n",
            status=503,
            content_type="text/plain",
        )
        response["Retry-After"] = "60"
        return person, response
    return person, stored


#: The stored CV's own stylesheet (templates/people/cv/cv.html writes exactly one).
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def cv_html(request, slug):
    _person, stored = _stored(slug)
    if isinstance(stored, HttpResponse):
        return stored
    # Built earlier by a task: its stylesheet is allowed now, by its hash, for this response
    # (the site's policy allows no inline style otherwise).
    for css in _STYLE.findall(stored.html):
        allow_inline(request, "style-src", css)
    return HttpResponse(stored.html)


def cv_pdf(request, slug):
    person, stored = _stored(slug)
    if isinstance(stored, HttpResponse):
        return stored
    return FileResponse(
        stored.pdf.open("rb"), content_type="application/pdf", filename=f"{person.slug}-cv.pdf"
    )
