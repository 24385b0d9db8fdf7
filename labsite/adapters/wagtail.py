"""Wagtail's hook registry and its workflow emails: replacing what Wagtail connects itself.

Wagtail offers ``hooks.register`` but no way to unregister; labsite answers
wagtail-localize's page-listing buttons in two queries for a whole listing
(``labsite.translation_buttons``) instead of its two to four per row, so its hook must go.

Wagtail's review emails are sent at once through Django's mail (a mail server that is down
loses them), twice to administrators for one submission (the workflow's and the task's), and
name neither the group nor where an approved page went. ``labsite.mail.review`` sends its own
through the outbox; Wagtail's receivers are disconnected by the ``dispatch_uid`` they were
connected with (wagtail/admin/signal_handlers.py), which is not documented.
"""

from wagtail import hooks
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

#: The private names used here, checked by tests/labsite/test_adapters.py.
USES = (
    "wagtail.hooks._hooks",
    "wagtail.admin.signal_handlers dispatch_uids",
    "wagtail.admin.views.chooser.BrowseView(parent_page_id=)",
)

#: Wagtail's email receivers: (our name, signal, sender, the dispatch_uid Wagtail uses).
WORKFLOW_EMAIL_RECEIVERS = (
    ("task_submitted", task_submitted, TaskState,
     "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", workflow_submitted, WorkflowState,
     "workflow_state_submitted_email_notification"),
    ("workflow_rejected", workflow_rejected, None, "workflow_state_rejected_email_notification"),
    ("workflow_approved", workflow_approved, WorkflowState,
     "workflow_state_approved_email_notification"),
)  # fmt: skip


def take_over_workflow_emails(receivers: dict) -> None:
    """Put ``receivers`` ({"task_submitted": fn, "workflow_submitted": fn, ...}) in the places
    of Wagtail's review emails. Connected under Wagtail's own dispatch_uid, so whichever app is
    ready first, Wagtail's connect finds the place taken (Django skips a uid it has) or its
    receiver is removed here."""
    for name, signal, sender, uid in WORKFLOW_EMAIL_RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(receivers[name], sender=sender, dispatch_uid=uid, weak=False)


def replace_hook(hook_name: str, theirs, ours) -> bool:
    """Put ``ours`` where ``theirs`` is registered for ``hook_name``; False when ``theirs``
    is not registered (then nothing changes)."""
    registered = hooks._hooks.get(hook_name, [])
    found = [entry for entry in registered if entry[0] is theirs]
    for entry in found:
        registered.remove(entry)
    if found and not any(entry[0] is ours for entry in registered):
        hooks.register(hook_name, ours)
    return bool(found)


def page_chooser_opening_at(start_page_id):
    """Wagtail's page chooser (the view at ``wagtailadmin_choose_page``), opened at the page
    ``start_page_id(request)`` names when the editor has not browsed anywhere yet. Wagtail offers
    no setting for where an empty chooser opens (wagtail/wagtail#3322); its view takes the
    start as the ``parent_page_id`` of its own child URL, so this passes one."""
    from wagtail.admin.views.chooser import BrowseView

    browse = BrowseView.as_view()

    def view(request):
        start = start_page_id(request)
        if start is not None:
            return browse(request, parent_page_id=start)
        return browse(request)

    return view
