"""A CV is rebuilt when anything it shows changes: the person's page, or a published record
that credits them (papers, talks, projects, supervision)."""

from wagtail.signals import page_published, page_unpublished

from people.cv.tasks import regenerate_cvs
from people.profiles.models import PersonPage


def _credited(instance) -> set[int]:
    return {
        credit["person"]
        for credit in getattr(instance, "credits", None) or []
        if credit.get("person")
    }


def _enqueue(ids) -> None:
    wanted = list(
        PersonPage.objects.filter(pk__in=ids).filter(offers_cv=True).values_list("pk", flat=True)
    )
    removed = list(
        PersonPage.objects.filter(pk__in=ids, stored_cv__isnull=False).values_list("pk", flat=True)
    )
    targets = sorted(set(wanted) | set(removed))
    if targets:
        # With the database task backend the task row joins the publishing transaction, so a
        # worker never builds from data that is not committed; in-process it runs now.
        regenerate_cvs.enqueue(targets)


def _page_changed(sender, instance, **kwargs):
    specific = getattr(instance, "specific", instance)
    ids = _credited(specific)
    if isinstance(specific, PersonPage):
        ids.add(specific.pk)
    student = getattr(specific, "student_id", None)
    if student:
        ids.add(student)
    if ids:
        _enqueue(ids)


def _record_changed(sender, instance, **kwargs):
    if getattr(instance, "live", True):
        ids = _credited(instance)
        if getattr(instance, "student_id", None):
            ids.add(instance.student_id)
        if ids:
            _enqueue(ids)


def connect() -> None:
    from django.db.models.signals import post_save

    from people.supervision.models import Supervision

    page_published.connect(_page_changed, dispatch_uid="people.cv.published")
    page_unpublished.connect(_page_changed, dispatch_uid="people.cv.unpublished")
    post_save.connect(_record_changed, sender=Supervision, dispatch_uid="people.cv.supervision")
