"""The applications' part of the privacy notice (labsite.privacy.parts): what the form asks,
who reads it, how long it is kept (the group's period and any opening's own), and the
applicant's rights, as this site's settings say."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Site

from labsite.privacy.parts import PrivacyPart, register
from people.applicant_data import retention


def _applications(site: Site) -> list[str]:
    from people.applications.models import ApplicationSettings

    months = ApplicationSettings.for_site(site).retention_months
    said = [
        _(
            "If you contact us about a PhD or a position, we keep what you send through the "
            "form (your name, email address, background, statement, links and CV) and the "
            "privacy notice you agreed to. Only the supervisors you address and the group's "
            "site editors read it, to consider you for a place; each time someone opens it or "
            "your CV, we record who and when."
        ),
        ngettext(
            "We delete applications and CVs %(months)d month after they arrive.",
            "We delete applications and CVs %(months)d months after they arrive.",
            months,
        )
        % {"months": months},
    ]
    for title, own in retention.own_periods(site):
        said.append(
            ngettext(
                "Applications for “%(title)s” are kept %(months)d month instead.",
                "Applications for “%(title)s” are kept %(months)d months instead.",
                own,
            )
            % {"title": title, "months": own}
        )
    said.append(
        _(
            "You can ask for a copy of everything we hold about your application, or for its "
            "deletion before then, by writing to the contact at the top of this notice."
        )
    )
    return said


def register_applications_part() -> None:
    register(PrivacyPart("applications", 20, gettext_lazy("Applications"), _applications))
