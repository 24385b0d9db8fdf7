"""What the apps add to a single sign-on: the core knows accounts and groups, not person pages.

``account_finders``: given an identity no account is linked to yet, return the account that
belongs to it (people: the account of the person page with this ORCID iD), or None.
``after_sign_in``: called with the account and the identity after each sign-in (people: link a
first-time account to the person page with the same ORCID iD or email address)."""

from collections.abc import Callable

account_finders: list[Callable] = []
after_sign_in: list[Callable] = []


def find_account(identity):
    for finder in account_finders:
        user = finder(identity)
        if user is not None:
            return user
    return None
