"""The public forms' widgets, rendered by Django's Jinja2 form renderer.

Django's default renderer draws every widget, and every option of a select or a list of
checkboxes, through two or three Django templates; the application form (eighteen fields,
lists of openings, supervisors, months and years) spent a third of its time there. Django's
own Jinja2 renderer (``django.forms.renderers.Jinja2``, its documented alternative, with
Django's own widget templates) draws the same markup faster: ``/apply/`` 14.9 -> 9.8 ms in
process (median of 40 renders, the demo group). Only the public forms use it, through the
documented ``default_renderer`` attribute; the Wagtail admin's widgets have Django templates
only and keep Django's renderer.
"""

from django.forms.renderers import Jinja2


class PublicFormRenderer(Jinja2):
    pass


#: Shared by every public form (it builds its template engine once).
RENDERER = PublicFormRenderer()


class RenderedWithJinja2:
    """Mixed into a public form class."""

    default_renderer = RENDERER
