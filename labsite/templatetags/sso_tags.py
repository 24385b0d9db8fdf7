"""The institution's sign-in buttons, for the admin's and the site's sign-in pages."""

from django import template

from labsite.sso import config

register = template.Library()


@register.simple_tag
def sso_buttons():
    return config.buttons()
