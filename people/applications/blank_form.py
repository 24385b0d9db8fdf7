"""The application form as a newcomer first sees it: rendered once, kept, given to everyone.

Eighteen fields and two lists read from the database (the openings on offer, the members who
take students) are most of ``/apply/``'s time, and every visitor who arrives from the same
link (``/apply/``, ``?opening=``, ``?supervisor=``) sees the same blank form. It is kept like
a person's sections (``labsite.pagecache.kept``: until the content changes, keyed by site,
language and date, so the year ranges and who is still a member follow the calendar), and
until the first deadline among the openings it lists, when that opening leaves the list.

What belongs to one visitor is put in afterwards: the CSRF token and the signed moment the
form was handed out (the spam check's "filled in too fast"). A form sent back with errors is
the applicant's own and is always rendered afresh.
"""

import secrets

from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from labsite.pagecache.kept import Kept
from people.applications.forms import sign_started

TEMPLATE = "people/apply_form.html"

# Stand-ins for the per-visitor values, new in each process so no content can contain them.
_CSRF = f"csrf{secrets.token_hex(12)}"
_STARTED = f"started{secrets.token_hex(12)}"

#: One kept form per address asked for; ids in the query come from visitors, so only the
#: most recently used are kept.
_kept = Kept()


def blank_form(request, key: tuple, build) -> SafeString:
    """The blank form for ``key`` (what the address asks for), this visitor's values put in.

    ``build(started)`` returns the template's context (with a form whose ``started`` is the
    given value) and the moment the form goes stale (or None); it runs only when no kept copy
    stands."""

    def render():
        context, stale_at = build(_STARTED)
        context = {**context, "request": request, "csrf_token": _CSRF}
        # A plain Context: Django's context processors would put this request's CSRF token in.
        return get_template(TEMPLATE).template.render(Context(context)), stale_at

    kept = _kept.markup(request, ("apply", *key), render)
    return mark_safe(  # noqa: S308 - escaped values put into the template's own output
        kept.replace(_CSRF, escape(get_token(request))).replace(_STARTED, escape(sign_started()))
    )
