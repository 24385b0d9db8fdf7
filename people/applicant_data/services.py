"""Recording access, exporting an applicant's data as one zip, erasing it."""

import io
import json
import zipfile

from django.db import transaction
from django.utils import timezone

from labsite.audit import services as audit
from labsite.audit.models import Kind
from labsite.models import OutboxEmail
from people.applicant_data.models import Action, ApplicationAccess


def record(application, user, action: str) -> None:
    ApplicationAccess.objects.create(
        application=application,
        reference=application.reference,
        user=user if getattr(user, "is_authenticated", False) else None,
        username=user.get_username() if getattr(user, "is_authenticated", False) else "",
        action=action,
    )


def may_manage_data(user, application) -> bool:
    """Export and erasure: the group's administrators and whoever may delete applications
    (site editors by default), among those who may see this one."""
    from people.applications.models import Application

    if not (user.is_superuser or user.has_perm("people.delete_application")):
        return False
    return Application.objects.visible_to(user).filter(pk=application.pk).exists()


FIELDS = (
    "reference", "created_at", "name", "email", "institution", "degree", "expected_graduation",
    "intended_start", "opening_title", "topic", "statement", "cv_page_url", "github_url",
    "publications_url", "funding", "funding_details", "cv_filename", "status",
    "arrived_after_close", "consent_version", "consent_text",
)  # fmt: skip


def export_zip(application, user) -> bytes:
    """Everything the site holds about the applicant: the form as sent (application.json), the
    CV as uploaded, the emails about the application and the record of who opened it."""
    data = {name: _plain(getattr(application, name)) for name in FIELDS}
    data["supervisors"] = [person.title for person in application.supervisors.all()]
    data["internal_notes"] = application.internal_notes
    emails = [
        {
            "to": row.to,
            "subject": row.subject,
            "text": row.text_body,
            "status": row.status,
            "created_at": row.created_at.isoformat(),
        }
        for row in OutboxEmail.objects.filter(source=application.outbox_source).order_by("pk")
    ]
    record(application, user, Action.EXPORTED)
    audit.record(Kind.APPLICANT_DATA, user=user, subject=f"application {application.reference}",
                 detail="exported the applicant's data")  # fmt: skip
    accesses = [
        {"who": row.username, "what": row.get_action_display(), "when": row.at.isoformat()}
        for row in ApplicationAccess.objects.filter(application=application).order_by("at")
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("application.json", json.dumps(data, indent=2, ensure_ascii=False))
        bundle.writestr("emails.json", json.dumps(emails, indent=2, ensure_ascii=False))
        bundle.writestr("access-record.json", json.dumps(accesses, indent=2, ensure_ascii=False))
        if application.cv.name:
            try:
                with application.cv.open("rb") as handle:
                    bundle.writestr(f"cv-{application.cv_download_name}", handle.read())
            except (FileNotFoundError, ValueError):
                bundle.writestr("cv-missing.txt", "The CV file was no longer in storage.\n")
    return buffer.getvalue()


@transaction.atomic
def erase(application, user) -> str:
    """Delete the application, its CV file and the emails about it (Application.delete), and
    keep only the record that it was erased, by whom and when. Returns the reference."""
    reference = application.reference
    ApplicationAccess.objects.filter(application=application).update(application=None)
    application.delete()
    ApplicationAccess.objects.create(
        reference=reference,
        user=user,
        username=user.get_username(),
        action=Action.ERASED,
        at=timezone.now(),
    )
    audit.record(Kind.APPLICANT_DATA, user=user, subject=f"application {reference}",
                 detail="erased the applicant's data (form, CV file, emails)")  # fmt: skip
    return reference


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
