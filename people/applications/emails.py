"""The emails an application sets off: one to each supervisor, one to the applicant."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from labsite.mail.delivery import queue_email
from labsite.models import SiteSettings
from people.applicant_data import retention
from people.applications.models import Application, ApplicationSettings

logger = logging.getLogger(__name__)


def admin_url(application: Application) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "applications:edit", args=[application.pk]
    )


def recipients(application: Application, site_settings, application_settings) -> list[str]:
    """The chosen supervisors' addresses, or the group's inbox when none was chosen or has one."""
    addresses = [person.email for person in application.supervisors.all() if person.email]
    if addresses:
        return sorted(set(addresses))
    fallback = application_settings.general_inbox or site_settings.contact_email
    return [fallback] if fallback else []


def notify(application: Application) -> None:
    """Queue the emails; they go out when the surrounding transaction commits."""
    site = application.site
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    application_settings = ApplicationSettings.for_site(site) if site else ApplicationSettings()
    context = {
        "application": application,
        "supervisors": list(application.supervisors.all()),
        "group_name": site_settings.group_name,
        "admin_url": admin_url(application),
        "retention_months": retention.months_for(
            application, application_settings.retention_months
        ),
    }
    to_staff = recipients(application, site_settings, application_settings)
    if not to_staff:
        logger.warning(
            "Application %s has no one to notify: set a contact email in the site settings.",
            application.reference,
        )
    # Staff read the site's own language; the applicant the language they wrote in (the
    # address of the form they sent: /de/apply/ is German).
    with translation.override(settings.LANGUAGE_CODE):
        for address in to_staff:
            _queue_to_staff(application, address, context)
    queue_email(
        to=[application.email],
        subject=_("%(group)s: we received your enquiry (%(reference)s)")
        % {"group": site_settings.group_name, "reference": application.reference},
        template="people/email/application_received",
        context=context,
        source=application.outbox_source,
        purpose="application.applicant",
    )


def _queue_to_staff(application, address, context) -> None:
    queue_email(
        to=[address],
        subject=f"New enquiry from {application.name} ({application.reference})",
        template="people/email/application_to_supervisor",
        context=context,
        reply_to=[application.email],
        source=application.outbox_source,
        purpose="application.supervisor",
    )
