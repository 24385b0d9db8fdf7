import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsiteConfig(AppConfig):
    name = "labsite"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported in ready(): models and the registries they fill load only once the app
        # registry is ready (Django's documented hook for this).
        from labsite import sections
        from labsite.audit import signals as audit
        from labsite.groups import skeleton
        from labsite.news import digests as digest_lists
        from labsite.privacy.core_parts import register_core_parts

        register_core_parts()

        audit.connect()
        from labsite.sso import signals as sso

        sso.connect()
        skeleton.register(skeleton.IndexPageSpec("labsite.NewsIndexPage", "News", "news", 70))
        skeleton.grant_editors(
            *skeleton.crud("labsite", "grant"),
            "labsite.view_subscriber",
            "labsite.delete_subscriber",
        )
        from labsite.news.models import latest_news

        sections.register(
            sections.Section(
                key="news",
                label=_("Latest news"),
                template="components/sections/news.html",
                items=latest_news,
                order=10,
            )
        )
        digest_lists.register()
        _register_periodic_jobs()
        _take_over_review_emails()
        _connect_page_cache()
        _connect_renditions()


def _connect_renditions():
    # Imported when ready() runs: the handlers need the image and settings models.
    from labsite.models import SiteSettings
    from labsite.renditions import signals

    signals.connect(SiteSettings)


def _connect_page_cache():
    # Imported when ready() runs: the handlers look models up by label.
    from labsite.pagecache import checks, invalidation  # noqa: F401  (checks registers itself)

    for label in (
        "labsite.OutboxEmail",
        "labsite.Suppression",
        "labsite.Subscriber",
        "labsite.Subscription",
        "labsite.DigestRun",
        "labsite.DigestDelivery",
        "labsite.PeriodicJobRun",
        # The audit log is read in the admin only: a sign-in must not empty the page cache.
        "labsite.AuditEvent",
        # Visitors' accessibility reports show in the admin only.
        "labsite.AccessibilityFeedback",
    ):
        invalidation.private_models.register(label)
    invalidation.connect()


def _register_periodic_jobs():
    # Imported when ready() runs, for the same reason.
    from labsite import scheduling
    from labsite.mail import delivery as mail
    from labsite.subscriptions import digests

    minute, day = datetime.timedelta(minutes=1), datetime.timedelta(days=1)
    # Every half minute, so a page appears within a minute of its go-live time under
    # `make run`'s 15-second ticks (a job runs on the first tick at least an interval later).
    half_minute = datetime.timedelta(seconds=30)

    def send_email(now):
        outcomes = mail.send_due(now, limit=500)
        return ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items())) or "none due"

    def send_digests(now):
        report = digests.send_digests(now)
        return (
            f"{sum(row['queued'] for row in report)} digest email(s) queued"
            if report
            else "none due"
        )

    def prune_task_results(now):
        # Only a database queue keeps finished tasks; in-process ones (`make run`, the
        # embedded default) keep nothing, and django-tasks-db's command refuses that backend.
        from django.conf import settings
        from django.utils.module_loading import import_string
        from django_tasks_db import DatabaseBackend

        if not issubclass(import_string(settings.TASKS["default"]["BACKEND"]), DatabaseBackend):
            return "nothing kept: background tasks run in-process here"
        return scheduling.command_job(
            "prune_task_results", day, "prune_db_task_results", "--min-age-days", "14"
        ).run(now)

    for job in (
        scheduling.command_job(
            "publish_scheduled", half_minute, "publish_scheduled",
            description="publish and unpublish pages at their go-live and expiry times",
        ),
        scheduling.PeriodicJob("send_queued_email", minute, send_email, "retry email that could not be sent"),
        scheduling.PeriodicJob("send_digests", datetime.timedelta(minutes=15), send_digests,
                               "subscribers' daily and weekly digests, never twice"),
        scheduling.PeriodicJob("prune_task_results", day, prune_task_results,
                               "forget finished background tasks after 14 days"),
    ):  # fmt: skip
        scheduling.register(job)


def _take_over_review_emails():
    """Review emails through the outbox, one per reviewer, naming the group (labsite.mail.review)."""
    from labsite.adapters import wagtail as wagtail_adapter
    from labsite.mail import review

    wagtail_adapter.take_over_workflow_emails(review.RECEIVERS)
