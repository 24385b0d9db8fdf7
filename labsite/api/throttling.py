"""The open API's rate limits, keyed on the client address labsite trusts.

Django REST framework's throttles take the client's address from ``X-Forwarded-For`` as the
client sends it unless ``NUM_PROXIES`` is set, so anyone could get a fresh limit per request by
making one up. These key on ``labsite.ratelimit.client_ip`` (``LABSITE_TRUSTED_PROXY_COUNT``),
the one address every other limit (forms, sign-in) uses.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from labsite.ratelimit import client_ip


class ClientAnonRateThrottle(AnonRateThrottle):
    def get_ident(self, request):
        return client_ip(request)


class ClientUserRateThrottle(UserRateThrottle):
    def get_ident(self, request):
        return client_ip(request)
