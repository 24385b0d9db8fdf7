"""The admin's *Import a website*: upload a zip of the site's repository, read the preview,
import. The upload waits in private storage between the two steps; the import re-reads it and
refuses if the plan differs from the one previewed."""

import io
import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from labsite.models.site_settings import SiteSettings
from research.moving_in import report, tasks
from research.moving_in.apply import already_there
from research.moving_in.files import MAX_ZIP_BYTES, SiteFiles, SiteFilesError
from research.moving_in.models import SiteImportRun
from research.moving_in.readers import read_site

SESSION_KEY = "labsite_site_import"
UPLOAD_LIMIT = 100 * 1024 * 1024


class SiteUploadForm(forms.Form):
    archive = forms.FileField(
        label=_("Your website as a zip file"),
        help_text=_(
            "On GitHub: Code > Download ZIP on your site's repository (al-folio, academicpages, "
            "Hugo Blox, the Greene Lab template or your own markdown pages). Up to 100 MB."
        ),
    )

    site_format = forms.ChoiceField(
        label=_("Kind of site"),
        required=False,
        choices=[("", _("Recognise it from its files"))]
        + [(key, name) for key, name in report.FORMAT_NAMES.items()],
        help_text=_(
            "Leave this as it is unless the preview names the wrong kind of site: it says why it "
            "chose the one it did."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Into the site of"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("The group whose site the pages, people and publications go to."),
    )
    keep_examples = forms.BooleanField(
        label=_("Also import the theme's example content"),
        required=False,
        help_text=_(
            "Themes come with example posts, papers and people ('Blog Post number 1', 'Jane "
            "Smith'). They are left out and listed in the preview; tick this only if your site "
            "really shows them as its own."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.order_by("-is_default_site", "site_name", "hostname")
        self.fields["group"].queryset = sites
        self.fields["group"].label_from_instance = SiteSettings.name_of
        self.fields["group"].initial = sites.first()
        if len(sites) < 2:
            # One group: nothing to choose (the field stays out of the page).
            self.fields["group"].widget = forms.HiddenInput()

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if archive.size > UPLOAD_LIMIT:
            raise forms.ValidationError(
                _(
                    "The zip is larger than 100 MB. Leave out _site, public and large media, then zip it again."
                )
            )
        if not archive.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Choose a .zip file (Code > Download ZIP on GitHub)."))
        return archive


def may_import_sites(user) -> bool:
    # A whole site lands at once, with people, redirects and published pages: administrators only.
    return bool(user.is_active and user.is_superuser)


def _storage():
    return storages[tasks.STORAGE]


@require_http_methods(["GET", "POST"])
def upload(request):
    if not may_import_sites(request.user):
        raise PermissionDenied
    form = SiteUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["archive"].read(MAX_ZIP_BYTES + 1)
        try:
            files = SiteFiles.from_zip(io.BytesIO(data))
            choices = {
                "site_format": form.cleaned_data["site_format"] or None,
                "keep_examples": form.cleaned_data["keep_examples"],
            }
            group = form.cleaned_data["group"]
            plan = read_site(files, look_up=True, **choices)
            # Taken before the preview marks what is already on the site (which reads the
            # drafts against the site): the import recomputes it from a fresh reading.
            fingerprint = plan.fingerprint()
        except SiteFilesError as error:
            form.add_error("archive", str(error))
        else:
            name = f"site-imports/{secrets.token_hex(16)}.zip"
            stored = _storage().save(name, ContentFile(data))
            request.session[SESSION_KEY] = {
                "file": stored,
                "fingerprint": fingerprint,
                "site": group.pk if group else None,
                **choices,
            }
            existing = already_there(plan, site=group)
            people_rows = [(p, ("person", p.slug) in existing) for p in plan.people]
            page_rows = [(p, (p.kind, p.slug) in existing) for p in plan.pages]
            return render(
                request,
                "research/admin/site_import_preview.html",
                {
                    "plan": plan,
                    "people_rows": people_rows,
                    "page_rows": page_rows,
                    "already": sum(there for _item, there in people_rows + page_rows)
                    + sum(1 for i in plan.publications if i.draft.duplicate_of),
                    "counts": plan.counts(),
                    "fingerprint": fingerprint,
                    "format_name": report.FORMAT_NAMES.get(plan.site_format, plan.site_format),
                    "group": SiteSettings.name_of(group) if group else "",
                    "problems": [i for i in plan.publications if i.draft.errors],
                    "notices": [(i, n) for i in plan.publications for n in i.draft.notices],
                },
            )
    return render(request, "research/admin/site_import_upload.html", {"form": form})


@require_http_methods(["POST"])
def confirm(request):
    """Checks the preview is still what the zip gives, then hands the import to the task
    worker and shows its progress page: a large site takes a minute or two."""
    if not may_import_sites(request.user):
        raise PermissionDenied
    pending = request.session.get(SESSION_KEY)
    if not pending or not _storage().exists(pending["file"]):
        return render(
            request,
            "research/admin/site_import_upload.html",
            {
                "form": SiteUploadForm(),
                "message": _(
                    "That upload is no longer here (imported already, or expired). Upload the zip again."
                ),
            },
            status=400,
        )
    files = tasks.stored_files(pending["file"])
    plan = read_site(
        files,
        pending.get("site_format"),
        look_up=True,
        keep_examples=pending.get("keep_examples", False),
    )
    if (
        plan.fingerprint() != request.POST.get("fingerprint")
        or plan.fingerprint() != pending["fingerprint"]
    ):
        return render(
            request,
            "research/admin/site_import_upload.html",
            {
                "form": SiteUploadForm(),
                "message": _(
                    "What would be imported is no longer what the preview showed. Upload the zip again to see a new preview."
                ),
            },
            status=409,
        )
    run = SiteImportRun.objects.create(
        user=request.user,
        upload=pending["file"],
        fingerprint=plan.fingerprint(),
        site_format=pending.get("site_format") or "",
        keep_examples=pending.get("keep_examples", False),
        site=Site.objects.filter(pk=pending.get("site")).first(),
    )
    del request.session[SESSION_KEY]
    # With the database task backend the task row joins this request's transaction, so a
    # worker never looks for the run before it exists; in-process the import runs now.
    tasks.import_uploaded_site.enqueue(str(run.pk))
    return redirect("research_import_site_run", run.pk)


@require_http_methods(["GET"])
def run_status(request, run_id):
    if not may_import_sites(request.user):
        raise PermissionDenied
    run = get_object_or_404(SiteImportRun, pk=run_id)
    if run.state == SiteImportRun.DONE:
        return render(
            request, "research/admin/site_import_done.html", {"run": run, "outcome": run.outcome}
        )
    return render(
        request,
        "research/admin/site_import_running.html",
        {"run": run, "lines": run.progress.splitlines()[-15:]},
        status=200 if run.state == SiteImportRun.RUNNING else 400,
    )


def admin_urls():
    return [
        path("import-site/", upload, name="research_import_site"),
        path("import-site/confirm/", confirm, name="research_import_site_confirm"),
        path("import-site/runs/<uuid:run_id>/", run_status, name="research_import_site_run"),
    ]
