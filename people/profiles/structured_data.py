"""schema.org Person for profile pages."""

from labsite.renditions import slots
from labsite.structured_data import absolute
from people.profiles import career


def person(page, site_settings, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": page.title,
        "url": page.get_full_url(request),
        "affiliation": {"@type": "ResearchOrganization", "name": site_settings.group_name},
    }
    if page.given_names:
        data["givenName"] = page.given_names
    if page.family_name:
        data["familyName"] = page.family_name
    if page.role_id:
        data["jobTitle"] = page.role.name
    if page.short_bio:
        data["description"] = page.short_bio
    if page.photo_id:
        data["image"] = absolute(request, page.photo.get_rendition(slots.spec("person_jsonld")).url)
    same_as = [url for _label, url in page.profile_links()]
    if same_as:
        data["sameAs"] = same_as
    interests = [tag.name for tag in page.interests.all()]
    if interests:
        data["knowsAbout"] = interests
    awards = [line.title for line in career.lines(page, "award")]
    if awards:
        data["award"] = awards
    if page.is_alumnus():
        data["alumniOf"] = data.pop("affiliation")
    return data
