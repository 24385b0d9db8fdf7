from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from labsite import chooser_start, health, views
from labsite.adapters.wagtail import page_chooser_opening_at
from labsite.api.urls import router as api_router
from labsite.api.urls import urlpatterns as api_urlpatterns
from labsite.sitemaps import SitemapInEveryLanguage
from labsite.sso import views as sso_views
from labsite.subscriptions import views as subscription_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: an empty person chooser opens at the group's people (same address).
    path("admin/choose-page/", page_chooser_opening_at(chooser_start.start_page_id)),
    # Before Wagtail's own: signing out also ends the institution's session (labsite.sso).
    path("admin/logout/", sso_views.sign_out, name="labsite_sign_out"),
    path("admin/", include(wagtailadmin_urls)),
    path("sso/", include("labsite.sso.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SitemapInEveryLanguage}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("_health/live", health.live, name="health_live"),
    path("_health/ready", health.ready, name="health_ready"),
    # The open read API: Wagtail's pages endpoint and the data endpoints the apps register.
    path("api/v2/", api_router.urls),
    path("api/v2/", include(api_urlpatterns())),
]

# Domain apps' machine-facing addresses, the same in every language (AppConfig.root_urls: an
# OAI-PMH endpoint, say).
for config in apps.get_app_configs():
    for prefix, module in getattr(config, "root_urls", ()):
        urlpatterns.append(path(prefix, include(module)))

# What visitors read and fill in: in the site's own language at its address, and in each other
# language under /<code>/ (labsite.languages activates the language the address names).
public = [
    path("search/", views.search, name="search"),
    path("subscribe/", subscription_views.subscribe, name="subscribe"),
    path("subscribe/sent/", subscription_views.check_inbox, name="subscribe_check_inbox"),
    path(
        "subscribe/confirm/<str:token>/",
        subscription_views.confirm,
        name="subscription_confirm",
    ),
    path("subscriptions/<str:token>/", subscription_views.manage, name="subscription_manage"),
    path(
        "subscriptions/<str:token>/unsubscribe/",
        subscription_views.unsubscribe,
        name="subscription_unsubscribe",
    ),
]

# Domain apps publish their own public URLs (AppConfig.public_urls) so the core names none of them.
for config in apps.get_app_configs():
    for prefix, module in getattr(config, "public_urls", ()):
        public.append(path(prefix, include(module)))

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

public += [path("", include(wagtail_urls))]
if settings.WAGTAIL_I18N_ENABLED:  # (more than one language: labsite.settings.base)
    urlpatterns += i18n_patterns(*public, prefix_default_language=False)
else:
    urlpatterns += public

handler404 = "labsite.views.page_not_found"
handler500 = "labsite.views.server_error"
