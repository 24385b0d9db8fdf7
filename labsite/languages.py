"""Languages: a page's address says its language, and nothing else does.

``/de/…`` is German, any address without a language prefix is in the site's own language
(``settings.LANGUAGE_CODE``). Django's ``LocaleMiddleware`` would also read the browser's
Accept-Language and add ``Vary: Accept-Language`` to every page, splitting the page cache and
Varnish's by browser language for nothing: the address already decides.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_supported_language_variant


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
