"""Export and erase, from the application's page in the admin."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from people.applicant_data import services
from people.applications.models import Application


def _application_or_refusal(request, pk):
    application = Application.objects.visible_to(request.user).filter(pk=pk).first()
    if application is None or not services.may_manage_data(request.user, application):
        # The same answer whether the application exists or not.
        return None, render(request, "people/admin/application_forbidden.html", status=403)
    return application, None


def export(request, pk):
    application, refusal = _application_or_refusal(request, pk)
    if refusal:
        return refusal
    response = HttpResponse(services.export_zip(application, request.user),
                            content_type="application/zip")  # fmt: skip
    response["Content-Disposition"] = (
        f'attachment; filename="application-{application.reference}.zip"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def erase(request, pk):
    application, refusal = _application_or_refusal(request, pk)
    if refusal:
        return refusal
    if request.method == "POST":
        reference = services.erase(application, request.user)
        messages.success(
            request,
            _("Application %(reference)s is erased: the form, the CV and the emails about it.")
            % {"reference": reference},
        )
        return redirect("applications:index")
    return render(request, "people/admin/application_erase.html", {"application": application})
