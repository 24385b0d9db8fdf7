"""Member accounts: linking an admin user to their profile page, and inviting them."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from labsite.mail.delivery import queue_message
from labsite.models import SiteSettings
from people.members import drafting
from people.profiles.models import PersonPage

MEMBERS_GROUP = drafting.MEMBERS_GROUP
SITE_EDITORS_GROUP = "Site editors"


class InviteError(Exception):
    """A reason the invitation cannot go ahead, worded for the person running the command."""


@dataclass
class Invitation:
    user: object
    person: PersonPage
    set_password_url: str
    created: bool


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invite_member(
    email: str, person_slug: str = "", person: PersonPage | None = None
) -> Invitation:
    """Create (or reuse) the account for ``email``, link it to the person page (given, or found
    by its slug), return the link."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InviteError(
            f"'{email}' is not an email address. Give one like ada@example.org."
        ) from None
    people = [person] if person is not None else list(PersonPage.objects.filter(slug=person_slug))
    if not people:
        known = ", ".join(PersonPage.objects.order_by("slug").values_list("slug", flat=True)[:10])
        raise InviteError(f"No person page has the slug '{person_slug}'. Some that exist: {known}.")
    if len(people) > 1:
        raise InviteError(f"Several person pages have the slug '{person_slug}'; rename one first.")
    person = people[0]
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(
            username=email, email=email, first_name=person.given_names, last_name=person.family_name
        )
        user.set_unusable_password()
        user.save()
    if person.member_user_id and person.member_user_id != user.pk:
        raise InviteError(
            f"{person.title}'s page is already linked to {person.member_user.email}. Unlink it in the admin first."
        )
    other = PersonPage.objects.filter(member_user=user).exclude(pk=person.pk).first()
    if other is not None:
        raise InviteError(f"{email} is already linked to {other.title}'s page.")
    link_account(user, person)
    return Invitation(
        user=user, person=person, set_password_url=set_password_url(user), created=created
    )


def link_account(user, person: PersonPage) -> None:
    """``user`` may now edit ``person``'s page, as a member of its group."""
    user.groups.add(Group.objects.get(name=MEMBERS_GROUP))
    # update() rather than a revision: the link is account data, not page content.
    PersonPage.objects.filter(pk=person.pk).update(member_user=user)
    drafting.grant_everywhere()


def send_invitation(invitation: Invitation) -> None:
    """The invitation, through the outbox (kept if the mail server is down), naming the group
    whose site it is: "Your account on labsite" told a new member nothing."""
    person = invitation.person
    site = person.get_site()
    group = SiteSettings.name_of(site) if site else settings.WAGTAIL_SITE_NAME
    page = f"\nYour page: {person.get_full_url()}\n" if person.live and site else ""
    queue_message(
        to=[invitation.user.email],
        subject=f"[{group}] Your account for editing the group's website",
        text=(
            f"Hello {person.given_names or person.title},\n\n"
            f"You can now edit your own page and add your papers, talks and news on the "
            f"{group} website.\n{page}\n"
            f"Choose a password here (the link works once and expires in a few days):\n\n"
            f"{invitation.set_password_url}\n\n"
            f"Your user name is {invitation.user.get_username()}. After logging in, 'Your "
            "profile' on the dashboard opens your page. A site editor reviews changes before "
            f"they go live, and you get an email when they do.\n\n{group}\n"
        ),
        source=f"people.invitation:{invitation.user.pk}",
        purpose="invitation",
    )
