"""Admin views: import BibTeX (upload or paste, preview, choose, import) and add by DOI or arXiv ID."""

import dataclasses

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from research.publications.bibtex import (
    AuthorDraft,
    BibtexError,
    EntryDraft,
    mark_duplicates,
    match_members,
)
from research.publications.forms import BibtexUploadForm, IdentifierForm
from research.publications.importer import import_drafts
from research.publications.metadata import MetadataError, fetch
from research.publications.models import PublicationStatus
from research.publications.services import (
    NoPublicationIndex,
    default_index_page,
    import_bibtex,
    preview_bibtex,
)

SIGNING_SALT = "research.add-by-identifier"


def _index_page_for(request):
    try:
        index = default_index_page()
    except NoPublicationIndex as error:
        messages.error(request, str(error))
        return None
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return index


def import_bibtex_view(request):
    index = _index_page_for(request)
    if index is None:
        return redirect("wagtailadmin_home")
    context = {"index_page": index}
    if request.method == "POST" and request.POST.get("action") == "import":
        text = request.POST.get("bibtex", "")
        selected = request.POST.getlist("entry")
        if not selected:
            messages.error(request, _("Tick at least one entry to import."))
        else:
            try:
                result = import_bibtex(
                    text,
                    index,
                    selected_keys=selected,
                    status=request.POST.get("status") or None,
                    owner=request.user,
                )
            except BibtexError as error:
                messages.error(request, str(error))
                return redirect("research_import_bibtex")
            context.update({"result": result})
            return TemplateResponse(request, "research/admin/import_result.html", context)
    form = BibtexUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            drafts = preview_bibtex(form.cleaned_data["bibtex"], index)
        except BibtexError as error:
            form.add_error(None, str(error))
        else:
            context.update(
                {
                    "drafts": drafts,
                    "bibtex": form.cleaned_data["bibtex"],
                    "status": form.cleaned_data.get("status", ""),
                    "counts": {
                        s: sum(d.state == s for d in drafts) for s in ("new", "duplicate", "error")
                    },
                }
            )
            return TemplateResponse(request, "research/admin/import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, "research/admin/import_form.html", context)


def _sign(draft: EntryDraft) -> str:
    return signing.dumps(dataclasses.asdict(draft), salt=SIGNING_SALT, compress=True)


def _unsign(token: str) -> EntryDraft:
    data = signing.loads(token, salt=SIGNING_SALT, max_age=3600)
    data["authors"] = [AuthorDraft(**a) for a in data["authors"]]
    data["links"] = [tuple(link) for link in data["links"]]
    data["duplicate_of"] = tuple(data["duplicate_of"]) if data["duplicate_of"] else None
    return EntryDraft(**data)


def add_by_identifier_view(request):
    index = _index_page_for(request)
    if index is None:
        return redirect("wagtailadmin_home")
    if request.method == "POST" and request.POST.get("action") == "create":
        try:
            draft = _unsign(request.POST.get("draft", ""))
        except signing.BadSignature:
            messages.error(
                request, _("That confirmation expired or was changed. Fetch the publication again.")
            )
            return redirect("research_add_by_identifier")
        result = import_drafts(
            [draft], index, status=request.POST.get("status") or None, owner=request.user
        )
        if result.created:
            page = result.created[0]
            messages.success(
                request,
                _("'%(title)s' was added. Check it and add links, themes or a lay summary.")
                % {"title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        reason = (result.skipped or result.failed)[0][1]
        messages.error(request, _("Nothing was added: %(reason)s.") % {"reason": reason})
        return redirect("research_add_by_identifier")

    form = IdentifierForm(request.POST or None)
    context = {"form": form, "index_page": index}
    if request.method == "POST" and form.is_valid():
        try:
            draft = fetch(form.cleaned_data["identifier"])
        except MetadataError as error:
            form.add_error("identifier", str(error))
        else:
            match_members([draft])
            mark_duplicates([draft], index)
            context.update({"draft": draft, "token": _sign(draft), "statuses": _status_choices()})
            return TemplateResponse(request, "research/admin/identifier_confirm.html", context)
    return TemplateResponse(request, "research/admin/identifier_form.html", context)


def _status_choices():

    return PublicationStatus.choices


def admin_urls():

    return [
        path("publications/import-bibtex/", import_bibtex_view, name="research_import_bibtex"),
        path(
            "publications/add-by-identifier/",
            add_by_identifier_view,
            name="research_add_by_identifier",
        ),
    ]
