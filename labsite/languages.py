"""Languages: a page's address says its language, and nothing else does.

``/de/…`` is German, any address without a language prefix is in the site's own language
(``settings.LANGUAGE_CODE``). Django's ``LocaleMiddleware`` would also read the browser's
Accept-Language and add ``Vary: Accept-Language`` to every page, splitting the page cache and
Varnish's by browser language for nothing: the address already decides.

Wagtail looks up the active ``Locale`` in the database on every request (to find the
translated home page); the install's locales change only when an administrator adds a
language, so they are kept with the rest of the chrome (``labsite.pagecache.memo``).
"""

import copy

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

from labsite.pagecache.memo import remember


def _locales() -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.get_queryset()}


def _get_for_language(self, language_code):
    code = get_supported_content_language_variant(language_code)
    locale = remember("locales", _locales).get(code)
    if locale is None:
        raise Locale.DoesNotExist(f"No locale for {code!r}")
    return copy.copy(locale)


def remember_locales() -> None:
    """Called from ``LabsiteConfig.ready``: Wagtail's per-request Locale query, from memory."""
    LocaleManager.get_for_language = _get_for_language


def language_of_path(path: str) -> str:
    code = translation.get_language_from_path(path)
    return code or settings.LANGUAGE_CODE


class URLLanguageMiddleware:
    """Activates the language the address names (or the site's own); no Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_supported_language_variant(language_of_path(request.path_info))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
