"""What an identity provider says about the person signing in, whatever the protocol."""

from dataclasses import dataclass, field


class SignInRefused(Exception):
    """The sign-in cannot go ahead; the message is shown to the person, so it says what to do."""


@dataclass(frozen=True)
class Identity:
    protocol: str  #: "saml" or "oidc"
    issuer: str  #: the identity provider's entity id (SAML) or issuer address (OpenID Connect)
    subject: str  #: the provider's lasting id for the person (persistent NameID, ``sub``)
    email: str = ""
    email_verified: bool = True
    given_name: str = ""
    family_name: str = ""
    orcid: str = ""  #: 16 digits with hyphens, or empty
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def described(self) -> str:
        """For the audit log: the protocol and the provider."""
        return f"{'SAML' if self.protocol == 'saml' else 'OpenID Connect'} ({self.issuer})"
