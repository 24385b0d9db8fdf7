"""The feedback form of the statement page: kept, then emailed to the named contact."""

from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from labsite import ratelimit
from labsite.accessibility import statement
from labsite.accessibility.forms import FeedbackForm
from labsite.mail.delivery import queue_email

FEEDBACK_LIMIT_PER_HOUR = 10


def feedback(page, request):
    from labsite.accessibility.models import AccessibilityFeedback

    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        verdict = ratelimit.hit(
            "accessibility-feedback", ratelimit.client_ip(request), FEEDBACK_LIMIT_PER_HOUR, 3600
        )
        if not verdict.allowed:
            form.is_valid()
            minutes = max(1, verdict.retry_after // 60)
            form.add_error(
                None,
                ngettext(
                    "Too many reports from your network in the last hour. Please try again in "
                    "%(minutes)d minute, or write to us by email.",
                    "Too many reports from your network in the last hour. Please try again in "
                    "%(minutes)d minutes, or write to us by email.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            status = 429
        elif form.is_valid():
            if not form.is_bot():
                site = page.get_site()
                with transaction.atomic():
                    report = AccessibilityFeedback.objects.create(
                        site=site,
                        where=form.cleaned_data["where"],
                        message=form.cleaned_data["message"],
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                    )
                    contact = statement.contact_email(site)
                    if contact:
                        queue_email(
                            to=[contact],
                            subject=_("Accessibility feedback: %(where)s")
                            % {"where": report.where or site.root_url},
                            template="labsite/email/accessibility_feedback",
                            context={"report": report, "statement_url": page.full_url},
                            source=f"accessibility-feedback:{report.pk}",
                            purpose="accessibility.feedback",
                            reply_to=[report.email] if report.email else None,
                        )
            return redirect(page.get_url(request) + page.reverse_subpage("feedback_sent"))
        else:
            status = 400
    response = page.render(
        request,
        template="labsite/accessibility_feedback.html",
        context_overrides={"form": form},
    )
    response.status_code = status
    return response
