from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import AbstractPage, Page
from wagtail.permissions import register_permission_policy

from labsite import page_visibility, scheduling
from labsite.accessibility.admin import feedback_viewset
from labsite.accessibility.checker import use_labsite_checker
from labsite.admin_views import outbox_viewset
from labsite.audit.admin import audit_viewset
from labsite.groups.admin import (
    GroupRecordPermissionPolicy,
    InstallWidePermissionPolicy,
    register_group_snippet,
)
from labsite.models import Grant, OutboxEmail, Subscriber, Suppression
from labsite.subscriptions.admin import subscriber_viewset, suppression_viewset
from labsite.translation_buttons import replace_wagtail_localize_listing_hook


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


@hooks.register("register_admin_viewset")
def register_accessibility_feedback_viewset():
    return feedback_viewset


hooks.register("construct_wagtail_userbar", use_labsite_checker)


@hooks.register("register_admin_viewset")
def register_subscription_viewsets():

    return [subscriber_viewset, suppression_viewset]


class FailingEmailPanel(Component):
    """Tells editors when email keeps failing, so a broken mail server is noticed within a day."""

    name = "failing_email"
    order = 40
    template_name = "labsite/admin/failing_email_panel.html"

    def __init__(self, failed: int, retrying: int):
        self.failed, self.retrying = failed, retrying

    def get_context_data(self, parent_context):
        return {
            "failed": self.failed,
            "retrying": self.retrying,
            "message": _("Some emails from the site could not be sent."),
        }


@hooks.register("construct_homepage_panels")
def add_failing_email_panel(request, panels):
    if not request.user.has_perm("labsite.view_outboxemail"):
        return
    failed = OutboxEmail.objects.filter(
        status__in=[OutboxEmail.Status.FAILED, OutboxEmail.Status.UNCERTAIN]
    ).count()
    retrying = OutboxEmail.objects.filter(
        status=OutboxEmail.Status.RETRYING, attempts__gte=3
    ).count()
    if failed or retrying:
        panels.insert(0, FailingEmailPanel(failed, retrying))


class SchedulerStalledPanel(Component):
    """Says when the periodic jobs are not running: otherwise a page "scheduled for publishing"
    simply never appears, and nobody is told why."""

    name = "scheduler_stalled"
    order = 30
    template_name = "labsite/admin/scheduler_panel.html"

    def __init__(self, last_tick, administrator: bool):
        self.last_tick, self.administrator = last_tick, administrator

    def get_context_data(self, parent_context):
        return {"last_tick": self.last_tick, "administrator": self.administrator}


@hooks.register("construct_homepage_panels")
def add_scheduler_panel(request, panels):
    if scheduling.is_stalled():
        panels.insert(0, SchedulerStalledPanel(scheduling.last_tick(), request.user.is_superuser))


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def back_to_the_page_after_submitting(request, page):
    """Wagtail sends whoever submits a page for review to its parent's listing: for a member,
    a list of pages they cannot edit (the News listing, after a news item). They land back on
    what they edited instead, with Wagtail's "submitted for review" message at the top."""
    if request.method == "POST" and "action-submit" in request.POST:
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


register_group_snippet(Grant)
register_permission_policy(Subscriber, GroupRecordPermissionPolicy(Subscriber))
for _model in (OutboxEmail, Suppression):
    register_permission_policy(_model, InstallWidePermissionPolicy(_model))


replace_wagtail_localize_listing_hook()


# The admin shows a member only pages they may edit or that are live (labsite/page_visibility.py).
_visible_pages = page_visibility.VisiblePagePermissionPolicy(Page)
register_permission_policy(AbstractPage, _visible_pages)


@hooks.register("construct_page_chooser_queryset")
def _chooser_shows_visible_pages(pages, request):
    return page_visibility.narrowed(_visible_pages, request.user, pages)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    from labsite.two_factor.views import admin_urls

    return admin_urls()


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("labsite_two_factor_manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("A code from an app on your phone after your password, and recovery codes."),
    }
