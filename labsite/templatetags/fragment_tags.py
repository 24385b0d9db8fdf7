"""Parts of a page rendered once, then kept.

``{% record_fragment record [also ...] %}…{% end_record_fragment %}``: a list entry rendered
once for each version of the record it shows (Django's ``template_fragments`` cache).
``{% kept_fragment "name" part... %}…{% end_kept_fragment %}``: a larger part that depends on
many records (a person's sections), rendered once per content change
(``labsite.pagecache.kept``).

A list of fifty papers renders the same fifty entries on every request until one of them
changes; rendering them is most of such a page's time. The key says which version: the
record, when it was last published, where it lives (its address is in the entry), the names
it credits (rebuilt when a member is renamed, without publishing the record), the site
asking (addresses are relative to it) and the language. Nothing needs to be forgotten when a
record changes: the next request asks for a new key, and the old entry ages out. The store is
each process's own memory (``labsite/settings/base.py``), so a deployment, which restarts the
processes, starts afresh.

Only for entries that depend on their record and on what the tag is also given (``also``:
a value from elsewhere that the entry prints, such as a role's name from a snippet); an entry
that says "closes in 3 days" depends on the clock too, and stays uncached.
"""

import hashlib

from django import template
from django.core.cache import InvalidCacheBackendError, caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from labsite.pagecache.kept import Kept

register = template.Library()

#: Entries live a day at most: a bound on anything a key could miss.
KEEP_SECONDS = 24 * 3600


def fragment_key(record, request, also=()) -> str:
    site = Site.find_for_request(request) if request is not None else None
    version = "|".join(
        str(part)
        for part in (
            record._meta.label,
            record.pk,
            getattr(record, "last_published_at", ""),
            getattr(record, "url_path", ""),
            getattr(record, "credits", ""),
            site.pk if site is not None else "",
            get_language(),
            *also,
        )
    )
    return "record:" + hashlib.blake2b(version.encode(), digest_size=16).hexdigest()


class RecordFragmentNode(template.Node):
    def __init__(self, nodelist, record, also):
        self.nodelist = nodelist
        self.record = record
        self.also = also

    def render(self, context):
        record = self.record.resolve(context)
        try:
            store = caches["template_fragments"]
        except InvalidCacheBackendError:
            return self.nodelist.render(context)
        if record is None or getattr(record, "pk", None) is None:
            return self.nodelist.render(context)
        also = [value.resolve(context) for value in self.also]
        key = fragment_key(record, context.get("request"), also)
        markup = store.get(key)
        if markup is None:
            markup = self.nodelist.render(context)
            store.set(key, markup, KEEP_SECONDS)
        return mark_safe(markup)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag("record_fragment")
def record_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% record_fragment %} takes a record")
    nodelist = parser.parse(("end_record_fragment",))
    parser.delete_first_token()
    record, *also = (parser.compile_filter(bit) for bit in bits[1:])
    return RecordFragmentNode(nodelist, record, also)


#: ``{% kept_fragment %}``'s stores, one per name.
_kept: dict[str, Kept] = {}


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        name = self.name.resolve(context)
        kept = _kept.get(name)
        if kept is None:
            kept = _kept.setdefault(name, Kept())
        key = (name, *(part.resolve(context) for part in self.parts))
        return kept.markup(
            context.get("request"), key, lambda: (self.nodelist.render(context), None)
        )


@register.tag("kept_fragment")
def kept_fragment(parser, token):
    """``{% kept_fragment "name" part... %}…{% end_kept_fragment %}``: a part of a page that
    depends on the content and on its parts only (``labsite.pagecache.kept``), rendered once
    per content change; whatever it reads should be lazy, so a kept copy reads nothing."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% kept_fragment %} takes a name: {% kept_fragment "sections" page.pk %}'
        )
    nodelist = parser.parse(("end_kept_fragment",))
    parser.delete_first_token()
    name, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return KeptFragmentNode(nodelist, name, parts)
