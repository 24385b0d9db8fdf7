"""Single sign-on: the institution's accounts through SAML 2.0 (djangosaml2, pysaml2) and
OpenID Connect (mozilla-django-oidc). Both protocols turn what the identity provider says into
an :class:`~labsite.sso.identity.Identity`; :mod:`labsite.sso.services` finds or creates the
account, maps its roles and lets the apps link it (people: the person page). docs/single-sign-on.md."""
