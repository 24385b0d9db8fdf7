"""A member's first sign-in through the institution finds their person page: by the ORCID iD
the institution gives, else by the page's email address. Registered with labsite.sso."""

from django.core.exceptions import ValidationError

from people.members.accounts import link_account
from people.profiles.models import PersonPage
from people.profiles.validators import normalise_orcid


def _orcid(identity) -> str:
    try:
        return normalise_orcid(identity.orcid) if identity.orcid else ""
    except ValidationError:
        return ""


def _pages(identity):
    """The person pages that are this identity's, the ORCID iD first (it is the person's own;
    an email address may be a shared one)."""
    orcid = _orcid(identity)
    if orcid:
        pages = list(PersonPage.objects.filter(orcid=orcid)[:2])
        if pages:
            return pages
    if identity.email and identity.email_verified:
        return list(PersonPage.objects.filter(email__iexact=identity.email)[:2])
    return []


def find_account(identity):
    """An account already linked to this person's page (their site email may differ)."""
    pages = _pages(identity)
    if len(pages) == 1 and pages[0].member_user_id:
        return pages[0].member_user
    return None


def link_person_page(user, identity) -> None:
    """The first time: link the account to the one person page that is theirs, if free."""
    if PersonPage.objects.filter(member_user=user).exists():
        return
    pages = _pages(identity)
    if len(pages) == 1 and pages[0].member_user_id is None:
        link_account(user, pages[0])


def register() -> None:
    from labsite.sso import registry

    if find_account not in registry.account_finders:
        registry.account_finders.append(find_account)
    if link_person_page not in registry.after_sign_in:
        registry.after_sign_in.append(link_person_page)
