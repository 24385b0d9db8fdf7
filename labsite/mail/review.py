"""Review emails: "please review" to each reviewer once, "published" or "changes asked for" to
whoever submitted, each naming the group and saying where to look.

These take the places of Wagtail's own (labsite.adapters.wagtail.take_over_workflow_emails),
which went out at once through Django's mail (lost when the mail server was down), twice to
administrators for one submission, signed "labsite", and said only "has been updated" on
approval. Ours go through the outbox, like every other email the site sends. Each person's
notification preferences in their Wagtail account are kept.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.users.models import UserProfile

from labsite.mail.delivery import queue_email


def _wants(user, notification: str) -> bool:
    return bool(
        user.is_active
        and user.email
        and getattr(UserProfile.get_for_user(user), f"{notification}_notifications", True)
    )


def _group_name(obj) -> str:
    from labsite.models.site_settings import SiteSettings

    site = obj.get_site() if isinstance(obj, Page) else None
    return SiteSettings.name_of(site) if site is not None else settings.WAGTAIL_SITE_NAME


def _admin_url(obj) -> str:
    """Where the record is edited (a page's or a snippet's own form; Wagtail's public finder)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + (AdminURLFinder().get_edit_url(obj) or reverse("wagtailadmin_home"))


def _who(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def _context(obj, **extra) -> dict:
    obj = obj.specific if isinstance(obj, Page) else obj
    return {
        "object": obj,
        "title": str(
            obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else obj
        ),
        "kind": obj._meta.verbose_name,
        "group": _group_name(obj),
        "admin_url": _admin_url(obj),
        **extra,
    }


def reviewers(task, submitter) -> list:
    """The task's groups' members and the administrators, each once, without the submitter."""
    users = get_user_model().objects.filter(groups__in=task.groups.all())
    users = (users | get_user_model().objects.filter(is_superuser=True)).distinct()
    if submitter is not None:
        users = users.exclude(pk=submitter.pk)
    return [user for user in users.order_by("pk") if _wants(user, "submitted")]


def task_submitted(sender, instance, user=None, **kwargs):
    """One "please review" per reviewer for each step of a review that waits for a group."""
    task = instance.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    obj = instance.workflow_state.content_object
    context = _context(obj, submitter=_who(user), task=task.name)
    for reviewer in reviewers(task, user):
        queue_email(
            to=[reviewer.email],
            subject=f"[{context['group']}] Please review “{context['title']}”",
            template="labsite/email/review_submitted",
            context={**context, "reviewer": reviewer},
            source=f"review:{instance.pk}",
            purpose="review_submitted",
        )


def workflow_submitted(sender, instance, user=None, **kwargs):
    """Nothing: the first step's "please review" says it (Wagtail sent both to administrators)."""


def _requester(instance, user, notification: str):
    """Whoever asked for review, unless they acted themselves or turned these emails off."""
    requester = instance.requested_by
    if requester is None or requester == user or not _wants(requester, notification):
        return None
    return requester


def _tell(requester, instance, notification: str, subject: str, context: dict) -> None:
    queue_email(
        to=[requester.email],
        subject=f"[{context['group']}] {subject}: “{context['title']}”",
        template=f"labsite/email/review_{notification}",
        context=context,
        source=f"review:{instance.pk}",
        purpose=f"review_{notification}",
    )


def workflow_approved(sender, instance, user=None, **kwargs):
    """To whoever asked for review: published, by whom, at which address (or when)."""
    requester = _requester(instance, user, "approved")
    if requester is None:
        return
    obj = instance.content_object
    obj = obj.specific if isinstance(obj, Page) else obj
    live = getattr(obj, "live", True)
    context = _context(
        obj,
        approver=_who(user),
        live=live,
        public_url=obj.get_full_url() if isinstance(obj, Page) and live else "",
        go_live_at=getattr(obj, "go_live_at", None),
    )
    _tell(requester, instance, "approved", "Published" if live else "Approved", context)


def workflow_rejected(sender, instance, user=None, **kwargs):
    """To whoever asked for review: what the reviewer asked to change, and where to do it."""
    requester = _requester(instance, user, "rejected")
    if requester is None:
        return
    task_state = instance.current_task_state
    context = _context(
        instance.content_object,
        reviewer=_who(user),
        comment=(task_state.comment if task_state is not None else "").strip(),
    )
    _tell(requester, instance, "rejected", "Changes asked for", context)


RECEIVERS = {
    "task_submitted": task_submitted,
    "workflow_submitted": workflow_submitted,
    "workflow_approved": workflow_approved,
    "workflow_rejected": workflow_rejected,
}
