"""One sign-in through the institution: find or create the account, keep its link to the
identity, put it in the groups its roles name, let the apps link it (a person page)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labsite.sso import config, registry
from labsite.sso.identity import Identity, SignInRefused
from labsite.sso.models import ExternalIdentity


@transaction.atomic
def sign_in(identity: Identity):
    """The account ``identity`` signs in as; raises SignInRefused with what to do."""
    if not identity.subject:
        raise SignInRefused(
            _("The institution's sign-in service did not say who you are (no subject). Ask its IT department to release a persistent identifier to this site.")
        )  # fmt: skip
    domains = config.email_domains()
    if domains and identity.email.rpartition("@")[2].lower() not in domains:
        raise SignInRefused(
            _("This site accepts accounts of %(domains)s only, and the sign-in service gave another address. Sign in with your institution account (you may need to sign out of a personal one at the provider first).")
            % {"domains": ", ".join(sorted(domains))}
        )  # fmt: skip
    link = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is not None:
        user = link.user
        ExternalIdentity.objects.filter(pk=link.pk).update(last_sign_in=timezone.now())
    else:
        user = _existing_account(identity) or _new_account(identity)
        ExternalIdentity.objects.create(
            user=user, protocol=identity.protocol, issuer=identity.issuer, subject=identity.subject
        )
    if not user.is_active:
        raise SignInRefused(
            _("Your account on this site is switched off. Ask the site's administrators to switch it on.")
        )  # fmt: skip
    _update_names(user, identity)
    _apply_roles(user, identity)
    for hook in registry.after_sign_in:
        hook(user, identity)
    # Read by the audit log and the session (labsite.sso.signals): how this sign-in happened.
    user.sso_protocol = identity.protocol
    user.sign_in_method = identity.described
    return user


def _existing_account(identity: Identity):
    User = get_user_model()
    # An address the provider has not verified could be anyone's: never link by it.
    if identity.email and identity.email_verified:
        matches = list(User.objects.filter(email__iexact=identity.email)[:2])
        if len(matches) == 2:
            raise SignInRefused(
                _("Several accounts on this site use %(email)s. Ask the site's administrators to merge them.")
                % {"email": identity.email}
            )  # fmt: skip
        if matches:
            return matches[0]
    return registry.find_account(identity)


def _new_account(identity: Identity):
    from django.conf import settings

    if not getattr(settings, "LABSITE_SSO_CREATE_ACCOUNTS", True):
        raise SignInRefused(
            _("You have no account on this site yet. Ask the site's administrators to invite you.")
        )
    User = get_user_model()
    username = _free_username(identity.email.lower() if identity.email else identity.subject)
    user = User(
        username=username,
        email=identity.email.lower() if identity.email_verified else "",
        first_name=identity.given_name[:150],
        last_name=identity.family_name[:150],
    )
    user.set_unusable_password()  # signs in through the institution only
    user.save()
    return user


def _free_username(wanted: str) -> str:
    User = get_user_model()
    wanted = wanted[:140] or "member"
    name, n = wanted, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{wanted}-{n}"
    return name


def _update_names(user, identity: Identity) -> None:
    changed = []
    for field, value in (("first_name", identity.given_name), ("last_name", identity.family_name)):
        if value and getattr(user, field) != value[:150]:
            setattr(user, field, value[:150])
            changed.append(field)
    if changed:
        user.save(update_fields=changed)


def _apply_roles(user, identity: Identity) -> None:
    """The groups the role map names follow the provider at each sign-in; others stay as an
    administrator set them."""
    mapping = config.role_map()
    wanted = {mapping[role] for role in identity.roles if role in mapping}
    wanted.add(config.institution_group())
    managed = set(mapping.values()) | {config.institution_group()}
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    for name in wanted - current:
        group, _created = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    gone = current - wanted
    if gone:
        user.groups.remove(*Group.objects.filter(name__in=gone))
