"""/sso/saml/… and /sso/oidc/…; every address answers 404 while its protocol is off."""

from django.urls import path
from djangosaml2 import views as saml_views

from labsite.sso import config
from labsite.sso.views import OidcCallback, OidcStart, needs, saml_login, saml_view

urlpatterns = [
    path("saml/login/", saml_view(saml_login), name="saml2_login"),
    path(
        "saml/acs/", saml_view(saml_views.AssertionConsumerServiceView.as_view()), name="saml2_acs"
    ),
    path("saml/logout/", saml_view(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("saml/ls/", saml_view(saml_views.LogoutView.as_view()), name="saml2_ls"),
    path("saml/ls/post/", saml_view(saml_views.LogoutView.as_view()), name="saml2_ls_post"),
    path("saml/metadata/", saml_view(saml_views.MetadataView.as_view()), name="saml2_metadata"),
    path(
        "oidc/authenticate/",
        needs(config.oidc_enabled)(OidcStart.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        needs(config.oidc_enabled)(OidcCallback.as_view()),
        name="oidc_authentication_callback",
    ),
]
