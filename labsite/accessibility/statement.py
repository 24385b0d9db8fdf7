"""What the statement says, gathered from its page and the site's settings, and what the EU
model asks for that is still missing."""

from django.utils.translation import gettext as _
from wagtail.models import Site

from labsite.dates import as_given


def _settings(site: Site):
    from labsite.accessibility.models import AccessibilitySettings

    return AccessibilitySettings.for_site(site)


def _group(site: Site):
    from labsite.models import SiteSettings

    return SiteSettings.for_site(site)


def contact_email(site: Site) -> str:
    """Where feedback goes: the accessibility contact, else the group's contact address."""
    return _contact(_settings(site), _group(site))


def _contact(accessibility, group) -> str:
    return accessibility.contact_email or group.contact_email


def missing_settings(site: Site) -> list[str]:
    """What the EU model statement requires that the site's settings do not say yet."""
    accessibility = _settings(site)
    problems = []
    if not _contact(accessibility, _group(site)):
        problems.append(
            _(
                "Feedback has nowhere to go: set a contact email in Settings > Accessibility "
                "(or the group's contact email in Settings > Group settings)."
            )
        )
    if not (accessibility.enforcement_body and accessibility.enforcement_url):
        problems.append(
            _(
                "The statement must name who enforces the rules: set the enforcement body and "
                "its address in Settings > Accessibility."
            )
        )
    return problems


def facts(page, request) -> dict:
    """What the page prints. The settings are read as every page reads them (once per content
    change, labsite.pagecache.memo), not from the database on each visit."""
    from labsite.accessibility.models import AccessibilitySettings
    from labsite.models import SiteSettings

    site = Site.find_for_request(request) or page.get_site()
    accessibility = AccessibilitySettings.for_request(request)
    group = SiteSettings.for_request(request)
    barriers = [
        {**block.value, "fixed_by": as_given(block.value["fixed_by"])} for block in page.barriers
    ]
    return {
        "organisation": accessibility.organisation or group.institution or group.group_name,
        "legislation": accessibility.legislation,
        "standard": accessibility.standard,
        "site_url": site.root_url,
        "barriers_by_reason": [
            (reason, label, [b for b in barriers if b["reason"] == reason])
            for reason, label in _reasons()
            if any(b["reason"] == reason for b in barriers)
        ],
        "prepared_on": as_given(page.prepared_on),
        "reviewed_on": as_given(page.reviewed_on),
        "contact_name": accessibility.contact_name,
        "contact_email": _contact(accessibility, group),
        "response_days": accessibility.response_days,
        "enforcement_body": accessibility.enforcement_body,
        "enforcement_url": accessibility.enforcement_url,
    }


def _reasons():
    from labsite.accessibility.models import Reason

    return Reason.choices
