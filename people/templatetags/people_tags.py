from django import template

from labsite.models import SiteSettings
from labsite.structured_data import jsonld_script
from people.profiles.structured_data import person

register = template.Library()


@register.simple_tag(takes_context=True)
def person_jsonld(context, page):
    request = context.get("request")
    return jsonld_script(person(page, SiteSettings.for_request(request), request))
