"""Content-Security-Policy and Permissions-Policy headers.

Public pages get a strict policy: scripts and styles from the site's own files only. The one
inline style the site writes (the group's brand colours) is allowed by its hash, which the
template tag that writes it registers on the request: a hash, not a nonce, so a cached copy
of the page stays valid. The Wagtail admin still needs inline scripts and styles of its own,
so paths under the admin prefixes get the looser admin policy instead.
"""

import base64
import hashlib

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

_HASHES_ATTRIBUTE = "_labsite_csp_hashes"


def allow_inline(request, directive: str, content: str) -> None:
    """Allow exactly ``content`` as an inline <style> or <script> on this response."""
    if request is None:
        return
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    hashes = getattr(request, _HASHES_ATTRIBUTE, None)
    if hashes is None:
        hashes = {}
        setattr(request, _HASHES_ATTRIBUTE, hashes)
    hashes.setdefault(directive, []).append(f"'sha256-{digest}'")


def allow_source(request, directive: str, source: str) -> None:
    """Allow ``source`` (an origin like https://stats.example.org) for ``directive`` on this
    response: the group's statistics service, chosen in its settings."""
    if request is None:
        return
    sources = getattr(request, _HASHES_ATTRIBUTE, None)
    if sources is None:
        sources = {}
        setattr(request, _HASHES_ATTRIBUTE, sources)
    if source not in sources.setdefault(directive, []):
        sources[directive].append(source)


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.LABSITE_ADMIN_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy under the admin prefixes and the
    inline hashes registered by templates."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.LABSITE_ADMIN_CONTENT_SECURITY_POLICY)
        hashes = getattr(request, _HASHES_ATTRIBUTE, None)
        if hashes:
            update = dict(parts.update or {})
            for directive, values in hashes.items():
                update[directive] = [*update.get(directive, []), *values]
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features no page of the site uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.LABSITE_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
