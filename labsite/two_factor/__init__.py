"""Two-factor sign-in for editors and administrators: a code from an authenticator app (TOTP,
django-otp's device) after the password, and ten single-use recovery codes for a lost phone.

- Anyone who has set it up is asked for a code after their password, before any admin page.
- ``LABSITE_TWO_FACTOR_REQUIRED`` (environment ``LABSITE_TWO_FACTOR_REQUIRED=1``) makes it
  compulsory: a person without it is sent to set it up before anything else in the admin.
- Wrong codes count as failed sign-ins for django-axes: after ``AXES_FAILURE_LIMIT`` of them
  the account pauses for that address, as after wrong passwords.
- Set-up, use of a recovery code, refusals and switching it off are in the audit log.

Passkeys (WebAuthn) are not built yet (docs/two-factor.md).
"""
