"""Writing the audit log. Called from signal receivers (labsite.audit.signals) and by apps for
their own events (people record what is done with applicants' data)."""

import ipaddress

from labsite.audit.models import AuditEvent


def record(kind: str, *, user=None, username: str = "", subject: str = "", detail: str = "",
           request=None) -> AuditEvent:  # fmt: skip
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        subject=subject[:200],
        detail=detail,
        address=_address(request),
    )


def _address(request):
    if request is None:
        return None
    from labsite.ratelimit import client_ip

    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None
